"""Score claim matching on Emergent: which claim does each news headline state?

Emergent (Ferreira & Vlachos, NAACL 2016) pairs claims with the headlines of
articles that report them (``claimId, claimHeadline, articleId, articleHeadline,
articleHeadlineStance``); rows sharing a claimId state the same claim. The file is
read from outside the repository, never copied in.

The task: every articleHeadline is a query against all distinct claims of the file
(claimHeadline, one per claimId), ranked by :func:`sayso.claims.similarity.rank`.
Accuracy at 1 counts the queries whose top claim is their own; MRR averages
1 / rank of their own claim. Ties count against the gold claim (a claim scoring
the same as the gold ranks above it), so a headline sharing nothing with any claim
is not a free hit. Nothing is trained on the labels: the scorers only read the
texts (IDF statistics, the mean embedding, pseudo-relevance feedback).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sayso.claims.emergent import Row, load_emergent
from sayso.claims.similarity import (
    DEFAULT_METHOD,
    E5Embedder,
    Embedder,
    check_method,
    default_embedder,
    rank,
)

ENCODE_CHUNK = 256  # texts per progress step


@dataclass(frozen=True)
class MatchingReport:
    """The figures of one run of headline-to-claim retrieval."""

    path: str
    method: str
    feedback: bool
    limit: int | None
    queries: int
    claims: int
    accuracy_at_1: float
    mrr: float
    seconds: float
    cpu_seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "data": self.path,
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


def claims_of(rows: list[Row]) -> tuple[list[str], list[str]]:
    """The distinct claims, in order of first appearance: (claim ids, claim texts)."""
    first: dict[str, str] = {}
    for row in rows:
        first.setdefault(row.claim_id, row.claim)
    return list(first), list(first.values())


def evaluate(
    path: Path,
    method: str = DEFAULT_METHOD,
    *,
    feedback: bool = True,
    limit: int | None = None,
    embedder: Embedder | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MatchingReport:
    """Rank all claims for every headline of the file and score the ranking.

    ``limit`` keeps the first N claims of the file (in order of first appearance) and
    their headlines: a smaller, easier task, for quick checks. ``seconds`` is the wall
    time of the matching (encoding included), not of the loading, and
    ``cpu_seconds`` the processor time of this process meanwhile, all threads
    together (on a shared machine the wall time depends on the neighbours); texts
    already in the embedder's cache (an earlier call in the process) cost nothing.
    ``progress(done, total)`` follows the encoding, the slow part.
    """
    checked = check_method(method)
    rows = load_emergent(path)
    claim_ids, claims = claims_of(rows)
    if limit is not None:
        kept = set(claim_ids[:limit])
        rows = [row for row in rows if row.claim_id in kept]
        claim_ids, claims = claims_of(rows)
    position = {claim_id: i for i, claim_id in enumerate(claim_ids)}
    queries = [row.headline for row in rows]
    gold = np.array([position[row.claim_id] for row in rows])

    start, cpu_start = time.perf_counter(), time.process_time()
    model = embedder or default_embedder()
    if checked != "tfidf" and isinstance(model, E5Embedder):
        _warm(model, queries + claims, progress)
    ranking = rank(queries, claims, checked, embedder=model, feedback=feedback)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start

    ranks = np.array([ranking.rank_of(i, int(g)) for i, g in enumerate(gold)])
    return MatchingReport(
        path=str(path.resolve()),
        method=checked,
        feedback=feedback,
        limit=limit,
        queries=len(queries),
        claims=len(claims),
        accuracy_at_1=float(np.mean(ranks == 1)),
        mrr=float(np.mean(1.0 / ranks)),
        seconds=seconds,
        cpu_seconds=cpu_seconds,
    )


def _warm(
    embedder: E5Embedder, texts: list[str], progress: Callable[[int, int], None] | None
) -> None:
    """Encode the texts in chunks into the embedder's cache, reporting progress."""
    distinct = list(dict.fromkeys(texts))
    for done in range(0, len(distinct), ENCODE_CHUNK):
        if progress:
            progress(done, len(distinct))
        embedder.encode(distinct[done : done + ENCODE_CHUNK])
    if progress:
        progress(len(distinct), len(distinct))
