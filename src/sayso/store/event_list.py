"""The events list a page at a time (see :mod:`sayso.store.paging`), in the
orders ``event_figures`` keeps (:mod:`sayso.store.figures`), filtered as
:meth:`Store.events` filters; the events of a page are read with their
reports in one query."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from sayso.store import events as events_store
from sayso.store.actors import actor_names
from sayso.store.events import EventCluster
from sayso.store.paging import Key, Order, Page, Query, bounded_count, order_of, read_page

EVENT_ORDERS = (
    Order(
        "-reports",
        (Key("ef.reports", True), Key("ef.position")),
        "the most reported first, then the order they were stored (the default)",
    ),
    Order("reports", (Key("ef.reports"), Key("ef.position", True)), "the least reported first"),
    Order("-date", (Key("ef.day", True), Key("ef.position", True)), "the latest first"),
    Order("date", (Key("ef.day"), Key("ef.position")), "the earliest first (undated first)"),
)
EVENT_FILTERS = ("type", "place", "since", "until", "actor")
_TABLES = "event_figures AS ef CROSS JOIN event_clusters AS ec ON ec.id = ef.event_id"
_COLUMNS = """ec.id, ec.type, ec.acled_type, ec.place, ec.country, ec.latitude, ec.longitude,
       ec.geo_precision, ec.date_start, ec.date_end, ec.date_precision, ec.geonames_id,
       ec.sub_event_type"""
_FILTERS = {
    "type": "(sayso_casefold(ec.type) = :type OR sayso_casefold(ec.acled_type) = :type)",
    "place": "instr(sayso_casefold(COALESCE(ec.place, '')), :place) > 0",
    "since": "ec.date_end IS NOT NULL AND ec.date_end >= :since",
    "until": "ec.date_start IS NOT NULL AND ec.date_start <= :until",
    "event": "ec.id = :event",
}


def _where(
    conn: sqlite3.Connection, filters: Mapping[str, str | None], background: bool | None
) -> tuple[list[str], dict[str, Any]]:
    """The WHERE terms of the filters (case-insensitive, as Store.events) and
    their parameters; ``background`` False leaves background events out, True
    keeps them alone, None keeps every event."""
    wanted = {k: v for k, v in filters.items() if v}
    params: dict[str, Any] = {
        k: (v.casefold() if k in ("type", "place") else v) for k, v in wanted.items()
    }
    where = [_FILTERS[k] for k in _FILTERS if k in params]
    if background is not None:
        # "+": not by its index, so that the walk takes the index of its order
        where.append(f"+ef.background = {int(background)}")
    if actor := wanted.get("actor"):
        names = sorted(actor_names(conn, actor))
        params.update({f"name{i}": n for i, n in enumerate(names)})
        matches = " OR ".join(
            f"instr(sayso_fold(r.actor), :name{i}) > 0" for i in range(len(names))
        )
        where.append(
            "EXISTS (SELECT 1 FROM events AS r WHERE r.cluster_id = ec.id"
            f" AND r.actor IS NOT NULL AND ({matches}))"
        )
    params.pop("actor", None)
    return where, params


def events_page(
    conn: sqlite3.Connection,
    filters: Mapping[str, str | None],
    *,
    limit: int,
    cursor: str | None = None,
    sort: str | None = None,
    context: bool = False,
) -> Page[EventCluster]:
    """Events with their reports; background events (every report of them
    background or a cumulative toll) only with ``context``. ``filters``:
    ``type``, ``place``, ``since``, ``until``, ``actor`` (as :meth:`Store.events`),
    and ``event`` (one event's id)."""
    order = order_of(EVENT_ORDERS, sort)
    where, params = _where(conn, filters, None if context else False)
    rows, following = read_page(
        conn, Query(_COLUMNS, _TABLES, tuple(where), params), order, limit, cursor
    )
    clusters = [EventCluster(*row) for row in rows]
    reports = events_store.reports_of(conn, [c.event_id for c in clusters])
    for cluster in clusters:
        cluster.reports = reports.get(cluster.event_id, [])
    return Page(
        clusters, count_events(conn, filters, None if context else False), following, order.name
    )


def count_events(
    conn: sqlite3.Connection, filters: Mapping[str, str | None], background: bool | None
) -> int | None:
    """How many events the filters keep (``background`` as in :func:`_where`):
    by index when no filter but ``background`` is given, else within the count budget."""
    where, params = _where(conn, filters, background)
    if not params:
        sql = "SELECT COUNT(*) FROM event_figures AS ef"
        if background is not None:
            sql += f" WHERE ef.background = {int(background)}"
        return int(conn.execute(sql).fetchone()[0])
    return bounded_count(
        conn, f"SELECT COUNT(*) FROM {_TABLES} WHERE {' AND '.join(where)}", params
    )
