"""`sayso claims` and `sayso claim ID`: claims across the store, by side and stance."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sayso.cli.common import EXIT_USAGE, existing_db_option, guarded
from sayso.store import Store
from sayso.store.claims import ClaimSummary
from sayso.store.paging import DEFAULT_LIMIT, MAX_LIMIT

_WIDTH = 160


def _short(text: str, size: int = 110) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _sources(summary: ClaimSummary) -> str:
    return ", ".join(f"{side} {n}" for side, n in summary.independent_sources().items())


@click.command("claims")
@existing_db_option
@click.option("--search", help="Only claims with a statement holding this text.")
@click.option("--contested", is_flag=True, help="Only claims both supported and denied.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help=f"At most this many claims; up to {MAX_LIMIT}, a page read by index, the next"
    " page's --cursor printed on stderr.",
)
@click.option("--cursor", help="The page after this cursor (printed with the page before).")
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON.")
def claims(
    db: str,
    search: str | None,
    contested: bool,
    limit: int | None,
    cursor: str | None,
    as_json: bool,
) -> None:
    """List claim clusters, largest first, with independent sources by side."""
    paged = cursor is not None or (limit is not None and limit <= MAX_LIMIT)

    @guarded
    def run() -> None:
        with Store(db) as store:
            if paged:
                page = store.claims_page(
                    limit=limit or DEFAULT_LIMIT, cursor=cursor, search=search, contested=contested
                )
                found = page.items
                more = f"; next page: --cursor {page.next}" if page.next else ""
                click.echo(f"{len(found)} claims{more}", err=True)
            else:
                found = store.claims(search=search, contested=contested)[:limit]
        if as_json:
            click.echo(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
            return
        table = Table("claim", "statements", "contested", "independent sources", "text")
        for summary in found:
            table.add_row(
                Text(summary.claim_id),
                str(len(summary.statements)),
                "yes" if summary.contested else "",
                Text(_sources(summary)),
                Text(_short(summary.text)),
            )
        Console(width=_WIDTH).print(table)
        if not paged:
            click.echo(f"{len(found)} claims", err=True)

    run()


@click.command("claim")
@click.argument("claim_id")
@existing_db_option
@click.option("--json", "as_json", is_flag=True, help="Print the claim as JSON.")
def claim(claim_id: str, db: str, as_json: bool) -> None:
    """Show one claim (its id, or a unique prefix): its statements by side and stance,
    then its rival claims (about the same event, not both true) with their sides."""

    @guarded
    def run() -> None:
        with Store(db) as store:
            summary = store.claim(claim_id)
        if summary is None:
            click.echo(
                f"error: no claim {claim_id!r} in {db} (or the prefix is ambiguous)", err=True
            )
            sys.exit(EXIT_USAGE)
        if as_json:
            click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
            return
        console = Console(width=_WIDTH)
        console.print(Text(f"{summary.claim_id}: {summary.text}"))
        console.print(Text(f"independent sources: {_sources(summary)}"))
        for side, stances in sorted(summary.by_side().items()):
            table = Table("stance", "speaker", "statement", "source", title=Text(side))
            for stance, statements in sorted(stances.items()):
                for s in statements:
                    table.add_row(
                        stance,
                        Text(s.speaker or "(none)"),
                        Text(_short(s.text, 90)),
                        Text(s.source),
                    )
            console.print(table)
        if summary.rivals:
            table = Table("claim", "supported by", "rival claim", title="cannot both be true")
            for rival in summary.rivals:
                table.add_row(rival.claim_id, ", ".join(rival.sides), Text(_short(rival.text, 90)))
            console.print(table)

    run()
