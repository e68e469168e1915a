"""Analysts' corrections of accounts: speaker, side, stance, claim, or a rejection.

A review is keyed by the account's id, which is a hash of the article and the
account's offsets: re-analysing the article gives the same ids, so the review
applies again. Every review is also appended to ``review_log``, so who changed
what, and when, is never lost.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sayso.errors import NotFound, ReviewError

STANCES = ("supports", "partly", "denies", "reports", "silent")
MAX_FIELD = 200  # characters: a name, a side, an id


@dataclass(frozen=True, slots=True)
class Review:
    """One account's correction; a None field leaves the analysis's value."""

    account_id: str
    article_id: str
    speaker: str | None
    side: str | None
    stance: str | None
    claim_id: str | None
    rejected: bool
    reviewer: str
    reviewed_at: str


def _clean(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    if len(value) > MAX_FIELD:
        raise ReviewError(f"the {what} is longer than {MAX_FIELD} characters")
    return value or None


def make_review(
    conn: sqlite3.Connection,
    account_id: str,
    *,
    reviewer: str,
    speaker: str | None = None,
    side: str | None = None,
    stance: str | None = None,
    claim_id: str | None = None,
    rejected: bool = False,
) -> Review:
    """A checked review of a stored account (not yet saved)."""
    row = conn.execute("SELECT article_id FROM accounts WHERE id = ?", (account_id,)).fetchone()
    if row is None:
        raise NotFound(f"no stored account {account_id!r}")
    who = _clean(reviewer, "reviewer")
    if who is None:
        raise ReviewError("a review needs a reviewer's name")
    stance = _clean(stance, "stance")
    if stance is not None and stance not in STANCES:
        raise ReviewError(f"stance {stance!r} is not one of {', '.join(STANCES)}")
    claim_id = _clean(claim_id, "claim")
    if (
        claim_id is not None
        and not conn.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone()
    ):
        raise ReviewError(f"no stored claim {claim_id!r}")
    side = _clean(side, "side")
    return Review(
        account_id=account_id,
        article_id=str(row[0]),
        speaker=_clean(speaker, "speaker"),
        side=side.casefold() if side else None,
        stance=stance,
        claim_id=claim_id,
        rejected=rejected,
        reviewer=who,
        reviewed_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def save(conn: sqlite3.Connection, review: Review) -> None:
    """Store the review (replacing the account's earlier one) and log it."""
    conn.execute(
        "INSERT OR REPLACE INTO reviews (account_id, article_id, speaker, side, stance, claim_id,"
        " rejected, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            review.account_id,
            review.article_id,
            review.speaker,
            review.side,
            review.stance,
            review.claim_id,
            int(review.rejected),
            review.reviewer,
            review.reviewed_at,
        ),
    )
    fields = {k: v for k, v in asdict(review).items() if k not in ("reviewer", "reviewed_at")}
    _log(conn, review.account_id, review.reviewer, review.reviewed_at, fields)


def clear(conn: sqlite3.Connection, account_id: str, reviewer: str) -> str | None:
    """Drop the account's review (logged); the article id it was in, or None."""
    row = conn.execute(
        "SELECT article_id FROM reviews WHERE account_id = ?", (account_id,)
    ).fetchone()
    if row is None:
        return None
    conn.execute("DELETE FROM reviews WHERE account_id = ?", (account_id,))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    _log(conn, account_id, reviewer or "?", now, {"cleared": True})
    return str(row[0])


def _log(
    conn: sqlite3.Connection, account_id: str, reviewer: str, when: str, fields: dict[str, object]
) -> None:
    conn.execute(
        "INSERT INTO review_log (account_id, reviewer, reviewed_at, review) VALUES (?, ?, ?, ?)",
        (account_id, reviewer, when, json.dumps(fields, ensure_ascii=False, sort_keys=True)),
    )


_COLUMNS = (
    "account_id, article_id, speaker, side, stance, claim_id, rejected, reviewer, reviewed_at"
)


def read(conn: sqlite3.Connection, *, article_id: str | None = None) -> list[Review]:
    """Stored reviews, of one article or all, oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM reviews WHERE ? IS NULL OR article_id = ? ORDER BY reviewed_at",
        (article_id, article_id),
    ).fetchall()
    return [_review(r) for r in rows]


def read_one(conn: sqlite3.Connection, account_id: str) -> Review | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM reviews WHERE account_id = ?", (account_id,))
    found = row.fetchone()
    return _review(found) if found else None


def history(conn: sqlite3.Connection, account_id: str) -> list[dict[str, object]]:
    """Every review of the account, oldest first."""
    rows = conn.execute(
        "SELECT reviewer, reviewed_at, review FROM review_log WHERE account_id = ? ORDER BY rowid",
        (account_id,),
    ).fetchall()
    return [{"reviewer": r, "reviewed_at": t, "review": json.loads(v)} for r, t, v in rows]


def _review(row: tuple[object, ...]) -> Review:
    values = list(row)
    values[6] = bool(values[6])
    return Review(*values)  # type: ignore[arg-type]
