"""Stance on Emergent: the stance ingest gives, scored (`sayso eval stance`); and the
baseline kept for comparison (rules, model, its evaluation, `--baseline`)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import joblib  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner

from sayso.claims.emergent import STANCES, Stance, load_emergent
from sayso.cli.eval_stance import stance_command
from sayso.errors import UnreadableInput, UnsupportedInput
from sayso.eval.baselines.stance import StanceModel, combine, rule_hits, stance_rules
from sayso.eval.baselines.stance_eval import evaluate_cv, evaluate_split
from sayso.eval.stance import NONE, analyse_headline, evaluate_shipped, headline_stance, score

EMERGENT = Path(__file__).resolve().parents[1].parent / "shared/datasets/emergent/train.csv"
# The stance ingest gives, on train.csv: accuracy 0.528 (most headlines are plain
# assertions: supports). The baseline, 10 folds grouped by claim, seed 0: model + rules
# 0.783 (seeds 0-2: 0.781-0.783), model alone 0.781, rules alone 0.718, bag of words 0.684.
SHIPPED_FLOOR = 0.52
COMBINED_FLOOR = 0.775
MODEL_FLOOR = 0.77
RULES_FLOOR = 0.71

COLUMNS = ("claimId", "claimHeadline", "articleId", "articleHeadline", "articleHeadlineStance")
CLAIM_A = "Government forces shelled the central market of Idlib"
CLAIM_B = "The minister resigned over the corruption scandal"
# Made up: (claim id, claim, headline, Emergent stance)
PAIRS: list[tuple[str, str, str, str]] = [
    ("a", CLAIM_A, "Government forces shell Idlib market, killing dozens", "for"),
    ("a", CLAIM_A, "Army artillery hits crowded Idlib market", "for"),
    ("a", CLAIM_A, "Shelling of Idlib market kills shoppers", "for"),
    ("a", CLAIM_A, "Ministry denies shelling Idlib market, calls reports fake", "against"),
    ("a", CLAIM_A, "Army rejects claims it shelled Idlib market", "against"),
    ("a", CLAIM_A, "Idlib market reportedly shelled, activists say", "observing"),
    ("a", CLAIM_A, "Unconfirmed reports of shelling at Idlib market", "observing"),
    ("b", CLAIM_B, "Minister resigns over corruption scandal", "for"),
    ("b", CLAIM_B, "Corruption scandal forces minister to quit", "for"),
    ("b", CLAIM_B, "Minister denies resigning, says rumours are a hoax", "against"),
    ("b", CLAIM_B, "Minister has not resigned, office says the story is false", "against"),
    ("b", CLAIM_B, "Minister may have resigned, sources claim", "observing"),
    ("b", CLAIM_B, "Rumours swirl that the minister allegedly quit", "observing"),
]
TO_STANCE: dict[str, Stance] = {"for": "supports", "against": "denies", "observing": "reports"}


def write_csv(path: Path, pairs: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n, (claim_id, claim, headline, stance) in enumerate(pairs):
            writer.writerow([claim_id, claim, f"art{n}", headline, stance])
    return path


# --- rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ministry denied that its aircraft struck the hospital.",
        "The army rejected claims that it had shelled the market.",
        "Officials dismissed the reports as baseless.",
        "The video of the strike is a hoax.",
        "Police say the photo was doctored.",
        "The spokesman said the troops did not enter the village.",
        "Rumours of his death put to rest by a new photo",
    ],
)
def test_denials(text: str) -> None:
    assert stance_rules(text) == "denies"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels allegedly executed the prisoners.",
        "He claimed without evidence that the vote was rigged.",
        "The president has reportedly left the capital.",
        "Unconfirmed reports say the dam has burst.",
        "A rumour spread that the airport was closed.",
        "The convoy may have been hit by a drone.",
        "Was the general killed in the strike?",
        "The army refused to confirm or deny the raid.",
    ],
)
def test_hedges_report(text: str) -> None:
    assert stance_rules(text) == "reports"


@pytest.mark.parametrize(
    "text",
    [
        "Government forces shelled the market on Tuesday.",
        "The minister resigned over the scandal.",
        "",
    ],
)
def test_plain_assertions_leave_it_to_the_model(text: str) -> None:
    assert stance_rules(text) is None


def test_a_denial_wins_over_a_hedge_and_the_hits_are_named() -> None:
    text = "Ministry denies reports that troops allegedly looted the town"
    assert stance_rules(text) == "denies"
    hits = rule_hits(text)
    assert hits[0] == "denial" and "hedging adverb" in hits
    assert rule_hits("Unconfirmed rumour, reportedly") == ["hedging adverb", "unverified", "rumour"]


def test_rules_override_the_model_where_they_fire() -> None:
    assert combine("supports", "denies") == "denies"
    assert combine("supports", "reports") == "reports"
    assert combine("reports", None) == "reports"


# --- model ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_model() -> StanceModel:
    claims = [claim for _, claim, _, _ in PAIRS]
    headlines = [headline for _, _, headline, _ in PAIRS]
    labels = [TO_STANCE[stance] for *_, stance in PAIRS]
    return StanceModel(c=1.0, use_rules=False).fit(claims, headlines, labels)


def test_model_learns_a_tiny_training_set(tiny_model: StanceModel) -> None:
    claims = [claim for _, claim, _, _ in PAIRS]
    headlines = [headline for _, _, headline, _ in PAIRS]
    predicted = tiny_model.predict(claims, headlines)
    gold = [TO_STANCE[stance] for *_, stance in PAIRS]
    assert set(predicted) <= set(STANCES)
    assert sum(p == g for p, g in zip(predicted, gold, strict=True)) >= len(gold) - 1
    unseen = tiny_model.predict(
        [CLAIM_A, CLAIM_A], ["Idlib market shelled by government forces", "Army denies a hoax"]
    )
    assert unseen == ["supports", "denies"]
    assert tiny_model.predict([], []) == []


def test_model_save_load_round_trip(tiny_model: StanceModel, tmp_path: Path) -> None:
    path = tmp_path / "stance.joblib"
    tiny_model.save(path)
    loaded = StanceModel.load(path)
    claims = [CLAIM_B] * 3
    headlines = ["Minister quits", "Minister denies quitting", "Minister reportedly quit"]
    assert loaded.predict(claims, headlines) == tiny_model.predict(claims, headlines)
    assert (loaded.c, loaded.use_rules) == (tiny_model.c, tiny_model.use_rules)
    joblib.dump({"not": "a model"}, tmp_path / "other.joblib")
    with pytest.raises(TypeError, match="not a stance model"):
        StanceModel.load(tmp_path / "other.joblib")


def test_unfitted_model_and_bad_input_are_refused() -> None:
    with pytest.raises(RuntimeError, match="not trained"):
        StanceModel().predict([CLAIM_A], ["headline"])
    with pytest.raises(ValueError, match="two different stances"):
        StanceModel().fit([CLAIM_A, CLAIM_A], ["x", "y"], ["supports", "supports"])
    with pytest.raises(ValueError, match="length"):
        StanceModel().fit([CLAIM_A], ["x", "y"], ["supports", "denies"])


# --- data and evaluation ---------------------------------------------------------


def test_load_emergent_maps_the_stances(tmp_path: Path) -> None:
    rows = load_emergent(write_csv(tmp_path / "e.csv", PAIRS))
    assert len(rows) == len(PAIRS)
    assert rows[0].claim_id == "a" and rows[0].stance == "supports"
    assert {row.stance for row in rows} == set(STANCES)


def test_load_emergent_errors_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    with pytest.raises(UnreadableInput, match="missing.csv"):
        load_emergent(missing)
    bad = tmp_path / "bad.csv"
    bad.write_text("claimId,headline\n1,x\n", encoding="utf-8")
    with pytest.raises(UnsupportedInput, match=r"bad\.csv.*articleHeadline"):
        load_emergent(bad)
    wrong = write_csv(tmp_path / "wrong.csv", [("a", CLAIM_A, "x", "maybe")])
    with pytest.raises(UnsupportedInput, match="unknown stance"):
        load_emergent(wrong)


def test_score_counts_per_class() -> None:
    scores = score(["supports", "denies", "reports", "reports"], ["supports", "reports"] * 2)
    assert scores.accuracy == 0.5
    assert scores.confusion == [[1, 0, 0], [0, 0, 1], [1, 0, 1]]
    assert scores.per_class["reports"].precision == 0.5
    assert scores.per_class["denies"].f1 == 0.0


def test_evaluate_split_and_cv_on_a_tiny_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", PAIRS)
    report = evaluate_split(path, path)
    assert report.n == len(PAIRS) and report.shared_claims == 2
    assert report.accuracy >= 0.9
    assert set(report.systems) == {"combined", "model", "rules", "words"}
    cv = evaluate_cv(path, folds=2)
    assert cv.n == len(PAIRS) and cv.folds == 2 and 0.0 <= cv.accuracy <= 1.0


# --- the command -------------------------------------------------------------------


def test_command_trains_and_tests_as_json(tmp_path: Path) -> None:
    train = write_csv(tmp_path / "train.csv", PAIRS)
    test = write_csv(
        tmp_path / "test.csv",
        [
            ("c", "The bridge collapsed in the storm", "Storm brings down the bridge", "for"),
            ("c", "The bridge collapsed in the storm", "Officials deny bridge collapse", "against"),
            ("c", "The bridge collapsed in the storm", "Bridge reportedly collapsed", "observing"),
        ],
    )
    result = CliRunner().invoke(
        stance_command, ["--baseline", "--train", str(train), "--test", str(test), "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["n"] == 3 and figures["method"] == "train/test"
    assert figures["system"].startswith("baseline (eval only, not what ingest runs)")
    assert figures["systems"]["rules"]["per_class"]["denies"]["recall"] == 1.0
    assert set(figures["systems"]["combined"]["per_class"]) == set(STANCES)


def test_command_prints_a_table(tmp_path: Path) -> None:
    train = write_csv(tmp_path / "train.csv", PAIRS)
    args = ["--baseline", "--train", str(train), "--test", str(train)]
    result = CliRunner().invoke(stance_command, args)
    assert result.exit_code == 0, result.output
    assert "model + rules" in result.output and "accuracy" in result.output
    assert "baseline (eval only" in result.output


def test_command_without_data_exits_2_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    result = CliRunner().invoke(stance_command, ["--data", str(missing)])
    assert result.exit_code == 2
    assert "nowhere.csv" in result.output
    args = ["--baseline", "--train", str(missing), "--test", str(missing)]
    result = CliRunner().invoke(stance_command, args)
    assert result.exit_code == 2 and "nowhere.csv" in result.output
    result = CliRunner().invoke(stance_command, ["--baseline", "--train", str(missing)])
    assert result.exit_code == 2 and "go together" in result.output
    result = CliRunner().invoke(stance_command, ["--train", str(missing), "--test", str(missing)])
    assert result.exit_code == 2 and "--baseline" in result.output


def test_command_bad_columns_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("claimId,headline\n1,x\n", encoding="utf-8")
    result = CliRunner().invoke(stance_command, ["--data", str(bad)])
    assert result.exit_code == 1
    assert "bad.csv" in result.output and "E106" in result.output


# --- the stance ingest gives ------------------------------------------------------


def test_score_puts_headlines_without_a_statement_in_a_none_column() -> None:
    scores = score(
        ["supports", "denies", "reports", "reports"],
        ["supports", NONE, "reports", "supports"],
        (*STANCES, NONE),
    )
    assert scores.accuracy == 0.5
    assert scores.confusion == [[1, 0, 0, 0], [0, 0, 0, 1], [1, 0, 1, 0]]
    assert scores.per_class["supports"].precision == 0.5
    assert scores.per_class["denies"].recall == 0.0
    assert scores.as_dict()["confusion"]["columns"] == [*STANCES, NONE]


def test_a_headline_gets_the_stance_of_its_first_statement() -> None:
    plain = analyse_headline("Government forces shelled the central market of Idlib on Tuesday")
    assert headline_stance(plain.statements) == "supports"
    hedged = analyse_headline("Government forces allegedly shelled the central market of Idlib")
    assert headline_stance(hedged.statements) == "reports"
    denied = analyse_headline("The ministry denied that government forces shelled the market")
    assert headline_stance(denied.statements) == "denies"
    assert headline_stance(analyse_headline("Oldest burger").statements) == NONE


def test_shipped_stance_command_as_json(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", PAIRS)
    result = CliRunner().invoke(stance_command, ["--data", str(path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["n"] == len(PAIRS) and figures["system"].startswith("shipped")
    assert figures["mapping"]["partly"] == "for"
    rows = figures["confusion"]["rows_gold_columns_predicted"]
    assert sum(map(sum, rows)) == len(PAIRS)
    assert figures["covered"] + sum(row[3] for row in rows) == len(PAIRS)
    report = evaluate_shipped(path)
    assert report.accuracy == pytest.approx(figures["accuracy"], abs=1e-4)
    table = CliRunner().invoke(stance_command, ["--data", str(path)])
    assert table.exit_code == 0 and "as ingest gives it" in table.output


@pytest.mark.skipif(not EMERGENT.is_file(), reason="Emergent train.csv not available")
def test_shipped_stance_on_emergent() -> None:
    report = evaluate_shipped(EMERGENT)
    assert report.n == 2071 and report.claims == 240
    assert report.accuracy >= SHIPPED_FLOOR


@pytest.mark.skipif(not EMERGENT.is_file(), reason="Emergent train.csv not available")
def test_cross_validation_on_emergent() -> None:
    report = evaluate_cv(EMERGENT)
    assert report.n == 2071 and report.claims == 240
    assert report.accuracy >= COMBINED_FLOOR
    assert report.systems["model"].accuracy >= MODEL_FLOOR
    assert report.systems["rules"].accuracy >= RULES_FLOOR
    assert report.systems["words"].accuracy < report.systems["model"].accuracy
    assert report.rules_fired_accuracy >= 0.8
