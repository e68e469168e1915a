"""What the event pages and their API show of an event: its reports side by
side, every outlet's toll, the conservative figure and its dates."""

from __future__ import annotations

from typing import Any

from sayso.export.events import conservative, whose_word
from sayso.store import Store
from sayso.store.events import EventCluster
from sayso.web import data


def wants_context(value: str | None) -> bool:
    """Whether a ``context`` query asks for background events too."""
    return (value or "").strip().lower() in ("1", "true", "on", "yes")


def event_data(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event as its page shows it, or None."""
    found = store.event(event_id)
    return event_view(found) if found is not None else None


def event_view(cluster: EventCluster) -> dict[str, Any]:
    """An event's data (``EventCluster.as_dict``) with what its pages show: the
    conservative toll (ACLED's: the lowest figure any source gives) and the
    highest, each source's figure side by side, whose word it rests on, whether
    it is background only, and whether its dates are only inferred from the
    reports' publication. Sources show by name, never by the server's paths."""
    found = cluster.as_dict()
    reports = cluster.reports
    low, high = conservative(cluster)
    found["conservative_fatalities"] = low
    found["fatalities_max"] = high
    found["tolls"] = tolls(cluster)
    found["tolls_line"] = ", ".join(t["text"] for t in found["tolls"])
    found["tolls_disagree"] = len({(t["number"], t["max"]) for t in found["tolls"]}) > 1
    found["whose_word"] = whose_word(cluster)
    found["dates_inferred"] = bool(reports) and all(r.date_inferred for r in reports)
    published = sorted(r.published for r in reports if r.published)
    found["published"] = published[0] if published else None
    found["articles"] = len({r.article_id for r in reports})
    found["dates"] = event_dates(cluster, found["published"])
    found["url"] = f"/events/{cluster.event_id}"
    for report in found["reports"]:
        report["source"] = data.source_label(report["source"])
    return found


def event_dates(cluster: EventCluster, published: str | None) -> str:
    """ "2016-03-09", "2016-03-07 – 2016-03-09 (week)"; an undated event by
    its first report's publication ("published 2016-03-09"), else "undated"."""
    start, end = cluster.date_start, cluster.date_end
    if not start and not end:
        return f"published {published}" if published else "undated"
    text = start or end or ""
    if start and end and end != start:
        text = f"{start} – {end}"
    precision = cluster.date_precision
    return f"{text} ({precision})" if precision and precision != "day" else text


def tolls(cluster: EventCluster) -> list[dict[str, Any]]:
    """Every outlet's death toll for the event, lowest first: one entry per
    figure and outlet, with whom the outlet quotes for it (``according_to``),
    the figure's qualifier and range top (``max``) and the civilians among the
    dead where given. ``text`` reads "12 (SANA)" or "at least 20 (Enab Baladi,
    according to SOHR)"."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for report in cluster.reports:
        if report.fatalities is None:
            continue
        outlet = report.outlet or report.title or data.source_label(report.source)
        top = report.fatalities_max
        top = top if top is not None and top != report.fatalities else None
        key = (report.fatalities, top, report.fatalities_qualifier, outlet)
        toll = out.setdefault(
            key,
            {
                "number": report.fatalities,
                "max": top,
                "qualifier": report.fatalities_qualifier,
                "civilians": None,
                "outlet": outlet,
                "according_to": [],
                "sides": [],
                "article_ids": [],
            },
        )
        said = report.according_to
        if said and said.casefold() != outlet.casefold() and said not in toll["according_to"]:
            toll["according_to"].append(said)
        if report.side and report.side != "unknown" and report.side not in toll["sides"]:
            toll["sides"].append(report.side)
        if report.article_id not in toll["article_ids"]:
            toll["article_ids"].append(report.article_id)
        if toll["civilians"] is None:
            toll["civilians"] = report.civilians
    for toll in out.values():
        figure = str(toll["number"]) if toll["max"] is None else f"{toll['number']}–{toll['max']}"
        if toll["qualifier"]:
            figure = f"{toll['qualifier']} {figure}"
        said = ", ".join(toll["according_to"])
        toll["figure"] = figure
        toll["who"] = f"{toll['outlet']}, according to {said}" if said else toll["outlet"]
        toll["text"] = f"{figure} ({toll['who']})"
    return sorted(out.values(), key=lambda t: (t["number"], t["max"] or t["number"]))
