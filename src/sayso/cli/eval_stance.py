"""`sayso eval stance`: score the 3-way stance (supports, denies, reports) on Emergent."""

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
from sayso.cli.progress import progress_bar

if TYPE_CHECKING:
    from sayso.eval.stance import StanceReport

EXIT_NO_DATA = 2
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
    "--train",
    "train_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Train on this CSV (with --test) instead of cross-validating.",
)
@click.option(
    "--test",
    "test_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Score on this CSV (with --train).",
)
@click.option(
    "--folds",
    type=click.IntRange(min=2),
    default=10,
    show_default=True,
    help="Cross-validation folds, grouped by claim. With 10, each model trains on about "
    "1,860 of train.csv's 2,071 pairs, near the 2,071 the Emergent paper trained on.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Shuffles the folds.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stance_command(
    data: Path | None,
    train_path: Path | None,
    test_path: Path | None,
    folds: int,
    seed: int,
    as_json: bool,
) -> None:
    """Score stance toward a claim (supports, denies, reports) on Emergent headlines.

    Cross-validates with folds grouped by claim, or trains on --train and scores
    --test. Prints the model, the rules, both combined, and a bag-of-words baseline.
    """
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

    @guarded
    def run() -> None:
        with progress_bar(disable=as_json) as progress:
            task = progress.add_task("stance", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

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
    from sayso.eval import stance

    return stance


def _print_report(report: StanceReport) -> None:
    if report.folds is not None:
        how = f"{report.folds}-fold cross-validation grouped by claim, seed {report.seed}"
    else:
        how = "train/test"
    table = Table(
        title=f"Emergent stance: {report.n} pairs, {report.claims} claims",
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

    confusion = Table(title="Confusions of model + rules (rows: gold, columns: predicted)")
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
