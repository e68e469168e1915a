"""The sides gate (issue 17): the dev half of the blind sides gold, scored
through the code `sayso ingest` runs, must not fall below what was measured
(side right 0.898, wrong 0.036, speaker 0.971 on 2026-12-03). The held-out
half is never scored here."""

from __future__ import annotations

from pathlib import Path

from sayso.eval.sides import evaluate
from sayso.pipeline import Settings

DEV = Path(__file__).parent / "data" / "sides" / "dev"


def test_sides_on_the_dev_gold_stay_above_their_floors() -> None:
    report = evaluate([DEV], Settings(claims=False)).as_dict()
    overall = report["overall"]
    assert overall["gold"] == 157
    assert overall["side_right"] >= 0.88, overall
    assert overall["side_wrong"] <= 0.045, overall
    assert overall["speaker_right"] >= 0.95, overall
