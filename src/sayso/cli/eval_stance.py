"""`sayso eval stance`: score the stance ingest gives (supports, denies, reports) on
Emergent headlines; with --baseline, the trained classifier kept for comparison."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from sayso.claims.emergent import STANCES
from sayso.cli.common import EMERGENT_CSV, dataset_file, guarded
from sayso.cli.progress import counting

if TYPE_CHECKING:
    from sayso.eval.baselines.stance_eval import StanceReport
    from sayso.eval.stance import ShippedStanceReport

EXIT_NO_DATA = 2
BASELINE = "baseline (eval only, not what ingest runs)"
SYSTEM_NOTES = {
    "combined": "model + rules",
    "model": "model alone",
    "rules": "rules alone",
    "words": "bag of words",
}


def _no_data(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_NO_DATA)


@click.command("stance")
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The Emergent CSV to cross-validate on (claimId, claimHeadline, articleId, "
    "articleHeadline, articleHeadlineStance). Default: $SAYSO_DATA/emergent/train.csv, "
    "else ../shared/datasets/emergent/train.csv.",
)
@click.option(
    "--baseline",
    is_flag=True,
    help="Score the trained logistic-regression baseline (eval only, not what ingest "
    "runs) by cross-validation or --train/--test, instead of the shipped stance.",
)
@click.option(
    "--train",
    "train_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="--baseline: train on this CSV (with --test) instead of cross-validating.",
)
@click.option(
    "--test",
    "test_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="--baseline: score on this CSV (with --train).",
)
@click.option(
    "--folds",
    type=click.IntRange(min=2),
    default=10,
    show_default=True,
    help="--baseline: cross-validation folds, grouped by claim. With 10, each model trains "
    "on about 1,860 of train.csv's 2,071 pairs, near the 2,071 the Emergent paper trained on.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="--baseline: shuffles the folds."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stance_command(
    data: Path | None,
    baseline: bool,
    train_path: Path | None,
    test_path: Path | None,
    folds: int,
    seed: int,
    as_json: bool,
) -> None:
    """Score the stance ingest gives Emergent headlines (supports, denies, reports).

    Each headline is analysed as a page's title by the shipped stages; its first
    statement's stance is scored (supports/partly = for, denies = against, reports
    = observing). With --baseline: the trained classifier kept for comparison
    (cross-validated by claim, or --train/--test), with its rules and a
    bag-of-words model.
    """
    if not baseline and (train_path or test_path):
        raise click.UsageError("--train and --test score the baseline: add --baseline")
    if (train_path is None) != (test_path is None):
        raise click.UsageError("--train and --test go together")
    if train_path is not None and data is not None:
        raise click.UsageError("--data is for cross-validation; not with --train/--test")
    if train_path is not None and test_path is not None:
        for path in (train_path, test_path):
            if not path.is_file():
                _no_data(f"no Emergent CSV at {path.resolve()}")
        found = None
    else:
        found = dataset_file(data, EMERGENT_CSV, "Emergent CSV")

    if not baseline:
        assert found is not None
        _run_shipped(found, as_json)
        return

    @guarded
    def run() -> None:
        with counting("stance", disable=as_json) as advance:
            if found is not None:
                report = _evaluate().evaluate_cv(found, folds=folds, seed=seed, progress=advance)
            else:
                assert train_path is not None and test_path is not None
                report = _evaluate().evaluate_split(train_path, test_path, progress=advance)
        if as_json:
            click.echo(json.dumps(report.as_dict(), indent=2))
        else:
            _print_report(report)

    run()


def _evaluate() -> Any:
    # Imported when the command runs: scikit-learn costs half a second and 60 MB
    # to every other sayso command that would import it at start-up.
    from sayso.eval.baselines import stance_eval

    return stance_eval


def _run_shipped(path: Path, as_json: bool) -> None:
    from sayso.eval.stance import evaluate_shipped

    @guarded
    def run() -> None:
        with counting("stance", disable=as_json) as advance:
            report = evaluate_shipped(path, progress=advance)
        if as_json:
            click.echo(json.dumps(report.as_dict(), indent=2))
        else:
            _print_shipped(report)

    run()


def _print_shipped(report: ShippedStanceReport) -> None:
    scores = report.scores
    table = Table(
        title=f"Emergent stance, as ingest gives it: {report.n} headlines, {report.claims} claims",
        caption="each headline analysed as a page's title; its first statement's stance\n"
        f"{report.data}",
        min_width=60,
    )
    table.add_column("figure")
    table.add_column("shipped", justify="right")
    table.add_row("accuracy", f"{scores.accuracy:.3f}")
    table.add_row("macro F1", f"{scores.macro_f1:.3f}")
    for stance in STANCES:
        for figure in ("precision", "recall", "f1"):
            label = f"{stance} {'F1' if figure == 'f1' else figure}"
            table.add_row(label, f"{getattr(scores.per_class[stance], figure):.3f}")
    table.add_row("headlines with a statement", f"{report.covered} of {report.n}")
    table.add_row("accuracy on those", f"{report.covered_accuracy:.3f}")
    Console(width=100).print(table)
    confusion = Table(title="Confusions (rows: gold, columns: what ingest gave)")
    confusion.add_column("gold")
    for column in scores.columns:
        confusion.add_column(column, justify="right")
    for stance, row in zip(STANCES, scores.confusion, strict=True):
        confusion.add_row(stance, *(str(count) for count in row))
    Console(width=100).print(confusion)
    click.echo(f"{report.seconds:.1f} s")


def _print_report(report: StanceReport) -> None:
    if report.folds is not None:
        how = f"{report.folds}-fold cross-validation grouped by claim, seed {report.seed}"
    else:
        how = "train/test"
    table = Table(
        title=f"Emergent stance, {BASELINE}: {report.n} pairs, {report.claims} claims",
        caption=f"{how}\n{report.data}",
        min_width=60,
    )
    table.add_column("figure")
    for name in report.systems:
        table.add_column(SYSTEM_NOTES[name], justify="right")
    scores = list(report.systems.values())
    table.add_row("accuracy", *(f"{s.accuracy:.3f}" for s in scores))
    table.add_row("macro F1", *(f"{s.macro_f1:.3f}" for s in scores))
    for stance in STANCES:
        for figure in ("precision", "recall", "f1"):
            label = f"{stance} {'F1' if figure == 'f1' else figure}"
            table.add_row(label, *(f"{getattr(s.per_class[stance], figure):.3f}" for s in scores))
    Console(width=100).print(table)

    confusion = Table(title="Baseline model + rules: confusions (rows: gold, columns: predicted)")
    confusion.add_column("gold")
    for stance in STANCES:
        confusion.add_column(stance, justify="right")
    for stance, row in zip(STANCES, report.confusion, strict=True):
        confusion.add_row(stance, *(str(count) for count in row))
    Console(width=100).print(confusion)
    click.echo(
        f"rules fired on {report.rules_fired} of {report.n} pairs "
        f"({report.rules_fired_accuracy:.3f} right there); {report.seconds:.1f} s"
    )
    if report.shared_claims:
        click.echo(
            f"warning: {report.shared_claims} claim(s) are in both the training and the "
            "test file: the figures are easier than on new claims",
            err=True,
        )
