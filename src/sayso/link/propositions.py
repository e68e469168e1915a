"""What a statement asserts about an incident of violence, as keys: which of
its article's incidents it is about, who did it as far as a side can tell,
what was hit, civilian or military, as far as its words tell, and whether it
asserts or denies it. A key reads ``incident|side|target|polarity`` (the
incident's id in its article: an ``inc_`` id, or a lone report's ``evt_`` id;
polarity ``+`` or ``-``); a slot is empty when the statement does not fill it
(keys stored before the polarity slot have three).

Two keys are compatible (:func:`compatible`) when their incidents are one
stored event (event linking put them in one cluster: same town or district,
same kind, dates that agree) and no slot both fill differs: "compatible on
every slot both fill". "Russian jets struck the market" and "the strike on the
market killed 40" are one proposition; "the regime's jets struck the market"
and "the air force hit Nusra's headquarters" are rival ones about the same
strike, and so are "the jets struck the bakery" and "no bakery was hit" (a
denial is a proposition of its own, the rival of what it denies). Numbers are
no part of a key: two tolls of one strike are one claim, with a disagreement
inside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from sayso.events.sameness import kind
from sayso.model import UNKNOWN, Analysis, Event, Statement
from sayso.nlp.sides import SideDictionary


@lru_cache(maxsize=1)
def _sides() -> SideDictionary:
    return SideDictionary.load()


def actor_side(event: Event, text: str) -> str:
    """The side the event's actor phrase names ("Russian jets", "regime
    helicopters", "rebel shelling", "government forces"); "" when it names none
    ("warplanes", "the jets")."""
    if event.actor is None:
        return ""
    found = _sides().side_of(event.actor.text(text))
    return found.side if found.side != UNKNOWN else ""


# What was hit, by the words of the target phrase: a civilian place or people,
# or a military one. Either decides only when the other does not appear.
_CIVILIAN = frozenset(
    "market bakery bread queue school hospital clinic mosque church home house residential"
    " apartment building civilian resident child children women shopper bus neighbourhood"
    " neighborhood camp village street shelter".split()
)
_MILITARY = frozenset(
    "position headquarters base barracks checkpoint fighter militant terrorist depot troop"
    " soldier gathering deployment military arsenal warehouse convoy command post".split()
)


def target_kind(event: Event, text: str) -> str:
    """ "civilian" or "military" as the event's target phrase says; "" when it
    says neither or both."""
    if event.target is None:
        return ""
    words = {w.removesuffix("s") for w in re.findall(r"[a-z]+", event.target.text(text).lower())}
    civilian, military = bool(words & _CIVILIAN), bool(words & _MILITARY)
    if civilian != military:
        return "civilian" if civilian else "military"
    return ""


def incident_of_key(key: str) -> str:
    return key.partition("|")[0]


_SLOTS = 4  # incident, side, target, polarity


def _slots(key: str) -> list[str]:
    """A key's slots, a key stored before the polarity slot padded with an empty one."""
    slots = key.split("|")
    return slots + [""] * (_SLOTS - len(slots))


def compatible(one: frozenset[str], other: frozenset[str], event_of: Mapping[str, str]) -> bool:
    """Whether two statements' keys share a proposition: incidents in one stored
    event (``event_of``: an incident's event cluster; one unknown there is in
    none), and no slot (side, target, polarity) that both fill and fill
    differently."""
    for key in one:
        mine = _slots(key)
        event = event_of.get(mine[0])
        if event is None:
            continue
        for theirs in map(_slots, other):
            if event_of.get(theirs[0]) == event and all(
                a == b or not a or not b for a, b in zip(mine[1:], theirs[1:], strict=True)
            ):
                return True
    return False


def same_event(one: frozenset[str], other: frozenset[str], event_of: Mapping[str, str]) -> bool:
    """Whether some key of one and some key of the other are of incidents in one
    stored event, whatever their slots."""
    events = {event_of.get(incident_of_key(k)) for k in one} - {None}
    return any(event_of.get(incident_of_key(k)) in events for k in other)


def rival(one: str, other: str) -> bool:
    """Whether two keys of one incident cannot both be true: they name different
    sides as its author, or one says a civilian place was hit and the other a
    military one, or one denies what the other asserts of the same author (or
    of no named one)."""
    _, side, target, polarity = _slots(one)
    _, other_side, other_target, other_polarity = _slots(other)
    if any(a and b and a != b for a, b in ((side, other_side), (target, other_target))):
        return True
    return bool(polarity and other_polarity and polarity != other_polarity and side == other_side)


def rivals(one: frozenset[str], other: frozenset[str]) -> bool:
    """Whether some key of one and some key of the other are of one incident of
    the article and :func:`rival` (within one article, where incidents are the
    article's own)."""
    return any(incident_of_key(a) == incident_of_key(b) and rival(a, b) for a in one for b in other)


def contradicts(one: frozenset[str], other: frozenset[str], event_of: Mapping[str, str]) -> bool:
    """Whether keys of two articles are about one stored event and only rival
    there: none compatible, some pair :func:`rival`."""
    if compatible(one, other, event_of):
        return False
    return any(
        event_of.get(incident_of_key(a)) is not None
        and event_of.get(incident_of_key(a)) == event_of.get(incident_of_key(b))
        and rival(a, b)
        for a in one
        for b in other
    )


def events_stated(statement: Statement, events: Sequence[Event]) -> list[Event]:
    """The article's event reports inside the statement's words; when none, the
    one its sentence narrates ("forces have been accused of dropping chlorine
    ..., in an attack that rescue workers say killed nine civilians": the
    sentence's one event is the rescuers' "killed nine civilians" too)."""
    span = statement.span
    own = [
        e
        for e in events
        if e.account_id == statement.account_id
        and span.start <= e.trigger.start
        and e.trigger.end <= span.end
    ]
    if own:
        return own
    return [
        e
        for e in events
        if e.account_id is None and e.sentence.start <= span.start and span.end <= e.sentence.end
    ]


def proposition_keys(analysis: Analysis) -> dict[str, frozenset[str]]:
    """Each spoken statement's keys (by statement id): one per report of violence
    in its words, background and cumulative statements left out. A report is of
    its incident; one that names no place of its own ("its jets had not carried
    out the attack") is of the article's main incident, when it has one."""
    text = analysis.article.text
    main = next((e.incident for e in analysis.events if e.main and e.incident), None)
    found: dict[str, frozenset[str]] = {}
    for statement in analysis.statements:
        if statement.stance == "silent":
            continue
        keys = set()
        for event in events_stated(statement, analysis.events):
            if event.context or kind(event.type) != "violence":
                continue
            incident = main if event.place is None and main else incident_of(event)
            side, target = actor_side(event, text), target_kind(event, text)
            keys.add(f"{incident}|{side}|{target}|{'-' if statement.polarity < 0 else '+'}")
        if keys:
            found[statement.id] = frozenset(keys)
    return found


def incident_of(event: Event) -> str:
    """The incident a report is of, in its article: its incident, or itself."""
    return event.incident or event.id
