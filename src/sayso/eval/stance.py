"""Score the stance ingest gives on Emergent-format CSV files.

Emergent (Ferreira & Vlachos, NAACL 2016) pairs claims with news headlines and the
headline's stance toward its claim (for, against, observing). The file is read
from outside the repository, never copied in.

What is scored: each articleHeadline is analysed as the headline of a page (an
article whose title is the headline and whose body is empty; English, as Emergent
is) by the shipped pipeline stages parse, entities, attribution, speakers and
statements, so that :func:`sayso.claims.statements.statements_of` gives its
statements exactly as ingest would for that headline. The headline's stance is
that of its first spoken statement (in text order; a headline rarely has two):
``supports`` or ``partly`` count as Emergent's *for*, ``denies`` as *against*,
``reports`` as *observing*. A headline that yields no statement (fewer than five
words and no account: ingest records nothing for it) is scored as ``none``,
wrong whatever the gold stance.

The stance is the source's stance toward what it states, read without the claim;
Emergent's stance is toward the claim. A headline stating a claim plainly and one
reporting it both assert something, so the two agree only in part: this is the
figure of the code a user runs, not of a classifier of stance toward a claim. The
trained classifier evaluated before is a baseline:
:mod:`sayso.eval.baselines.stance_eval` (``sayso eval stance --baseline``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sayso.claims.emergent import STANCES, Row, Stance, load_emergent
from sayso.model import Analysis, Statement

NONE = "none"  # no statement: ingest gives the headline no stance
SHIPPED_TO_EMERGENT: dict[str, Stance] = {
    "supports": "supports",
    "partly": "supports",
    "denies": "denies",
    "reports": "reports",
}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ClassScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Scores:
    """The figures of one system: accuracy, per-stance P/R/F1, macro F1, confusions."""

    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassScores]
    confusion: list[list[int]]  # rows: gold (STANCES), columns: predicted (``columns``)
    columns: tuple[str, ...] = STANCES

    def as_dict(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class": {
                stance: {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "support": c.support,
                }
                for stance, c in self.per_class.items()
            },
            "confusion": {
                "order": list(STANCES),
                "columns": list(self.columns),
                "rows_gold_columns_predicted": self.confusion,
            },
        }


def score(
    gold: Sequence[Stance], predicted: Sequence[str], columns: tuple[str, ...] = STANCES
) -> Scores:
    """Compare predicted stances with the gold ones (same length, same order).
    ``columns`` are the predicted values (the stances, and maybe :data:`NONE`)."""
    if len(gold) != len(predicted) or not gold:
        raise ValueError("gold and predicted must be non-empty and of the same length")
    index = {value: i for i, value in enumerate(columns)}
    confusion = [[0] * len(columns) for _ in STANCES]
    for g, p in zip(gold, predicted, strict=True):
        confusion[STANCES.index(g)][index[p]] += 1
    per_class: dict[str, ClassScores] = {}
    for i, stance in enumerate(STANCES):
        hits = confusion[i][index[stance]]
        said = sum(row[index[stance]] for row in confusion)
        support = sum(confusion[i])
        precision = hits / said if said else 0.0
        recall = hits / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[stance] = ClassScores(precision, recall, f1, support)
    correct = sum(confusion[i][index[s]] for i, s in enumerate(STANCES))
    macro = sum(c.f1 for c in per_class.values()) / len(per_class)
    return Scores(correct / len(gold), macro, per_class, confusion, columns)


def analyse_headline(headline: str, source: str = "emergent") -> Analysis:
    """The headline as the title of a page with no body, through the shipped stages
    up to statements, and its places (claim linking compares them); events are
    not needed."""
    from sayso.model import Article, Document, Span
    from sayso.pipeline import STAGES, run_stages

    digest = hashlib.sha256(headline.encode("utf-8")).hexdigest()
    document = Document(
        id=f"doc_{digest[:16]}",
        source=source,
        kind="text",
        sha256=digest,
        size=len(headline.encode("utf-8")),
    )
    article = Article(
        id=f"art_{digest[:16]}",
        document_id=document.id,
        source=source,
        text=headline,
        title=headline,
        title_span=Span(0, len(headline)),
        body_span=Span(len(headline), len(headline)),
        authors=(),
        dateline=None,
        published=None,
        language="en",
        site_name=None,
        url=None,
    )
    wanted = ("parse", "entities", "attribution", "speakers", "places", "statements")
    stages = tuple(stage for stage in STAGES if stage.name in wanted)
    work = run_stages({"document": document, "article": article}, _settings(), stages)
    return Analysis(
        document=document,
        article=article,
        entities=work["entities"],
        speakers=work["speakers"],
        accounts=work["accounts"],
        statements=work["statements"],
        events=(),
        places=work["places"],
        notes=(),
    )


@cache
def _settings() -> Any:
    from sayso.pipeline import Settings

    return Settings(claims=False)


def headline_stance(statements: Sequence[Statement]) -> str:
    """The stance ingest gives the headline, in Emergent's terms, or :data:`NONE`."""
    spoken = sorted((s for s in statements if s.stance != "silent"), key=lambda s: s.span.start)
    return SHIPPED_TO_EMERGENT[spoken[0].stance] if spoken else NONE


@dataclass(frozen=True)
class ShippedStanceReport:
    """The figures of the shipped stance on one file."""

    data: str
    n: int
    claims: int
    seconds: float
    scores: Scores
    covered: int  # headlines with a statement
    covered_accuracy: float  # accuracy on those
    shipped_stances: dict[str, int]  # what statements_of said, before mapping

    @property
    def accuracy(self) -> float:
        return self.scores.accuracy

    def as_dict(self) -> dict[str, Any]:
        return {
            "data": self.data,
            "system": "shipped (Statement.stance from sayso.claims.statements, as ingest)",
            "scored": "each articleHeadline analysed as a page's title; the stance of its "
            "first statement; none when it has no statement",
            "mapping": {
                "supports": "for",
                "partly": "for",
                "denies": "against",
                "reports": "observing",
            },
            "n": self.n,
            "claims": self.claims,
            **self.scores.as_dict(),
            "covered": self.covered,
            "covered_accuracy": round(self.covered_accuracy, 4),
            "shipped_stances": self.shipped_stances,
            "seconds": round(self.seconds, 2),
        }


def evaluate_shipped(path: Path | str, *, progress: Progress | None = None) -> ShippedStanceReport:
    """Score the stance the shipped code gives every headline of the file."""
    rows: list[Row] = load_emergent(path)
    start = time.perf_counter()
    predicted: list[str] = []
    raw: dict[str, int] = {}
    cache: dict[str, tuple[str, str]] = {}
    for done, row in enumerate(rows):
        if progress and done % 50 == 0:
            progress(done, len(rows))
        if row.headline not in cache:
            statements = analyse_headline(row.headline).statements
            spoken = sorted(
                (s for s in statements if s.stance != "silent"), key=lambda s: s.span.start
            )
            cache[row.headline] = (
                headline_stance(statements),
                spoken[0].stance if spoken else NONE,
            )
        stance, shipped = cache[row.headline]
        predicted.append(stance)
        raw[shipped] = raw.get(shipped, 0) + 1
    if progress:
        progress(len(rows), len(rows))
    gold = [row.stance for row in rows]
    covered = [(g, p) for g, p in zip(gold, predicted, strict=True) if p != NONE]
    return ShippedStanceReport(
        data=str(Path(path).resolve()),
        n=len(rows),
        claims=len({row.claim_id for row in rows}),
        seconds=time.perf_counter() - start,
        scores=score(gold, predicted, (*STANCES, NONE)),
        covered=len(covered),
        covered_accuracy=sum(g == p for g, p in covered) / len(covered) if covered else 0.0,
        shipped_stances=dict(sorted(raw.items())),
    )
