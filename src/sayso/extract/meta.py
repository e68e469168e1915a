"""A page's own metadata: its date line, its outlet, and the lines that state them.

Scraped text pages carry their metadata as lines around the body: a date line
after the title ("Published March 9 2015", "Mon 27 Apr 2016 14.32 BST"), an
outlet's name or a byline with one ("SANA", "By Staff, Al-Masdar News"), a
credit line at the end ("(Reporting by ...; Editing by ...)", "Source: SANA",
"© AFP 2016"), and a wire dateline opening the body ("ALEPPO, April 27
(Reuters) -"). Each such line is read and cut as chrome (``Article.removed``),
only from the head and the tail of the page, never from the middle of the body.

A date is only ever taken from a line that is nothing but a date (with its
prefix, time and time zone): never from an ordinary sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sayso.extract.outlets import Outlet, OutletDictionary
from sayso.extract.text import (
    DATELINE,
    MONTH,
    CleanText,
    finish,
    is_chrome,
    is_title,
    page_lines,
    parse_byline,
)

HEAD_LINES = 5  # how far after the title metadata lines are looked for
TAIL_LINES = 4  # how far from the end credit lines are looked for
MAX_DATE_LINE = 100
MAX_OUTLET_LINE = 100
# Month names and abbreviations by number: "sep" and "sept" are 9.
_MONTHS = {
    name: number
    for number, names in enumerate(
        "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august"
        "|sep sept september|oct october|nov november|dec december".split("|"),
        start=1,
    )
    for name in names.split()
}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
_PREFIX = (
    r"(?:(?:last\s+|first\s+)?(?:published|updated|posted|modified|dated?|released)"
    r"(?:\s+(?:on|at|time|date))?\s*[:\-–—]?\s*)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# One calendar date, in the forms news pages write it.
_DATE = (
    rf"(?:(?P<mon1>{MONTH})\.?\s+(?P<day1>\d{{1,2}}){_ORDINAL},?\s+(?P<year1>(?:19|20)\d{{2}})"
    rf"|(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<mon2>{MONTH})\.?,?\s+(?P<year2>(?:19|20)\d{{2}})"
    r"|(?P<year3>(?:19|20)\d{2})[-/.](?P<m3>\d{1,2})[-/.](?P<day3>\d{1,2})"
    r"|(?P<day4>\d{1,2})[/.-](?P<m4>\d{1,2})[/.-](?P<year4>(?:19|20)\d{2}))"
)
# A time after (or before) the date, with an optional time zone: "14.32 BST",
# "10:31 GMT", "2:05 p.m. ET", "T10:31:00Z", "(UTC+3)".
_ZONE = r"(?:\(?\s*(?:[A-Z]{2,5}|Z)?(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?)"
_TIME = (
    r"(?:\d{1,2}[:.h]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?\s?m\.?)?"
    r"|\d{1,2}\s*[ap]\.?\s?m\.?)"
    rf"\s*{_ZONE}?"
)
_SEP = r"(?:\s*(?:,|\||·|•|-|–|—|at|T)\s*|\s+)"
_DATE_LINE = re.compile(
    rf"^{_PREFIX}?(?:{_TIME}{_SEP})?(?:{_WEEKDAY}\.?,?\s+)?{_DATE}(?:{_SEP}{_TIME})?$",
    re.IGNORECASE,
)
# "Published 27 April 2016 | Updated 28 April 2016": split before the second.
_SECOND_DATE = re.compile(
    r"\s*(?:\||·|•|;|,)?\s*(?=(?:last\s+)?(?:updated|modified)\b)", re.IGNORECASE
)
# A year in a URL's path ("/2016/04/27/", "/2016/"), and a full date there.
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
_URL_YEAR = re.compile(r"/((?:19|20)\d{2})/")
_ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")

# Outlet lines: "By Staff, Al-Masdar News", "Reuters Staff", "Source: SANA".
_BY = re.compile(r"^(?:(?:written|reported|posted)\s+)?by[:\s]+", re.IGNORECASE)
_SOURCE = re.compile(r"^(?:sources?|via|from|credits?|agencies)\s*[:\-–—]\s*", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:,|\||/|;|\s[-–—]\s|\s+and\s+|\s*&\s*)\s*", re.IGNORECASE)
_STAFF = re.compile(
    r"^(?:(?:our\s+)?staff(?:\s+(?:writers?|reporters?))?|(?:news|editorial|web|online)\s+"
    r"(?:desk|staff|team)|newsroom|editors?|editorial\s+team|(?:our\s+)?correspondents?"
    r"|reporters?|team|(?:news\s+)?agencies|wires?|agency)$",
    re.IGNORECASE,
)
_OUTLET_TAIL = re.compile(
    r"\s+(?:staff(?:\s+writers?)?|newsroom|news\s+desk|desk|team|reporters?"
    r"|correspondents?|online)$",
    re.IGNORECASE,
)
# Credit lines at the end of a page.
_REPORTING = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.{0,300}\)?\.?$",
    re.IGNORECASE,
)
_DASH_CREDIT = re.compile(r"^(?:[-–—]+\s*(?P<a>[^()]{1,60}?)|\(\s*(?P<b>[^()]{1,60}?)\s*\))\.?$")
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?P<rest>.{1,120})$", re.IGNORECASE
)
_RIGHTS = re.compile(r"\.?\s*all\s+rights\s+reserved\.?$", re.IGNORECASE)
# "By Jane Doe | April 27, 2016", "Reuters · 27 April 2016": parts of one line.
_LINE_PARTS = re.compile(r"\s+[|·•]\s+")


def parse_date(text: str) -> str | None:
    """The ISO date a line that is only a date states, or None: "Published March
    9 2015", "Mon 27 Apr 2016 14.32 BST", "27/04/2016" (day first), "Updated:
    27.04.2016"; with a second, updated date after the first, the first."""
    line = " ".join(text.split()).strip(" |·•.")
    if not line or len(line) > MAX_DATE_LINE:
        return None
    parts = [p for p in _SECOND_DATE.split(line, maxsplit=1) if p.strip(" |·•;,")]
    if not parts or len(parts) > 2:
        return None
    found = [_one_date(p.strip(" |·•;,")) for p in parts]
    if any(f is None for f in found):
        return None
    return found[0]


def _one_date(part: str) -> str | None:
    match = _DATE_LINE.match(part)
    if match is None:
        return None
    groups = match.groupdict()
    if groups["year1"]:
        month, day, year = _MONTHS.get(groups["mon1"].lower()), groups["day1"], groups["year1"]
    elif groups["year2"]:
        month, day, year = _MONTHS.get(groups["mon2"].lower()), groups["day2"], groups["year2"]
    elif groups["year3"]:
        month, day, year = int(groups["m3"]), groups["day3"], groups["year3"]
    else:
        first, second = int(groups["day4"]), int(groups["m4"])
        # Day first, unless only month first makes a date ("04/27/2016").
        day_n, month = (second, first) if second > 12 >= first else (first, second)
        day, year = str(day_n), groups["year4"]
    return _iso(int(year), month, int(day)) if month else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class WireDateline:
    """The month and day and the agency of "ALEPPO, April 27 (Reuters) -"."""

    month: int | None
    day: int | None
    agency: str | None
    year: int | None = None  # when the dateline states it ("Sept 14, 2018")


# Sudan Tribune's dateline, the date first: "June 15, 2024 (EL FASHER) –".
_DATE_FIRST = re.compile(
    rf"^(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d{{2}})"
    r"\s*\((?P<place>[^()]{2,40})\)\s*(?::|—|–|--|-)\s+",
    re.IGNORECASE,
)


def parse_wire_dateline(paragraph: str) -> WireDateline | None:
    """The date and agency of a dateline opening a first paragraph, if it has either."""
    match = DATELINE.match(paragraph) or _DATE_FIRST.match(paragraph)
    if match is None:
        return None
    groups = match.groupdict()
    month_name, day = groups["month"], groups["day"]
    agency = groups.get("agency") or groups.get("slashed") or groups.get("named")
    if not (month_name or agency):
        return None
    month = _MONTHS.get(month_name.lower().rstrip(".")) if month_name else None
    day_n = int(day) if day and month and 1 <= int(day) <= 31 else None
    year = int(groups["year"]) if groups.get("year") and day_n else None
    return WireDateline(month if day_n else None, day_n, agency.strip() if agency else None, year)


def date_from_url(url: str | None) -> str | None:
    """The date in a URL's path ("/2016/04/27/"), if a valid one."""
    match = _URL_DATE.search(url or "")
    return _iso(int(match[1]), int(match[2]), int(match[3])) if match else None


def year_from_url(url: str | None) -> int | None:
    match = _URL_YEAR.search(url or "") or _URL_DATE.search(url or "")
    return int(match[1]) if match else None


def find_outlet(name: str, outlets: OutletDictionary) -> Outlet | None:
    """The outlet a short phrase names: "SANA", "Reuters Staff", "Al Jazeera and
    news agencies", "AFP 2016" (the year aside)."""
    text = name.strip(" .:;,()[]\"'“”")
    if not text or len(text) > 60:
        return None
    text = re.sub(r"\s+(?:and|&|\+)\s+(?:news\s+)?agencies$", "", text, flags=re.IGNORECASE)
    for candidate in (text, _OUTLET_TAIL.sub("", text)):
        found = outlets.find(candidate)
        if found is not None:
            return found
    return None


def outlet_of_line(line: str, outlets: OutletDictionary) -> tuple[Outlet, tuple[str, ...]] | None:
    """A line that only names an outlet, with staff words or a byline's authors:
    "SANA", "Reuters Staff", "By Staff, Al-Masdar News", "By Jane Doe, Reuters",
    "Source: SANA". The outlet and the authors; None for any other line."""
    text = " ".join(line.split()).strip(" |·•-–—")
    if not text or len(text) > MAX_OUTLET_LINE:
        return None
    by = _BY.match(text)
    text = text[by.end() :] if by else _SOURCE.sub("", text)
    found = find_outlet(text, outlets)
    if found is not None:
        return found, ()
    outlet: Outlet | None = None
    authors: list[str] = []
    for part in (p for p in _PARTS.split(text) if p.strip()):
        named = find_outlet(part, outlets)
        if named is not None:
            outlet = outlet or named
        elif _STAFF.match(part.strip(" .")):
            continue
        elif by and parse_byline(f"By {part}"):
            authors.extend(parse_byline(f"By {part}"))
        else:
            return None
    return (outlet, tuple(authors)) if outlet is not None else None


def credit_of_line(line: str, outlets: OutletDictionary) -> tuple[Outlet | None, int | None] | None:
    """A credit line at the end of a page: the outlet it names and a year it states.
    "(Reporting by ...; Editing by ...)" is Reuters' house style; "- AFP", "(AFP)",
    "© AFP 2016", "Copyright 2016 Reuters", "Source: SANA", "SANA"."""
    text = " ".join(line.split())
    if not text or len(text) > 320:
        return None
    if _REPORTING.match(text):
        return outlets.find("Reuters"), None
    if len(text) > MAX_OUTLET_LINE:
        return None
    copyright_ = _COPYRIGHT.match(text)
    if copyright_:
        rest = _RIGHTS.sub("", copyright_.group("rest"))
        year = _ANY_YEAR.search(rest)
        name = _ANY_YEAR.sub(" ", rest)
        named = next(
            (found for p in _PARTS.split(name) if (found := find_outlet(p, outlets))), None
        )
        if named is None and year is None:
            return None
        return named, int(year[1]) if year else None
    dash = _DASH_CREDIT.match(text)
    if dash:
        named = find_outlet(dash.group("a") or dash.group("b") or "", outlets)
        return (named, None) if named is not None else None
    head = outlet_of_line(text, outlets)
    return (head[0], None) if head is not None and not _BY.match(text) else None


@dataclass(slots=True)
class PageFacts:
    """What a page says of itself: its date, outlet, a year it states, its authors."""

    published: str | None = None
    outlet: str | None = None  # the canonical name
    year: int | None = None  # from a copyright line, for a wire dateline's date
    authors: tuple[str, ...] = ()
    wire: WireDateline | None = None
    removed: list[str] = field(default_factory=list)

    def wire_date(self, year: int | None) -> str | None:
        """The wire dateline's date in ``year`` (or the page's own year), if both are known."""
        wire = self.wire
        year = (wire.year if wire is not None else None) or year or self.year
        if wire is None or wire.month is None or wire.day is None or year is None:
            return None
        return _iso(year, wire.month, wire.day)


def _take(line: str, facts: PageFacts, outlets: OutletDictionary, *, head: bool) -> bool:
    """Read one head (or tail) line into ``facts``; True when it is a metadata line."""
    published = parse_date(line)
    if published is not None:
        facts.published = facts.published or published
        return True
    if _take_parts(line, facts, outlets):
        return True
    if head:
        found = outlet_of_line(line, outlets)
        if found is None:
            return False
        facts.outlet = facts.outlet or found[0].name
        facts.authors = facts.authors or found[1]
        return True
    credit = credit_of_line(line, outlets)
    if credit is None:
        return False
    if credit[0] is not None:
        facts.outlet = facts.outlet or credit[0].name
    facts.year = facts.year or credit[1]
    return True


def _take_parts(line: str, facts: PageFacts, outlets: OutletDictionary) -> bool:
    """A line of parts that are each a date, an outlet or a byline ("By Jane Doe |
    April 27, 2016", "SANA · 27 April 2016"): read into ``facts``, True; else False."""
    parts = [p for p in _LINE_PARTS.split(line.strip()) if p.strip()]
    if len(parts) < 2 or len(line) > MAX_DATE_LINE + MAX_OUTLET_LINE:
        return False
    read = [(parse_date(p), outlet_of_line(p, outlets), parse_byline(p)) for p in parts]
    if not all(any(found) for found in read):
        return False
    for published, outlet, names in read:
        facts.published = facts.published or published
        if outlet is not None:  # its authors, not "Staff" and the outlet as names
            facts.outlet = facts.outlet or outlet[0].name
            names = outlet[1]
        facts.authors = facts.authors or names
    return True


def _scan_head(lines: list[str], facts: PageFacts, outlets: OutletDictionary) -> None:
    """Metadata lines just after the title, past bylines and chrome; the last line
    (the body) always stays."""
    index = 0
    while index < min(HEAD_LINES, len(lines) - 1):
        line = lines[index]
        if _take(line, facts, outlets, head=True):
            facts.removed.append(lines.pop(index))
        elif index + 2 < len(lines) and _NAME_LINE.match(line) and parse_date(lines[index + 1]):
            # a name the dictionary lacks, then a date line: the outlet ("RFI")
            facts.outlet = facts.outlet or line.strip()
            facts.removed.append(lines.pop(index))
        elif parse_byline(line) or is_chrome(line):
            index += 1
        else:
            return


# One to four capitalised words or acronyms alone on a line: "RFI", "Syria TV".
_NAME_LINE = re.compile(r"^\s*(?:[A-Z][\w&.'’-]*)(?:\s+[A-Z][\w&.'’-]*){0,3}\s*$")


def _scan_tail(lines: list[str], facts: PageFacts, outlets: OutletDictionary) -> None:
    """Credit and date lines at the end of the page, past chrome; never the first line."""
    index, seen, cut = len(lines) - 1, 0, []
    while index > 0 and seen < TAIL_LINES:
        line, seen = lines[index], seen + 1
        if _take(line, facts, outlets, head=False):
            cut.append(lines.pop(index))
        elif not is_chrome(line):
            break
        index -= 1
    facts.removed.extend(reversed(cut))


def _is_head_line(line: str, outlets: OutletDictionary) -> bool:
    """A line before the title that cannot be the title: a date, an outlet's name."""
    return parse_date(line) is not None or outlets.find(line.strip(" |·•")) is not None


def read_text_page(text: str, outlets: OutletDictionary) -> tuple[CleanText, PageFacts]:
    """Split a plain-text page into title, byline, body, bios and chrome, reading
    its date, outlet and credit lines on the way (see the module docstring)."""
    lines = page_lines(text)
    facts = PageFacts()
    pre: list[str] = []
    # Before the title: chrome ("Skip to content"), a date line, an outlet's name.
    while len(lines) > 2 and (is_chrome(lines[0]) or _is_head_line(lines[0], outlets)):
        line = lines.pop(0)
        if not is_chrome(line):
            _take(line, facts, outlets, head=True)
        pre.append(line)
    title = None
    if lines and not parse_byline(lines[0]) and is_title(lines[0], lines[1:]):
        title = lines.pop(0)
    return _read(title, facts.authors, lines, pre, facts, outlets)


def read_body_lines(
    body: str, title: str | None, authors: tuple[str, ...], outlets: OutletDictionary
) -> tuple[CleanText, PageFacts]:
    """The same for the body trafilatura returned of an HTML page."""
    lines = page_lines(body)
    if lines and title and lines[0].strip().lower() == title.strip().lower():
        lines.pop(0)
    return _read(title, authors, lines, [], PageFacts(), outlets)


def _read(
    title: str | None,
    authors: tuple[str, ...],
    lines: list[str],
    pre: list[str],
    facts: PageFacts,
    outlets: OutletDictionary,
) -> tuple[CleanText, PageFacts]:
    _scan_head(lines, facts, outlets)
    _scan_tail(lines, facts, outlets)
    clean = finish(title, authors or facts.authors, lines, [*pre, *facts.removed])
    if clean.paragraphs:
        facts.wire = parse_wire_dateline(clean.paragraphs[0])
        agency = outlets.find(facts.wire.agency) if facts.wire and facts.wire.agency else None
        if agency is not None:
            facts.outlet = facts.outlet or agency.name
    return clean, facts
