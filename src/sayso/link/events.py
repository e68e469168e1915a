"""Event linking as a pure function: an article's event reports, against the
event clusters the store holds at the article's places, to the cluster each
report joins (a stored one, or one the article starts).

Reports of violence come grouped in the article's incidents
(:mod:`sayso.events.incidents`): all the reports of one incident go to one
cluster. An incident joins a stored one only at the same specific place (a
town or district, never a country or a region alone), of the same kind, on
dates that overlap (a day either way); an incident with no date joins the one
stored incident of its kind at its place, when there is only one (else the one
of its sub-event type, when that is one), on the weekday its reports name
(:mod:`sayso.link.days`), and, when its page has only a wire dateline with no
year ("BEIRUT, July 22 (Reuters) -"), dated that day or up to two days before,
if dated at all. Background and cumulative statements (``context``) never link.

Other reports join a cluster when they are of the same kind (any PLOVER type
other than violence is its own kind), at the same specific place, with a date
range that overlaps the cluster's. A report with no geocoded place or no
resolved date joins nothing across articles. Within one article, reports of
one kind at one place (as the article names it) are one event unless their
actors are of different kinds or their dates do not overlap
(:class:`sayso.events.sameness.Seen`); a report with no place joins the
article's one such event of its kind, when there is only one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sayso.events.areas import capitals_as_regions, is_specific
from sayso.events.incidents import most_specific
from sayso.events.places import fold
from sayso.events.sameness import Seen, actor_kind, kind, overlaps
from sayso.events.subtypes import EVENT_TYPE, sub_event_type
from sayso.link.days import ends_near, filed_on, in_window, said_that_day, weekday_of
from sayso.model import Analysis, Article, Event, Place, stable_id


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """A stored event cluster at one of the article's places, with its dates."""

    cluster_id: str
    type: str
    geonames_id: int
    date_start: str | None  # None: an incident no report of which is dated
    date_end: str | None
    sub_event_type: str | None = None
    weekday: int | None = None  # the weekday its reports name (0: Monday), if one does
    main: bool = False  # some article's main incident


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
    sub_event_type: str | None = None
    context: bool = False  # background: never a candidate for another article
    weekday: int | None = None


@dataclass(frozen=True, slots=True)
class ReportLink:
    """One report of the article in its cluster, with the place it resolved to."""

    event: Event
    place: Place | None
    cluster_id: str


@dataclass(frozen=True, slots=True)
class EventDecision:
    """Where an article's reports go: ``reports`` in linking order, ``created``
    the clusters it starts, in the order it starts them, and ``joined``: for each
    stored cluster its reports join, the cluster they would have started (the
    store shows a cluster as the one of its reports' clusters that
    :func:`shown_first` puts first, whatever order they came in)."""

    article_id: str
    reports: tuple[ReportLink, ...]
    created: tuple[NewCluster, ...]
    joined: tuple[tuple[str, NewCluster], ...] = ()


def shown_first(cluster: NewCluster) -> tuple[bool, bool, str]:
    """How an event's would-be clusters rank to show it: a dated one first, then
    one that knows its sub-event type (a drone strike, not an attack), then by id
    (a hash: arbitrary, but the same in any order of articles)."""
    dated = bool(cluster.date_start and cluster.date_end)
    known = cluster.sub_event_type not in (None, "Attack")
    return (not dated, not known, cluster.cluster_id)


def places_of(analysis: Analysis) -> frozenset[int]:
    """The GeoNames ids of the article's towns and districts: where its candidates
    are. A report joins a stored event only at a specific place (never a country
    or a region alone), so the clusters at the article's countries and regions,
    which grow with the store, are never read."""
    return frozenset(p.geonames_id for p in analysis.places if is_specific(p) and p.geonames_id)


def link_events(analysis: Analysis, candidates: Sequence[EventCandidate]) -> EventDecision:
    """Put each event of the article in a cluster, given the stored clusters at
    its places (in id order, so that the first match does not depend on which
    article came first)."""
    article = analysis.article
    places = {
        p.id: p for p in capitals_as_regions(analysis.places, article.text, article.title_span)
    }
    created: list[NewCluster] = []
    joined: dict[str, NewCluster] = {}
    reports = _link_incidents(analysis, candidates, places, created, joined)
    rest = [e for e in analysis.events if e.incident is None]
    reports += _link_others(analysis, rest, candidates, places, created, joined)
    return EventDecision(analysis.article.id, tuple(reports), tuple(created), tuple(joined.items()))


def _link_incidents(
    analysis: Analysis,
    candidates: Sequence[EventCandidate],
    places: dict[str, Place],
    created: list[NewCluster],
    joined: dict[str, NewCluster],
) -> list[ReportLink]:
    """Each incident of the article, all its reports together, to a stored
    incident it matches or to a cluster of its own."""
    groups: dict[str, list[Event]] = {}
    for event in analysis.events:
        if event.incident is not None:
            groups.setdefault(event.incident, []).append(event)
    out: list[ReportLink] = []
    for events in groups.values():
        place = most_specific([places.get(e.place_id or "") for e in events])
        dated = next((e for e in events if e.date_start and e.date_end), None)
        sub = _sub_event_type(events)
        day = weekday_of(events, analysis.article)
        said = said_that_day(events, analysis.article)
        pool = candidates if dated is not None else _filed_near(candidates, analysis.article)
        weapon = _weapon(events, analysis.article.text)
        cluster = _incident_match(pool, events[0].type, place, dated, sub, day, weapon, said)
        first = dated or events[0]
        new = _new_cluster(
            replace(
                events[0],
                acled_type=EVENT_TYPE.get(sub or "", events[0].acled_type),
                date_start=first.date_start,
                date_end=first.date_end,
                date_precision=first.date_precision,
            ),
            place,
            sub,
        )
        new = replace(new, weekday=day)
        if cluster is None:
            created.append(new)
            cluster = new.cluster_id
        else:
            _would_start(joined, cluster, new)
        out += [ReportLink(e, places.get(e.place_id or ""), cluster) for e in events]
    return out


def _filed_near(candidates: Sequence[EventCandidate], article: Article) -> Sequence[EventCandidate]:
    """For a page with no date but a wire dateline with no year ("BEIRUT, July
    22 (Reuters) -"), the candidates undated or dated that day or up to two days
    before, in any year; else all of them."""
    filed = filed_on(article)
    if filed is None:
        return candidates
    return [
        c
        for c in candidates
        if not (c.date_start and c.date_end) or ends_near(c.date_start, c.date_end, filed)
    ]


_ACTOR_WORDS = 4


def _weapon(events: Sequence[Event], text: str) -> str | None:
    """The sub-event type the incident's verbs and their subjects name ("regime
    artillery shelled", "warplanes struck"), not the rest of their sentences (a
    "workshop for making rocket shells" the army says it destroyed)."""
    for event in events:
        # the actor's head words only: "Opposition factions taking part in the
        # ongoing offensive" targeted, they did not fight a battle
        actor = " ".join(event.actor.text(text).split()[:_ACTOR_WORDS]) if event.actor else ""
        words = f"{actor} {event.trigger.text(text)}"
        found = sub_event_type(words)
        if found not in (None, "Attack"):
            return found
    return None


def _sub_event_type(events: Sequence[Event]) -> str | None:
    """The incident's sub-event type: the first that names a weapon or a kind of
    violence ("Air/drone strike" for "massacre ... the air strikes"), else the
    first, a generic "Attack"."""
    subs = [e.sub_event_type for e in events if e.sub_event_type]
    return next((s for s in subs if s != "Attack"), subs[0] if subs else None)


def _would_start(joined: dict[str, NewCluster], cluster: str, new: NewCluster) -> None:
    """Keep, for a stored cluster the article joins, the first cluster its
    reports would have started."""
    if cluster not in joined or shown_first(new) < shown_first(joined[cluster]):
        joined[cluster] = new


def _incident_match(
    pool: Sequence[EventCandidate],
    type_: str,
    place: Place | None,
    dated: Event | None,
    sub: str | None,
    day: int | None = None,
    weapon: str | None = None,
    day_before_too: bool = False,
) -> str | None:
    """The stored incident this one is: same specific place and kind, dates that
    overlap; with no date on one side, the only one there (of its sub-event type,
    on the weekday its report names: "on Tuesday" in a page with no date, or the
    day before when that is only the day it was said, ``day_before_too``; of the
    weapon its verbs name, ``weapon``)."""
    if not is_specific(place) or place is None:
        return None
    here = [c for c in pool if c.geonames_id == place.geonames_id and kind(c.type) == kind(type_)]
    if dated is not None and dated.date_start and dated.date_end:
        window = (dated.date_start, dated.date_end)
        during = [
            c
            for c in here
            if c.date_start and c.date_end and overlaps(window, (c.date_start, c.date_end))
        ]
        if during:  # an article's main incident first, then one of the kind of weapon
            during = [c for c in during if c.main] or during
            same = [c for c in during if sub and c.sub_event_type == sub]
            return (same or during)[0].cluster_id
        # an undated one, unless the weekday its reports name is not in these dates
        here = [c for c in here if not c.date_start and in_window(c.weekday, window)]
    elif day is not None:
        # with a date missing on one side, the weekday a report names must agree
        days = (day, (day - 1) % 7) if day_before_too else (day,)
        here = [c for c in here if any(_on_weekday(c, d) for d in days)]
    group = _group(sub)
    if group:  # nor the kind of violence: remote, a battle, an attack on civilians
        here = [c for c in here if _group(c.sub_event_type) in (group, None)]
    if dated is None and _group(weapon):
        # with no date of its own, nor the weapon its verb names: "artillery
        # shelled the town" is not that air strike
        here = [c for c in here if _group(c.sub_event_type) is None or c.sub_event_type == weapon]
    if len(here) > 1:  # between several, an article's main incident first
        here = [c for c in here if c.main] or here
    if len(here) > 1 and sub:  # then the kind of weapon
        here = [c for c in here if c.sub_event_type == sub]
    return here[0].cluster_id if len(here) == 1 else None


def _group(sub: str | None) -> str | None:
    """ACLED's event type of a sub-event type; None for a generic "Attack"."""
    return None if sub in (None, "Attack") else EVENT_TYPE.get(sub or "")


def _on_weekday(candidate: EventCandidate, day: int) -> bool:
    """A stored incident on that weekday, or not known to be on another."""
    if candidate.date_start and candidate.date_end:
        return in_window(day, (candidate.date_start, candidate.date_end))
    return candidate.weekday is None or candidate.weekday == day


def _link_others(
    analysis: Analysis,
    events: Sequence[Event],
    candidates: Sequence[EventCandidate],
    places: dict[str, Place],
    created: list[NewCluster],
    joined: dict[str, NewCluster],
) -> list[ReportLink]:
    """The reports that are not of an incident (talks, protests, background),
    each to a cluster by kind, place and date."""
    article = analysis.article
    text = article.text
    # grows with the dated, placed clusters this article starts
    pool = [c for c in candidates if c.date_start and c.date_end]
    known = {c.cluster_id for c in pool} | {c.cluster_id for c in created}
    here: list[Seen] = []  # this article's clusters, by the first report of each
    reports: list[ReportLink] = []
    title = article.title_span
    # Placed and dated reports first, so that the article's events meet the same
    # events of other articles before its undated headline makes one of its own,
    # and a headline with no place ("Drone strike kills seven") can join the one
    # event of its kind the article places.
    for event in sorted(events, key=lambda e: (e.place_id is None, e.date_start is None)):
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
            ) or (None if event.context else _matching(pool, event, place))
        new = _new_cluster(event, place, None)
        if cluster is not None and cluster not in {c.cluster_id for c in created}:
            _would_start(joined, cluster, new)
        if cluster is None:
            cluster = new.cluster_id
            if cluster not in known:
                created.append(new)
                known.add(cluster)
                if new.geonames_id is not None and new.date_start and new.date_end:
                    if not new.context and is_specific(place):
                        pool.append(
                            EventCandidate(
                                cluster, new.type, new.geonames_id, new.date_start, new.date_end
                            )
                        )
        if name and not any(s.cluster == cluster for s in here):
            here.append(replace(seen, cluster=cluster, dates=(event.date_start, event.date_end)))
        reports.append(ReportLink(event, place, cluster))
    return reports


def _matching(pool: Sequence[EventCandidate], event: Event, place: Place | None) -> str | None:
    if not is_specific(place) or place is None or not (event.date_start and event.date_end):
        return None
    for candidate in pool:
        if candidate.geonames_id != place.geonames_id:
            continue
        same = kind(candidate.type) == kind(event.type)
        if candidate.date_start is None or candidate.date_end is None:
            continue
        window = (candidate.date_start, candidate.date_end)
        if same and overlaps((event.date_start, event.date_end), window):
            return candidate.cluster_id
    return None


def _new_cluster(event: Event, place: Place | None, sub: str | None) -> NewCluster:
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
        sub_event_type=sub or event.sub_event_type,
        context=event.context,
    )
