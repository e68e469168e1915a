"""Accounts as the store lists them: flattened with speaker, source, claim and
stance, with an analyst's review applied over what the analysis found."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sayso.model import UNKNOWN

# reviewed_accounts (schema.sql): the reviewed value wins over the analysed one.
# The WHERE holds only the filters given (read_accounts), so that one article's
# accounts are looked up by the key, not scanned for.
_ACCOUNTS_SQL = """
SELECT ra.id, ra.article_id, d.source, ar.title, ra.kind, ra.content,
       ra.speaker, ra.speaker_text, ra.descriptor, COALESCE(ra.side, :unknown),
       ra.cue, ra.recipient, ra.channel, ra.confidence, ra.content_start, ra.content_end,
       ra.stance, ra.claim_id, ra.reviewed, ra.rejected, ra.reviewer, ra.reviewed_at,
       ar.published, ar.site_name
FROM reviewed_accounts AS ra
JOIN articles AS ar ON ar.id = ra.article_id
JOIN documents AS d ON d.id = ar.document_id
WHERE {where}
ORDER BY ar.rowid, ra.content_start, ra.content_end, ra.id
LIMIT :limit
"""
_FILTERS = {
    "speaker": """(sayso_contains(ra.reviewed_speaker, :speaker)
       OR (ra.reviewed_speaker IS NULL AND (sayso_contains(ra.speaker_name, :speaker)
                                            OR sayso_contains(ra.speaker_group, :speaker)
                                            OR sayso_contains(ra.speaker_text, :speaker))))""",
    "side": "sayso_casefold(COALESCE(ra.side, :unknown)) = :side",
    "article": "ra.article_id = :article",
}


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
        "limit": -1 if limit is None else limit,  # SQLite: a negative LIMIT means none
    }
    where = [_FILTERS[name] for name in _FILTERS if params[name] is not None]
    if not include_rejected:
        where.append("ra.rejected = 0")
    sql = _ACCOUNTS_SQL.format(where="\n  AND ".join(where) or "1")
    rows = conn.execute(sql, params).fetchall()
    return [_row(list(r)) for r in rows]


def _row(values: list[Any]) -> AccountRow:
    values[18] = bool(values[18])  # reviewed
    values[19] = bool(values[19])  # rejected
    return AccountRow(*values)
