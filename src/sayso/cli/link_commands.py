"""`sayso relink`: compute a store's links again from its stored analyses."""

from __future__ import annotations

import json
import time

import click

from sayso.cli.common import existing_db_option, guarded
from sayso.cli.progress import progress_bar
from sayso.store import Store


@click.command()
@existing_db_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def relink(db: str, as_json: bool, quiet: bool) -> None:
    """Recompute every claim cluster, event cluster and actor of a store.

    Each stored article is linked again from its stored analysis, in the order
    the articles were stored, all in one transaction: an interruption changes
    nothing. Analysts' reviews stay. Run it after the linkers change.
    """

    @guarded
    def run() -> None:
        started = time.monotonic()
        with Store(db) as store, progress_bar(disable=quiet) as progress:
            task = progress.add_task("relinking", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            summary = store.relink(advance)
        seconds = round(time.monotonic() - started, 1)
        if as_json:
            click.echo(json.dumps({"db": db, **summary.as_dict(), "seconds": seconds}, indent=2))
            return
        changes = ", ".join(
            f"{summary.after[k]} {k} (before {summary.before[k]})" for k in summary.after
        )
        click.echo(
            f"relinked {summary.articles} articles ({summary.with_claims} with claims) in"
            f" {seconds} s: {changes}",
            err=True,
        )

    run()
