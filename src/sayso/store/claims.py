"""Claims in the store: link an article's statements to claim clusters inside
its save transaction, and read clusters back with their accounts by side (an
analyst's review of an account applied: its speaker, side, stance, claim).

Linking reads the clusters' centroids, assigns each statement to the nearest
one (or starts a cluster), and updates only the centroids it touched: adding an
article never recomputes the store. Near-duplicate articles are found by their
MinHash signatures; a reprint's accounts count toward the original's sources.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sayso.claims import fingerprint
from sayso.claims.clusters import (
    Centroid,
    absorb,
    content_words,
    cosine,
    embed,
    nearest,
    toward,
)
from sayso.model import UNKNOWN, Analysis, Statement, stable_id


def prepare(analysis: Analysis) -> Prepared:
    """What linking needs that takes time and no database: the vectors of the
    statements and the article's fingerprint, made before the write transaction
    so that it holds the lock only for the writes."""
    text = analysis.article.text
    spoken = [s for s in analysis.statements if s.stance != "silent"]
    return Prepared(spoken, embed([s.span.text(text) for s in spoken]), fingerprint.signature(text))


@dataclass(frozen=True, slots=True)
class Prepared:
    spoken: list[Statement]  # the statements that join clusters (not silences)
    vectors: NDArray[np.float32]
    signature: fingerprint.Signature


def link(conn: sqlite3.Connection, analysis: Analysis, prepared: Prepared) -> None:
    """Store the article's fingerprint and statements, each in its claim cluster."""
    article = analysis.article
    _fingerprint(conn, article.id, prepared.signature)
    conn.execute("DELETE FROM statements WHERE article_id = ?", (article.id,))
    spoken, vectors = prepared.spoken, prepared.vectors
    centroids = _centroids(conn)
    places = frozenset(e.name.casefold() for e in analysis.entities if e.label == "PLACE")
    touched: dict[str, Centroid] = {}
    joined: Counter[str] = Counter()
    claim_of: dict[str, Centroid] = {}
    for statement, vector in zip(spoken, vectors, strict=True):
        text = statement.span.text(article.text)
        words = content_words(text)
        restricted = claim_of.get(statement.core_of or "")
        centroid, score = nearest(
            vector,
            words,
            centroids,
            (article.id, places),
            apart_from=restricted.claim_id if restricted is not None else None,
        )
        if centroid is None and statement.continues in claim_of:
            centroid = claim_of[statement.continues]
            score = cosine(vector, centroid.vector)
        if centroid is None:
            centroid = Centroid(
                stable_id("clm", statement.id),
                vector.copy(),
                0,
                statement.polarity,
                words,
                article.id,
                places,
            )
            centroids.append(centroid)
            conn.execute(
                "INSERT OR IGNORE INTO claims (id, text, article_id, vector, size, polarity, words)"
                " VALUES (?, ?, ?, ?, 0, ?, '')",
                (centroid.claim_id, text, article.id, vector.tobytes(), centroid.polarity),
            )
            score = 1.0
        absorb(centroid, vector, words)
        claim_of[statement.id] = centroid
        touched[centroid.claim_id] = centroid
        joined[centroid.claim_id] += 1
        stance = toward(statement.stance, statement.polarity, centroid.polarity, score)
        _insert(conn, statement, article.text, centroid.claim_id, stance, score)
    for centroid in touched.values():
        conn.execute(
            "UPDATE claims SET vector = ?, size = ?, words = ? WHERE id = ?",
            (
                centroid.vector.astype(np.float32).tobytes(),
                centroid.size,
                " ".join(sorted(centroid.words)),
                centroid.claim_id,
            ),
        )
    # A silence is about what the article mostly reports: its largest cluster.
    main = joined.most_common(1)[0][0] if joined else None
    for statement in analysis.statements:
        if statement.stance == "silent":
            _insert(conn, statement, article.text, main, statement.stance, None)


def unlink(conn: sqlite3.Connection, article_id: str) -> None:
    """Take the article's statements out of their clusters before it is analysed
    again: each cluster's mean loses their vectors (embedded again from their
    stored text, as they were when they joined) and a cluster left with no
    statement is deleted. The clusters' words are kept: they only widen a match."""
    spoken = conn.execute(
        "SELECT claim_id, text FROM statements WHERE article_id = ? AND stance != 'silent'"
        " AND claim_id IS NOT NULL ORDER BY rowid",
        (article_id,),
    ).fetchall()
    conn.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM fingerprints WHERE article_id = ?", (article_id,))
    vectors = embed([text for _, text in spoken])
    for (claim_id, _), vector in zip(spoken, vectors, strict=True):
        row = conn.execute("SELECT vector, size FROM claims WHERE id = ?", (claim_id,)).fetchone()
        if row is None:
            continue
        mean, size = np.frombuffer(row[0], dtype=np.float32), int(row[1])
        if size > 1:
            mean = ((mean * size - vector) / (size - 1)).astype(np.float32)
        conn.execute(
            "UPDATE claims SET vector = ?, size = ? WHERE id = ?",
            (mean.tobytes(), max(size - 1, 0), claim_id),
        )
    conn.execute(
        "DELETE FROM claims WHERE size <= 0"
        " AND NOT EXISTS (SELECT 1 FROM statements AS st WHERE st.claim_id = claims.id)"
    )


def _fingerprint(
    conn: sqlite3.Connection, article_id: str, signature: fingerprint.Signature
) -> None:
    best: tuple[float, str] | None = None
    for other_id, blob in conn.execute(
        "SELECT article_id, signature FROM fingerprints WHERE article_id != ?", (article_id,)
    ):
        score = fingerprint.overlap(signature, fingerprint.from_bytes(blob))
        if score >= fingerprint.SAME_STORY and (best is None or score > best[0]):
            best = (score, other_id)
    conn.execute(
        "INSERT OR REPLACE INTO fingerprints (article_id, signature, duplicate_of, overlap)"
        " VALUES (?, ?, ?, ?)",
        (
            article_id,
            fingerprint.to_bytes(signature),
            best[1] if best else None,
            best[0] if best else None,
        ),
    )


_CENTROIDS_SQL = """
SELECT c.id, c.vector, c.size, c.polarity, c.words, c.article_id,
       (SELECT group_concat(e.name, char(31)) FROM entities AS e
        WHERE e.article_id = c.article_id AND e.label = 'PLACE')
FROM claims AS c ORDER BY c.rowid
"""


def _centroids(conn: sqlite3.Connection) -> list[Centroid]:
    return [
        Centroid(
            claim_id,
            np.frombuffer(blob, dtype=np.float32).copy(),
            size,
            sign,
            frozenset(words.split()),
            article_id,
            frozenset(places.casefold().split("\x1f")) if places else frozenset(),
        )
        for claim_id, blob, size, sign, words, article_id, places in conn.execute(_CENTROIDS_SQL)
    ]


def _insert(
    conn: sqlite3.Connection,
    statement: Statement,
    text: str,
    claim_id: str | None,
    stance: str,
    similarity: float | None,
) -> None:
    conn.execute(
        "INSERT INTO statements (article_id, id, claim_id, account_id, span_start, span_end, text,"
        " stance, stance_evidence, speaker_id, who, similarity)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            statement.article_id,
            statement.id,
            claim_id,
            statement.account_id,
            statement.span.start,
            statement.span.end,
            statement.span.text(text),
            stance,
            statement.stance_evidence,
            statement.speaker_id,
            statement.who,
            similarity,
        ),
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


_CLAIM_STATEMENTS_SQL = """
SELECT st.id, st.article_id, d.source, ar.title,
       COALESCE(fp.duplicate_of, st.article_id), st.account_id, st.text, st.span_start, st.span_end,
       COALESCE(rv.stance, st.stance), st.stance_evidence,
       COALESCE(rv.speaker, sp.name, sp.group_name, ac.speaker_text, st.who),
       COALESCE(rv.side, sp.side, :unknown), st.similarity, rv.account_id IS NOT NULL
FROM statements AS st
JOIN articles AS ar ON ar.id = st.article_id
JOIN documents AS d ON d.id = ar.document_id
LEFT JOIN fingerprints AS fp ON fp.article_id = st.article_id
LEFT JOIN accounts AS ac ON ac.article_id = st.article_id AND ac.id = st.account_id
LEFT JOIN speakers AS sp ON sp.article_id = st.article_id AND sp.id = st.speaker_id
LEFT JOIN reviews AS rv ON rv.account_id = st.account_id
WHERE st.rowid IN (SELECT rowid FROM statements WHERE claim_id = :claim
                   UNION SELECT s.rowid FROM statements AS s
                         JOIN reviews AS r ON r.account_id = s.account_id
                         WHERE r.claim_id = :claim)
  AND COALESCE(rv.claim_id, st.claim_id) = :claim
  AND COALESCE(rv.rejected, 0) = 0
ORDER BY ar.rowid, st.span_start
"""


def read_claims(conn: sqlite3.Connection, search: str | None = None) -> list[ClaimSummary]:
    """Every cluster with its statements, largest first; ``search`` keeps the
    clusters with a statement holding the text (case-insensitive)."""
    out = []
    for claim_id, text in conn.execute("SELECT id, text FROM claims ORDER BY rowid").fetchall():
        summary = read_claim(conn, claim_id, text)
        if not summary.statements:
            continue
        if search and not any(search.casefold() in s.text.casefold() for s in summary.statements):
            continue
        out.append(summary)
    return sorted(out, key=lambda c: -len(c.statements))


def read_claim(conn: sqlite3.Connection, claim_id: str, text: str) -> ClaimSummary:
    rows = conn.execute(_CLAIM_STATEMENTS_SQL, {"claim": claim_id, "unknown": UNKNOWN})
    found = [_statement(list(row)) for row in rows.fetchall()]
    return ClaimSummary(claim_id, text, found)


def _statement(values: list[Any]) -> ClaimStatement:
    values[-1] = bool(values[-1])  # reviewed, 0 or 1 in SQL
    return ClaimStatement(*values)
