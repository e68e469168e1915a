"""Score ingest's claim clusters on Emergent: do headlines of one claim end up together?

Every Emergent articleHeadline is linked, in file order, as ingest links an
article's statements: made a part by :func:`sayso.link.link_claims` and grouped
with the earlier headlines' parts by :class:`sayso.link.groups.PartIndex`. Each
headline is one small analysis: the headline as a page's title through the
shipped stages up to statements (so that its entities, hence its places, are
ingest's), with one statement covering the whole headline, so that every
headline is one item to score. Its vector is
:func:`sayso.claims.clusters.embed` of the headline (the function
:func:`sayso.link.embed_statements` calls; the texts are encoded in batches,
which is faster and gives the same vectors).

The clusters are then compared with Emergent's claimId grouping:

* pairwise precision, recall and F1 over pairs of headlines put in one cluster
  (precision 0 when no two headlines share a cluster, recall 0 when no two share
  a claim);
* B-cubed precision, recall and F1 (each headline: the share of its cluster that
  is of its claim, and the share of its claim that is in its cluster; averaged);
* the number of clusters against the number of claims, and the share of all
  headlines in the largest cluster (one cluster swallowing everything scores a
  high recall and shows here).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from math import comb
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sayso.claims.emergent import Row

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ClusterScores:
    """Predicted clusters against gold ones, over the same items."""

    items: int
    clusters: int
    gold_clusters: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    largest_share: float  # the largest predicted cluster's share of the items
    singletons: int  # predicted clusters of one item

    def as_dict(self) -> dict[str, Any]:
        return {
            name: round(value, 4) if isinstance(value, float) else value
            for name, value in self.__dict__.items()
        }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_clusters(predicted: Sequence[str], gold: Sequence[str]) -> ClusterScores:
    """Compare a clustering (a cluster label per item) with the gold one."""
    if len(predicted) != len(gold) or not gold:
        raise ValueError("predicted and gold must be non-empty and of the same length")
    sizes = Counter(predicted)
    gold_sizes = Counter(gold)
    cells = Counter(zip(predicted, gold, strict=True))
    together = sum(comb(n, 2) for n in cells.values())
    said = sum(comb(n, 2) for n in sizes.values())
    true = sum(comb(n, 2) for n in gold_sizes.values())
    precision = together / said if said else 0.0
    recall = together / true if true else 0.0
    # B-cubed: every item of a cell shares it with the cell's n items.
    b_precision = sum(n * n / sizes[p] for (p, _), n in cells.items()) / len(gold)
    b_recall = sum(n * n / gold_sizes[g] for (_, g), n in cells.items()) / len(gold)
    return ClusterScores(
        items=len(gold),
        clusters=len(sizes),
        gold_clusters=len(gold_sizes),
        pairwise_precision=precision,
        pairwise_recall=recall,
        pairwise_f1=_f1(precision, recall),
        bcubed_precision=b_precision,
        bcubed_recall=b_recall,
        bcubed_f1=_f1(b_precision, b_recall),
        largest_share=max(sizes.values()) / len(gold),
        singletons=sum(1 for n in sizes.values() if n == 1),
    )


def link_headlines(
    rows: Sequence[Row], vectors: NDArray[np.float32], progress: Progress | None = None
) -> list[str]:
    """The claim of each row's headline: each headline made a part by
    :func:`sayso.link.link_claims` and grouped with the earlier ones by
    :class:`sayso.link.groups.PartIndex`, as ingest links articles (``vectors``:
    one unit row per headline, by ingest's embedding). The claim of a headline is
    read after all are linked: a later headline may regroup earlier ones. A
    headline too short to state a proposition (a fragment) makes no claim, as
    ingest has it: it counts as a cluster of its own."""
    from sayso.claims import fingerprint
    from sayso.eval.stance import analyse_headline
    from sayso.link import Embedded, link_claims
    from sayso.link.groups import PartIndex
    from sayso.model import Span, Statement, stable_id

    index = PartIndex()
    part_of: list[str] = []
    for number, row in enumerate(rows):
        if progress and number % 50 == 0:
            progress(number, len(rows))
        analysis = analyse_headline(row.headline)
        article = replace(analysis.article, id=f"art_{number}_{row.article_id}")
        statement = Statement(
            id=stable_id("stm", article.id, "headline"),
            article_id=article.id,
            account_id=None,
            span=Span(0, len(row.headline)),
            stance="supports",
            stance_evidence=None,
            polarity=1,
            speaker_id=None,
            who=None,
        )
        analysis = replace(analysis, article=article, statements=(statement,))
        embedded = Embedded(
            (statement,), vectors[number : number + 1], fingerprint.signature(row.headline)
        )
        decision = link_claims(analysis, embedded)
        index.add(decision.parts)
        # a fragment of a headline makes no claim: a cluster of its own here
        part_of.append(decision.statements[0].part_id or f"none_{number}")
    if progress:
        progress(len(rows), len(rows))
    return [index.claim_of.get(part_id, part_id) for part_id in part_of]


@dataclass(frozen=True)
class ClustersReport:
    """The figures of one run of ingest's claim linking over an Emergent file."""

    data: str
    limit: int | None
    threshold: float
    scores: ClusterScores
    seconds: float
    system: str = "shipped (sayso.link.link_claims, sayso.link.groups: as ingest groups)"

    def as_dict(self) -> dict[str, Any]:
        return {
            "data": self.data,
            "system": self.system,
            "limit": self.limit,
            "same_claim_threshold": self.threshold,
            **self.scores.as_dict(),
            "seconds": round(self.seconds, 2),
        }


def evaluate(
    path: Path, *, limit: int | None = None, progress: Progress | None = None
) -> ClustersReport:
    """Link every headline of the file (or of its first ``limit`` claims) into claim
    clusters as ingest would, and score the clusters against the claimIds."""
    from sayso.claims.clusters import SAME_CLAIM
    from sayso.eval.claim_matching import embed_texts, load_task

    rows, _, _ = load_task(path, limit)
    start = time.perf_counter()
    vectors = embed_texts([row.headline for row in rows], progress)
    assigned = link_headlines(rows, vectors, progress)
    return ClustersReport(
        data=str(path.resolve()),
        limit=limit,
        threshold=SAME_CLAIM,
        scores=score_clusters(assigned, [row.claim_id for row in rows]),
        seconds=time.perf_counter() - start,
    )
