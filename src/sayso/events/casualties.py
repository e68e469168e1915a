"""Casualty figures as a sentence states them: "killed at least 12 people", "four
civilians were wounded", "the death toll rose to 40".

A figure is kept as written, with its qualifier ("at least 12" is 12 with
``at least``): sayso never adds, averages or rounds figures. Vague amounts
("dozens", "scores") are not numbers and give none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Number words and their values, and the patterns built on them: numbers and verb
# forms are grammar, not vocabulary to extend, so they stay here (docs/lexicons.md).
_WORDS = {
    w: n
    for n, w in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty""".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a hundred": 100}
_QUALIFIER = r"(?P<qualifier>at least|more than|over|nearly|almost|about|around|some|up to)?\s*"
_NUMBER = r"(?P<number>\d[\d,]*|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b"
_KILLED = r"(?:killed|dead|died|slain|lost their lives)"
_INJURED = r"(?:wounded|injured|hurt)"
# Up to four words between the number and the outcome ("12 civilians, including
# children, were"), none of them another clause's ("12 and wounded 40").
_BETWEEN = (
    r"(?:(?!and\b|or\b|kill|wound|injur|dead)[\w-]+\s+){0,4}?"
    r"(?:(?:were|was|have been|had been|are|being|is)\s+)?"
)


def _patterns(outcome: str, verb: str) -> list[re.Pattern[str]]:
    return [
        # "12 people were killed", "four civilians wounded"
        re.compile(_QUALIFIER + _NUMBER + r"\s+" + _BETWEEN + outcome, re.IGNORECASE),
        # "killed at least 12", "wounding four"
        re.compile(r"\b" + verb + r"\s+" + _QUALIFIER + _NUMBER, re.IGNORECASE),
    ]


_FATAL = [
    *_patterns(_KILLED, r"(?:kill(?:ed|ing|s)?)"),
    re.compile(r"death toll\s+(?:[\w-]+\s+){0,3}?(?:to|of|at)\s+" + _QUALIFIER + _NUMBER, re.I),
]
_HURT = _patterns(_INJURED, r"(?:wound(?:ed|ing|s)?|injur(?:ed|ing|es|e))")


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure as written: the number and its qualifier."""

    number: int
    qualifier: str | None  # "at least", "more than", ...


def _number(text: str) -> int | None:
    word = text.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return _WORDS.get(word)


def _first(patterns: list[re.Pattern[str]], sentence: str) -> Figure | None:
    found = [m for p in patterns for m in p.finditer(sentence)]
    for match in sorted(found, key=lambda m: m.start()):
        number = _number(match.group("number"))
        if number is not None and not _is_year(match.group("number"), sentence, match):
            qualifier = match.group("qualifier")
            return Figure(number, qualifier.lower() if qualifier else None)
    return None


def _is_year(raw: str, sentence: str, match: re.Match[str]) -> bool:
    """ "killed in 2014": a year is no figure."""
    return raw.isdigit() and len(raw) == 4 and raw.startswith(("19", "20"))


def killed(sentence: str) -> Figure | None:
    """The number killed the sentence states, if any."""
    return _first(_FATAL, sentence)


def injured(sentence: str) -> Figure | None:
    """The number wounded or injured the sentence states, if any."""
    return _first(_HURT, sentence)
