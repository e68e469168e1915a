"""Events in the store: load the event clusters near an article (at its
places), write what event linking decided (:mod:`sayso.link.events`), and read
events back: one event reported by several articles is one cluster with all its
reports; conflicting details stay side by side.

Linking reads only the clusters at the article's places, so adding an article
never recomputes the store. Figures are never merged: each report keeps its own
fatalities and source.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sayso.events.places import admin_area, fold, region_of
from sayso.events.status import Standing, Word, standing
from sayso.events.subtypes import EVENT_TYPE
from sayso.link.events import EventCandidate, EventDecision, NewCluster, shown_first
from sayso.model import Analysis, Event, Place
from sayso.store import actors as actors_store


def candidates(conn: sqlite3.Connection, geonames_ids: Iterable[int]) -> list[EventCandidate]:
    """The clusters at these places that another article may join (no background),
    in id order."""
    ids = sorted(set(geonames_ids))
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        "SELECT id, type, geonames_id, date_start, date_end, sub_event_type, weekday,"
        " EXISTS (SELECT 1 FROM events AS ev WHERE ev.cluster_id = event_clusters.id"
        " AND ev.main = 1) FROM event_clusters"
        f" WHERE geonames_id IN ({marks}) AND context = 0 AND size > 0 ORDER BY id",
        ids,
    ).fetchall()
    return [
        EventCandidate(str(r[0]), r[1], int(r[2]), r[3], r[4], r[5], r[6], bool(r[7])) for r in rows
    ]


def incidents(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every stored report's incident (its article's incident, or the report
    itself when in none) and the event cluster it is in."""
    return conn.execute(
        "SELECT DISTINCT COALESCE(incident, id), cluster_id FROM events ORDER BY rowid"
    ).fetchall()


def write(conn: sqlite3.Connection, analysis: Analysis, decision: EventDecision) -> dict[str, str]:
    """Store the article's reports, each in its cluster. A stored cluster its
    reports join is shown from then on as the one they would have started, when
    that comes first (:func:`~sayso.link.events.shown_first`): it takes that one's
    id and details, so that an event reads the same whatever order its articles
    came in. Returns the clusters so renamed (old id to new)."""
    conn.execute("DELETE FROM events WHERE article_id = ?", (analysis.article.id,))
    conn.executemany(_NEW_CLUSTER_SQL, [_cluster_row(c, 0) for c in decision.created])
    renamed = {}
    for cluster_id, would_start in decision.joined:
        row = conn.execute(
            "SELECT date_start, date_end, sub_event_type, size FROM event_clusters WHERE id = ?",
            (cluster_id,),
        ).fetchone()
        if row is None:
            continue
        shown = (not (row[0] and row[1]), row[2] in (None, "Attack"), cluster_id)
        if shown_first(would_start) < shown:
            if would_start.sub_event_type in (None, "Attack") and row[2] not in (None, "Attack"):
                # dated by this report, but still the drone strike the others said
                would_start = replace(
                    would_start,
                    sub_event_type=row[2],
                    acled_type=EVENT_TYPE.get(row[2], would_start.acled_type),
                )
            conn.execute(_NEW_CLUSTER_SQL, _cluster_row(would_start, row[3]))
            conn.execute(
                "UPDATE events SET cluster_id = ? WHERE cluster_id = ?",
                (would_start.cluster_id, cluster_id),
            )
            conn.execute("DELETE FROM event_clusters WHERE id = ?", (cluster_id,))
            renamed[cluster_id] = would_start.cluster_id
    for report in decision.reports:
        cluster = renamed.get(report.cluster_id, report.cluster_id)
        conn.execute("UPDATE event_clusters SET size = size + 1 WHERE id = ?", (cluster,))
        _insert(conn, analysis, report.event, report.place, cluster)
        event = report.event
        if event.date_start and event.date_end:  # an undated incident, dated by this report
            conn.execute(
                "UPDATE event_clusters SET date_start = ?, date_end = ?, date_precision = ?"
                " WHERE id = ? AND date_start IS NULL",
                (event.date_start, event.date_end, event.date_precision, cluster),
            )
    return renamed


_NEW_CLUSTER_SQL = (
    "INSERT OR IGNORE INTO event_clusters (id, type, acled_type, geonames_id, place, country,"
    " latitude, longitude, geo_precision, date_start, date_end, date_precision, size,"
    " sub_event_type, context, weekday)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _cluster_row(c: NewCluster, size: int) -> tuple[object, ...]:
    return (
        c.cluster_id,
        c.type,
        c.acled_type,
        c.geonames_id,
        c.place,
        c.country,
        c.latitude,
        c.longitude,
        c.geo_precision,
        c.date_start,
        c.date_end,
        c.date_precision,
        size,
        c.sub_event_type,
        int(c.context),
        c.weekday,
    )


def _insert(
    conn: sqlite3.Connection, analysis: Analysis, event: Event, place: Place | None, cluster: str
) -> None:
    text = analysis.article.text
    conn.execute(
        "INSERT INTO events (article_id, id, cluster_id, type, acled_type, trigger,"
        " sentence_start, sentence_end, sentence, actor, target, negated, account_id, place,"
        " geonames_id, fatalities, fatalities_qualifier, injured, injured_qualifier, when_text,"
        " date_start, date_end, date_precision, incident, main, context, sub_event_type,"
        " civilians, fatalities_max, date_inferred, fatalities_summed)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            analysis.article.id,
            event.id,
            cluster,
            event.type,
            event.acled_type,
            event.trigger.text(text),
            event.sentence.start,
            event.sentence.end,
            event.sentence.text(text),
            event.actor.text(text) if event.actor else None,
            event.target.text(text) if event.target else None,
            int(event.negated),
            event.account_id,
            event.place.text(text) if event.place else None,
            place.geonames_id if place else None,
            event.fatalities,
            event.fatalities_qualifier,
            event.injured,
            event.injured_qualifier,
            event.when.text(text) if event.when else None,
            event.date_start,
            event.date_end,
            event.date_precision,
            event.incident,
            int(event.main),
            int(event.context),
            event.sub_event_type,
            event.civilians,
            event.fatalities_max,
            int(event.date_inferred),
            event.fatalities_summed,
        ),
    )


# ------------------------------------------------------------------ reading


@dataclass(frozen=True, slots=True)
class EventReport:
    """One article's report of an event, with whose word it is."""

    event_id: str
    article_id: str
    source: str
    title: str | None
    outlet: str | None  # the site's name, when the page gives it
    published: str | None
    type: str
    sentence: str
    actor: str | None
    target: str | None
    negated: bool
    according_to: str | None  # the speaker of the account that states it
    side: str | None
    fatalities: int | None
    fatalities_qualifier: str | None
    injured: int | None
    injured_qualifier: str | None
    when: str | None
    # the stance of the account's statement (reviewed, if an analyst set it):
    # "partly" when the source holds it for only part of what it covers
    stance: str | None
    main: bool = False  # a report of its article's main incident
    context: bool = False  # background or a cumulative toll
    sub_event_type: str | None = None
    civilians: int | None = None
    fatalities_max: int | None = None
    date_inferred: bool = False
    # the article's dead of this incident summed over the sides it counts apart
    fatalities_summed: int | None = None


@dataclass(slots=True)
class EventCluster:
    """One event with all the reports of it."""

    event_id: str
    type: str
    acled_type: str
    place: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    geonames_id: int | None = None
    sub_event_type: str | None = None  # ACLED's, of its incident ("Air/drone strike")
    reports: list[EventReport] = field(default_factory=list)

    @property
    def context(self) -> bool:
        """Background only: every report is a cumulative toll or an earlier event."""
        return bool(self.reports) and all(r.context for r in self.reports)

    @property
    def region(self) -> str | None:
        """The name of its first-level area ("Idlib" for Saraqib), where known."""
        found = region_of(self.geonames_id) if self.geonames_id is not None else None
        return found[1] if found else None

    @property
    def admin1(self) -> str | None:
        """The place's first-level administrative area, as GeoNames codes it."""
        return admin_area(self.geonames_id)

    def figures(self, name: str) -> list[tuple[int, str | None, str]]:
        """Each report's figure for ``fatalities`` or ``injured``, with its source:
        conflicting figures side by side, never averaged."""
        out = []
        for report in self.reports:
            number = getattr(report, name)
            if number is not None:
                who = report.according_to or report.outlet or report.title or report.source
                out.append((number, getattr(report, f"{name}_qualifier"), who))
        return out

    def standing(self) -> Standing:
        """Whose word the event rests on: reported, alleged, confirmed, disputed."""
        return standing([Word(r.according_to, r.side, r.stance) for r in self.reports])

    def as_dict(self) -> dict[str, Any]:
        word = self.standing()
        return {
            "event_id": self.event_id,
            "type": self.type,
            "acled_type": self.acled_type,
            "sub_event_type": self.sub_event_type,
            "context": self.context,
            "place": self.place,
            "country": self.country,
            "admin1": self.admin1,
            "region": self.region,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "date_precision": self.date_precision,
            "status": word.status,
            "alleged_by": list(word.alleged_by),
            "confirmed_by": list(word.confirmed_by),
            "denied_by": list(word.denied_by),
            "fatalities": [
                {"number": n, "qualifier": q, "according_to": w}
                for n, q, w in self.figures("fatalities")
            ],
            "reports": [_report_dict(r) for r in self.reports],
        }


def _report_dict(report: EventReport) -> dict[str, Any]:
    return {name: getattr(report, name) for name in EventReport.__slots__}


# The reports of every event, or of some (read_events): one query per list, not
# one per event; ties in position go by the order the reports were written.
_REPORTS_SQL = """
SELECT ev.id, ev.article_id, d.source, ar.title, ar.site_name, ar.published, ev.type,
       ev.sentence,
       ev.actor, ev.target, ev.negated, ev.speaker, ev.side,
       ev.fatalities, ev.fatalities_qualifier, ev.injured, ev.injured_qualifier, ev.when_text,
       ev.stance, ev.main, ev.context, ev.sub_event_type, ev.civilians, ev.fatalities_max,
       ev.date_inferred, ev.fatalities_summed, ev.cluster_id
FROM reviewed_events AS ev
JOIN articles AS ar ON ar.id = ev.article_id
JOIN documents AS d ON d.id = ar.document_id
WHERE {where}
ORDER BY ar.rowid, ev.sentence_start, ev.rowid
"""
_CHUNK = 500  # ids per IN (...): under SQLite's limit on parameters


def read_events(
    conn: sqlite3.Connection,
    *,
    type_: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
) -> list[EventCluster]:
    """The stored events with their reports, most reported first, filtered. An
    actor filter matches the actor's other names too ("SAA" finds "the Syrian
    Arab Army")."""
    names = actors_store.actor_names(conn, actor) if actor else set()
    clusters = [
        EventCluster(*row)
        for row in conn.execute(
            "SELECT id, type, acled_type, place, country, latitude, longitude, geo_precision,"
            " date_start, date_end, date_precision, geonames_id, sub_event_type FROM event_clusters"
            " WHERE size > 0 ORDER BY rowid"
        ).fetchall()
    ]
    everything = len(clusters)
    clusters = [c for c in clusters if _wanted(c, type_, place, since, until, set())]
    reports = _reports(conn, [c.event_id for c in clusters], every=len(clusters) == everything)
    found = []
    for cluster in clusters:
        cluster.reports = reports.get(cluster.event_id, [])
        if cluster.reports and _wanted(cluster, None, None, None, None, names):
            found.append(cluster)
    return sorted(found, key=lambda c: -len(c.reports))


def _reports(
    conn: sqlite3.Connection, cluster_ids: list[str], *, every: bool
) -> dict[str, list[EventReport]]:
    """The reports of these events by event: one query for every event's, else
    one per chunk of ids."""
    queries: list[tuple[str, list[str]]]
    if every:
        queries = [(_REPORTS_SQL.format(where="1"), [])]
    else:
        queries = [
            (_REPORTS_SQL.format(where=f"ev.cluster_id IN ({', '.join('?' * len(chunk))})"), chunk)
            for at in range(0, len(cluster_ids), _CHUNK)
            if (chunk := cluster_ids[at : at + _CHUNK])
        ]
    out: dict[str, list[EventReport]] = {}
    for sql, params in queries:
        for row in conn.execute(sql, params).fetchall():
            out.setdefault(row[-1], []).append(_report(list(row[:-1])))
    return out


def reports_of(conn: sqlite3.Connection, cluster_ids: list[str]) -> dict[str, list[EventReport]]:
    """The reports of these events (a page's), by event."""
    return _reports(conn, cluster_ids, every=False) if cluster_ids else {}


def _report(values: list[Any]) -> EventReport:
    for at in (10, 19, 20, 24):  # negated, main, context, date_inferred: stored as 0 or 1
        values[at] = bool(values[at])
    return EventReport(*values)


def _wanted(
    cluster: EventCluster,
    type_: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    names: set[str],
) -> bool:
    if type_ and type_.casefold() not in (cluster.type.casefold(), cluster.acled_type.casefold()):
        return False
    if place and place.casefold() not in (cluster.place or "").casefold():
        return False
    if since and (cluster.date_end is None or cluster.date_end < since):
        return False
    if until and (cluster.date_start is None or cluster.date_start > until):
        return False
    return not names or any(n in fold(r.actor or "") for n in names for r in cluster.reports)


def unlink(conn: sqlite3.Connection, article_id: str) -> None:
    """Take the article's reports out of their events before it is analysed
    again; an event left with no report is deleted."""
    conn.execute(
        "UPDATE event_clusters SET size = size - (SELECT COUNT(*) FROM events AS ev"
        " WHERE ev.cluster_id = event_clusters.id AND ev.article_id = :a)"
        " WHERE id IN (SELECT cluster_id FROM events WHERE article_id = :a)",
        {"a": article_id},
    )
    conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
    conn.execute(
        "DELETE FROM event_clusters WHERE size <= 0"
        " AND NOT EXISTS (SELECT 1 FROM events AS ev WHERE ev.cluster_id = event_clusters.id)"
    )
