"""Incidents in one article: the reports of one strike, shelling, bombing or clash
(headline, lede, body, a quoted source's version) made one incident, with all
their figures; the article's main incident flagged; background and cumulative
statements kept as context, never incidents.

An event is a report of an incident when it is armed violence (PLOVER FIGHT or
ASSAULT) or states a toll, whatever verb governs it ("is looking into reports
that 40 civilians were killed" reports a killing). Reports join one incident
when their places are compatible (the same town; a country or region with a
town inside it: "Car bomb kills 12 in Syria" and "in the town of Azaz") and
their dates overlap. The incident takes the most specific place of its reports
and, when none of them has a time expression of its own, the publication
window, marked as inferred. The main incident is the first one the headline or
the lede reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sayso.events.areas import capitals_as_regions, is_specific
from sayso.events.casualties import is_cumulative
from sayso.events.ontology import acled_type
from sayso.events.places import admin_area, fold
from sayso.events.sameness import actor_kind, kind, overlaps
from sayso.events.subtypes import EVENT_TYPE, sub_event_type
from sayso.events.tolls import summed
from sayso.events.when import as_if_dated, said_on
from sayso.events.where import holds_another, not_where
from sayso.model import Article, Event, Place, Span, stable_id

# How far before publication an undated report may have happened ("on Tuesday"
# in a page that gives no weekday's date): the day of publication and the one before.
PUBLICATION_WINDOW = timedelta(days=1)
# A dated report this long before publication is an earlier event told in passing.
EARLIER = timedelta(days=21)
_RANK = {"exact": 0, "neighbourhood": 0, "town": 0, "region": 1, "country": 2, "unknown": 3}
_LEDE_PARAGRAPHS = 2
_LEDE_WORDS = 8  # fewer: a byline, a date line, an outlet's name
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class _Incident:
    key: str
    events: list[Event] = field(default_factory=list)
    place: Place | None = None
    dates: tuple[str, str] | None = None
    own_date: bool = False
    # the day a toll was counted ("the death toll rose to nine on Tuesday"): the
    # incident happened then or the day before
    as_of: tuple[str, str] | None = None
    # the day or week its first report names, as dated or, on an undated page,
    # as if published on a Sunday (sayso.events.when.as_if_dated)
    time: tuple[str, str, str] | None = None  # (start, end, "day" or "week")


def _rank(place: Place | None) -> int:
    if place is None or place.geonames_id is None:
        return 3
    return _RANK.get(place.precision, 3)


def most_specific(found: Sequence[Place | None]) -> Place | None:
    """The first of the most precise geocoded places (a town before a region,
    a region before a country)."""
    placed = [p for p in found if p is not None and p.geonames_id is not None]
    return min(placed, key=_rank, default=None)


def _inside(small: Place, large: Place) -> bool:
    """``small`` lies in ``large`` (a region or country holding it)."""
    if large.precision == "country":
        return small.country == large.country
    if large.precision == "region":
        area, own = admin_area(large.geonames_id), admin_area(small.geonames_id)
        if own is None:  # a town the gazetteer does not list: somewhere in its country
            return small.country == large.country
        return area is not None and own == area
    return False


def compatible_places(a: Place | None, b: Place | None) -> bool:
    """Two places that may be where one incident happened."""
    if a is None or b is None or a.geonames_id is None or b.geonames_id is None:
        return True
    if a.geonames_id == b.geonames_id:
        # two parts of one city ("a-Shaar", "east Aleppo") are two places
        return fold(a.name) == fold(b.name) or not (a.part_of and b.part_of)
    if is_specific(a) and is_specific(b):
        return False
    small, large = (a, b) if _rank(a) <= _rank(b) else (b, a)
    return _inside(small, large)


def incidents_of(
    article: Article, events: Sequence[Event], places: Sequence[Place]
) -> tuple[Event, ...]:
    """The events with their incident, main flag, context flag, sub-event type and
    (where the text gives none) the incident's place and inferred dates."""
    places = capitals_as_regions(places, article.text, article.title_span)
    by_id = {p.id: p for p in places}
    lede_end = lede_end_of(article)
    typed = [_typed(article, e) for e in events]
    reports = [e for e in typed if _is_report(e) and not e.context]
    reports.sort(key=lambda e: e.sentence.start)
    incidents: list[_Incident] = []
    own = {e.id: _own_place(e, by_id, article, lede_end) for e in reports}
    for event in reports:
        place = own[event.id]
        home = next(
            (i for i in incidents if _fits(i, event, place, article.text, article.title_span)),
            None,
        )
        if home is None:
            home = _Incident(stable_id("inc", article.id, event.id))
            incidents.append(home)
        _join(home, event, place, article.text)
    main = next((i for i in incidents if i.events[0].sentence.start < lede_end), None)
    main = main or (incidents[0] if incidents else None)
    if main is not None and main.place is None:
        # no place in its own sentences: the one its headline names, if any, and
        # the lede does not write as only close by ("a village north of the city
        # of Homs": the village the lede names)
        main.place = _title_place(places, article.title_span, article.text)
        if main.place is not None and _near_in_lede(main.place, article, lede_end):
            main.place = None
    if main is not None and not is_specific(main.place):
        main.place = _lede_place(main.place, places, lede_end, article) or main.place
    placed = {e.id: (i, i is main) for i in incidents for e in i.events}
    window = _publication_window(article.published)
    sums = {
        i.events[0].id: summed(e.sentence.text(article.text) for e in i.events) for i in incidents
    }
    out = []
    for event in typed:
        if event.id in placed:
            incident, is_main = placed[event.id]
            event = _finished(event, incident, is_main, window, _rank(own[event.id]))
            event = replace(event, fatalities_summed=sums.get(event.id))
        out.append(event)
    return tuple(out)


def _typed(article: Article, event: Event) -> Event:
    """The event with its sub-event type, retyped as violence when it states a
    toll, and flagged as context when it is background or an earlier event."""
    words = event.sentence.text(article.text)
    sub = sub_event_type(words)
    if event.fatalities is not None and kind(event.type) != "violence" and not event.negated:
        lemmas = frozenset(w.lower() for w in re.findall(r"[\w-]+", words))
        acled = EVENT_TYPE.get(sub or "") or acled_type("ASSAULT", lemmas)
        event = replace(event, type="ASSAULT", acled_type=acled)
    context = is_cumulative(words) or _earlier(event, article.published)
    return replace(
        event, sub_event_type=sub if kind(event.type) == "violence" else None, context=context
    )


def _near(event: Event, text: str) -> bool:
    """The sentence's place is not where the event happened: close by ("near
    Aleppo", "on Damascus outskirts") or a government speaking ("Moscow said")."""
    return event.place is not None and not_where(text, event.place)


def _own_place(
    event: Event, by_id: dict[str, Place], article: Article, lede_end: int
) -> Place | None:
    """Where the report's own words put it: none where they name a place only as
    close by, or a headline's place the lede writes so."""
    place = None if _near(event, article.text) else by_id.get(event.place_id or "")
    if place is not None and _lede_writes_near(place, event, article, lede_end):
        return None
    return place


def _lede_writes_near(place: Place, event: Event, article: Article, lede_end: int) -> bool:
    """A headline's place that the lede writes only as an area or somewhere
    close by ("Strikes kill 15 in Syria's Afrin" over "strikes on a town in the
    enclave of Afrin"): the headline says less than the lede, so its place does
    not say which town."""
    return _in(article.title_span, event) and _near_in_lede(place, article, lede_end)


def _near_in_lede(place: Place, article: Article, lede_end: int) -> bool:
    """The lede names the place, and only as an area or somewhere close by."""
    title = article.title_span
    start = title.end if title is not None else 0
    in_lede = [m for m in place.mentions if start <= m.start < lede_end]
    return bool(in_lede) and all(not_where(article.text, m) for m in in_lede)


def _in(title: Span | None, event: Event) -> bool:
    return title is not None and title.contains(event.sentence)


def _is_report(event: Event) -> bool:
    return kind(event.type) == "violence" and not event.negated


def _earlier(event: Event, published: str | None) -> bool:
    """Dated by a year or a month alone, or weeks before publication: background."""
    if event.date_precision in ("year", "month"):
        return True
    if not (event.date_end and published):
        return False
    try:
        return date.fromisoformat(event.date_end) < date.fromisoformat(published[:10]) - EARLIER
    except ValueError:
        return False


def _fits(
    incident: _Incident, event: Event, place: Place | None, text: str, title: Span | None
) -> bool:
    if not compatible_places(incident.place, place):
        return False
    if event.type == "FIGHT" and event.fatalities is None and not _in(title, event):
        # a battle's moves by sides of different kinds are events of their own:
        # the army reached the district, the rebels stalled it
        mine = actor_kind(event.actor, text)
        for other in incident.events:
            theirs = actor_kind(other.actor, text)
            if (
                other.type == "FIGHT"
                and mine
                and theirs
                and mine != theirs
                and not _in(title, other)
            ):
                return False
    time = _time_of(event, text)
    if incident.time is None or time is None:
        return True
    if "week" in (incident.time[2], time[2]):  # "last week" is not this Monday
        return incident.time[0] <= time[1] and time[0] <= incident.time[1]
    return overlaps(incident.time[:2], time[:2])


def _time_of(event: Event, text: str) -> tuple[str, str, str] | None:
    """The day or week a report names ("on Monday", "last week") and which, unless
    it is the day a toll was counted; on an undated page, as if published on a Sunday."""
    if event.when is None or _TOLL_RISE.match(event.trigger.text(text)) or _said_then(event, text):
        return None
    if event.date_precision in ("day", "week") and event.date_start and event.date_end:
        return event.date_start, event.date_end, event.date_precision
    found = as_if_dated(event.when.text(text)) if event.date_precision == "relative" else None
    if found is None or not (found.start and found.end):
        return None
    return found.start, found.end, found.precision


def _join(incident: _Incident, event: Event, place: Place | None, text: str) -> None:
    incident.events.append(event)
    incident.time = incident.time or _time_of(event, text)
    if place is not None and _rank(place) < _rank(incident.place):
        incident.place = place
    if (
        event.date_start
        and event.date_end
        and not incident.own_date
        and not _said_then(event, text)
    ):
        if event.date_precision == "day" and _TOLL_RISE.match(event.trigger.text(text)):
            start = date.fromisoformat(event.date_start) - PUBLICATION_WINDOW
            incident.as_of = incident.as_of or (start.isoformat(), event.date_end)
        elif event.date_precision in ("day", "week"):
            incident.dates = (event.date_start, event.date_end)
            incident.own_date = True


def _said_then(event: Event, text: str) -> bool:
    """The report's time is when it was said ("Human Rights Watch said last week
    that the bombardment ..."), not when the incident happened."""
    return event.when is not None and said_on(text, event.when.start)


# A toll that grew: its date is the day of the count, not of the incident.
_TOLL_RISE = re.compile(
    r"(?:rose|risen|rises?|rising|climb(?:ed|s|ing)?|increas(?:ed|es|ing)|jump(?:ed|s)?"
    r"|mount(?:ed|s)?|grew|grown)$",
    re.IGNORECASE,
)


def _lede_place(
    coarse: Place | None, places: Sequence[Place], lede_end: int, article: Article
) -> Place | None:
    """The town the headline or lede names inside the main incident's country or
    region ("Car bomb kills 12 in Syria" over "in the town of Azaz"): the first
    it names, not as somewhere close by ("a rebel stronghold east of Damascus"),
    nor a headline's town the lede writes only so ("Homs family killings" over
    "a village north of the city of Homs")."""
    text = article.text
    found: dict[int, tuple[int, Place]] = {}
    for place in places:
        if place.dateline or not is_specific(place) or place.geonames_id is None:
            continue
        if _near_in_lede(place, article, lede_end):
            continue
        if coarse is not None and coarse.geonames_id is not None and not _inside(place, coarse):
            continue
        starts = [m.start for m in place.mentions if m.start < lede_end and not not_where(text, m)]
        if starts:
            found.setdefault(place.geonames_id, (min(starts), place))
    return min(found.values(), key=lambda item: item[0])[1] if found else None


def _title_place(places: Sequence[Place], title: Span | None, text: str) -> Place | None:
    """The most precise place the headline names ("reports of airstrike on Idlib
    market"), not as somewhere close by ("in Damascus suburb")."""
    if title is None:
        return None
    starts = {m.start for p in places for m in p.mentions}
    named = [
        p
        for p in places
        if not p.dateline
        and any(
            title.contains(m) and not not_where(text, m) and not holds_another(text, m, starts)
            for m in p.mentions
        )
    ]
    return most_specific(named)


def _publication_window(published: str | None) -> tuple[str, str] | None:
    try:
        day = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
    return ((day - PUBLICATION_WINDOW).isoformat(), day.isoformat()) if day else None


def _finished(
    event: Event,
    incident: _Incident,
    main: bool,
    window: tuple[str, str] | None,
    own_rank: int,
) -> Event:
    changes: dict[str, object] = {"incident": incident.key, "main": main}
    place = incident.place
    if place is not None and _rank(place) < own_rank:
        changes["place_id"] = place.id  # "kills 12 in Syria": the lede's town
    if not event.date_start or event.date_precision not in ("day", "week"):
        dates, inferred = (
            (incident.dates, False) if incident.own_date else (incident.as_of or window, True)
        )
        if dates:
            changes.update(
                date_start=dates[0],
                date_end=dates[1],
                date_inferred=inferred,
                date_precision="day" if not inferred else "window",
            )
    return replace(event, **changes)  # type: ignore[arg-type]


def lede_end_of(article: Article) -> int:
    """Where the lede ends: after the first paragraphs of the body, not counting
    the short lines of a byline or a date ("Martin Halloway in Beirut", "Thu 19
    Jan 2017 18.05 GMT")."""
    body = article.body_span
    text = article.text[body.start : body.end]
    start, counted = 0, 0
    for match in _PARAGRAPH.finditer(text):
        if len(text[start : match.start()].split()) >= _LEDE_WORDS:
            counted += 1
            if counted == _LEDE_PARAGRAPHS:
                return body.start + match.start()
        start = match.end()
    return body.start + len(text)
