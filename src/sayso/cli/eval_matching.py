"""`sayso eval claim-matching`: score headline-to-claim retrieval on Emergent."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from sayso.claims.similarity import DEFAULT_METHOD, METHODS
from sayso.cli.common import EMERGENT_CSV, dataset_file, guarded
from sayso.cli.progress import progress_bar
from sayso.eval.claim_matching import MatchingReport, evaluate


@click.command("claim-matching")
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The Emergent CSV (claimId, claimHeadline, articleId, articleHeadline, "
    "articleHeadlineStance). Default: $SAYSO_DATA/emergent/train.csv, "
    "else ../shared/datasets/emergent/train.csv.",
)
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default=DEFAULT_METHOD,
    show_default=True,
    help="tfidf: character n-grams; e5: sentence embeddings; hybrid: both.",
)
@click.option(
    "--feedback/--no-feedback",
    default=True,
    show_default=True,
    help="Pull each claim toward the headlines that rank it first, then rank again.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Only the first N claims and their headlines."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def claim_matching_command(
    data: Path | None, method: str, feedback: bool, limit: int | None, as_json: bool
) -> None:
    """Rank every Emergent claim for each headline; accuracy at 1 and MRR."""
    found = dataset_file(data, EMERGENT_CSV, "Emergent CSV")

    @guarded
    def run() -> None:
        report = _run(found, method, feedback, limit)
        if as_json:
            click.echo(json.dumps(report.as_dict(), indent=2))
        else:
            _print_report(report, found)

    run()


def _run(path: Path, method: str, feedback: bool, limit: int | None) -> MatchingReport:
    with progress_bar() as progress:
        task = progress.add_task("encoding", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return evaluate(path, method, feedback=feedback, limit=limit, progress=advance)


def _print_report(report: MatchingReport, path: Path) -> None:
    limit = f", first {report.limit} claims" if report.limit else ""
    table = Table(
        title=f"Emergent claim matching{limit}", caption=str(path.resolve()), min_width=60
    )
    table.add_column("figure")
    table.add_column(report.method, justify="right")
    table.add_row("headlines (queries)", str(report.queries))
    table.add_row("claims (candidates)", str(report.claims))
    table.add_row("feedback", "yes" if report.feedback else "no")
    table.add_row("accuracy at 1", f"{report.accuracy_at_1:.3f}")
    table.add_row("MRR", f"{report.mrr:.3f}")
    Console(width=100).print(table)
    click.echo(
        f"{report.queries / max(report.seconds, 1e-9):.1f} headlines/s "
        f"({report.seconds:.1f} s of matching, {report.cpu_seconds:.1f} s of processor time)"
    )
