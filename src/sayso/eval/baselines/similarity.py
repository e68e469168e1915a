"""Baseline (eval only, not what ingest runs): sentence similarity for claims.

Ingest groups statements into claims with :mod:`sayso.link.claims` (e5 cosine to
cluster centroids, :data:`sayso.claims.clusters.SAME_CLAIM`); this module is the
matcher the evaluation used before, kept to compare with:
``sayso eval claim-matching --baseline tfidf|e5|hybrid``. Its e5 vectors come from
the shipped wrapper, :func:`sayso.claims.clusters.embed` (cached here per text).

Three scorers, measured on Emergent (2,071 headlines against its 240 claims):

* ``tfidf``: cosine of character 3-4-gram TF-IDF (``char_wb``, sublinear tf, IDF
  fitted on the texts being compared). Character n-grams meet "beheads" and
  "beheaded", "U.S." and "US"; word bigrams hurt here, since a headline rarely
  repeats the claim's phrasing. Fast, no model, and blind to paraphrase.
* ``e5``: cosine of multilingual-e5-small embeddings, as ingest embeds statements
  (:func:`sayso.claims.clusters.embed`). Every text is encoded the same way, so the
  measure is symmetric and each text is encoded once whatever its role.
* ``hybrid``: ``DENSE_WEIGHT`` x e5 + the rest x TF-IDF. The two err on different
  pairs: e5 misses rare names and numbers, TF-IDF misses paraphrase.

Two refinements in :func:`rank`, both unsupervised (they read the texts, never a
label), which make a query's scores depend on the other texts of the call:

* centering: e5 vectors share a large common direction, so every cosine sits
  between about 0.7 and 0.95. Subtracting the mean vector of the queries (and of
  the candidates) spreads them out and ranks better; it needs enough texts to
  estimate the mean (:data:`MIN_CENTER`), below which it is skipped.
* feedback: each candidate is pulled toward the few queries that rank it first
  (Rocchio pseudo-relevance feedback), so a claim learns the wording of the
  headlines that report it, then everything is scored again.

Figures: ``docs/benchmarks.md`` (claim matching). They were first measured with
its own e5 wrapper ("query: " prefix); since the wrapper is the shipped one, the
e5 and hybrid figures are those of its encoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, get_args

import numpy as np
from numpy.typing import NDArray

Method = Literal["tfidf", "e5", "hybrid"]
METHODS: tuple[str, ...] = get_args(Method)
DEFAULT_METHOD: Method = "hybrid"
Matrix = NDArray[np.float32]

# The weight of e5 in the hybrid score, the rest going to TF-IDF. Chosen by 5-fold
# cross-validation over Emergent claim groups (every fold chose 0.6).
DENSE_WEIGHT = 0.6
# Centering needs this many texts to estimate the shared direction; with fewer it is noise.
MIN_CENTER = 30
# Feedback: each candidate moves toward the mean of at most FEEDBACK_TOP queries that rank
# it first, by FEEDBACK_WEIGHT (the candidate itself weighing 1).
FEEDBACK_TOP = 5
FEEDBACK_WEIGHT = 0.5

# Thresholds for "same claim" on similarity_matrix(method="hybrid"), uncentered; measured on
# the 2.0 million pairs of distinct Emergent headlines (0.7% of them the same claim), with
# the "query: " encoding this baseline had. Not ingest's threshold: that is
# sayso.claims.clusters.SAME_CLAIM (e5 cosine to a centroid).
HYBRID_SAME_CLAIM_SURE = 0.70  # precision 0.94, recall 0.42
HYBRID_SAME_CLAIM = 0.65  # precision 0.86, recall 0.63 (the best F1, 0.75, is at 0.63)
HYBRID_DIFFERENT_CLAIM = 0.60  # below: different claims (at 0.60 precision is only 0.63)
E5_DIM = 384


class Embedder(Protocol):
    """Anything that turns texts into unit vectors, one row per text."""

    def encode(self, texts: list[str]) -> Matrix: ...


class E5Embedder:
    """The shipped e5 wrapper (:func:`sayso.claims.clusters.embed`) with a cache per text.

    Vectors are kept per text (up to ``cache_size`` texts) because ranking compares
    the same texts again and again, and encoding is by far the slowest step.
    """

    def __init__(self, *, cache_size: int = 50_000):
        self.cache_size = cache_size
        self._cache: dict[str, NDArray[np.float32]] = {}

    def encode(self, texts: list[str]) -> Matrix:
        if not texts:
            return np.zeros((0, E5_DIM), dtype=np.float32)
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        fresh: dict[str, NDArray[np.float32]] = {}
        if missing:
            from sayso.claims.clusters import embed

            fresh = dict(zip(missing, embed(missing), strict=True))
        rows = np.stack([fresh[t] if t in fresh else self._cache[t] for t in texts])
        if len(self._cache) + len(fresh) > self.cache_size:
            self._cache.clear()  # crude, but one evaluation rarely meets the bound
        self._cache.update(fresh)
        return rows


_default_embedder: E5Embedder | None = None


def default_embedder() -> E5Embedder:
    """The process-wide e5 embedder, so that its cache serves every caller."""
    global _default_embedder
    if _default_embedder is None:
        _default_embedder = E5Embedder()
    return _default_embedder


class TfidfIndex:
    """Character 3-4-gram TF-IDF, with IDF fitted on the texts it is built from.

    Fitting on the texts compared (queries and candidates together) is unsupervised:
    it only learns which n-grams are common in this collection.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]
            TfidfVectorizer,
        )

        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, strip_accents="unicode"
        )
        self.vectorizer.fit([t for t in texts if t.strip()] or ["empty"])

    def transform(self, texts: Sequence[str]) -> Any:
        """Unit-length sparse rows (a scipy CSR matrix)."""
        return self.vectorizer.transform(list(texts))


@dataclass(frozen=True)
class Ranking:
    """Candidates ranked for each query: ``scores[i, j]`` is query i against candidate j."""

    scores: Matrix
    method: str

    @property
    def order(self) -> NDArray[np.intp]:
        """Candidate indices, best first, one row per query."""
        return np.argsort(-self.scores, axis=1, kind="stable")

    def best(self) -> NDArray[np.intp]:
        """The top candidate of each query."""
        best: NDArray[np.intp] = np.argmax(self.scores, axis=1)
        return best

    def rank_of(self, query: int, candidate: int) -> int:
        """1 for the top; tied candidates count as ranked above (a pessimistic rank)."""
        row = self.scores[query]
        return int(np.sum(row >= row[candidate]))


def check_method(method: str) -> Method:
    """The method, or ValueError naming the valid ones."""
    if method not in METHODS:
        raise ValueError(f"unknown similarity method {method!r}; use one of {', '.join(METHODS)}")
    return method  # type: ignore[return-value]


def rank(
    queries: list[str],
    candidates: list[str],
    method: str = DEFAULT_METHOD,
    *,
    embedder: Embedder | None = None,
    feedback: bool = True,
    dense_weight: float = DENSE_WEIGHT,
) -> Ranking:
    """Score every candidate for every query (higher is closer) and rank them.

    Use it to find which known claim a new headline or statement states. The scores
    compare candidates for one query; they are not calibrated across queries (centering
    and feedback depend on the collection): to decide "same claim or not" use
    :func:`similarity_matrix` and its thresholds.
    """
    checked = check_method(method)
    if not queries or not candidates:
        return Ranking(np.zeros((len(queries), len(candidates)), np.float32), checked)
    dense_q = dense_c = sparse_q = sparse_c = None
    if checked != "tfidf":
        vectors = (embedder or default_embedder()).encode(queries + candidates)
        dense_q = _center(vectors[: len(queries)])
        dense_c = _center(vectors[len(queries) :])
    if checked != "e5":
        index = TfidfIndex(queries + candidates)
        sparse_q, sparse_c = index.transform(queries), index.transform(candidates)
    weight = {"tfidf": 0.0, "e5": 1.0, "hybrid": dense_weight}[checked]
    scores = _combine(dense_q, dense_c, sparse_q, sparse_c, weight)
    if feedback:
        pull = _feedback_matrix(scores)
        if dense_q is not None and dense_c is not None:
            dense_c = _unit(dense_c + FEEDBACK_WEIGHT * (pull @ dense_q))
        if sparse_q is not None and sparse_c is not None:
            sparse_c = _unit_sparse(sparse_c + FEEDBACK_WEIGHT * (_sparse(pull) @ sparse_q))
        scores = _combine(dense_q, dense_c, sparse_q, sparse_c, weight)
    return Ranking(scores, checked)


def similarity_matrix(
    a: list[str],
    b: list[str] | None = None,
    method: str = DEFAULT_METHOD,
    *,
    embedder: Embedder | None = None,
    center: bool = False,
) -> Matrix:
    """Symmetric statement-to-statement similarity: ``m[i, j]`` compares a[i] with b[j].

    ``similarity_matrix(a)`` compares a with itself; ``similarity_matrix(b, a)`` is the
    transpose of ``similarity_matrix(a, b)``. Values lie in [-1, 1] and, uncentered, in
    practice between 0 and 1 (TF-IDF is never negative; e5 cosines of unrelated English
    sentences are about 0.7, hence the hybrid's floor near 0.5).

    Meaningful thresholds for "same claim", uncentered ``hybrid`` (measured on every pair
    of distinct Emergent headlines; "same" = same claimId; 0.7% of pairs are):

    * >= :data:`HYBRID_SAME_CLAIM_SURE` (0.70): same claim (precision 0.94, recall 0.42);
    * >= :data:`HYBRID_SAME_CLAIM` (0.65): the default decision (precision 0.86, recall 0.63);
    * :data:`HYBRID_DIFFERENT_CLAIM` (0.60) to 0.65: the same story, often not the same claim
      ("the gold watch will cost 5,000" against "... start at 4,999"): decide with
      another signal (names, numbers, places);
    * below 0.60: different claims (pairs of different claims: median 0.48, 99th
      percentile 0.57; pairs of the same claim: median 0.68).

    ``e5`` alone: 0.90 (precision 0.81, recall 0.64), 0.85 is topic level (0.19);
    ``tfidf`` alone: 0.35 (0.91, 0.46), best F1 at 0.25 (0.76, 0.68). The hybrid
    separates best (best F1 0.75 against 0.72 for either alone). ``center=True``
    subtracts the mean vector of the texts before the cosine: a little better within
    a collection (best F1 0.76, at 0.38), but the scale then depends on the
    collection and the thresholds above no longer apply.
    """
    checked = check_method(method)
    other = a if b is None else b
    if not a or not other:
        return np.zeros((len(a), len(other)), np.float32)
    texts = a if b is None else a + b
    n = len(a)
    weight = {"tfidf": 0.0, "e5": 1.0, "hybrid": DENSE_WEIGHT}[checked]
    dense_a = dense_b = sparse_a = sparse_b = None
    if checked != "tfidf":
        vectors = (embedder or default_embedder()).encode(texts)
        if center:
            vectors = _center(vectors)
        dense_a, dense_b = vectors[:n], vectors if b is None else vectors[n:]
    if checked != "e5":
        index = TfidfIndex(texts)
        sparse_a = index.transform(a)
        sparse_b = sparse_a if b is None else index.transform(b)
    return _combine(dense_a, dense_b, sparse_a, sparse_b, weight)


def _combine(
    dense_q: Matrix | None, dense_c: Matrix | None, sparse_q: Any, sparse_c: Any, weight: float
) -> Matrix:
    """weight x dense cosine + (1 - weight) x TF-IDF cosine; a missing part weighs 0."""
    total: Matrix | None = None
    if dense_q is not None and dense_c is not None and weight > 0:
        total = (weight * (dense_q @ dense_c.T)).astype(np.float32)
    if sparse_q is not None and sparse_c is not None and weight < 1:
        sparse = (1.0 - weight) * np.asarray((sparse_q @ sparse_c.T).toarray(), np.float32)
        total = sparse if total is None else total + sparse
    assert total is not None, "no scorer for this weight"
    return total


def _feedback_matrix(scores: Matrix) -> Matrix:
    """(candidates x queries) weights: row c averages the top queries that rank c first."""
    n_queries, n_candidates = scores.shape
    pull = np.zeros((n_candidates, n_queries), np.float32)
    best = np.argmax(scores, axis=1)
    best[scores.max(axis=1) <= 0] = -1  # a query close to nothing teaches nothing
    for candidate in np.unique(best[best >= 0]):
        members = np.flatnonzero(best == candidate)
        top = members[np.argsort(-scores[members, candidate], kind="stable")[:FEEDBACK_TOP]]
        pull[candidate, top] = 1.0 / len(top)
    return pull


def _center(vectors: Matrix) -> Matrix:
    """Remove the mean direction of the vectors and renormalize (see the module doc)."""
    if len(vectors) < MIN_CENTER:
        return vectors
    return _unit(vectors - vectors.mean(axis=0, keepdims=True))


def _unit(vectors: NDArray[Any]) -> Matrix:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: Matrix = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit


def _sparse(matrix: Matrix) -> Any:
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    return csr_matrix(matrix)


def _unit_sparse(matrix: Any) -> Any:
    from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

    return normalize(matrix)
