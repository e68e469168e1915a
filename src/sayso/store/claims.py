"""Claims in the store: load what claim linking needs (the clusters'
centroids, the stored fingerprints), write what it decided (:mod:`sayso.link.claims`),
and read clusters back with their accounts by side (an analyst's review of an
account applied: its speaker, side, stance, claim).

Near-duplicate articles are found by their MinHash signatures; a reprint's
accounts count toward the original's sources.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sayso.claims import fingerprint
from sayso.link.claims import (
    ClaimCandidate,
    ClaimDecision,
    ClaimUpdate,
    Member,
    StatementLink,
    StoredFingerprint,
)
from sayso.model import UNKNOWN

_CANDIDATES_SQL = """
SELECT c.id, c.vector, c.size, c.polarity, c.words, c.article_id,
       (SELECT group_concat(e.name, char(31)) FROM entities AS e
        WHERE e.article_id = c.article_id AND e.label = 'PLACE')
FROM claims AS c {where} ORDER BY c.rowid
"""
# The clusters an article's spoken statements are in.
_OF_ARTICLE = """WHERE c.id IN (SELECT claim_id FROM statements WHERE article_id = ?
                                AND stance != 'silent' AND claim_id IS NOT NULL)"""


def candidates(conn: sqlite3.Connection) -> list[ClaimCandidate]:
    """Every stored cluster, in the order they were made (read once per
    connection: see :mod:`sayso.store.linking`)."""
    return _candidates(conn, "", ())


def _candidates(
    conn: sqlite3.Connection, where: str, params: tuple[object, ...]
) -> list[ClaimCandidate]:
    return [
        ClaimCandidate(
            claim_id,
            np.frombuffer(blob, dtype=np.float32).copy(),
            size,
            sign,
            frozenset(words.split()),
            article_id,
            stored_places([places] if places else []),
        )
        for claim_id, blob, size, sign, words, article_id, places in conn.execute(
            _CANDIDATES_SQL.format(where=where), params
        )
    ]


def stored_places(names: Iterable[str]) -> frozenset[str]:
    """An article's place names as a cluster's places are read back: joined with
    char(31) (group_concat), casefolded, split."""
    joined = "\x1f".join(names)
    return frozenset(joined.casefold().split("\x1f")) if joined else frozenset()


def fingerprints(conn: sqlite3.Connection, article_id: str) -> list[StoredFingerprint]:
    """The stored articles' signatures, but the article's own, in the order they
    were written (``article_id=""``: all of them)."""
    return [
        StoredFingerprint(other_id, fingerprint.from_bytes(blob))
        for other_id, blob in conn.execute(
            "SELECT article_id, signature FROM fingerprints WHERE article_id != ? ORDER BY rowid",
            (article_id,),
        )
    ]


def write(conn: sqlite3.Connection, decision: ClaimDecision) -> None:
    """Store the article's fingerprint and statements, each in its claim cluster."""
    article_id = decision.article_id
    conn.execute(
        "INSERT OR REPLACE INTO fingerprints (article_id, signature, duplicate_of, overlap)"
        " VALUES (?, ?, ?, ?)",
        (
            article_id,
            fingerprint.to_bytes(decision.signature),
            decision.duplicate_of,
            decision.overlap,
        ),
    )
    conn.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO claims (id, text, article_id, vector, size, polarity, words)"
        " VALUES (?, ?, ?, ?, 0, ?, '')",
        [
            (c.claim_id, c.text, c.article_id, c.vector.tobytes(), c.polarity)
            for c in decision.created
        ],
    )
    conn.executemany(_INSERT_SQL, [_statement_row(link) for link in decision.statements])
    _update(conn, decision.updated, words=True)


def members(conn: sqlite3.Connection, article_id: str) -> tuple[list[Member], list[ClaimCandidate]]:
    """An article's spoken statements in their clusters, and those clusters:
    what :func:`sayso.link.unlink_claims` needs to take them out."""
    found = [
        Member(claim_id, text)
        for claim_id, text in conn.execute(
            "SELECT claim_id, text FROM statements WHERE article_id = ? AND stance != 'silent'"
            " AND claim_id IS NOT NULL ORDER BY rowid",
            (article_id,),
        )
    ]
    return found, _candidates(conn, _OF_ARTICLE, (article_id,))


def unlink(conn: sqlite3.Connection, article_id: str, clusters: tuple[ClaimUpdate, ...]) -> None:
    """Delete the article's statements and fingerprint, write the clusters as they
    are without them (:func:`sayso.link.unlink_claims`), and delete each cluster
    left with no statement."""
    conn.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM fingerprints WHERE article_id = ?", (article_id,))
    _update(conn, clusters, words=False)
    conn.execute(
        "DELETE FROM claims WHERE size <= 0"
        " AND NOT EXISTS (SELECT 1 FROM statements AS st WHERE st.claim_id = claims.id)"
    )


def kept(conn: sqlite3.Connection, claim_ids: list[str]) -> set[str]:
    """Which of these clusters the store still holds."""
    found: set[str] = set()
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(
            claim_id
            for (claim_id,) in conn.execute(
                f"SELECT id FROM claims WHERE id IN ({marks})",  # noqa: S608 (only marks)
                chunk,
            )
        )
    return found


def _update(conn: sqlite3.Connection, clusters: tuple[ClaimUpdate, ...], *, words: bool) -> None:
    if words:
        conn.executemany(
            "UPDATE claims SET vector = ?, size = ?, words = ? WHERE id = ?",
            [
                (
                    c.vector.astype(np.float32).tobytes(),
                    c.size,
                    " ".join(sorted(c.words)),
                    c.claim_id,
                )
                for c in clusters
            ],
        )
    else:
        conn.executemany(
            "UPDATE claims SET vector = ?, size = ? WHERE id = ?",
            [(c.vector.astype(np.float32).tobytes(), c.size, c.claim_id) for c in clusters],
        )


_INSERT_SQL = (
    "INSERT INTO statements (article_id, id, claim_id, account_id, span_start, span_end, text,"
    " stance, stance_evidence, speaker_id, who, similarity)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _statement_row(link: StatementLink) -> tuple[object, ...]:
    statement = link.statement
    return (
        statement.article_id,
        statement.id,
        link.claim_id,
        statement.account_id,
        statement.span.start,
        statement.span.end,
        link.text,
        link.stance,
        statement.stance_evidence,
        statement.speaker_id,
        statement.who,
        link.similarity,
    )


# ------------------------------------------------------------------ reading


@dataclass(frozen=True, slots=True)
class ClaimStatement:
    """One statement of a claim, with its source, for display and JSON."""

    statement_id: str
    article_id: str
    source: str
    title: str | None
    original_article_id: str  # the article this one reprints, or itself
    account_id: str | None
    text: str
    start: int
    end: int
    stance: str
    stance_evidence: str | None
    speaker: str | None
    side: str
    similarity: float | None
    reviewed: bool = False  # an analyst's review set its speaker, side, stance or claim


@dataclass(slots=True)
class ClaimSummary:
    """A claim cluster: its text, statements, and counts by side and stance."""

    claim_id: str
    text: str
    statements: list[ClaimStatement] = field(default_factory=list)

    @property
    def contested(self) -> bool:
        """Some statement supports the claim and another denies it."""
        stances = {s.stance for s in self.statements}
        return "supports" in stances and "denies" in stances

    def by_side(self) -> dict[str, dict[str, list[ClaimStatement]]]:
        """side -> stance -> statements."""
        out: dict[str, dict[str, list[ClaimStatement]]] = {}
        for statement in self.statements:
            out.setdefault(statement.side, {}).setdefault(statement.stance, []).append(statement)
        return out

    def independent_sources(self) -> dict[str, int]:
        """Per side, the sources that are not copies of one another: a named speaker
        counts once wherever they spoke; anyone else once per original story."""
        keys: dict[str, set[tuple[str, str]]] = {}
        for s in self.statements:
            key = ("name", s.speaker.casefold()) if s.speaker else ("story", s.original_article_id)
            keys.setdefault(s.side, set()).add(key)
        return {side: len(found) for side, found in sorted(keys.items())}

    def as_dict(self) -> dict[str, object]:
        return {
            "claim_id": self.claim_id,
            "text": self.text,
            "contested": self.contested,
            "statements": len(self.statements),
            "independent_sources": self.independent_sources(),
            "by_side": {
                side: {stance: [_statement_dict(s) for s in items] for stance, items in st.items()}
                for side, st in sorted(self.by_side().items())
            },
        }


def _statement_dict(s: ClaimStatement) -> dict[str, object]:
    return {
        "statement_id": s.statement_id,
        "article_id": s.article_id,
        "source": s.source,
        "title": s.title,
        "reprint_of": s.original_article_id if s.original_article_id != s.article_id else None,
        "account_id": s.account_id,
        "text": s.text,
        "span": [s.start, s.end],
        "stance": s.stance,
        "stance_evidence": s.stance_evidence,
        "speaker": s.speaker,
        "side": s.side,
        "similarity": s.similarity,
        "reviewed": s.reviewed,
    }


# One claim's statements, or every claim's (read_claims: one query, grouped in
# Python); ties in position go by the order the statements were written.
_STATEMENTS_SQL = """
SELECT rs.id, rs.article_id, d.source, ar.title,
       COALESCE(fp.duplicate_of, rs.article_id), rs.account_id, rs.text, rs.span_start, rs.span_end,
       rs.stance, rs.stance_evidence, rs.speaker, COALESCE(rs.side, :unknown), rs.similarity,
       rs.reviewed, rs.claim_id
FROM reviewed_statements AS rs
JOIN articles AS ar ON ar.id = rs.article_id
JOIN documents AS d ON d.id = ar.document_id
LEFT JOIN fingerprints AS fp ON fp.article_id = rs.article_id
WHERE {where}
  AND rs.rejected = 0
ORDER BY ar.rowid, rs.span_start, rs.statement_rowid
"""
# A claim's statements: those linked to it, and those of accounts a review moved to it.
_ONE_CLAIM = """rs.statement_rowid IN (SELECT rowid FROM statements WHERE claim_id = :claim
                             UNION SELECT s.rowid FROM statements AS s
                                   JOIN reviews AS r ON r.account_id = s.account_id
                                   WHERE r.claim_id = :claim)
  AND rs.claim_id = :claim"""
_CLAIM_STATEMENTS_SQL = _STATEMENTS_SQL.format(where=_ONE_CLAIM)
_ALL_STATEMENTS_SQL = _STATEMENTS_SQL.format(where="rs.claim_id IS NOT NULL")


def read_claims(conn: sqlite3.Connection, search: str | None = None) -> list[ClaimSummary]:
    """Every cluster with its statements, largest first; ``search`` keeps the
    clusters with a statement holding the text (case-insensitive). Two queries,
    whatever the number of claims."""
    grouped: dict[str, list[ClaimStatement]] = {}
    for row in conn.execute(_ALL_STATEMENTS_SQL, {"unknown": UNKNOWN}).fetchall():
        grouped.setdefault(row[-1], []).append(_statement(list(row)))
    out = []
    for claim_id, text in conn.execute("SELECT id, text FROM claims ORDER BY rowid").fetchall():
        statements = grouped.get(claim_id)
        if not statements:
            continue
        if search and not any(search.casefold() in s.text.casefold() for s in statements):
            continue
        out.append(ClaimSummary(claim_id, text, statements))
    return sorted(out, key=lambda c: -len(c.statements))


def read_claim(conn: sqlite3.Connection, claim_id: str, text: str) -> ClaimSummary:
    rows = conn.execute(_CLAIM_STATEMENTS_SQL, {"claim": claim_id, "unknown": UNKNOWN})
    found = [_statement(list(row)) for row in rows.fetchall()]
    return ClaimSummary(claim_id, text, found)


def _statement(values: list[Any]) -> ClaimStatement:
    values[-2] = bool(values[-2])  # reviewed, 0 or 1 in SQL
    return ClaimStatement(*values[:-1])  # the last: the claim's id
