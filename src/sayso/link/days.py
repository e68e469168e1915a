"""The days of an incident's reports, for linking when a page has no date of
its own: the weekday its reports name ("on Tuesday", not "announced on
Tuesday"), and the month and day of a wire dateline with no year ("BEIRUT, July
22 (Reuters) -")."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta

from sayso.events.incidents import lede_end_of
from sayso.events.when import DAYS, said_on
from sayso.model import Article, Event


def in_window(day: int | None, window: tuple[str, str]) -> bool:
    """The weekday falls in the window of dates (any does in a week or more)."""
    if day is None:
        return True
    start, end = date.fromisoformat(window[0]), date.fromisoformat(window[1])
    span = (end - start).days
    return span >= 6 or any((start + timedelta(n)).weekday() == day for n in range(span + 1))


def weekday_of(events: Sequence[Event], article: Article) -> int | None:
    """The weekday the incident's reports name ("on Tuesday"), else, for the
    article's main incident, the first its headline or lede names."""
    found = _day_named(events, article)
    return found[0] if found else None


def said_that_day(events: Sequence[Event], article: Article) -> bool:
    """The weekday is only the day the lede says something was said of the
    incident ("told journalists on Wednesday"): it happened then or the day
    before."""
    found = _day_named(events, article)
    return found is not None and found[1]


def _day_named(events: Sequence[Event], article: Article) -> tuple[int, bool] | None:
    text = article.text
    for event in events:
        if event.when is not None and not said_on(text, event.when.start):
            for word in re.findall(r"[a-z]+", event.when.text(text).lower()):
                if word in DAYS:
                    return DAYS[word], False
    if events[0].main:
        # the lede's day; when that is the day something was said of it, and the
        # lede says it happened "yesterday", the day before
        lede = text[: lede_end_of(article)]
        for match in _LEDE_DAY.finditer(lede):
            day = DAYS[match.group(1).lower()]
            if not said_on(text, match.start()):
                return day, False
            return ((day - 1) % 7, False) if _YESTERDAY.search(lede) else (day, True)
    return None


_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)


_LEDE_DAY = re.compile(r"\b(" + "|".join(calendar.day_name) + r")\b")


def filed_on(article: Article) -> tuple[int, int] | None:
    """The month and day of a wire dateline with no year ("BEIRUT, July 22
    (Reuters) -") on a page with no date; None otherwise."""
    if article.published or article.dateline is None:
        return None
    # imported here: the store's read commands import linking, not page extraction
    from sayso.extract.meta import parse_wire_dateline

    text = article.text
    start = text.rfind("\n", 0, article.dateline.start) + 1
    wire = parse_wire_dateline(text[start : start + 160])
    if wire is None or wire.month is None or wire.day is None:
        return None
    return wire.month, wire.day


def ends_near(start: str, end: str, filed: tuple[int, int]) -> bool:
    """Dates of a day or a few whose month and day, or up to two days after
    them, are the ones a dateline was filed on."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if (last - first).days > 7:
        return False  # a week or a month: too coarse to meet a day
    days = [first + timedelta(n) for n in range((last - first).days + 3)]
    return any((d.month, d.day) == filed for d in days)
