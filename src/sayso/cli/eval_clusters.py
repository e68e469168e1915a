"""`sayso eval clusters`: link every Emergent headline into claim clusters as ingest
does, and score the clusters against Emergent's claims."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from sayso.cli.common import EMERGENT_CSV, dataset_file, emergent_data_option, guarded
from sayso.cli.progress import counting


@click.command("clusters")
@emergent_data_option
@click.option(
    "--limit", type=click.IntRange(min=1), help="Only the first N claims and their headlines."
)
@click.option(
    "--baseline",
    type=click.Choice(["tfidf"]),
    help="Score a baseline instead (eval only): TF-IDF groups of the headlines.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def clusters_command(
    data: Path | None, limit: int | None, baseline: str | None, as_json: bool
) -> None:
    """Cluster Emergent headlines with ingest's claim linking; score against claimIds.

    Each headline, in file order, is one statement made a part and grouped with
    the earlier ones as ingest groups an article's parts (sayso.link.groups).
    Prints pairwise and B-cubed precision, recall and F1, the number of clusters
    against the number of claims, and the share of the largest cluster. With
    --baseline tfidf: the same for TF-IDF groups (a baseline; ingest never runs it).
    """
    found = dataset_file(data, EMERGENT_CSV, "Emergent CSV")

    @guarded
    def run() -> None:
        from sayso.eval.baselines.clusters import evaluate_tfidf
        from sayso.eval.clusters import evaluate

        scorer = evaluate_tfidf if baseline == "tfidf" else evaluate
        with counting("linking", disable=as_json) as advance:
            report = scorer(found, limit=limit, progress=advance)
        if as_json:
            click.echo(json.dumps(report.as_dict(), indent=2))
            return
        s = report.scores
        limited = f", first {limit} claims" if limit else ""
        table = Table(
            title=f"Emergent claim clusters, as ingest links them{limited}",
            caption=f"{report.system}, threshold {report.threshold}\n{report.data}",
            min_width=60,
        )
        table.add_column("figure")
        table.add_column("baseline" if baseline else "shipped", justify="right")
        table.add_row("headlines", str(s.items))
        table.add_row("clusters (claims)", f"{s.clusters} ({s.gold_clusters})")
        table.add_row("singleton clusters", str(s.singletons))
        table.add_row("largest cluster share", f"{s.largest_share:.3f}")
        table.add_row(
            "pairwise P / R / F1",
            f"{s.pairwise_precision:.3f} / {s.pairwise_recall:.3f} / {s.pairwise_f1:.3f}",
        )
        table.add_row(
            "B-cubed P / R / F1",
            f"{s.bcubed_precision:.3f} / {s.bcubed_recall:.3f} / {s.bcubed_f1:.3f}",
        )
        Console(width=100).print(table)
        click.echo(f"{report.seconds:.1f} s")

    run()
