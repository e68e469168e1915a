"""Claim clusters as pure functions: an article's statements, embedded, against
the clusters the store holds (their centroids), to the cluster each statement
joins and the centroids it moved.

Each spoken statement joins the nearest centroid that passes the thresholds of
:mod:`sayso.claims.clusters`, or starts a cluster; only the centroids it touched
change, so adding an article never recomputes the store. A silence is about
what the article mostly reports: its largest cluster. The article's MinHash
signature is compared with the stored ones to find the story it reprints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sayso.claims import fingerprint
from sayso.claims.clusters import (
    Centroid,
    Vector,
    absorb,
    content_words,
    cosine,
    embed,
    nearest,
    toward,
)
from sayso.model import Analysis, Stance, Statement, stable_id


@dataclass(frozen=True, slots=True)
class Embedded:
    """What claim linking needs that takes time: the vectors of the spoken
    statements (not silences) and the article's fingerprint. Made before a
    store's write transaction, so that it holds the lock only for the writes."""

    spoken: tuple[Statement, ...]
    vectors: NDArray[np.float32]  # one unit row per spoken statement
    signature: fingerprint.Signature


def embed_statements(analysis: Analysis) -> Embedded:
    """Embed the article's spoken statements (multilingual e5) and sign its text."""
    text = analysis.article.text
    spoken = tuple(s for s in analysis.statements if s.stance != "silent")
    return Embedded(spoken, embed([s.span.text(text) for s in spoken]), fingerprint.signature(text))


@dataclass(frozen=True, slots=True, eq=False)
class ClaimCandidate:
    """A stored claim cluster as linking sees it."""

    claim_id: str
    vector: Vector  # running mean of its members' vectors
    size: int
    polarity: int  # of the statement that started it
    words: frozenset[str]
    article_id: str  # where that statement is
    places: frozenset[str]  # the places that article names, casefolded


@dataclass(frozen=True, slots=True)
class StoredFingerprint:
    article_id: str
    signature: fingerprint.Signature


@dataclass(frozen=True, slots=True)
class StatementLink:
    """A statement in its cluster (None: a silence in an article with no claim)."""

    statement: Statement
    text: str  # what it says, as the article writes it
    claim_id: str | None
    stance: Stance  # toward the cluster's claim
    similarity: float | None  # cosine to the centroid when it joined


@dataclass(frozen=True, slots=True, eq=False)
class ClaimUpdate:
    """A cluster after linking: a new one (``new``, with its first statement's
    text), or a stored one whose mean, size and words moved."""

    claim_id: str
    vector: Vector
    size: int
    words: frozenset[str]
    new: bool = False
    text: str = ""
    article_id: str = ""
    polarity: int = 1


@dataclass(frozen=True, slots=True, eq=False)
class ClaimDecision:
    """Where an article's statements go. ``created`` lists the new clusters in
    the order they were started (before any member joined them); ``updated`` every
    touched cluster as it ends up; ``statements`` the spoken ones, then silences."""

    article_id: str
    statements: tuple[StatementLink, ...]
    created: tuple[ClaimUpdate, ...]
    updated: tuple[ClaimUpdate, ...]
    signature: fingerprint.Signature
    duplicate_of: str | None
    overlap: float | None


def places_named(analysis: Analysis) -> frozenset[str]:
    """The towns and districts the article names, as written and by gazetteer
    name, casefolded: what :func:`~sayso.claims.clusters.same_story` compares.
    A country or a region is no common place: "Syria" would match every story
    of the war."""
    return frozenset(
        name.casefold()
        for p in analysis.places
        if not p.dateline and p.precision not in ("country", "region")
        for name in {p.name, p.resolved or p.name}
    )


def reprint_of(
    signature: fingerprint.Signature, article_id: str, stored: Sequence[StoredFingerprint]
) -> tuple[str, float] | None:
    """The stored article this one most overlaps, when it is the same story."""
    best: tuple[float, str] | None = None
    for other in stored:
        if other.article_id == article_id:
            continue
        score = fingerprint.overlap(signature, other.signature)
        if score >= fingerprint.SAME_STORY and (best is None or score > best[0]):
            best = (score, other.article_id)
    return (best[1], best[0]) if best else None


def link_claims(
    analysis: Analysis,
    embedded: Embedded,
    candidates: Sequence[ClaimCandidate],
    fingerprints: Sequence[StoredFingerprint] = (),
) -> ClaimDecision:
    """Assign each statement of the article to a claim cluster, given the stored
    clusters (in the order they were made) and the stored fingerprints."""
    article = analysis.article
    centroids = [
        Centroid(c.claim_id, c.vector.copy(), c.size, c.polarity, c.words, c.article_id, c.places)
        for c in candidates
    ]
    places = places_named(analysis)
    touched: dict[str, Centroid] = {}
    created: list[ClaimUpdate] = []
    joined: Counter[str] = Counter()
    claim_of: dict[str, Centroid] = {}
    links: list[StatementLink] = []
    for statement, vector in zip(embedded.spoken, embedded.vectors, strict=True):
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
            created.append(
                ClaimUpdate(
                    centroid.claim_id,
                    vector,
                    0,
                    frozenset(),
                    new=True,
                    text=text,
                    article_id=article.id,
                    polarity=centroid.polarity,
                )
            )
            score = 1.0
        absorb(centroid, vector, words)
        claim_of[statement.id] = centroid
        touched[centroid.claim_id] = centroid
        joined[centroid.claim_id] += 1
        stance = toward(statement.stance, statement.polarity, centroid.polarity, score)
        links.append(StatementLink(statement, text, centroid.claim_id, stance, score))
    # A silence is about what the article mostly reports: its largest cluster.
    main = joined.most_common(1)[0][0] if joined else None
    for statement in analysis.statements:
        if statement.stance == "silent":
            text = statement.span.text(article.text)
            links.append(StatementLink(statement, text, main, statement.stance, None))
    reprint = reprint_of(embedded.signature, article.id, fingerprints)
    return ClaimDecision(
        article_id=article.id,
        statements=tuple(links),
        created=tuple(created),
        updated=tuple(
            ClaimUpdate(c.claim_id, c.vector.astype(np.float32), c.size, c.words)
            for c in touched.values()
        ),
        signature=embedded.signature,
        duplicate_of=reprint[0] if reprint else None,
        overlap=reprint[1] if reprint else None,
    )


@dataclass(frozen=True, slots=True)
class Member:
    """A stored spoken statement leaving its cluster: the text it was embedded from."""

    claim_id: str
    text: str


def unlink_claims(
    members: Sequence[Member], clusters: Sequence[ClaimCandidate]
) -> tuple[ClaimUpdate, ...]:
    """The clusters after an article's statements leave them: each mean loses
    their vectors (embedded again from their stored text, as they were when they
    joined). A cluster's words are kept: they only widen a match. A cluster left
    at size 0 is the store's to delete once nothing points at it."""
    vectors = embed([m.text for m in members])
    state = {c.claim_id: (c.vector, c.size, c.words) for c in clusters}
    for member, vector in zip(members, vectors, strict=True):
        if member.claim_id not in state:
            continue
        mean, size, words = state[member.claim_id]
        if size > 1:
            mean = ((mean * size - vector) / (size - 1)).astype(np.float32)
        state[member.claim_id] = (mean, max(size - 1, 0), words)
    return tuple(
        ClaimUpdate(claim_id, mean, size, words) for claim_id, (mean, size, words) in state.items()
    )
