"""A baseline for `sayso eval clusters` (eval only; ingest never runs it): the
Emergent headlines grouped by character 3-4-gram TF-IDF cosine, as
:mod:`sayso.link.groups` groups parts: in file order, a headline joins the
first earlier headline that leads a group and is at least
:data:`TFIDF_SAME` alike, else it leads one. The threshold was set before
scoring (a common cut for character n-gram TF-IDF) and is not tuned."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from sayso.eval.baselines.similarity import TfidfIndex
from sayso.eval.clusters import ClustersReport, Progress, score_clusters

TFIDF_SAME = 0.5


def leaders(vectors: np.ndarray, threshold: float) -> list[int]:
    """Each row's group: the first earlier leading row it reaches ``threshold``
    with (rows are unit vectors), else itself."""
    led: list[int] = []
    heads: list[int] = []
    for row in range(len(vectors)):
        scores = vectors[heads] @ vectors[row] if heads else np.zeros(0)
        joined = next((h for h, s in zip(heads, scores, strict=True) if s >= threshold), None)
        if joined is None:
            heads.append(row)
            joined = row
        led.append(joined)
    return led


def evaluate_tfidf(
    path: Path, *, limit: int | None = None, progress: Progress | None = None
) -> ClustersReport:
    from sayso.eval.claim_matching import load_task

    rows, _, _ = load_task(path, limit)
    start = time.perf_counter()
    headlines = [row.headline for row in rows]
    matrix = TfidfIndex(headlines).transform(headlines).toarray().astype(np.float32)
    if progress:
        progress(len(rows), len(rows))
    groups = leaders(matrix, TFIDF_SAME)
    return ClustersReport(
        data=str(path.resolve()),
        limit=limit,
        threshold=TFIDF_SAME,
        scores=score_clusters([str(g) for g in groups], [row.claim_id for row in rows]),
        seconds=time.perf_counter() - start,
        system="baseline (TF-IDF character 3-4-grams, leaders in file order; eval only)",
    )
