"""When an event happened: the sentence's time expression, resolved against the
article's publication date into a date range with a precision.

"Monday" is the last Monday on or before publication (day precision); "last
week" the week before publication's (week); "last month" (month); "yesterday",
"two days ago" (day); "March 3, 2024" and "in 2014" need no anchor. Without a
publication date a relative expression stays relative (``precision``
"relative", no dates): sayso never resolves against the day it runs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# Dates: from the calendar and the grammar of dates, not a word list (docs/lexicons.md).
DAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9  # "Sept. 3", as AP writes it
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_FULL_DATE = re.compile(
    r"(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>[A-Za-z]+)(?:\s+(?P<year2>\d{4}))?"
)
_MONTH_YEAR = re.compile(r"(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})")
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})\b")
# "last month", "five weeks ago", "two years ago": weeks or more before the page
_LONG_AGO = re.compile(
    r"\blast\s+(?:month|year)\b|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several"
    r"|a\s+few)\s+weeks\s+ago\b|\b(?:months|years|a\s+month|a\s+year)\s+ago\b"
)
_AGO = re.compile(r"(?P<count>\d+|one|two|three|four|five|six|seven)\s+(?P<unit>day|week)s?\s+ago")


@dataclass(frozen=True, slots=True)
class When:
    """A resolved time: a date range (ISO, inclusive) and how precise it is."""

    start: str | None
    end: str | None
    precision: str  # day, week, month, year, relative, unknown


def _range(start: date, end: date, precision: str) -> When:
    return When(start.isoformat(), end.isoformat(), precision)


def resolve(expression: str, published: str | None) -> When:
    """The date range an expression names, anchored on the publication date."""
    text = expression.lower().strip()
    absolute = _absolute(expression)
    if absolute is not None:
        return absolute
    anchor = _parse_iso(published)
    if anchor is None:
        # "in April" on a page with no date: which April is unknown, but it is a
        # month (background, as a month is wherever the page is dated)
        alone = _month_word(text) is not None and not _full_date(expression)
        return When(None, None, "month" if alone or _LONG_AGO.search(text) else "relative")
    return _relative(text, expression, anchor) or When(None, None, "unknown")


# A Sunday: an undated page's "on Monday" is then this week, "last week" the one before.
_AS_IF_PUBLISHED = "2001-01-07"


def as_if_dated(expression: str) -> When | None:
    """A relative expression of an undated page resolved as if the page were
    published on a Sunday, to tell its times apart ("on Monday" is not "last
    week"), never to date anything; None unless a day or a week."""
    found = resolve(expression, _AS_IF_PUBLISHED)
    return found if found.precision in ("day", "week") else None


def _parse_iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _full_date(expression: str) -> re.Match[str] | None:
    """The first day and month the expression writes: in "Thursday 13 September
    2012", not "Thursday 13"."""
    for word in re.finditer(r"\S+", expression):
        match = _FULL_DATE.match(expression, word.start())
        if match and _MONTHS.get((match.group("month") or match.group("month2") or "").lower()):
            return match
    return None


def _absolute(expression: str) -> When | None:
    """A date that carries its year: "March 3, 2024", "3 March 2024", "May 2016", "2014"."""
    match = _full_date(expression)
    if match:
        month = _MONTHS.get((match.group("month") or match.group("month2") or "").lower())
        day = int(match.group("day") or match.group("day2"))
        year = match.group("year") or match.group("year2")
        if month and year:
            try:
                found = date(int(year), month, day)
            except ValueError:
                return None
            return _range(found, found, "day")
    match = _MONTH_YEAR.search(expression)
    if match and (month := _MONTHS.get(match.group("month").lower())):
        year = int(match.group("year"))
        last = calendar.monthrange(year, month)[1]
        return _range(date(year, month, 1), date(year, month, last), "month")
    match = _YEAR.fullmatch(expression.strip().removeprefix("in ").strip())
    if match:
        year = int(match.group("year"))
        return _range(date(year, 1, 1), date(year, 12, 31), "year")
    return None


def _relative(text: str, expression: str, anchor: date) -> When | None:
    if "yesterday" in text:
        return _range(anchor - timedelta(1), anchor - timedelta(1), "day")
    if "today" in text or "tonight" in text or "this morning" in text:
        return _range(anchor, anchor, "day")
    ago = _AGO.search(text)
    if ago:
        raw = ago.group("count")
        count = int(raw) if raw.isdigit() else _COUNTS[raw]
        days = count * (7 if ago.group("unit") == "week" else 1)
        return _range(anchor - timedelta(days), anchor - timedelta(days), "day")
    monday = anchor - timedelta(anchor.weekday())
    if "last week" in text:
        return _range(monday - timedelta(7), monday - timedelta(1), "week")
    if "this week" in text:
        return _range(monday, anchor, "week")
    if "last month" in text:
        end = anchor.replace(day=1) - timedelta(1)
        return _range(end.replace(day=1), end, "month")
    if "this month" in text:
        return _range(anchor.replace(day=1), anchor, "month")
    match = _full_date(expression)
    if match:  # "(Monday) March 3": the last March 3 on or before publication
        month = _MONTHS.get((match.group("month") or match.group("month2") or "").lower())
        day = int(match.group("day") or match.group("day2"))
        try:
            found = date(anchor.year, month or 0, day)
        except ValueError:
            return None
        if found > anchor:
            found = found.replace(year=anchor.year - 1)
        return _range(found, found, "day")
    for name, weekday in DAYS.items():
        if name in text:  # the last such day on or before publication
            found = anchor - timedelta((anchor.weekday() - weekday) % 7)
            return _range(found, found, "day")
    return _month_alone(text, anchor)


def _month_alone(text: str, anchor: date) -> When | None:
    """ "in March": the last March that began on or before publication (the month)."""
    month = _month_word(text)
    if month is None:
        return None
    year = anchor.year if month <= anchor.month else anchor.year - 1
    last = calendar.monthrange(year, month)[1]
    return _range(date(year, month, 1), date(year, month, last), "month")


def _month_word(text: str) -> int | None:
    """The month a lower-cased expression names ("in march"), if any."""
    for word in re.findall(r"[a-z]+", text):
        month = _MONTHS.get(word) if len(word) > 3 or word in ("may",) else None
        if month:
            return month
    return None


_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|stated|announced|reported|denied|claimed|added)"
    # to whom or where: "told journalists on Wednesday", "said in a statement on Monday"
    r"(?:\s+(?:in\s+|at\s+)?(?:a\s+|an\s+|the\s+)?(?:journalists|reporters|the\s+press|press"
    r"|(?:news|press)\s+conference|statement|briefing|[A-Z][\w.-]+))?\s+(?:on\s+)?$"
)


def said_on(text: str, at: int) -> bool:
    """The day at ``at`` is when something was said ("announced on Tuesday that
    the toll of Monday's strikes had reached 34"), not when it happened."""
    return _SAID_BEFORE.search(text[max(0, at - 48) : at]) is not None
