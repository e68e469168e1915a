"""`sayso ingest` and `sayso accounts`: the store commands."""

from __future__ import annotations

import dataclasses
import json
import sys

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from sayso.batch import IngestSummary, ingest_one
from sayso.ingest import expand_paths
from sayso.nlp.sides import SideDictionary
from sayso.pipeline import Settings
from sayso.store import Store


def _sides_and_confidence(sides: tuple[str, ...], min_confidence: float) -> Settings:
    return Settings(sides=SideDictionary.load(*sides), min_confidence=min_confidence)


def _print_summary(summary: IngestSummary, db: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"db": db, **summary.as_dict()}, indent=2))
        return
    click.echo(
        f"read {summary.read}, stored {summary.stored}, "
        f"skipped as duplicates {summary.duplicates}, failed {len(summary.failed)}; "
        f"{summary.accounts} accounts stored in {db}",
        err=True,
    )


def _run_ingest(paths: list[str], store: Store, settings: Settings, quiet: bool) -> IngestSummary:
    summary = IngestSummary()
    console = Console(stderr=True)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet or len(paths) < 2 or not console.is_terminal,
        transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=len(paths))
        for path in paths:
            failed_before = len(summary.failed)
            ingest_one(path, store, settings, summary)
            if len(summary.failed) > failed_before:
                # One line per failure, never wrapped or highlighted: paths stay greppable.
                progress.console.print(
                    f"error: {summary.failed[-1][1]}", markup=False, highlight=False, soft_wrap=True
                )
            progress.advance(task)
    return summary


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--db",
    default="sayso.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The SQLite database file (created if missing).",
)
@click.option(
    "--sides",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A side dictionary (TOML) that extends the defaults; repeatable.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Drop accounts whose confidence is below this.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(
    paths: tuple[str, ...],
    db: str,
    sides: tuple[str, ...],
    min_confidence: float,
    as_json: bool,
    quiet: bool,
) -> None:
    """Analyse pages and store them: files, directories (recursive), or - for stdin.

    Each document is committed on its own, identified by its content hash: a
    re-run (or a run after an interruption) stores nothing twice. Exits 1 if
    any input failed; the others are stored all the same.
    """
    from sayso.cli import guarded  # the shared error handling

    @guarded
    def run() -> None:
        settings = _sides_and_confidence(sides, min_confidence)
        files = list(expand_paths(paths))
        with Store(db) as store:
            try:
                summary = _run_ingest(files, store, settings, quiet)
            except KeyboardInterrupt:
                counts = store.counts()
                click.echo(
                    f"interrupted: {counts['documents']} documents kept in {db}; "
                    "run again to resume",
                    err=True,
                )
                sys.exit(130)
        _print_summary(summary, db, as_json)
        if not summary.ok:
            sys.exit(1)

    run()


@click.command()
@click.option(
    "--db",
    default="sayso.db",
    show_default=True,
    type=click.Path(dir_okay=False, exists=True),
    help="The SQLite database file.",
)
@click.option("--speaker", help="Only speakers whose name, group or mention contains this.")
@click.option("--side", help="Only speakers of this side (e.g. government, opposition).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many accounts.")
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as JSON.")
def accounts(
    db: str, speaker: str | None, side: str | None, limit: int | None, as_json: bool
) -> None:
    """List stored accounts: who said what, on which side."""
    from sayso.cli import guarded

    @guarded
    def run() -> None:
        with Store(db) as store:
            rows = store.accounts(speaker=speaker, side=side, limit=limit)
        if as_json:
            click.echo(
                json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=2)
            )
            return
        table = Table("speaker", "side", "kind", "content", "source", show_lines=False)
        for row in rows:
            # Text cells: article text such as "[men who fled]" is not rich markup.
            table.add_row(
                Text(row.speaker or "(none)"),
                Text(row.side or "unknown"),
                Text(row.kind),
                Text(row.content if len(row.content) < 160 else row.content[:157] + "…"),
                Text(row.source),
            )
        Console(width=160).print(table)
        click.echo(f"{len(rows)} accounts", err=True)

    run()
