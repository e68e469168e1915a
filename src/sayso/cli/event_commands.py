"""`sayso events`: the stored events with their reports, as a table, JSON, an
ACLED-like CSV (one row per event) or GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sayso.cli.common import existing_db_option, guarded
from sayso.store import Store
from sayso.store.events import EventCluster

_WIDTH = 160
# ACLED-like columns, one row per event.
CSV_COLUMNS = (
    "event_id",
    "event_date",
    "date_end",
    "time_precision",
    "event_type",
    "plover_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "sources",
    "notes",
)


def _iso(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _figures(cluster: EventCluster) -> str:
    """ "12 (at least; Kyiv Independent) | 40 (ministry)": every report's figure."""
    parts = []
    for number, qualifier, who in cluster.figures("fatalities"):
        label = "; ".join(x for x in (qualifier, who) if x)
        parts.append(f"{number} ({label})" if label else str(number))
    return " | ".join(parts)


def csv_row(cluster: EventCluster) -> dict[str, object]:
    # the actors as a body sentence gives them: a headline's subject is often the event
    body = [r for r in cluster.reports if r.sentence != r.title] or cluster.reports
    first = next((r for r in body if r.actor), body[0])
    sources = sorted({r.outlet or r.title or r.source for r in cluster.reports})
    alleged = [r.according_to for r in cluster.reports if r.according_to]
    notes = f"according to {', '.join(sorted(set(alleged)))}" if alleged else ""
    return {
        "event_id": cluster.event_id,
        "event_date": cluster.date_start or "",
        "date_end": cluster.date_end or "",
        "time_precision": cluster.date_precision or "",
        "event_type": cluster.acled_type,
        "plover_type": cluster.type,
        "actor1": first.actor or "",
        "actor2": first.target or "",
        "location": cluster.place or "",
        "country": cluster.country or "",
        "latitude": "" if cluster.latitude is None else cluster.latitude,
        "longitude": "" if cluster.longitude is None else cluster.longitude,
        "geo_precision": cluster.geo_precision,
        "fatalities": _figures(cluster),
        "sources": " | ".join(sources),
        "notes": notes,
    }


def geojson(clusters: list[EventCluster]) -> dict[str, object]:
    """A FeatureCollection of the events that have a point."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [c.longitude, c.latitude]},
                "properties": csv_row(c),
            }
            for c in clusters
            if c.latitude is not None and c.longitude is not None
        ],
    }


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
def events(
    db: str,
    type_: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    fmt: str,
    as_json: bool,
) -> None:
    """List stored events, most reported first: type, place, dates and each
    report's figures and source."""

    @guarded
    def run() -> None:
        with Store(db) as store:
            found = store.events(type_=type_, place=place, since=since, until=until, actor=actor)
        chosen = "json" if as_json else fmt
        if chosen == "json":
            click.echo(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
        elif chosen == "csv":
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(csv_row(c) for c in found)
            click.echo(out.getvalue(), nl=False)
        elif chosen == "geojson":
            click.echo(json.dumps(geojson(found), ensure_ascii=False, indent=2))
        else:
            _table(found)

    run()


def _table(found: list[EventCluster]) -> None:
    table = Table("event", "type", "place", "date", "reports", "fatalities (by source)")
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
            Text(_figures(cluster)),
        )
    Console(width=_WIDTH).print(table)
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
            rows = [
                {
                    "actor_id": a.actor_id,
                    "name": a.name,
                    "kind": a.kind,
                    "side": a.side,
                    "aliases": list(a.aliases),
                    "articles": a.articles,
                }
                for a in found
            ]
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
