"""`sayso events`: the stored events with their reports, as a table, JSON, an
ACLED-like CSV (one row per event) or GeoJSON."""

from __future__ import annotations

import json
from datetime import date

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sayso.cli.common import existing_db_option, guarded
from sayso.export.events import CSV_COLUMNS, csv_row, figures, geojson, whose_word
from sayso.export.table import to_csv
from sayso.store import Store
from sayso.store.event_list import EVENT_ORDERS
from sayso.store.events import EventCluster
from sayso.store.paging import DEFAULT_LIMIT, MAX_LIMIT

_WIDTH = 160


def _iso(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command("events")
@existing_db_option
@click.option("--type", "type_", help="PLOVER type (FIGHT) or ACLED type (Battles).")
@click.option("--place", help="Only events at a place whose name holds this text.")
@click.option("--since", callback=lambda _c, _p, v: _iso(v) if v else None, help="YYYY-MM-DD.")
@click.option("--until", callback=lambda _c, _p, v: _iso(v) if v else None, help="YYYY-MM-DD.")
@click.option("--actor", help="Only events with a report whose actor holds this text.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "geojson"]),
    default="table",
    show_default=True,
    help="csv: one ACLED-like row per event; geojson: the events that have a point.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option(
    "--background",
    is_flag=True,
    help="Also list background events (cumulative tolls, earlier events told in passing).",
)
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_LIMIT),
    help=f"A page of at most this many events (1 to {MAX_LIMIT}); the next page's"
    " --cursor is printed on stderr.",
)
@click.option("--cursor", help="The page after this cursor (printed with the page before).")
@click.option(
    "--sort",
    type=click.Choice([o.name for o in EVENT_ORDERS]),
    help="With --limit or --cursor: -reports (the default), reports, -date, date.",
)
def events(
    db: str,
    type_: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    fmt: str,
    as_json: bool,
    background: bool,
    limit: int | None,
    cursor: str | None,
    sort: str | None,
) -> None:
    """List stored events, most reported first: type, place, dates and each
    report's figures and source; incidents several outlets report show every
    outlet's toll side by side. With --limit, one page at a time (read by
    index, as fast at 100,000 articles as at 100)."""
    filters = {"type": type_, "place": place, "since": since, "until": until, "actor": actor}

    @guarded
    def run() -> None:
        with Store(db) as store:
            if limit or cursor or sort:
                page = store.events_page(
                    filters,
                    limit=limit or DEFAULT_LIMIT,
                    cursor=cursor,
                    sort=sort,
                    context=background,
                )
                found = page.items
                _say_next(len(found), page.count, page.next)
            else:
                found = store.events(
                    type_=type_, place=place, since=since, until=until, actor=actor
                )
                found = [c for c in found if background or not c.context]
        chosen = "json" if as_json else fmt
        if chosen == "json":
            click.echo(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
        elif chosen == "csv":
            click.echo(to_csv((csv_row(c) for c in found), CSV_COLUMNS), nl=False)
        elif chosen == "geojson":
            click.echo(json.dumps(geojson(found), ensure_ascii=False, indent=2))
        else:
            _table(found, count=not (limit or cursor or sort))

    run()


def _say_next(shown: int, count: int | None, following: str | None) -> None:
    total = f" of {count}" if count is not None else ""
    more = f"; next page: --cursor {following}" if following else ""
    click.echo(f"{shown}{total} events{more}", err=True)


def _table(found: list[EventCluster], *, count: bool = True) -> None:
    table = Table(
        "event", "type", "place", "date", "reports", "whose word", "fatalities (by source)"
    )
    for cluster in found:
        when = cluster.date_start or ""
        if cluster.date_end and cluster.date_end != cluster.date_start:
            when += f"..{cluster.date_end}"
        table.add_row(
            Text(cluster.event_id),
            Text(f"{cluster.type} ({cluster.acled_type})"),
            Text(f"{cluster.place or '?'} [{cluster.geo_precision}]"),
            Text(when),
            str(len(cluster.reports)),
            Text(whose_word(cluster)),
            Text(figures(cluster)),
        )
    Console(width=_WIDTH).print(table)
    if count:  # a page says its own count (_say_next)
        click.echo(f"{len(found)} events", err=True)


@click.command("actors")
@existing_db_option
@click.option("--search", help="Only actors with a name holding this text.")
@click.option("--json", "as_json", is_flag=True, help="Print the actors as JSON.")
def actors(db: str, search: str | None, as_json: bool) -> None:
    """List people and organisations across the store under one name each, with
    their other names ("SAA" for "Syrian Arab Army"), side and article count."""

    @guarded
    def run() -> None:
        with Store(db) as store:
            found = store.actors(search=search)
        if as_json:
            rows = [a.as_dict() for a in found]
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        table = Table("actor", "kind", "side", "articles", "names")
        for actor in found:
            table.add_row(
                Text(actor.name),
                actor.kind,
                actor.side,
                str(actor.articles),
                Text(", ".join(actor.aliases)),
            )
        Console(width=_WIDTH).print(table)
        click.echo(f"{len(found)} actors", err=True)

    run()
