"""Event linking as a pure function: an article's event reports, against the
event clusters the store holds at the article's places, to the cluster each
report joins (a stored one, or one the article starts).

A report joins a cluster when it is of the same kind (armed violence, FIGHT or
ASSAULT, is one kind; any other PLOVER type is its own), at the same geocoded
place (GeoNames id), with a date range that overlaps the cluster's. A report
with no geocoded place or no resolved date joins nothing across articles.
Within one article, reports of one kind at one place (as the article names it)
are one event unless their actors are of different kinds or their dates do not
overlap (:class:`sayso.events.sameness.Seen`); a report with no place joins the
article's one such event of its kind, when there is only one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sayso.events.places import fold
from sayso.events.sameness import Seen, actor_kind, kind, overlaps
from sayso.model import Analysis, Event, Place, stable_id


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """A stored event cluster at one of the article's places, with its dates."""

    cluster_id: str
    type: str
    geonames_id: int
    date_start: str
    date_end: str


@dataclass(frozen=True, slots=True)
class NewCluster:
    """An event cluster the article starts, as its first report has it."""

    cluster_id: str
    type: str
    acled_type: str
    geonames_id: int | None
    place: str | None  # the gazetteer's name
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None


@dataclass(frozen=True, slots=True)
class ReportLink:
    """One report of the article in its cluster, with the place it resolved to."""

    event: Event
    place: Place | None
    cluster_id: str


@dataclass(frozen=True, slots=True)
class EventDecision:
    """Where an article's reports go: ``reports`` in linking order, ``created``
    the clusters it starts, in the order it starts them."""

    article_id: str
    reports: tuple[ReportLink, ...]
    created: tuple[NewCluster, ...]


def places_of(analysis: Analysis) -> frozenset[int]:
    """The GeoNames ids of the article's places: where its candidates are."""
    return frozenset(p.geonames_id for p in analysis.places if p.geonames_id is not None)


def link_events(analysis: Analysis, candidates: Sequence[EventCandidate]) -> EventDecision:
    """Put each event of the article in a cluster, given the stored clusters at
    its places (dated ones, in the order they were made)."""
    article = analysis.article
    places = {p.id: p for p in analysis.places}
    text = article.text
    pool = list(candidates)  # grows with the dated, placed clusters this article starts
    known = {c.cluster_id for c in pool}
    here: list[Seen] = []  # this article's clusters, by the first report of each
    created: list[NewCluster] = []
    reports: list[ReportLink] = []
    title = article.title_span
    # Placed and dated reports first, so that the article's events meet the same
    # events of other articles before its undated headline makes one of its own,
    # and a headline with no place ("Drone strike kills seven") can join the one
    # event of its kind the article places.
    for event in sorted(analysis.events, key=lambda e: (e.place_id is None, e.date_start is None)):
        place = places.get(event.place_id or "")
        # the place as written: "a-Shaar" and "west Aleppo" both resolve to Aleppo,
        # but an article that names both tells two events apart
        name = fold(place.name) if place and place.geonames_id else None
        headline = title is not None and title.contains(event.sentence)
        seen = Seen(
            kind(event.type), name, actor_kind(event.actor, text), headline, event.sentence, ""
        )
        cluster: str | None
        if name is None:
            same = {s.cluster for s in here if s.compatible(seen, event)}
            cluster = same.pop() if len(same) == 1 else None
        else:
            cluster = next(
                (s.cluster for s in here if s.place == name and s.compatible(seen, event)), None
            ) or _matching(pool, event, place)
        if cluster is None:
            new = _new_cluster(event, place)
            cluster = new.cluster_id
            if cluster not in known:
                created.append(new)
                known.add(cluster)
                if new.geonames_id is not None and new.date_start and new.date_end:
                    pool.append(
                        EventCandidate(
                            cluster, new.type, new.geonames_id, new.date_start, new.date_end
                        )
                    )
        if name and not any(s.cluster == cluster for s in here):
            here.append(replace(seen, cluster=cluster, dates=(event.date_start, event.date_end)))
        reports.append(ReportLink(event, place, cluster))
    return EventDecision(article.id, tuple(reports), tuple(created))


def _matching(pool: Sequence[EventCandidate], event: Event, place: Place | None) -> str | None:
    if place is None or place.geonames_id is None or not (event.date_start and event.date_end):
        return None
    for candidate in pool:
        if candidate.geonames_id != place.geonames_id:
            continue
        same = kind(candidate.type) == kind(event.type)
        window = (candidate.date_start, candidate.date_end)
        if same and overlaps((event.date_start, event.date_end), window):
            return candidate.cluster_id
    return None


def _new_cluster(event: Event, place: Place | None) -> NewCluster:
    return NewCluster(
        cluster_id=stable_id("evc", event.id),
        type=event.type,
        acled_type=event.acled_type,
        geonames_id=place.geonames_id if place else None,
        place=place.resolved if place else None,
        country=place.country if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.precision if place else "unknown",
        date_start=event.date_start,
        date_end=event.date_end,
        date_precision=event.date_precision,
    )
