"""`sayso ingest` and `sayso accounts`: the store commands."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sayso.cli.common import (
    EXIT_INTERRUPTED,
    confidence_option,
    conflict_option,
    db_option,
    existing_db_option,
    guarded,
    lexicon_option,
    meta_from,
    outlets_option,
    page_meta_options,
    settings_from,
    sides_option,
)
from sayso.cli.progress import ingest_bar
from sayso.store import Store

if TYPE_CHECKING:
    from sayso.batch import IngestSummary, Outcome
    from sayso.cluster import DaskCluster
    from sayso.pipeline import Settings


def _print_summary(summary: IngestSummary, db: str, as_json: bool, seconds: float) -> None:
    # pages/s: every input read (stored, skipped, failed) over the whole run,
    # start-up and model loading included.
    rate = summary.read / seconds if seconds > 0 else 0.0
    if as_json:
        timing = {"seconds": round(seconds, 3), "pages_per_second": round(rate, 3)}
        click.echo(json.dumps({"db": db, **summary.as_dict(), **timing}, indent=2))
        return
    click.echo(
        f"read {summary.read}, stored {summary.stored}, "
        f"skipped as duplicates {summary.duplicates}, failed {len(summary.failed)}; "
        f"{summary.accounts} accounts stored in {db}"
        + (f" ({summary.reanalyzed} documents re-analysed)" if summary.reanalyzed else "")
        + f"; {seconds:.1f} s, {rate:.2f} pages/s",
        err=True,
    )


def _workers_for(files: list[str]) -> int:
    """The default workers: by the pages the inputs hold (a corpus file counts as
    many pages)."""
    from sayso.ingest.corpora import corpus_kind
    from sayso.pool import POOL_FROM_PAGES, default_workers

    pages = sum(POOL_FROM_PAGES if corpus_kind(f) else 1 for f in files)
    return default_workers(pages)


def _total(paths: list[str]) -> int | None:
    """The inputs a run will read, for the bar's ETA: a page counts one, a
    corpus its records (None when one of them cannot be counted quickly)."""
    from sayso.ingest.corpora import corpus_kind, count_records

    total = 0
    for path in paths:
        records = count_records(path) if corpus_kind(path) else 1
        if records is None:
            return None
        total += records
    return total


def _run_ingest(
    paths: list[str],
    store: Store,
    settings: Settings,
    quiet: bool,
    replace: bool = False,
    workers: int = 1,
    cluster: DaskCluster | None = None,
) -> IngestSummary:
    from sayso.batch import ingest_paths  # the analysis: loaded by ingest only
    from sayso.ingest.corpora import corpus_kind

    corpora = any(corpus_kind(p) for p in paths)
    disable = quiet or (len(paths) < 2 and not corpora)
    with ingest_bar(disable=disable) as progress:
        task = progress.add_task("ingesting", total=None if disable else _total(paths), failed=0)

        def report(path: str, outcome: Outcome, summary: IngestSummary) -> None:
            if outcome == "failed":
                # One line per failure, never wrapped or highlighted: paths stay greppable.
                progress.console.print(
                    f"error: {summary.failed[-1][1]}", markup=False, highlight=False, soft_wrap=True
                )
            progress.update(task, advance=1, failed=len(summary.failed))

        return ingest_paths(
            paths,
            store,
            settings,
            on_item=report,
            replace=replace,
            workers=workers,
            cluster=cluster,
        )


def _cluster(address: str | None, workers: int) -> AbstractContextManager[DaskCluster | None]:
    if address is None:
        return nullcontext()
    from sayso.batch import open_cluster

    return open_cluster(address, workers)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@sides_option
@conflict_option
@lexicon_option
@outlets_option
@confidence_option
@page_meta_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--claims/--no-claims",
    default=True,
    show_default=True,
    help="Group statements into claims (embeds each one: about 4x slower, bench/claims_cost.py).",
)
@click.option(
    "--reanalyze",
    is_flag=True,
    help="Analyse again documents already stored, rewriting their rows (reviews stay).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Analyse pages in this many processes (each loads the models); one stores them."
    "  [default: the cores, at most 8, from 20 pages on; else 1]",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Analyse pages on a Dask cluster, its scheduler's address (tcp://HOST:8786), or"
    " 'local' for a LocalCluster of --workers processes here; one process stores them."
    " Needs: pip install 'sayso[dask]'.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first page that fails (by default it is reported and the others go on).",
)
def ingest(
    paths: tuple[str, ...],
    db: str,
    sides: tuple[str, ...],
    conflict: str | None,
    lexicons: tuple[str, ...],
    outlets: tuple[str, ...],
    min_confidence: float,
    published: str | None,
    outlet: str | None,
    url: str | None,
    as_json: bool,
    quiet: bool,
    claims: bool,
    reanalyze: bool,
    workers: int | None,
    dask_address: str | None,
    strict: bool,
) -> None:
    """Analyse pages and store them: files, directories (recursive), or - for stdin.

    Pages are .html, .htm or .txt files (or .gz); corpora are .jsonl/.ndjson and
    .csv exports of scrapers (a record: text or html, with url, outlet, published,
    title under their usual names) and .warc/.warc.gz web archives (each HTML
    response a page, with its URL and date). A corpus record is named FILE#N.

    --workers N analyses pages in N processes (each loads the models, about
    0.5 GB) while this one stores them, in order: the store is the same for any N.
    By default a run of 20 pages or more (or a corpus file) takes the cores, at
    most 8; a smaller one, one process. --dask ADDRESS analyses them on the
    workers of a Dask cluster instead (each with sayso installed, the same
    version), and --dask local on a LocalCluster of --workers processes here;
    the store is the same again.

    Each document is committed on its own, identified by its content hash: a
    re-run (or a run after an interruption) stores nothing twice. --reanalyze
    analyses stored documents again and replaces their rows in one transaction;
    analysts' reviews of their accounts stay and apply again. A page that fails,
    for any reason (a bug in a stage included: [E110]), is reported and the
    others are stored all the same; --strict stops at the first. Exits 1 if any
    input failed.

    --published, --outlet and --url apply to every page, under what a page's
    own sidecar PAGE.meta.json says ([E111] when a sidecar is bad: that page fails).
    """

    if dask_address not in (None, "local") and workers is not None:
        raise click.UsageError(
            "--workers applies to --dask local only: a scheduler's workers are its own"
        )

    @guarded
    def run() -> None:
        from sayso.ingest import expand_paths

        meta = meta_from(published, outlet, url)
        settings = dataclasses.replace(
            settings_from(sides, min_confidence, lexicons, outlets, meta, conflict),
            claims=claims,
            strict=strict,
        )
        files = list(expand_paths(paths))
        processes = workers or _workers_for(files)
        start = time.perf_counter()
        with _cluster(dask_address, processes) as cluster, Store(db) as store:
            try:
                summary = _run_ingest(files, store, settings, quiet, reanalyze, processes, cluster)
            except KeyboardInterrupt:
                counts = store.counts()
                click.echo(
                    f"interrupted: {counts['documents']} documents kept in {db}; "
                    "run again to resume",
                    err=True,
                )
                sys.exit(EXIT_INTERRUPTED)
        _print_summary(summary, db, as_json, time.perf_counter() - start)
        if not summary.ok:
            sys.exit(1)

    run()


@click.command()
@existing_db_option
@click.option("--speaker", help="Only speakers whose name, group or mention contains this.")
@click.option("--side", help="Only speakers of this side (e.g. government, opposition).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many accounts.")
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as JSON.")
def accounts(
    db: str, speaker: str | None, side: str | None, limit: int | None, as_json: bool
) -> None:
    """List stored accounts: who said what, on which side."""

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


@click.command()
@existing_db_option
@click.option("--json", "as_json", is_flag=True, help="Print the failures as JSON.")
def failures(db: str, as_json: bool) -> None:
    """List the inputs whose last ingest failed, with their code and reason.

    A failure stays listed until a later run stores that page (by its name or
    its content)."""

    @guarded
    def run() -> None:
        with Store(db) as store:
            found = store.failures()
        if as_json:
            click.echo(json.dumps([dataclasses.asdict(f) for f in found], indent=2))
            return
        for failure in found:
            # One line each, as ingest printed it: paths stay greppable.
            click.echo(f"{failure.failed_at[:19]}  {failure.message}")
        click.echo(f"{len(found)} inputs failed", err=True)

    run()
