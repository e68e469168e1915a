"""Accounts as the store lists them: flattened with speaker, source, claim and
stance, with an analyst's review applied over what the analysis found."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sayso.model import UNKNOWN

# The reviewed value wins over the analysed one, field by field.
_ACCOUNTS_SQL = """
SELECT ac.id, ac.article_id, d.source, ar.title, ac.kind, ac.content,
       COALESCE(rv.speaker, sp.name, sp.group_name, ac.speaker_text), ac.speaker_text,
       sp.descriptor, COALESCE(rv.side, sp.side, :unknown), ac.cue, ac.recipient, ac.channel,
       ac.confidence, ac.content_start, ac.content_end,
       COALESCE(rv.stance, st.stance), COALESCE(rv.claim_id, st.claim_id),
       rv.account_id IS NOT NULL, COALESCE(rv.rejected, 0), rv.reviewer, rv.reviewed_at,
       ar.published, ar.site_name
FROM accounts AS ac
JOIN articles AS ar ON ar.id = ac.article_id
JOIN documents AS d ON d.id = ar.document_id
LEFT JOIN speakers AS sp ON sp.article_id = ac.article_id AND sp.id = ac.speaker_id
LEFT JOIN reviews AS rv ON rv.account_id = ac.id
LEFT JOIN statements AS st ON st.article_id = ac.article_id AND st.id = (
    SELECT s2.id FROM statements AS s2
    WHERE s2.article_id = ac.article_id AND s2.account_id = ac.id LIMIT 1)
WHERE (:speaker IS NULL
       OR sayso_contains(rv.speaker, :speaker)
       OR (rv.speaker IS NULL AND (sayso_contains(sp.name, :speaker)
                                   OR sayso_contains(sp.group_name, :speaker)
                                   OR sayso_contains(ac.speaker_text, :speaker))))
  AND (:side IS NULL OR sayso_casefold(COALESCE(rv.side, sp.side, :unknown)) = :side)
  AND (:article IS NULL OR ac.article_id = :article)
  AND (:rejected OR COALESCE(rv.rejected, 0) = 0)
ORDER BY ar.rowid, ac.content_start, ac.content_end, ac.id
LIMIT :limit
"""


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One stored account, flattened with its speaker and source for listing.

    ``speaker``, ``side``, ``stance`` and ``claim_id`` are the reviewed values
    when an analyst has reviewed the account (``reviewed``), else the analysis's.
    """

    account_id: str
    article_id: str
    source: str
    title: str | None
    kind: str
    content: str
    speaker: str | None  # canonical name, else group, else as written
    speaker_as_written: str | None
    descriptor: str | None
    side: str
    cue: str | None
    recipient: str | None
    channel: str | None
    confidence: float
    content_start: int
    content_end: int
    stance: str | None = None  # toward its claim: supports, partly, denies, reports
    claim_id: str | None = None
    reviewed: bool = False
    rejected: bool = False
    reviewer: str | None = None
    reviewed_at: str | None = None
    published: str | None = None
    outlet: str | None = None


def read_accounts(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    side: str | None = None,
    article_id: str | None = None,
    include_rejected: bool = False,
    limit: int | None = None,
) -> list[AccountRow]:
    """Stored accounts in article order, then by position in the article."""
    params: dict[str, Any] = {
        "speaker": speaker,
        "side": side.casefold() if side is not None else None,
        "unknown": UNKNOWN,
        "article": article_id,
        "rejected": int(include_rejected),
        "limit": -1 if limit is None else limit,  # SQLite: a negative LIMIT means none
    }
    rows = conn.execute(_ACCOUNTS_SQL, params).fetchall()
    return [_row(list(r)) for r in rows]


def _row(values: list[Any]) -> AccountRow:
    values[18] = bool(values[18])  # reviewed
    values[19] = bool(values[19])  # rejected
    return AccountRow(*values)
