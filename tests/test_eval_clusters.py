"""`sayso eval clusters`: ingest's claim linking over Emergent headlines, scored
against the claimId grouping (pairwise and B-cubed figures on hand-made clusters)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from sayso.claims.emergent import COLUMNS, Row
from sayso.cli import cli
from sayso.cli.eval_clusters import clusters_command
from sayso.eval.clusters import evaluate, link_headlines, score_clusters

EMERGENT = Path(__file__).resolve().parents[1].parent / "shared/datasets/emergent/train.csv"


def test_perfect_clusters_score_one() -> None:
    s = score_clusters(["x", "x", "y", "z"], ["a", "a", "b", "c"])
    assert (s.pairwise_precision, s.pairwise_recall, s.pairwise_f1) == (1.0, 1.0, 1.0)
    assert (s.bcubed_precision, s.bcubed_recall, s.bcubed_f1) == (1.0, 1.0, 1.0)
    assert (s.items, s.clusters, s.gold_clusters, s.singletons) == (4, 3, 3, 2)
    assert s.largest_share == 0.5


def test_hand_made_clusters_exact_figures() -> None:
    # gold: a = {0, 1, 2}, b = {3, 4}; predicted: x = {0, 1}, y = {2, 3, 4}
    s = score_clusters(["x", "x", "y", "y", "y"], ["a", "a", "a", "b", "b"])
    # predicted pairs: 1 + 3 = 4; gold pairs: 3 + 1 = 4; shared: (0,1) and (3,4)
    assert s.pairwise_precision == 0.5 and s.pairwise_recall == 0.5
    assert s.pairwise_f1 == 0.5
    # B-cubed precision: 0,1: 2/2; 2: 1/3; 3,4: 2/3 -> (2 + 1/3 + 4/3) / 5 = 11/15
    assert s.bcubed_precision == pytest.approx(11 / 15)
    # B-cubed recall: 0,1: 2/3; 2: 1/3; 3,4: 2/2 -> (4/3 + 1/3 + 2) / 5 = 11/15
    assert s.bcubed_recall == pytest.approx(11 / 15)
    assert s.bcubed_f1 == pytest.approx(11 / 15)
    assert s.largest_share == pytest.approx(3 / 5) and s.singletons == 0
    assert s.as_dict()["bcubed_f1"] == round(11 / 15, 4)


def test_one_big_cluster_and_all_singletons() -> None:
    gold = ["a", "a", "b", "b"]
    big = score_clusters(["x"] * 4, gold)
    assert big.pairwise_recall == 1.0 and big.pairwise_precision == pytest.approx(2 / 6)
    assert big.bcubed_recall == 1.0 and big.bcubed_precision == 0.5
    assert big.largest_share == 1.0 and big.clusters == 1
    alone = score_clusters(["p", "q", "r", "s"], gold)
    assert alone.pairwise_precision == 0.0 and alone.pairwise_recall == 0.0
    assert alone.pairwise_f1 == 0.0
    assert alone.bcubed_precision == 1.0 and alone.bcubed_recall == 0.5
    assert alone.bcubed_f1 == pytest.approx(2 / 3) and alone.singletons == 4


def test_score_refuses_mismatched_input() -> None:
    with pytest.raises(ValueError, match="same length"):
        score_clusters(["x"], ["a", "b"])
    with pytest.raises(ValueError, match="non-empty"):
        score_clusters([], [])


def _row(claim: str, headline: str, n: int) -> Row:
    return Row(claim, claim, f"art{n}", headline, "supports")


def test_link_headlines_uses_ingest_linking_with_hand_made_vectors() -> None:
    """Identical vectors and shared words join; an orthogonal vector starts a cluster."""
    rows = [
        _row("a", "Troops shelled the central market of the town", 0),
        _row("a", "Troops shelled the central market of the town again", 1),
        _row("b", "The minister resigned over a corruption scandal", 2),
    ]
    vectors = np.zeros((3, 384), dtype=np.float32)
    vectors[0, 0] = vectors[1, 0] = vectors[2, 1] = 1.0
    assigned = link_headlines(rows, vectors)
    assert assigned[0] == assigned[1] != assigned[2]


CLAIMS = {
    "c1": "ISIS militants beheaded the journalist James Foley",
    "c2": "A nun in an Italian convent gave birth to a baby",
}
HEADLINES = [
    ("c1", "Video shows Islamic State beheading of US journalist James Foley"),
    ("c1", "Islamic State militants behead American journalist James Foley"),
    ("c2", "Italian nun gives birth to baby boy after stomach pains"),
    ("c2", "Nun in Italy gives birth to a baby boy she names Francis"),
]


def _tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n, (claim_id, headline) in enumerate(HEADLINES):
            writer.writerow([claim_id, CLAIMS[claim_id], f"a{n}", headline, "for"])
    return path


def test_cli_json_on_a_tiny_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(clusters_command, ["--data", str(_tiny(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["items"] == 4 and figures["gold_clusters"] == 2
    assert 1 <= figures["clusters"] <= 4
    assert figures["same_claim_threshold"] == 0.89
    assert figures["system"].startswith("shipped")
    for name in ("pairwise_precision", "pairwise_recall", "bcubed_f1", "largest_share"):
        assert 0.0 <= figures[name] <= 1.0
    table = CliRunner().invoke(cli, ["eval", "clusters", "--data", str(_tiny(tmp_path))])
    assert table.exit_code == 0, table.output
    assert "B-cubed" in table.output and "clusters (claims)" in table.output


def test_cli_without_data_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(clusters_command, ["--data", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "no Emergent CSV" in result.output and "none.csv" in result.output
    monkeypatch.setenv("SAYSO_DATA", str(tmp_path))
    result = CliRunner().invoke(clusters_command, ["--json"])
    assert result.exit_code == 2 and "SAYSO_DATA" in result.output


def test_cli_bad_file_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(clusters_command, ["--data", str(bad)])
    assert result.exit_code == 1
    assert "E106" in result.output and "bad.csv" in result.output


@pytest.mark.skipif(not EMERGENT.is_file(), reason="no Emergent train.csv")
def test_emergent_first_claims() -> None:
    report = evaluate(EMERGENT, limit=20)
    assert report.scores.items == 117 and report.scores.gold_clusters == 20
    # precision first (issue 16): every member is compared with its claim's leader
    assert report.scores.bcubed_precision >= 0.90 and report.scores.bcubed_f1 >= 0.68


def test_leaders_join_the_first_group_they_reach() -> None:
    from sayso.eval.baselines.clusters import leaders

    rows = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    # row 1 reaches row 0 (0.8); row 2 reaches neither leader 0 (0.0) nor 1 (not one);
    # row 3 reaches row 0 (0.6) first, though row 2 (0.8) is closer
    assert leaders(rows, 0.55) == [0, 0, 2, 0]
    assert leaders(rows, 0.9) == [0, 1, 2, 1]  # row 3 reaches row 1 (0.96)


@pytest.mark.skipif(not EMERGENT.is_file(), reason="no Emergent train.csv")
def test_the_tfidf_baseline_is_scored_and_labelled() -> None:
    result = CliRunner().invoke(
        clusters_command,
        ["--data", str(EMERGENT), "--limit", "20", "--baseline", "tfidf", "--json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["system"].startswith("baseline") and report["items"] == 117
    assert 0 < report["bcubed_f1"] < 1
