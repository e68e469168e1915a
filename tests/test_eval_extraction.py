"""`sayso eval extraction`: the benchmark's shingle scoring, the command, its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.cli import cli
from sayso.errors import EmptyInput
from sayso.eval.extraction import evaluate, shingle_match, shingles, tokens

MINI = Path(__file__).parent / "data" / "zyte-mini"


def test_tokens_are_word_runs() -> None:
    assert tokens("Don't stop — it's 2026!") == ["Don", "t", "stop", "it", "s", "2026"]


def test_shingles_are_a_multiset_of_four_tokens() -> None:
    assert shingles("a b c d e") == {"a b c d": 1, "b c d e": 1}
    assert shingles("a b c d a b c d") == {
        "a b c d": 2,
        "b c d a": 1,
        "c d a b": 1,
        "d a b c": 1,
    }
    assert shingles("too short") == {"too short": 1}  # fewer than 4 tokens: one shingle
    assert shingles(" ... ") == {}


def test_match_exact() -> None:
    match = shingle_match("One two three four five.", "One, two; three four five")
    assert (match.tp, match.fp, match.fn) == (1.0, 0.0, 0.0)
    assert match.precision == match.recall == 1.0
    assert match.exact


def test_match_counts_the_multisets() -> None:
    # gold: abcd, bcde, cdef; predicted: abcd, bcde, cdea, deab, eabc and abcd
    # again: tp 2, fp 4 (the second abcd is spare), fn 1 (cdef), normalised over 7.
    match = shingle_match("a b c d e f", "a b c d e a b c d")
    assert match.tp == pytest.approx(2 / 7)
    assert match.fp == pytest.approx(4 / 7)
    assert match.fn == pytest.approx(1 / 7)
    assert match.precision == pytest.approx(1 / 3)
    assert match.recall == pytest.approx(2 / 3)
    assert not match.exact


def test_empty_prediction_scores_zero_and_empty_pair_scores_one() -> None:
    failed = shingle_match("a b c d e", "")
    assert (failed.precision, failed.recall, failed.exact) == (0.0, 0.0, False)
    both = shingle_match("", "")
    assert (both.precision, both.recall, both.exact) == (1.0, 1.0, True)


def _bench(root: Path, gold: dict[str, str]) -> Path:
    (root / "html").mkdir(parents=True)
    truth = {key: {"articleBody": body, "url": f"https://x/{key}"} for key, body in gold.items()}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_evaluate_averages_pages_and_lists_failures(tmp_path: Path) -> None:
    data = _bench(tmp_path, {"p1": "a b c d e f", "p2": "w x y z", "p3": "gone"})
    predictions = {"p1": "a b c d e a b c d", "p2": "w x y z"}

    def extractor(path: Path) -> str:
        key = path.name.removesuffix(".html.gz")
        if key not in predictions:
            raise EmptyInput("nothing", source=str(path))
        return predictions[key]

    report = evaluate(data, extractor=extractor)
    assert report.precision == pytest.approx((1 / 3 + 1 + 0) / 3)
    assert report.recall == pytest.approx((2 / 3 + 1 + 0) / 3)
    p, r = report.precision, report.recall
    assert report.f1 == pytest.approx(2 * p * r / (p + r))
    assert report.accuracy == pytest.approx(1 / 3)
    assert [page.id for page in report.failed] == ["p3"]
    assert report.as_dict()["failed"][0]["error"].startswith("EmptyInput")


def test_cli_json_on_the_vendored_slice() -> None:
    result = CliRunner().invoke(
        cli, ["eval", "extraction", "--data", str(MINI), "--limit", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["pages"] == 2
    for key in ("precision", "recall", "f1", "accuracy"):
        assert 0.0 <= figures[key] <= 1.0
    assert figures["f1"] > 0.5
    assert figures["failed"] == []


def test_cli_table() -> None:
    result = CliRunner().invoke(cli, ["eval", "extraction", "--data", str(MINI), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "pages/s" in result.output


def test_cli_missing_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAYSO_DATA", str(tmp_path))
    result = CliRunner().invoke(cli, ["eval", "extraction", "--json"])
    assert result.exit_code == 2
    assert f"no Zyte article-extraction benchmark at {tmp_path.resolve()}" in result.output
    assert "SAYSO_DATA" in result.output
