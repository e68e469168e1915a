"""An article's claims as pure functions: its statements, embedded, grouped
among themselves into parts (:class:`ClaimPart`), which
:mod:`sayso.link.groups` then groups with the stored articles' parts.

Within the article each spoken statement joins the nearest part that passes the
rule of :func:`sayso.claims.clusters.nearest` (a running mean: a paraphrase, the
quote that goes on from it), or starts one. A silence is about what the article
mostly reports: its largest part. The article's MinHash signature is compared
with the stored ones to find the story it reprints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sayso.claims import fingerprint
from sayso.claims.clusters import (
    COERCED,
    Centroid,
    Vector,
    absorb,
    content_words,
    cosine,
    embed,
    nearest,
    toward,
)
from sayso.link.propositions import compatible, incident_of_key, rivals
from sayso.model import Analysis, Stance, Statement, stable_id

# A statement of fewer content words states no proposition unless it is about an
# incident: "hospitals", "that attack", "a massacre" are kept as accounts only.
MIN_WORDS = 3


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
class ClaimPart:
    """The claim some statements of one article make together: the article's
    statements grouped among themselves (a paraphrase and the quote that goes on
    from it), before any other article is looked at. Claims across articles are
    made of parts (:mod:`sayso.link.groups`); a part is never split.

    ``keys`` are the propositions its statements state about stored incidents
    (:func:`proposition_keys`): two parts that both have keys are the same claim
    only if they share one."""

    part_id: str
    article_id: str
    text: str  # its first statement, as the article writes it
    vector: Vector  # the mean of its statements' vectors
    size: int
    polarity: int  # of its first statement
    words: frozenset[str]
    places: frozenset[str]  # the towns and districts its article names, casefolded
    keys: frozenset[str] = frozenset()
    # the keys of every part of its article: what the article says of its
    # incidents, which a part with no key of its own is read with
    context: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class StoredFingerprint:
    article_id: str
    signature: fingerprint.Signature


@dataclass(frozen=True, slots=True)
class StatementLink:
    """A statement in its part (None: a silence in an article with no claim)."""

    statement: Statement
    text: str  # what it says, as the article writes it
    part_id: str | None
    stance: Stance  # toward the part's claim
    similarity: float | None  # cosine to the part's running mean when it joined


@dataclass(frozen=True, slots=True, eq=False)
class ClaimDecision:
    """An article's statements in the parts it makes (in the order they were
    started), with its fingerprint and the stored article it reprints, if any."""

    article_id: str
    statements: tuple[StatementLink, ...]
    parts: tuple[ClaimPart, ...]
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
    keys: Mapping[str, frozenset[str]] | None = None,
    fingerprints: Sequence[StoredFingerprint] = (),
) -> ClaimDecision:
    """Group the article's statements into parts: each spoken statement joins the
    nearest part of the article that passes the rule of
    :func:`~sayso.claims.clusters.nearest`, else a part of a proposition
    compatible with its own, else starts one; never a part of a rival
    proposition. ``keys``: each statement's proposition keys (by statement id,
    :mod:`sayso.link.propositions`), which its part gathers."""
    article = analysis.article
    keys = keys or {}
    places = places_named(analysis)
    centroids: list[Centroid] = []
    first_text: dict[str, str] = {}
    part_keys: dict[str, set[str]] = {}
    joined: Counter[str] = Counter()
    claim_of: dict[str, Centroid] = {}
    links: list[StatementLink] = []
    # the article's incidents are its own: a key's incident is its event here
    own = {incident_of_key(k): incident_of_key(k) for found in keys.values() for k in found}
    for statement, vector in zip(embedded.spoken, embedded.vectors, strict=True):
        text = statement.span.text(article.text)
        words = content_words(text)
        restricted = claim_of.get(statement.core_of or "")
        apart = restricted.claim_id if restricted is not None else None
        mine = keys.get(statement.id, frozenset())
        if len(words) < MIN_WORDS and not mine:
            # a fragment ("hospitals", "that attack"): an account, but no claim
            links.append(StatementLink(statement, text, None, statement.stance, None))
            continue
        # a statement of a proposition never joins a part of a rival one ...
        open_parts = [
            c for c in centroids if not rivals(mine, frozenset(part_keys.get(c.claim_id, ())))
        ]
        centroid, score = nearest(vector, words, open_parts, (article.id, places), apart)
        if centroid is None and mine:
            # ... and joins one of its own proposition, whatever its words
            centroid = next(
                (
                    c
                    for c in open_parts
                    if compatible(mine, frozenset(part_keys.get(c.claim_id, ())), own)
                    and c.claim_id != apart
                    and (COERCED not in words or COERCED in c.words)
                ),
                None,
            )
            score = cosine(vector, centroid.vector) if centroid is not None else score
        if centroid is None and statement.continues in claim_of:
            centroid = claim_of[statement.continues]
            score = cosine(vector, centroid.vector)
        if centroid is None:
            part_id = stable_id("clm", statement.id)
            centroid = Centroid(
                part_id, vector.copy(), 0, statement.polarity, words, article.id, places
            )
            centroids.append(centroid)
            first_text[part_id] = text
            score = 1.0
        absorb(centroid, vector, words)
        part_keys.setdefault(centroid.claim_id, set()).update(keys.get(statement.id, ()))
        claim_of[statement.id] = centroid
        joined[centroid.claim_id] += 1
        stance = toward(statement.stance, statement.polarity, centroid.polarity, score)
        links.append(StatementLink(statement, text, centroid.claim_id, stance, score))
    # A silence is about what the article mostly reports: its largest part.
    main = joined.most_common(1)[0][0] if joined else None
    for statement in analysis.statements:
        if statement.stance == "silent":
            text = statement.span.text(article.text)
            links.append(StatementLink(statement, text, main, statement.stance, None))
    reprint = reprint_of(embedded.signature, article.id, fingerprints)
    context = frozenset(k for found in part_keys.values() for k in found)
    return ClaimDecision(
        article_id=article.id,
        statements=tuple(links),
        parts=tuple(
            ClaimPart(
                c.claim_id,
                article.id,
                first_text[c.claim_id],
                c.vector.astype(np.float32),
                c.size,
                c.polarity,
                c.words,
                places,
                frozenset(part_keys.get(c.claim_id, ())),
                context,
            )
            for c in centroids
        ),
        signature=embedded.signature,
        duplicate_of=reprint[0] if reprint else None,
        overlap=reprint[1] if reprint else None,
    )
