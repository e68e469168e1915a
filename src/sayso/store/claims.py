"""Claims in the store: load what claim linking needs (the stored parts, the
stored fingerprints), write what it decided (:mod:`sayso.link.claims`,
:mod:`sayso.link.groups`),
and read clusters back with their accounts by side (an analyst's review of an
account applied: its speaker, side, stance, claim).

Near-duplicate articles are found by their MinHash signatures; a reprint's
accounts count toward the original's sources.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sayso.claims import fingerprint
from sayso.link.claims import ClaimDecision, ClaimPart, StatementLink, StoredFingerprint
from sayso.link.groups import PartIndex, Regrouped, flips
from sayso.link.propositions import incident_of_key
from sayso.model import UNKNOWN
from sayso.store import search as search_store
from sayso.store.rivals import RivalClaim, rival_ids

_SEP = "\x1f"


def parts(conn: sqlite3.Connection) -> list[tuple[ClaimPart, str]]:
    """Every stored part with its claim, in the order they were written (read
    once per connection: see :mod:`sayso.store.linking`)."""
    found = []
    for row in conn.execute(
        "SELECT id, article_id, text, vector, size, polarity, words, places, keys, context,"
        " claim_id FROM claim_parts ORDER BY rowid"
    ):
        part_id, article_id, text, blob, size, polarity, words, places, keys, context, claim = row
        vector = np.frombuffer(blob, dtype=np.float32).copy()
        found.append(
            (
                ClaimPart(
                    part_id,
                    article_id,
                    text,
                    vector,
                    size,
                    polarity,
                    frozenset(words.split()),
                    _split(places),
                    _split(keys),
                    _split(context),
                ),
                claim,
            )
        )
    return found


def _split(joined: str) -> frozenset[str]:
    return frozenset(joined.split(_SEP)) if joined else frozenset()


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
    """Store the article's fingerprint, its parts and its statements, each in its
    part; which claim each part is in is :func:`regroup`'s to write."""
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
        "INSERT OR REPLACE INTO claim_parts (id, text, article_id, vector, size, polarity,"
        " words, claim_id, places, keys, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                *_shown(p),
                p.part_id,
                _SEP.join(sorted(p.places)),
                _SEP.join(sorted(p.keys)),
                _SEP.join(sorted(p.context)),
            )
            for p in decision.parts
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO part_keys (part_id, incident, key) VALUES (?, ?, ?)",
        [(p.part_id, incident_of_key(k), k) for p in decision.parts for k in sorted(p.keys)],
    )
    conn.executemany(_INSERT_SQL, [_statement_row(link) for link in decision.statements])


def _shown(part: ClaimPart) -> tuple[object, ...]:
    """A part's id, text, article, vector, size, polarity and words, as stored
    for it and for the claim it leads."""
    return (
        part.part_id,
        part.text,
        part.article_id,
        part.vector.astype(np.float32).tobytes(),
        part.size,
        part.polarity,
        " ".join(sorted(part.words)),
    )


def regroup(conn: sqlite3.Connection, index: PartIndex, changes: Regrouped) -> None:
    """Write what grouping changed (:class:`~sayso.link.groups.Regrouped`): a row
    and a search row for each claim started; each moved part's claim, and its
    statements' claim and stance toward it; claims stopped deleted."""
    for part_id in sorted(changes.started):
        part = index.part(part_id)
        conn.execute(
            "INSERT OR REPLACE INTO claims (id, text, article_id, vector, size, polarity, words)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            _shown(part),
        )
        search_store.index_claim(conn, part_id, part.article_id, part.text)
    for part_id, claim_id in sorted(changes.claim_of.items()):
        flip = flips(index.part(part_id), index.part(claim_id), index.event_of)
        conn.execute("UPDATE claim_parts SET claim_id = ? WHERE id = ?", (claim_id, part_id))
        conn.execute(_MOVE_SQL, {"claim": claim_id, "part": part_id, "flip": flip})
    for claim_id in sorted(changes.stopped - changes.started):
        # Statements still in it are of a store from before parts, whose part went.
        conn.execute("UPDATE statements SET claim_id = NULL WHERE claim_id = ?", (claim_id,))
        conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
        search_store.remove_claim(conn, claim_id)


# A part's statements into its claim: the stance toward the part's claim, turned
# over when the part says the opposite of the claim's leader (groups.flips).
_MOVE_SQL = """
UPDATE statements SET claim_id = :claim,
    stance = CASE WHEN NOT :flip THEN part_stance
                  WHEN part_stance = 'supports' THEN 'denies'
                  WHEN part_stance = 'denies' THEN 'supports'
                  ELSE part_stance END
WHERE part_id = :part
"""


def unlink(conn: sqlite3.Connection, article_id: str) -> None:
    """Delete the article's statements, fingerprint and parts (the claims they
    led or joined are :func:`regroup`'s to write)."""
    conn.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM fingerprints WHERE article_id = ?", (article_id,))
    # A store from before parts: other articles' statements may be in its parts.
    conn.execute(
        "UPDATE statements SET part_id = NULL, claim_id = NULL WHERE part_id IN"
        " (SELECT id FROM claim_parts WHERE article_id = ?)",
        (article_id,),
    )
    conn.execute(
        "DELETE FROM part_keys WHERE part_id IN (SELECT id FROM claim_parts WHERE article_id = ?)",
        (article_id,),
    )
    conn.execute("DELETE FROM claim_parts WHERE article_id = ?", (article_id,))


_INSERT_SQL = (
    "INSERT INTO statements (article_id, id, claim_id, account_id, span_start, span_end, text,"
    " stance, stance_evidence, speaker_id, who, similarity, part_id, part_stance)"
    " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _statement_row(link: StatementLink) -> tuple[object, ...]:
    statement = link.statement
    return (
        statement.article_id,
        statement.id,
        statement.account_id,
        statement.span.start,
        statement.span.end,
        link.text,
        link.stance,
        statement.stance_evidence,
        statement.speaker_id,
        statement.who,
        link.similarity,
        link.part_id,
        link.stance,
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
    # claims about the same event that cannot be true with this one (rivals.py)
    rivals: list[RivalClaim] = field(default_factory=list)

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
            "rivals": [r.as_dict() for r in self.rivals],
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
STATEMENTS_SQL = """
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
_CLAIM_STATEMENTS_SQL = STATEMENTS_SQL.format(where=_ONE_CLAIM)
_ALL_STATEMENTS_SQL = STATEMENTS_SQL.format(where="rs.claim_id IS NOT NULL")


def read_claims(conn: sqlite3.Connection, search: str | None = None) -> list[ClaimSummary]:
    """Every cluster with its statements, largest first; ``search`` keeps the
    clusters with a statement holding the text (case-insensitive). Two queries,
    whatever the number of claims."""
    grouped: dict[str, list[ClaimStatement]] = {}
    for row in conn.execute(_ALL_STATEMENTS_SQL, {"unknown": UNKNOWN}).fetchall():
        grouped.setdefault(row[-1], []).append(statement_of(list(row)))
    texts = dict(conn.execute("SELECT id, text FROM claims ORDER BY rowid").fetchall())
    rivals = rival_ids(conn, None)
    out = []
    for claim_id, text in texts.items():
        statements = grouped.get(claim_id)
        if not statements:
            continue
        if search and not any(search.casefold() in s.text.casefold() for s in statements):
            continue
        found = [
            RivalClaim(other, texts[other], supporting(grouped.get(other, [])))
            for other in sorted(rivals.get(claim_id, set()))
            if other in texts
        ]
        out.append(ClaimSummary(claim_id, text, statements, found))
    return sorted(out, key=lambda c: -len(c.statements))


def supporting(statements: list[ClaimStatement]) -> tuple[str, ...]:
    return tuple(sorted({s.side for s in statements if s.stance == "supports"}))


def read_claim(conn: sqlite3.Connection, claim_id: str, text: str) -> ClaimSummary:
    rows = conn.execute(_CLAIM_STATEMENTS_SQL, {"claim": claim_id, "unknown": UNKNOWN})
    found = [statement_of(list(row)) for row in rows.fetchall()]
    rivals = []
    for other in sorted(rival_ids(conn, claim_id).get(claim_id, set())):
        row = conn.execute("SELECT text FROM claims WHERE id = ?", (other,)).fetchone()
        if row is not None:
            theirs = conn.execute(_CLAIM_STATEMENTS_SQL, {"claim": other, "unknown": UNKNOWN})
            statements = [statement_of(list(r)) for r in theirs.fetchall()]
            rivals.append(RivalClaim(other, str(row[0]), supporting(statements)))
    return ClaimSummary(claim_id, text, found, rivals)


def statement_of(values: list[Any]) -> ClaimStatement:
    values[-2] = bool(values[-2])  # reviewed, 0 or 1 in SQL
    return ClaimStatement(*values[:-1])  # the last: the claim's id
