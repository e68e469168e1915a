"""An incident's toll when the article counts each side's dead apart: "killing at
least 40 of them ... five soldiers were killed" is 45 dead in all.

ACLED and the analysts who code by hand give an incident one toll, everyone who
died in it; a battle report seldom writes that number, it writes each side's
dead in its own sentence. :func:`summed` adds them, only when the figures are
plainly of different groups (the state's men, an armed group's, civilians) and
the article gives no total of its own; where a group has two different figures
or the groups cannot be told apart, there is no sum. The parts stay the
article's own figures; the sum is marked as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sayso.events.casualties import Figure, counted_apart
from sayso.events.numbers import CLASSES
from sayso.nlp.lexicons import WordList

_STATE = WordList("state_dead_words")
_ARMED = WordList("armed_group_dead_words")
_EVERYONE = WordList("all_dead_words")
_CIVILIAN = re.compile(rf"(?:{CLASSES['civilian']}|{CLASSES['part']})(?![\w-])", re.I)
# Where a figure's noun phrase ends: "19 members of the regime forces| and the ...".
_PHRASE_END = re.compile(
    r"[,;.:()\"“”]|\s(?:were|was|are|is|have|has|had|and|while|in|on|at|during|after|when"
    r"|who|killed|died|since|as)\b",
    re.I,
)
_TOLL_BEFORE = re.compile(r"\btoll\b|\bnumber\s+of\b|\btotal\b", re.I)
_WORD = re.compile(r"[\w-]+")
# "four fighters of the movement", "40 of them", "its fighters": one side's men,
# the side unnamed; bare "27 fighters" or "kill 27" counts both sides.
_ONE_SIDE = frozenset({"of", "from", "its", "their", "his", "our"})
EITHER = "either"  # fighters of one side the phrase does not name ("40 of them")


def group_of(text: str, figure: Figure) -> str | None:
    """Whose dead ``figure`` counts: "state", "armed", "civilian", ``EITHER``
    (one side's, unnamed), "all" (everyone) or None (both sides named)."""
    at = figure.at or 0
    if _TOLL_BEFORE.search(text, max(0, at - 40), at):
        return "all"
    end = _PHRASE_END.search(text, at + 1)
    phrase = text[at : end.start() if end else at + 60]
    words = {w.lower() for w in _WORD.findall(phrase)}
    state, armed = bool(words & _STATE), bool(words & _ARMED)
    if state and armed:
        return None
    if state or armed:
        return "state" if state else "armed"
    if words & _EVERYONE:
        return "all"
    if _CIVILIAN.search(phrase):
        return "civilian"
    return EITHER if words & _ONE_SIDE else "all"


def summed(sentences: Iterable[str]) -> int | None:
    """The toll of one incident from the sentences that report it, when they count
    two or three groups' dead apart and write no total; else None."""
    numbers: dict[str | None, set[int]] = {}
    for sentence in dict.fromkeys(sentences):
        for figure in counted_apart(sentence):
            numbers.setdefault(group_of(sentence, figure), set()).add(figure.number)
    if None in numbers or "all" in numbers or any(len(n) > 1 for n in numbers.values()):
        return None  # a side we cannot tell, a total written, or two figures for one side
    either = numbers.pop(EITHER, set())
    named = {group: next(iter(n)) for group, n in numbers.items()}
    if either and (len(named) != 1 or next(iter(either)) in named.values()):
        return None  # "40 of them": the other side only when one side is named
    count = len(named) + len(either)
    return sum(named.values()) + sum(either) if count >= 2 else None
