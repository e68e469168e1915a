"""Claim matching on Emergent: with what ingest runs (`sayso eval claim-matching`), and
the baseline similarity kept for comparison (`--baseline tfidf|e5|hybrid`)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from sayso.claims.clusters import embed
from sayso.claims.emergent import COLUMNS, load_emergent
from sayso.cli.eval_matching import claim_matching_command
from sayso.errors import EmptyInput, UnreadableInput, UnsupportedInput
from sayso.eval.baselines.claim_matching import evaluate as evaluate_baseline
from sayso.eval.baselines.similarity import (
    HYBRID_DIFFERENT_CLAIM,
    HYBRID_SAME_CLAIM,
    E5Embedder,
    TfidfIndex,
    check_method,
    rank,
    similarity_matrix,
)
from sayso.eval.claim_matching import claims_of, evaluate, ranks_of

EMERGENT = Path(__file__).resolve().parents[1].parent / "shared/datasets/emergent/train.csv"
# Measured on train.csv. The whole file (2,071 headlines, 240 claims): shipped 0.862 at 1;
# baselines hybrid 0.936 (with its old "query:" encoding), tfidf 0.880. Encoding it with
# e5 takes ~90 s of processor time, too slow for the suite, so the shipped matching is
# pinned on the first 40 claims (245 headlines), where it measures SHIPPED_40.
SHIPPED_FLOOR_40 = 0.80
TFIDF_FLOOR = 0.87

CLAIMS = [
    "ISIS militants beheaded the journalist James Foley",
    "Apple will sell 19 million Apple Watches in 2015",
    "A nun in an Italian convent gave birth to a baby",
    "Two Australian men kept a McDonald's burger for 20 years",
]
HEADLINES = [
    ("Video shows Islamic State beheading of US journalist James Foley", 0),
    ("Analyst forecasts 19 million Apple Watch sales this year", 1),
    ("Italian nun gives birth to baby boy after stomach pains", 2),
    ("Australian blokes keep McDonald's burger for two decades", 3),
]


def test_paraphrases_rank_their_claim_first_with_tfidf() -> None:
    ranking = rank([h for h, _ in HEADLINES], CLAIMS, "tfidf")
    assert ranking.scores.shape == (len(HEADLINES), len(CLAIMS))
    assert list(ranking.best()) == [gold for _, gold in HEADLINES]
    assert [ranking.rank_of(i, gold) for i, (_, gold) in enumerate(HEADLINES)] == [1, 1, 1, 1]


@pytest.mark.parametrize("method", ["hybrid", "e5"])
def test_paraphrases_rank_their_claim_first_with_embeddings(method: str) -> None:
    for feedback in (True, False):
        ranking = rank([h for h, _ in HEADLINES], CLAIMS, method, feedback=feedback)
        assert list(ranking.best()) == [gold for _, gold in HEADLINES]
        assert list(ranking.order[:, 0]) == [gold for _, gold in HEADLINES]


def test_rank_handles_empty_sides_and_rejects_unknown_methods() -> None:
    assert rank([], CLAIMS, "tfidf").scores.shape == (0, len(CLAIMS))
    assert rank(["a headline"], [], "hybrid").scores.shape == (1, 0)
    with pytest.raises(ValueError, match="tfidf, e5, hybrid"):
        check_method("bm25")


@pytest.mark.parametrize("method", ["tfidf", "e5", "hybrid"])
def test_similarity_is_symmetric_and_in_range(method: str) -> None:
    texts = CLAIMS + [h for h, _ in HEADLINES]
    square = similarity_matrix(texts, method=method)
    assert square.shape == (len(texts), len(texts))
    assert np.allclose(square, square.T, atol=1e-5)
    assert np.all(square >= -1.0 - 1e-5) and np.all(square <= 1.0 + 1e-5)
    assert np.allclose(np.diag(square), 1.0, atol=1e-4)
    a, b = CLAIMS, [h for h, _ in HEADLINES]
    assert np.allclose(
        similarity_matrix(a, b, method), similarity_matrix(b, a, method).T, atol=1e-5
    )


def test_same_claim_scores_above_a_different_claim() -> None:
    pair = similarity_matrix([CLAIMS[2]], [HEADLINES[2][0], HEADLINES[1][0]], "hybrid")[0]
    assert pair[0] > pair[1]
    assert pair[0] >= HYBRID_SAME_CLAIM > HYBRID_DIFFERENT_CLAIM > pair[1]


def test_e5_embedder_returns_unit_rows_and_caches() -> None:
    embedder = E5Embedder()
    vectors = embedder.encode(["one claim", "another claim", "one claim"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[2])
    assert embedder.encode([]).shape == (0, 384)
    small = E5Embedder(cache_size=2)
    first = small.encode(["one claim", "another claim"])
    assert np.allclose(first[0], embed(["one claim"])[0], atol=1e-5)  # the shipped wrapper
    again = small.encode(["one claim", "a third claim"])  # overflows the cache
    assert np.allclose(first[0], again[0]) and np.allclose(first[0], vectors[0], atol=1e-5)


def test_tfidf_index_meets_inflections() -> None:
    index = TfidfIndex(["ISIS beheads journalist", "Gold watch costs more", "beheaded"])
    rows = index.transform(["beheaded journalist", "ISIS beheads journalist"])
    assert float((rows[0] @ rows[1].T).toarray()[0, 0]) > 0.3


def _write_emergent(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def _mini(tmp_path: Path) -> Path:
    rows = [
        (f"c{gold}", CLAIMS[gold], f"a{i}", headline, "for")
        for i, (headline, gold) in enumerate(HEADLINES)
    ]
    return _write_emergent(tmp_path / "mini.csv", rows)


def test_load_emergent_and_claims(tmp_path: Path) -> None:
    rows = load_emergent(_mini(tmp_path))
    assert len(rows) == 4 and rows[0].claim_id == "c0" and rows[0].stance == "supports"
    ids, texts = claims_of(rows)
    assert ids == ["c0", "c1", "c2", "c3"] and texts == CLAIMS


def test_baseline_scores_a_made_up_file(tmp_path: Path) -> None:
    report = evaluate_baseline(_mini(tmp_path), "tfidf")
    assert (report.queries, report.claims) == (4, 4)
    assert report.accuracy_at_1 == 1.0 and report.mrr == 1.0
    figures = report.as_dict()
    assert figures["method"] == "tfidf" and figures["system"].startswith("baseline tfidf")


def test_shipped_matching_scores_a_made_up_file(tmp_path: Path) -> None:
    report = evaluate(_mini(tmp_path))
    assert (report.queries, report.claims, report.method) == (4, 4, "shipped")
    assert report.accuracy_at_1 == 1.0 and report.mrr == 1.0
    assert report.joins is not None and 0.0 <= report.joins <= 1.0
    assert report.as_dict()["system"].startswith("shipped")


def test_ranks_count_ties_against_the_gold() -> None:
    scores = np.array([[0.9, 0.5, 0.9], [0.1, 0.2, 0.3]])
    assert list(ranks_of(scores, np.array([0, 0]))) == [2, 3]
    assert list(ranks_of(scores, np.array([1, 2]))) == [3, 1]


def test_missing_or_wrong_files_raise_clear_errors(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    with pytest.raises(UnreadableInput, match="nowhere.csv.*E101"):
        load_emergent(missing)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("claimId,claimHeadline\nc1,A claim\n", encoding="utf-8")
    with pytest.raises(UnsupportedInput, match="wrong.csv.*articleHeadline"):
        load_emergent(wrong)
    with pytest.raises(EmptyInput, match="empty.csv"):
        load_emergent(_write_emergent(tmp_path / "empty.csv", []))


def test_cli_prints_json(tmp_path: Path) -> None:
    args = ["--data", str(_mini(tmp_path)), "--baseline", "tfidf", "--json"]
    result = CliRunner().invoke(claim_matching_command, args)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["queries"] == 4 and figures["claims"] == 4
    assert figures["accuracy_at_1"] == 1.0 and figures["method"] == "tfidf"
    shipped = CliRunner().invoke(claim_matching_command, ["--data", str(_mini(tmp_path)), "--json"])
    assert shipped.exit_code == 0, shipped.output
    figures = json.loads(shipped.output)
    assert figures["method"] == "shipped" and "joins_at_same_claim" in figures


def test_cli_prints_a_table(tmp_path: Path) -> None:
    args = ["--data", str(_mini(tmp_path)), "--baseline", "tfidf", "--no-feedback"]
    result = CliRunner().invoke(claim_matching_command, args)
    assert result.exit_code == 0, result.output
    assert "accuracy at 1" in result.output and "MRR" in result.output
    assert "baseline (eval only" in result.output


def test_cli_exits_2_without_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(claim_matching_command, ["--data", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "no Emergent CSV" in result.output and "none.csv" in result.output
    monkeypatch.setenv("SAYSO_DATA", str(tmp_path))
    result = CliRunner().invoke(claim_matching_command, ["--json"])
    assert result.exit_code == 2 and "SAYSO_DATA" in result.output


def test_cli_bad_file_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(claim_matching_command, ["--data", str(bad), "--baseline", "tfidf"])
    assert result.exit_code == 1
    assert "E106" in result.output and "bad.csv" in result.output


needs_emergent = pytest.mark.skipif(not EMERGENT.is_file(), reason="no Emergent train.csv")


@needs_emergent
def test_emergent_shipped_floor() -> None:
    report = evaluate(EMERGENT, limit=40)
    assert (report.method, report.queries, report.claims) == ("shipped", 245, 40)
    assert report.accuracy_at_1 >= SHIPPED_FLOOR_40


@needs_emergent
def test_emergent_tfidf_baseline_floor_on_the_whole_file() -> None:
    report = evaluate_baseline(EMERGENT, "tfidf")
    assert (report.queries, report.claims) == (2071, 240)
    assert report.accuracy_at_1 >= TFIDF_FLOOR
