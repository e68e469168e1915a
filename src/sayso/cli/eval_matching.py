"""`sayso eval claim-matching`: score headline-to-claim retrieval on Emergent, with the
embedding and similarity ingest links claims by; --baseline for the older matcher."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from sayso.cli.common import EMERGENT_CSV, dataset_file, emergent_data_option, guarded
from sayso.cli.progress import counting
from sayso.eval.claim_matching import MatchingReport, Progress, evaluate

BASELINES = ("tfidf", "e5", "hybrid")
BASELINE = "baseline (eval only, not what ingest runs)"


@click.command("claim-matching")
@emergent_data_option
@click.option(
    "--baseline",
    type=click.Choice(BASELINES),
    help="Score a baseline matcher (eval only, not what ingest runs) instead: tfidf: "
    "character n-grams; e5: sentence embeddings, centered; hybrid: both.",
)
@click.option(
    "--feedback/--no-feedback",
    default=True,
    show_default=True,
    help="--baseline: pull each claim toward the headlines that rank it first, then rank again.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Only the first N claims and their headlines."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def claim_matching_command(
    data: Path | None, baseline: str | None, feedback: bool, limit: int | None, as_json: bool
) -> None:
    """Rank every Emergent claim for each headline; accuracy at 1 and MRR.

    By default with what ingest runs: e5 vectors from sayso.claims.clusters.embed
    and their cosine, as a statement meets a claim cluster (also: the share of
    headlines whose own claim reaches ingest's same-claim threshold).
    """
    found = dataset_file(data, EMERGENT_CSV, "Emergent CSV")

    @guarded
    def run() -> None:
        report = _run(found, baseline, feedback, limit)
        if as_json:
            click.echo(json.dumps(report.as_dict(), indent=2))
        else:
            _print_report(report, found)

    run()


def _run(path: Path, baseline: str | None, feedback: bool, limit: int | None) -> MatchingReport:
    with counting("encoding") as advance:
        if baseline is None:
            return evaluate(path, limit=limit, progress=advance)
        return _baseline(path, baseline, feedback, limit, advance)


def _baseline(
    path: Path, method: str, feedback: bool, limit: int | None, progress: Progress
) -> MatchingReport:
    # Imported when asked for: the baseline needs scikit-learn.
    from sayso.eval.baselines.claim_matching import evaluate as evaluate_baseline

    return evaluate_baseline(path, method, feedback=feedback, limit=limit, progress=progress)


def _print_report(report: MatchingReport, path: Path) -> None:
    limit = f", first {report.limit} claims" if report.limit else ""
    system = f"{BASELINE}: {report.method}" if report.baseline else "shipped"
    table = Table(
        title=f"Emergent claim matching{limit}, {system}",
        caption=str(path.resolve()),
        min_width=60,
    )
    table.add_column("figure")
    table.add_column(report.method, justify="right")
    table.add_row("headlines (queries)", str(report.queries))
    table.add_row("claims (candidates)", str(report.claims))
    if report.baseline:
        table.add_row("feedback", "yes" if report.feedback else "no")
    table.add_row("accuracy at 1", f"{report.accuracy_at_1:.3f}")
    table.add_row("MRR", f"{report.mrr:.3f}")
    if report.joins is not None:
        table.add_row("own claim at the same-claim threshold", f"{report.joins:.3f}")
    Console(width=100).print(table)
    click.echo(
        f"{report.queries / max(report.seconds, 1e-9):.1f} headlines/s "
        f"({report.seconds:.1f} s of matching, {report.cpu_seconds:.1f} s of processor time)"
    )
