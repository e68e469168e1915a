"""`sayso eval extraction`: score the article body sayso stores on the Zyte benchmark."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from sayso.cli.common import EXIT_USAGE, dataset_candidates, guarded
from sayso.cli.progress import counting

ZYTE = Path("zyte-article-extraction")


def _has_benchmark(folder: Path) -> bool:
    return (folder / "ground-truth.json").is_file() and (folder / "html").is_dir()


def find_data(given: Path | None) -> Path:
    """The benchmark folder: ``given``, else the first dataset candidate that holds
    it; exits 2 naming where it looked, as the other eval commands do."""
    candidates = [given] if given is not None else dataset_candidates(ZYTE)
    found = next((path for path in candidates if _has_benchmark(path)), None)
    if found is None:
        looked = " or ".join(str(path.resolve()) for path in candidates)
        click.echo(
            f"error: no Zyte article-extraction benchmark at {looked} (expected "
            "ground-truth.json and html/ there); pass --data DIR or set SAYSO_DATA "
            f"(its {ZYTE.as_posix()}/ folder is used)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    return found


@click.command("extraction")
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    help="The benchmark folder (ground-truth.json and html/). Default: "
    "$SAYSO_DATA/zyte-article-extraction, else ../shared/datasets/zyte-article-extraction.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N pages (sorted ids).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def extraction_command(data: Path | None, limit: int | None, as_json: bool) -> None:
    """Score the article body sayso extracts: shingle precision, recall, F1."""
    found = find_data(data)

    @guarded
    def run() -> None:
        from sayso.eval.extraction import evaluate  # loads trafilatura: only when scoring

        with counting("Zyte pages") as advance:
            report = evaluate(found, limit=limit, progress=advance)
        figures = report.as_dict()
        if as_json:
            click.echo(json.dumps(figures, indent=2))
            return
        table = Table(
            title="Zyte article-extraction benchmark: article body",
            caption=str(found.resolve()),
            min_width=60,
        )
        table.add_column("figure")
        table.add_column("value", justify="right")
        table.add_row("pages", str(figures["pages"]))
        for key in ("precision", "recall", "f1", "accuracy"):
            table.add_row("F1" if key == "f1" else key, f"{figures[key]:.3f}")
        table.add_row("pages/s", f"{figures['pages_per_second']:.1f}")
        Console(width=100).print(table)
        for page in figures["failed"]:
            click.echo(f"failed (scored as empty): {page['id']}: {page['error']}")

    run()
