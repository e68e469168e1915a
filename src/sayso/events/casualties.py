"""Casualty figures as a sentence or a headline states them: "killed at least 12
people", "four civilians were wounded", "the death toll rose to 40", "leaving 18
people - including six women - dead", "Car bomb kills 12 in Syria".

A figure is kept as written, with its qualifier ("at least 12" is 12 with
``at least``): a figure is never averaged or rounded, and only
:mod:`sayso.events.tolls` adds any, each side's dead of one fight, as a sum
marked as one. Vague amounts
("dozens", "scores") are not numbers and give none, but they still hold their
place: "injuring dozens" is no figure, and no other number takes its role.
Dates, times, years, ages, ordinals and measures are never figures
(:func:`sayso.events.numbers.masked`).

:func:`casualties` reads the toll, a range's upper bound, civilians and
fighters where the text tells them apart, the wounded, and sub-figures
("including four children"); :func:`killed` and :func:`injured` are its two
main figures. :func:`is_cumulative` tells a running or war-long total ("since
the war began in 2011", "so far this year") from an incident's toll.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sayso.events.casualty_words import (
    ADJUNCT,
    ALL,
    AMONG_DEAD,
    BESIDE,
    LEAD,
    NUMBER,
    OF_THEM,
    OUTCOMES,
    OVERALL,
    SEPARATOR,
    STATES,
    SUBS,
    TOLL,
    TOLL_NUMBER,
    UNDER_RUBBLE,
    UNKNOWN,
    VERBS,
)
from sayso.events.numbers import (
    CLASSES,
    Counted,
    counted,
    masked,
)
from sayso.events.numbers import is_cumulative as is_cumulative  # re-exported


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure as written: the number, its qualifier and its noun."""

    number: int
    qualifier: str | None  # "at least", "more than", ...
    noun: str | None = None  # "civilians", "children", ... as written, lower-cased
    # where the number starts in the text read (not part of what it says)
    at: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Casualties:
    """The figures of one sentence or headline."""

    killed: Figure | None = None  # the toll: the main number killed
    killed_max: int | None = None  # "20 to 25 killed": 25
    civilians: Figure | None = None  # civilians killed, where the text tells
    fighters: Figure | None = None  # soldiers, fighters, militants ... killed
    injured: Figure | None = None
    injured_max: int | None = None
    sub: tuple[Figure, ...] = ()  # "including four children" (of the killed)


@dataclass
class _Clause:
    """One statement of a figure: its members, their outcome, what follows them."""

    start: int
    kind: str  # "killed", "injured" or "sub"
    members: list[Counted]
    subs: list[Counted] = field(default_factory=list)
    every: str | None = None  # "all of them civilians": the class of all
    toll: bool = False  # a "death toll" statement
    overall: bool = False  # a running total ("bringing the overall toll to")

    def claims(self) -> set[int]:
        return {m.at for m in self.members + self.subs}


def _outcome(text: str, pos: int) -> re.Match[str] | None:
    """The outcome stated after ``pos``: killed, injured, or among the dead."""
    for pattern in OUTCOMES:
        match = pattern.match(text, pos)
        if match and not STATES.search(match.groupdict().get("inner") or ""):
            return match
    return None


def _member(text: str, pos: int) -> Counted | None:
    """The group counted at ``pos``, with an unknown noun when an outcome follows it
    ("12 Alawites were killed")."""
    found = counted(text, pos)
    if found and found.cls is None and (unknown := UNKNOWN.match(text, found.end)):
        found.end = unknown.end() if _outcome(text, unknown.end()) else found.end
    return found


def _figure(member: Counted | None) -> Figure | None:
    if member is None or member.number is None:
        return None
    return Figure(member.number, member.qualifier, member.noun, member.at)


def _members(text: str, pos: int, active: bool) -> list[Counted]:
    """The members listed from ``pos``: "31 civilians and four children". After a
    verb (``active``), a member that has an outcome of its own ends the list
    ("killed 12 and 30 were injured")."""
    first = _member(text, pos)
    if first is None:
        return []
    found = [first]
    while len(found) < 8 and (sep := SEPARATOR.match(text, found[-1].end)):
        if not (m := _member(text, sep.end())):
            break
        if m.cls is None or first.cls is None or (active and _outcome(text, m.end)):
            break
        found.append(m)
    return found


def _subs(text: str, clause: _Clause, pos: int) -> None:
    """Reads the sub-figures after a clause into it: "including four children", "all of
    them civilians", "12 of them children", maybe past a place or a time."""
    adjunct = ADJUNCT.match(text, pos)
    if adjunct and not STATES.search(adjunct.group()):
        pos = adjunct.end()
    while True:
        intro = SUBS.match(text, pos)
        if intro and intro.group("including"):
            if not (found := _members(text, intro.end(), active=True)):
                return
            clause.subs += found
            pos = found[-1].end
            continue
        if intro and (every := ALL.match(text, intro.end())):
            clause.every = next(c for c in CLASSES if every.group(c))
            return
        lead = LEAD.match(text, pos)
        member = _member(text, lead.end()) if lead else None
        of_them = OF_THEM.match(text, member.end) if member else None
        if member is None or of_them is None:
            return
        member.cls = next(c for c in CLASSES if of_them.group(c))
        member.noun = " ".join(of_them.group(member.cls).lower().split())
        clause.subs.append(member)
        pos = of_them.end()


def _clauses(text: str) -> list[_Clause]:
    """Every reading of a figure the text allows, before they compete for numbers."""
    found: list[_Clause] = []

    def add(start: int, kind: str, members: list[Counted], end: re.Match[str] | int) -> None:
        clause = _Clause(start, kind, members)
        if isinstance(end, re.Match):  # an outcome, maybe past an aside
            if end.groupdict().get("inner"):
                _subs(text, clause, end.start("inner"))
            end = end.end()
        _subs(text, clause, end)
        found.append(clause)

    for verb in VERBS.finditer(text):
        members = _members(text, verb.end(), active=True)
        if not members:
            continue
        if verb.group("lost") and members[0].cls != "fighter":
            continue  # "lost two villages": only an army's men lost are dead
        if verb.group("buried") and UNDER_RUBBLE.match(text, members[-1].end):
            continue
        kind = "killed" if verb.group("killed") or verb.group("lost") else "injured"
        if verb.group("leaving"):
            outcome = _outcome(text, members[-1].end)
            if outcome and not outcome.group("sub"):
                kind = "killed" if outcome.group("killed") else "injured"
                add(verb.start(), kind, members, outcome)
            elif members[-1].cls == "dead":
                add(verb.start(), "killed", members, members[-1].end)
            continue
        add(verb.start(), kind, members, members[-1].end)
    for number in re.finditer(NUMBER, text, re.I):
        members = _members(text, number.start(), active=False)
        outcome = _outcome(text, members[-1].end) if members else None
        if outcome:
            kind = next(k for k in ("killed", "injured", "sub") if outcome.group(k))
            if kind == "killed" and BESIDE.search(
                text, max(0, number.start() - 40), number.start()
            ):
                kind = "sub"
            add(number.start(), kind, members, outcome)
        elif members and members[-1].cls == "dead":
            add(number.start(), "killed", members, members[-1].end)
    for head in TOLL.finditer(text):
        for pattern in TOLL_NUMBER:
            at = pattern.match(text, head.end())
            member = _member(text, at.end()) if at else None
            if member is None:
                continue
            if head.group("civ") and member.cls is None:
                member.cls = "civilian"
            clause = _Clause(head.start(), "injured" if head.group("hurt") else "killed", [member])
            clause.toll = True
            window = text[max(0, head.start() - 30) : member.end]
            clause.overall = is_cumulative(window) or bool(OVERALL.search(window))
            _subs(text, clause, member.end)
            found.append(clause)
            break
    for among in AMONG_DEAD.finditer(text):
        found.append(_Clause(among.start(), "sub", _members(text, among.end(), active=True)))
    return found


def _accepted(text: str) -> list[_Clause]:
    """The clauses that win their numbers, the earliest first."""
    taken: set[int] = set()
    accepted = []
    for clause in sorted(_clauses(masked(text)), key=lambda c: c.start):
        if clause.members and not clause.claims() & taken:
            taken |= clause.claims()
            accepted.append(clause)
    return accepted


_PEOPLE = (None, "people", "dead")


def _split(clause: _Clause) -> tuple[Counted | None, Counted | None, Counted | None, list[Counted]]:
    """(toll, civilians, fighters, sub-figures) of a clause of the killed. A list has a
    toll when its first member counts people ("20 people, 12 civilians and eight
    fighters") or civilians the rest are part of ("31 civilians and four children");
    "12 civilians and eight fighters" has none."""
    first, listed = clause.members[0], clause.members[1:]
    civil = ("civilian", "part")
    headed = not listed or first.cls in _PEOPLE
    headed = headed or (first.cls == "civilian" and all(m.cls == "part" for m in listed))
    rest = (listed if headed else clause.members) + clause.subs
    civilians = first if headed and (first.cls in civil or clause.every in civil) else None
    fighters = first if headed and "fighter" in (first.cls, clause.every) else None
    by_class = {c: [m for m in rest if m.cls == c] for c in ("civilian", "part", "fighter")}
    civilian = by_class["civilian"] or ([] if headed else by_class["part"])
    subs = []
    for member in rest:
        if civilians is None and civilian == [member]:
            civilians = member
        elif fighters is None and by_class["fighter"] == [member]:
            fighters = member
        else:
            subs.append(member)
    return (first if headed else None), civilians, fighters, subs


def _main(clauses: list[_Clause]) -> _Clause | None:
    """The clause that states the toll: a death toll, else a count of people, else one
    class of the dead; none when the classes differ ("three soldiers were killed and two
    civilians died": the total is not written)."""
    tolls = [c for c in clauses if c.toll]
    current = [c for c in tolls if not c.overall]
    if current:
        return current[0]
    others = [c for c in clauses if not c.toll]
    heads = [(c, head) for c in others if (head := _split(c)[0]) and head.number is not None]
    for clause, head in heads:
        if head.cls in _PEOPLE:
            return clause
    if len({head.cls == "fighter" for _, head in heads}) > 1:
        return None
    found = [c for c, _ in heads] or others or tolls
    return found[0] if found else None


def casualties(text: str) -> Casualties:
    """The casualty figures of a sentence or a headline."""
    clauses = _accepted(text)
    dead = [c for c in clauses if c.kind == "killed"]
    main = _main(dead)
    toll, civilians, fighters, subs = _split(main) if main else (None, None, None, [])
    for other in dead:
        if other is not main:
            _, civ, fight, _ = _split(other)
            civilians, fighters = _numbered(civilians) or civ, _numbered(fighters) or fight
    among = [m for c in clauses if c.kind == "sub" for m in c.members + c.subs]
    if civilians is None:  # "among the dead were at least 19 civilians"
        civilians = next((m for m in among if m.cls == "civilian"), None)
    subs += [m for m in among if m is not civilians]
    # the wounded: a current "number of wounded" first, else the first figure
    hurt = [c for c in clauses if c.kind == "injured"]
    hurt.sort(key=lambda c: (c.overall or not c.toll, c.members[0].number is None))
    wounded = hurt[0].members[0] if hurt else None
    return Casualties(
        killed=_figure(toll),
        killed_max=toll.upper if toll else None,
        civilians=_figure(civilians),
        fighters=_figure(fighters),
        injured=_figure(wounded),
        injured_max=wounded.upper if wounded else None,
        sub=tuple(f for m in subs if (f := _figure(m)) is not None),
    )


def counted_apart(text: str) -> list[Figure]:
    """The dead as each clause counts them: its head ("killed 25 members of the
    regime forces"), or each member of a list with none ("12 civilians and three
    fighters"); never a sub-figure ("including six students")."""
    out = []
    for clause in _accepted(text):
        if clause.kind != "killed":
            continue
        head = _split(clause)[0]
        for member in [head] if head else clause.members:
            if (figure := _figure(member)) is not None:
                out.append(figure)
    return out


def _numbered(member: Counted | None) -> Counted | None:
    """The member if it has a number ("an officer" among the dead has none)."""
    return member if member is not None and member.number is not None else None


def killed(sentence: str) -> Figure | None:
    """The number killed the sentence states, if any: its toll."""
    return casualties(sentence).killed


def injured(sentence: str) -> Figure | None:
    """The number wounded or injured the sentence states, if any."""
    return casualties(sentence).injured
