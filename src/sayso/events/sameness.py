"""When two reports in one article are one event: the same kind of event, and
actors of the same kind, on overlapping dates. Across articles the store links
by kind, place and date (:mod:`sayso.store.events`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sayso.events.ontology import MILITARY
from sayso.events.places import fold
from sayso.model import Event, Span

DATE_SLACK = timedelta(days=1)  # a report filed the next day may date it a day off


@dataclass(frozen=True, slots=True)
class Seen:
    """An event cluster of the article being linked, as its first report has it."""

    kind: str
    place: str | None
    actor: str | None  # the head noun of the actor, "military" for any armed force
    headline: bool  # a headline sums up the body's event, in words of its own
    sentence: Span  # two events of one sentence are two
    cluster: str
    dates: tuple[str | None, str | None] = (None, None)

    def compatible(self, other: Seen, event: Event) -> bool:
        """Two reports in one article are one event unless they tell two apart:
        actors of different kinds ("the Syrian army" reached a-Shaar, "its rebels"
        stalled the offensive, "the Syrian government" pushed them out), or dates
        that do not overlap; two events of one sentence ("after the rebels
        stalled the offensive, fighters retrieved the bodies") are two. Armed
        forces are one kind ("troops", "forces"), and
        a headline's words tell nothing apart ("Drone strike kills seven" is "A
        Russian drone struck")."""
        if self.kind != other.kind or self.sentence == other.sentence:
            return False
        if self.actor and other.actor and not (self.headline or other.headline):
            if self.actor != other.actor:
                return False
        dated = self.dates[0] and self.dates[1] and event.date_start and event.date_end
        return not dated or overlaps(
            (str(self.dates[0]), str(self.dates[1])),
            (str(event.date_start), str(event.date_end)),
        )


_WORD = re.compile(r"[^\W\d_][\w-]*")
# Where the actor's own noun phrase ends: "the army and its allies", "forces which".
_PHRASE_ENDS = frozenset("and or which who that with including include in at from on".split())
# "Hundreds of dock workers": the noun after "of" is who.
_QUANTITIES = frozenset(
    "hundreds thousands dozens scores tens millions some many most several number group".split()
)


def actor_kind(actor: Span | None, text: str) -> str | None:
    """The head noun of an actor phrase, singular; "military" for a state's armed
    forces, "armed group" for others."""
    if actor is None:
        return None
    words: list[str] = []
    for word in _WORD.findall(fold(actor.text(text))):
        if word in _PHRASE_ENDS:
            break
        words.append(word)
    if "of" in words:
        at = words.index("of")
        words = words[at + 1 :] if at and words[at - 1] in _QUANTITIES else words[:at]
    if not words:
        return None
    singular = [w.removesuffix("s") if len(w) > 3 else w for w in words]
    if set(singular) & _NON_STATE:
        return "armed group"  # "rebels", "rebel forces", "the militia's fighters"
    return "military" if singular[-1] in MILITARY else singular[-1]


# Armed men who are not a state's: rebels and "rebel forces" are one kind of
# actor, and not the army's.
_NON_STATE = frozenset(
    "rebel fighter militia militant insurgent jihadist guerrilla opposition".split()
)


_VIOLENCE = frozenset({"FIGHT", "ASSAULT"})


def kind(plover_type: str) -> str:
    """What reports must share to be one event: armed violence, or the type."""
    return "violence" if plover_type in _VIOLENCE else plover_type


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    start_a, end_a = date.fromisoformat(a[0]), date.fromisoformat(a[1])
    start_b, end_b = date.fromisoformat(b[0]), date.fromisoformat(b[1])
    return start_a <= end_b + DATE_SLACK and start_b <= end_a + DATE_SLACK
