"""Events as exports: ACLED-like CSV rows (one per event) and GeoJSON points."""

from __future__ import annotations

from sayso.store.events import EventCluster

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
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "sources",
    "notes",
)


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
    sources = sorted({r.outlet or r.title or r.source for r in cluster.reports})
    alleged = [r.according_to for r in cluster.reports if r.according_to]
    notes = whose_word(cluster)
    notes += f"; according to {', '.join(sorted(set(alleged)))}" if alleged else ""
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
        "admin1": cluster.admin1 or "",
        "country": cluster.country or "",
        "latitude": "" if cluster.latitude is None else cluster.latitude,
        "longitude": "" if cluster.longitude is None else cluster.longitude,
        "geo_precision": cluster.geo_precision,
        "fatalities": figures(cluster),
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
