"""Issue 3's own gold set: 12 conflict-reporting items written without looking at
sayso's output (tests/data/conflict). Totals over all quotes stay above the floors
pinned here; the figures measured blind, before any rule was tuned on the set,
are in docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.eval.golden import score_pages, total

CONFLICT = Path(__file__).parent / "data" / "conflict"
FLOORS = {"recall": 0.97, "kind": 0.97, "speaker": 0.95, "side": 0.76}
EPSILON = 0.005


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    pages = sorted(p for p in CONFLICT.iterdir() if p.suffix == ".txt")
    results = score_pages(pages)
    assert len(results) == len(pages) == 12
    assert all(r.figures for r in results), [r.error for r in results if not r.figures]
    return total(results)


def test_conflict_gold_has_enough_quotes(figures: dict[str, float]) -> None:
    assert figures["quotes"] >= 45


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_conflict_gold_above_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS[name] - EPSILON, f"{name} {figures[name]:.3f}"
