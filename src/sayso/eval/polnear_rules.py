"""Score each attribution rule of :data:`sayso.nlp.rules.RULES` on PolNeAR.

Every article is parsed once; the attribution runs once with every rule on and
once per rule with that rule off (the steps after the rules run each time). For
each rule: the accounts it produced with every rule on (``matches``), how many of
them match a gold content at the loose threshold and their precision, and the
loose F1 over all gold when the run goes without it (``f1_lost`` is the F1 with
every rule on minus that). Accounts under ``min_confidence`` are left out, as in
:func:`sayso.eval.polnear.evaluate`, whose loose F1 the ``f1`` figure equals: only
the accounts' spans and confidences count, so speakers are not resolved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.eval.polnear import LOOSE, article_from_text, load_split, match
from sayso.model import Span
from sayso.nlp.parse import load_nlp
from sayso.nlp.parsed import Found, ParsedArticle
from sayso.nlp.rules import RULES, find_accounts


@dataclass(slots=True)
class _Run:
    """Loose matching counts of one configuration (every rule on, or one off)."""

    predicted: int = 0
    matched: int = 0
    gold: int = 0

    def f1(self) -> float:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class RuleReport:
    split: str
    articles: int = 0
    every: _Run = field(default_factory=_Run)
    without: dict[str, _Run] = field(default_factory=lambda: {r.name: _Run() for r in RULES})
    produced: dict[str, int] = field(default_factory=lambda: {r.name: 0 for r in RULES})
    matched: dict[str, int] = field(default_factory=lambda: {r.name: 0 for r in RULES})

    def as_dict(self) -> dict[str, Any]:
        f1 = self.every.f1()
        rows = []
        for rule in RULES:
            made, hit = self.produced[rule.name], self.matched[rule.name]
            lost = f1 - self.without[rule.name].f1()
            rows.append(
                {
                    "rule": rule.name,
                    "matches": made,
                    "matched_gold": hit,
                    "precision": hit / made if made else 0.0,
                    "f1_without": self.without[rule.name].f1(),
                    "f1_lost": lost,
                }
            )
        return {
            "split": self.split,
            "articles": self.articles,
            "threshold": LOOSE,
            "f1": f1,
            "rules": rows,
        }


def _count(run: _Run, gold: list[tuple[Span, ...]], found: list[Found]) -> dict[int, int]:
    matches = match(gold, [f.parts or (f.content,) for f in found], LOOSE)
    run.predicted += len(found)
    run.matched += len(matches)
    run.gold += len(gold)
    return matches


def _accounts(parsed: ParsedArticle, off: frozenset[str], min_confidence: float) -> list[Found]:
    found = find_accounts(parsed, without=off)
    return [f for f in found if f.confidence >= min_confidence]


def score_rules(
    data_dir: Path,
    split: str,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    min_confidence: float = 0.0,
) -> RuleReport:
    """Score every rule on a split (the first ``limit`` articles, if given)."""
    articles = load_split(data_dir, split)[:limit]
    report = RuleReport(split=split)
    nlp = load_nlp()
    for done, gold in enumerate(articles, 1):
        _, article = article_from_text(gold.text, f"polnear:{split}/{gold.name}")
        parsed = ParsedArticle(nlp(article.text), article.title_span, article.dateline)
        spans = [g.content for g in gold.attributions]

        every = _accounts(parsed, frozenset(), min_confidence)
        hits = set(_count(report.every, spans, every).values())
        for i, item in enumerate(every):
            report.produced[item.by] += 1
            report.matched[item.by] += i in hits
        for rule in RULES:
            off = frozenset({rule.name})
            _count(report.without[rule.name], spans, _accounts(parsed, off, min_confidence))
        report.articles += 1
        if progress is not None:
            progress(done, len(articles))
    return report
