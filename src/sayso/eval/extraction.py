"""Score article-body extraction on the Zyte article-extraction benchmark.

Every account sayso records points into the article body, so a body that keeps
page chrome (menus, captions, "read more") or loses paragraphs bounds every
figure downstream. This measures that bound on public pages, with the
benchmark authors' own scoring (scrapinghub/article-extraction-benchmark), so
the figure can be set beside their published ones (trafilatura, readability,
newspaper ...):

* both texts are split into ``\\w+`` tokens and cut into 4-token shingles;
* per page, TP/FP/FN are counted on the two shingle multisets and normalised
  by their sum, so that long pages weigh no more than short ones;
* precision and recall are averaged over pages, F1 is taken from the two
  averages; "accuracy" is the share of pages whose token sequence is exact.

What is scored is the body that ``sayso ingest`` stores: the page read by
:func:`sayso.ingest.read_input` and cut by :func:`sayso.extract.build_article`,
the text under ``body_span`` (the title and removed chrome are not in it). A
page that fails to read or extract counts as an empty prediction and is listed.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.errors import SaysoError, StageError, UnreadableInput

GROUND_TRUTH = "ground-truth.json"
PAGES = "html"
SHINGLE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)

# Turns a page file into the predicted body text; raises SaysoError on failure.
Extractor = Callable[[Path], str]
Progress = Callable[[int, int], None]


def tokens(text: str) -> list[str]:
    """The benchmark's tokens: runs of word characters, case kept."""
    return _TOKEN.findall(text)


def shingles(text: str, n: int = SHINGLE) -> Counter[str]:
    """The multiset of n-token shingles; a text shorter than n tokens is one
    shingle of all its tokens (as the benchmark does), an empty one has none."""
    words = tokens(text)
    grams = (" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))
    return Counter(g for g in grams if g)


@dataclass(frozen=True, slots=True)
class Match:
    """One page's shingle counts, normalised so that tp + fp + fn is 1."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        """tp / (tp + fp); an empty prediction has precision 0 unless the gold is
        empty too (then 1), so that a failed page never helps the average."""
        if self.tp + self.fp > 0:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); an empty gold is fully recalled."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else 1.0


def shingle_match(gold: str, predicted: str, n: int = SHINGLE) -> Match:
    """TP/FP/FN of ``predicted`` against ``gold`` on shingle multisets."""
    want, got = shingles(gold, n), shingles(predicted, n)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    exact = tokens(gold) == tokens(predicted)
    if total == 0:
        return Match(0.0, 0.0, 0.0, exact)
    return Match(tp / total, fp / total, fn / total, exact)


def extract_body(path: Path) -> str:
    """The article body sayso stores for one page, as ``sayso ingest`` makes it."""
    from sayso.extract import build_article
    from sayso.ingest import read_input

    raw = read_input(str(path))
    try:
        article = build_article(raw.document, raw.text)
    except SaysoError:
        raise
    except Exception as exc:  # as ingest does: a bug on one page fails that page only
        raise StageError(f"extract failed: {type(exc).__name__}: {exc}", source=str(path)) from exc
    return article.text[article.body_span.start : article.body_span.end]


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page: its figures, and why it failed when it did."""

    id: str
    precision: float
    recall: float
    exact: bool
    error: str | None = None


@dataclass(slots=True)
class ExtractionReport:
    """Figures over the pages scored."""

    data: str
    pages: list[PageScore] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return _mean([p.precision for p in self.pages])

    @property
    def recall(self) -> float:
        return _mean([p.recall for p in self.pages])

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0

    @property
    def accuracy(self) -> float:
        return _mean([1.0 if p.exact else 0.0 for p in self.pages])

    @property
    def failed(self) -> list[PageScore]:
        return [p for p in self.pages if p.error is not None]

    @property
    def pages_per_second(self) -> float:
        return len(self.pages) / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        worst = sorted(self.pages, key=lambda p: (p.precision + p.recall, p.id))[:10]
        return {
            "data": self.data,
            "pages": len(self.pages),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "accuracy": round(self.accuracy, 4),
            "seconds": round(self.seconds, 2),
            "pages_per_second": round(self.pages_per_second, 2),
            "failed": [{"id": p.id, "error": p.error} for p in self.failed],
            "worst": [
                {"id": p.id, "precision": round(p.precision, 4), "recall": round(p.recall, 4)}
                for p in worst
            ],
        }


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def load_ground_truth(data_dir: Path) -> dict[str, str]:
    """``{page id: gold article body}`` from the benchmark's ground-truth.json."""
    path = data_dir / GROUND_TRUTH
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableInput(f"cannot read the ground truth: {error}", source=str(path)) from None
    if not isinstance(raw, dict):
        raise UnreadableInput("the ground truth is not a JSON object", source=str(path))
    return {
        str(key): str(value.get("articleBody") or "") if isinstance(value, dict) else ""
        for key, value in raw.items()
    }


def evaluate(
    data_dir: Path | str,
    *,
    extractor: Extractor = extract_body,
    limit: int | None = None,
    progress: Progress | None = None,
) -> ExtractionReport:
    """Extract every page of the benchmark (ids in sorted order) and score it."""
    data_dir = Path(data_dir)
    gold = load_ground_truth(data_dir)
    ids = sorted(gold)[:limit] if limit is not None else sorted(gold)
    report = ExtractionReport(str(data_dir.resolve()))
    start = time.perf_counter()
    for done, page_id in enumerate(ids, 1):
        error: str | None = None
        try:
            predicted = extractor(data_dir / PAGES / f"{page_id}.html.gz")
        except SaysoError as exc:
            predicted, error = "", f"{type(exc).__name__}: {exc}"
        match = shingle_match(gold[page_id], predicted)
        report.pages.append(PageScore(page_id, match.precision, match.recall, match.exact, error))
        if progress is not None:
            progress(done, len(ids))
    report.seconds = time.perf_counter() - start
    return report
