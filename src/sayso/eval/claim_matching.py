"""Score claim matching on Emergent as ingest matches: which claim does each headline state?

Emergent (Ferreira & Vlachos, NAACL 2016) pairs claims with the headlines of
articles that report them (``claimId, claimHeadline, articleId, articleHeadline,
articleHeadlineStance``); rows sharing a claimId state the same claim. The file is
read from outside the repository, never copied in.

The task: every articleHeadline is a query against all distinct claims of the file
(claimHeadline, one per claimId). Both are embedded with the function ingest
embeds statements with (:func:`sayso.claims.clusters.embed`, the one
:func:`sayso.link.embed_statements` calls) and claims are ranked by the cosine
ingest compares a statement with a cluster by (:func:`sayso.claims.clusters.cosine`).
Accuracy at 1 counts the queries whose top claim is their own; MRR averages
1 / rank of their own claim. Ties count against the gold claim (a claim scoring
the same as the gold ranks above it). ``joins`` is the share of headlines whose
own claim reaches ingest's threshold, :data:`sayso.claims.clusters.SAME_CLAIM`.

The retrieval matcher evaluated before (TF-IDF, e5, hybrid, with centering and
feedback) is a baseline: :mod:`sayso.eval.baselines.claim_matching`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sayso.claims.emergent import Row, load_emergent

ENCODE_CHUNK = 256  # texts per progress step
SHIPPED = "shipped"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class MatchingReport:
    """The figures of one run of headline-to-claim retrieval."""

    path: str
    method: str  # "shipped", or the baseline's method
    feedback: bool
    limit: int | None
    queries: int
    claims: int
    accuracy_at_1: float
    mrr: float
    seconds: float
    cpu_seconds: float
    joins: float | None = None  # shipped only: own claim's cosine >= SAME_CLAIM

    @property
    def baseline(self) -> bool:
        return self.method != SHIPPED

    def as_dict(self) -> dict[str, Any]:
        figures: dict[str, Any] = {
            "data": self.path,
            "system": (
                f"baseline {self.method} (eval only, not what ingest runs)"
                if self.baseline
                else "shipped (sayso.claims.clusters.embed + cosine, as ingest links claims)"
            ),
            "method": self.method,
            "feedback": self.feedback,
            "limit": self.limit,
            "queries": self.queries,
            "claims": self.claims,
            "accuracy_at_1": round(self.accuracy_at_1, 4),
            "mrr": round(self.mrr, 4),
            "seconds": round(self.seconds, 2),
            "cpu_seconds": round(self.cpu_seconds, 2),
        }
        if self.joins is not None:
            figures["joins_at_same_claim"] = round(self.joins, 4)
        return figures


def claims_of(rows: list[Row]) -> tuple[list[str], list[str]]:
    """The distinct claims, in order of first appearance: (claim ids, claim texts)."""
    first: dict[str, str] = {}
    for row in rows:
        first.setdefault(row.claim_id, row.claim)
    return list(first), list(first.values())


def load_task(path: Path, limit: int | None) -> tuple[list[Row], list[str], list[str]]:
    """The rows (of the first ``limit`` claims, in order of first appearance) and
    their distinct claims (ids, texts)."""
    rows = load_emergent(path)
    claim_ids, claims = claims_of(rows)
    if limit is not None:
        kept = set(claim_ids[:limit])
        rows = [row for row in rows if row.claim_id in kept]
        claim_ids, claims = claims_of(rows)
    return rows, claim_ids, claims


def embed_texts(texts: list[str], progress: Progress | None = None) -> NDArray[np.float32]:
    """Unit vectors of the texts by ingest's embedding, encoded once per distinct text
    and in chunks (for ``progress(done, total)``)."""
    from sayso.claims.clusters import embed

    distinct = list(dict.fromkeys(texts))
    parts = []
    for done in range(0, len(distinct), ENCODE_CHUNK):
        if progress:
            progress(done, len(distinct))
        parts.append(embed(distinct[done : done + ENCODE_CHUNK]))
    if progress:
        progress(len(distinct), len(distinct))
    vectors = np.concatenate(parts) if parts else np.zeros((0, 384), np.float32)
    row = {text: i for i, text in enumerate(distinct)}
    return vectors[[row[t] for t in texts]] if texts else vectors


def ranks_of(scores: NDArray[Any], gold: NDArray[np.intp]) -> NDArray[np.intp]:
    """The rank of each query's gold candidate; ties count as ranked above."""
    own = scores[np.arange(len(gold)), gold]
    ranks: NDArray[np.intp] = np.sum(scores >= own[:, None], axis=1)
    return ranks


def evaluate(
    path: Path, *, limit: int | None = None, progress: Progress | None = None
) -> MatchingReport:
    """Rank all claims for every headline of the file with ingest's embedding and
    cosine, and score the ranking.

    ``limit`` keeps the first N claims of the file and their headlines (a smaller,
    easier task, for quick checks). ``seconds`` is the wall time of the matching
    (encoding included), not of the loading; ``cpu_seconds`` the processor time of
    this process meanwhile, all threads together.
    """
    from sayso.claims.clusters import SAME_CLAIM, cosine

    rows, claim_ids, claims = load_task(path, limit)
    position = {claim_id: i for i, claim_id in enumerate(claim_ids)}
    gold = np.array([position[row.claim_id] for row in rows], dtype=np.intp)
    queries = [row.headline for row in rows]

    start, cpu_start = time.perf_counter(), time.process_time()
    vectors = embed_texts(queries + claims, progress)
    query_vectors, claim_vectors = vectors[: len(queries)], vectors[len(queries) :]
    # cosine() of each headline with each claim, as nearest() computes it, at once
    scores = (query_vectors @ claim_vectors.T) / np.maximum(
        np.linalg.norm(claim_vectors, axis=1), 1e-12
    )
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    if len(queries):
        assert abs(scores[0, 0] - cosine(query_vectors[0], claim_vectors[0])) < 1e-5
    ranks = ranks_of(scores, gold)
    own = scores[np.arange(len(gold)), gold]
    return MatchingReport(
        path=str(path.resolve()),
        method=SHIPPED,
        feedback=False,
        limit=limit,
        queries=len(queries),
        claims=len(claims),
        accuracy_at_1=float(np.mean(ranks == 1)),
        mrr=float(np.mean(1.0 / ranks)),
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        joins=float(np.mean(own >= SAME_CLAIM)),
    )
