"""Baseline (eval only, not what ingest runs): headline-to-claim retrieval with the
matcher of :mod:`sayso.eval.baselines.similarity` (TF-IDF, e5 or both, with
centering and pseudo-relevance feedback).

The same task and scoring as :mod:`sayso.eval.claim_matching`: every Emergent
articleHeadline against all distinct claims, accuracy at 1 and MRR, ties against
the gold claim. Nothing is trained on the labels: the scorers only read the texts
(IDF statistics, the mean embedding, pseudo-relevance feedback).
``sayso eval claim-matching --baseline tfidf|e5|hybrid``.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from sayso.eval.baselines.similarity import (
    DEFAULT_METHOD,
    E5Embedder,
    Embedder,
    check_method,
    default_embedder,
    rank,
)
from sayso.eval.claim_matching import ENCODE_CHUNK, MatchingReport, Progress, load_task


def evaluate(
    path: Path,
    method: str = DEFAULT_METHOD,
    *,
    feedback: bool = True,
    limit: int | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> MatchingReport:
    """Rank all claims for every headline of the file and score the ranking.

    ``limit`` keeps the first N claims (and their headlines). ``seconds`` is the
    wall time of the matching (encoding included); texts already in the embedder's
    cache (an earlier call in the process) cost nothing.
    """
    checked = check_method(method)
    rows, claim_ids, claims = load_task(path, limit)
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


def _warm(embedder: E5Embedder, texts: list[str], progress: Progress | None) -> None:
    """Encode the texts in chunks into the embedder's cache, reporting progress."""
    distinct = list(dict.fromkeys(texts))
    for done in range(0, len(distinct), ENCODE_CHUNK):
        if progress:
            progress(done, len(distinct))
        embedder.encode(distinct[done : done + ENCODE_CHUNK])
    if progress:
        progress(len(distinct), len(distinct))
