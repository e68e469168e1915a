"""`sayso eval events`: score event type and actors on the PLOVER gold records."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from sayso.cli.common import dataset_file, guarded

PLOVER = Path("plover-gold") / "PLOVER_GSR_CAMEO.txt"


@click.command("events")
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PLOVER gold standard records (a JSON list). Default: "
    "$SAYSO_DATA/plover-gold/PLOVER_GSR_CAMEO.txt, else "
    "../shared/datasets/plover-gold/PLOVER_GSR_CAMEO.txt.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def events_command(data: Path | None, as_json: bool) -> None:
    """Code each gold sentence's event; type accuracy and actor match, by half."""
    found = dataset_file(data, PLOVER, "PLOVER records")

    @guarded
    def run() -> None:
        from sayso.eval.events import evaluate  # loads spaCy: only when scoring

        report = evaluate(found)
        if as_json:
            click.echo(json.dumps(report.as_dict(), indent=2))
            return
        figures = report.as_dict()
        table = Table(title="PLOVER gold records: event coding", caption=str(found.resolve()))
        table.add_column("figure")
        for name in ("all", "even", "odd"):
            table.add_column(name, justify="right")
        rows = [figures["all"], figures["halves"]["even"], figures["halves"]["odd"]]
        for key, label in (
            ("records", "sentences"),
            ("type_accuracy", "event type accuracy"),
            ("source_match", "source actor match"),
            ("target_match", "target actor match"),
            ("actor_match", "actor match (sources and targets)"),
        ):
            table.add_row(
                label, *(f"{row[key]:.3f}" if key != "records" else str(row[key]) for row in rows)
            )
        Console(width=100).print(table)
        confused = ", ".join(
            f"{c['gold']}→{c['predicted']} {c['count']}" for c in figures["most_confused"][:5]
        )
        click.echo(f"most confused (gold→coded): {confused}; {report.seconds:.1f} s")

    run()
