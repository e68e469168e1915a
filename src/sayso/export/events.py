"""Events as exports: ACLED-like CSV rows (one per event) and GeoJSON points."""

from __future__ import annotations

from sayso.store.events import EventCluster, EventReport

# ACLED-like columns, one row per event.
CSV_COLUMNS = (
    "event_id",
    "event_date",
    "date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "plover_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_max",
    "fatalities_by_source",
    "sources",
    "notes",
)


def conservative(cluster: EventCluster) -> tuple[int | None, int | None]:
    """ACLED's conservative rule: the lowest figure any source gives, and the
    highest (a range's top included); None when no source gives one."""
    low = [r.fatalities for r in cluster.reports if r.fatalities is not None]
    high = low + [r.fatalities_max for r in cluster.reports if r.fatalities_max is not None]
    return (min(low) if low else None, max(high) if high else None)


def report_source(report: EventReport) -> str:
    """ "SANA (government): 12 killed, according to the health ministry"."""
    outlet = report.outlet or report.title or report.source
    who = f"{outlet} ({report.side})" if report.side and report.side != "unknown" else outlet
    figure = ""
    if report.fatalities is not None:
        qualifier = f"{report.fatalities_qualifier} " if report.fatalities_qualifier else ""
        figure = f": {qualifier}{report.fatalities} killed"
    said = f", according to {report.according_to}" if report.according_to else ""
    return f"{who}{figure}{said}"


def figures(cluster: EventCluster) -> str:
    """ "12 (at least; Kyiv Independent) | 40 (ministry)": every report's figure."""
    parts = []
    for number, qualifier, who in cluster.figures("fatalities"):
        label = "; ".join(x for x in (qualifier, who) if x)
        parts.append(f"{number} ({label})" if label else str(number))
    return " | ".join(parts)


def whose_word(cluster: EventCluster) -> str:
    """ "partly confirmed: alleged by opposition; confirmed by Rida al-Basha"."""
    word = cluster.standing()
    said = "also stated by" if word.status == "reported" else "alleged by"
    parts = [f"{said} {', '.join(word.alleged_by)}"] if word.alleged_by else []
    parts += [f"confirmed by {', '.join(word.confirmed_by)}"] if word.confirmed_by else []
    parts += [f"denied by {', '.join(word.denied_by)}"] if word.denied_by else []
    return f"{word.status}: {'; '.join(parts)}" if parts else word.status


def csv_row(cluster: EventCluster) -> dict[str, object]:
    # the actors as a body sentence gives them: a headline's subject is often the event
    body = [r for r in cluster.reports if r.sentence != r.title] or cluster.reports
    first = next((r for r in body if r.actor), body[0])
    sources = list(dict.fromkeys(report_source(r) for r in cluster.reports))
    low, high = conservative(cluster)
    alleged = [r.according_to for r in cluster.reports if r.according_to]
    notes = whose_word(cluster)
    notes += f"; according to {', '.join(sorted(set(alleged)))}" if alleged else ""
    return {
        "event_id": cluster.event_id,
        "event_date": cluster.date_start or "",
        "date_end": cluster.date_end or "",
        "time_precision": cluster.date_precision or "",
        "event_type": cluster.acled_type,
        "sub_event_type": cluster.sub_event_type or "",
        "plover_type": cluster.type,
        "actor1": first.actor or "",
        "actor2": first.target or "",
        "location": cluster.place or "",
        "admin1": cluster.admin1 or "",
        "country": cluster.country or "",
        "latitude": "" if cluster.latitude is None else cluster.latitude,
        "longitude": "" if cluster.longitude is None else cluster.longitude,
        "geo_precision": cluster.geo_precision,
        "fatalities": "" if low is None else low,
        "fatalities_max": "" if high is None else high,
        "fatalities_by_source": figures(cluster),
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
