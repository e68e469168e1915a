"""Pair quote marks into quoted regions. Never raises, whatever marks it gets.

Straight and curly double quotes, guillemets, and single curly quotes (told
apart from apostrophes by what surrounds them). A quote left open at the end
of a paragraph runs to the paragraph's end: the news convention for a quote
that goes on in the next paragraph, which opens with a fresh mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sayso.model import Span

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_AMBIGUOUS_DOUBLE = '"'
_OPEN_SINGLE = "‘"
_CLOSE_SINGLE = "’"
_AMBIGUOUS_SINGLE = "'"
_OPENER_BEFORE = " \t\n([{—–-:/"


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """A quoted stretch: ``content`` between the marks, ``outer`` with them."""

    content: Span
    outer: Span
    closed: bool  # False when the paragraph ended before a closing mark
    single: bool


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs are separated by blank lines (the article text's layout); a text
    that comes already scraped, one paragraph a line, is read the same way."""
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_open_context(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _OPENER_BEFORE or text[i - 1].isspace()  # \xa0 too


def _is_close_context(text: str, i: int) -> bool:
    return i + 1 >= len(text) or not text[i + 1].isalnum()


def _opens_on_mark(text: str, i: int) -> bool:
    """A straight mark after a space, then a mark and a word (".@user", "...and"):
    it opens a quote that starts with punctuation."""
    return _is_open_context(text, i) and re.match(r"[.@#…]+\w", text[i + 1 : i + 8]) is not None


Mark = tuple[int, str, int]  # position, "open" or "close", width in characters


def _marks(text: str, start: int, end: int, single: bool) -> list[Mark]:
    """(position, "open"|"close", width) for the marks of one family in text[start:end]."""
    opens, closes, ambiguous = (
        (_OPEN_SINGLE, _CLOSE_SINGLE, _AMBIGUOUS_SINGLE)
        if single
        else (_OPEN_DOUBLE, _CLOSE_DOUBLE, _AMBIGUOUS_DOUBLE)
    )
    found: list[Mark] = []
    i = start
    while i < end:
        ch = text[i]
        if text[i : i + 2] in ("''", "``"):
            if not single:  # a double mark written with two characters
                role = "open" if ch == "`" or _is_open_context(text, i) else "close"
                found.append((i, role, 2))
            i += 2
            continue
        if ch in opens and not _is_open_context(text, i) and _is_close_context(text, i):
            found.append((i, "close", 1))  # a typo'd close: 'here,“ he said'
        elif ch in opens:
            found.append((i, "open", 1))
        elif ch in closes or ch in ambiguous:
            if single and i > 0 and text[i - 1].isalnum() and not _is_close_context(text, i):
                pass  # an apostrophe inside a word: don’t, Aleppo’s
            elif ch in ambiguous and _is_open_context(text, i) and not _is_close_context(text, i):
                found.append((i, "open", 1))
            elif ch in ambiguous and not single and _opens_on_mark(text, i):
                found.append((i, "open", 1))  # '".@BernieSanders prioritized ..."'
            elif ch in ambiguous and single and not _is_open_context(text, i):
                if _is_close_context(text, i):
                    found.append((i, "close", 1))
            else:
                found.append((i, "close", 1))
        i += 1
    return found


def _pair(text: str, para: Span, single: bool) -> list[QuoteRegion]:
    """Marks pair like brackets, so that a quote inside a quote ('“People wore
    “Settle For Hillary” shirts,” he tweeted') is one region, the outer one. An
    opening mark never closed is dropped when a later quote closes (a typo), and
    runs to the paragraph's end when it is the last (a quote that goes on in the
    next paragraph)."""
    if single:  # apostrophes read as opening marks must not swallow later quotes
        return _pair_flat(text, para)
    regions: list[QuoteRegion] = []
    opened: list[tuple[int, int]] = []
    for pos, role, width in _marks(text, para.start, para.end, single):
        if role == "open":
            opened.append((pos, width))
        elif opened:
            regions.append(_region(text, opened.pop(), (pos, width), para.end, single))
    regions = _outermost(regions)
    last = max((r.outer.end for r in regions), default=para.start)
    if opened and opened[-1][0] >= last:
        regions.append(_region(text, opened[-1], None, para.end, single))
    return [r for r in regions if len(r.content) > 0]


def _pair_flat(text: str, para: Span) -> list[QuoteRegion]:
    """Single marks pair with the next closing one; an unclosed earlier mark is
    dropped, the later one wins."""
    regions: list[QuoteRegion] = []
    opened: tuple[int, int] | None = None
    for pos, role, width in _marks(text, para.start, para.end, True):
        if role == "open":
            opened = (pos, width)
        elif opened is not None:
            regions.append(_region(text, opened, (pos, width), para.end, True))
            opened = None
    return [r for r in regions if len(r.content) > 0]


def _outermost(regions: list[QuoteRegion]) -> list[QuoteRegion]:
    return [
        r for r in regions if not any(o is not r and o.outer.contains(r.outer) for o in regions)
    ]


def _region(
    text: str,
    opening: tuple[int, int],
    closing: tuple[int, int] | None,
    para_end: int,
    single: bool,
) -> QuoteRegion:
    start = opening[0]
    end = closing[0] + closing[1] if closing else para_end
    inner_start, inner_end = start + opening[1], closing[0] if closing else para_end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    return QuoteRegion(Span(inner_start, inner_end), Span(start, end), closing is not None, single)


def find_quotes(text: str) -> list[QuoteRegion]:
    """Every quoted region of the text, in order, without overlaps."""
    regions: list[QuoteRegion] = []
    for para in paragraph_spans(text):
        doubles = _pair(text, para, single=False)
        singles = [
            s
            for s in _pair(text, para, single=True)
            if not any(d.outer.overlaps(s.outer) for d in doubles)
        ]
        regions.extend(doubles + singles)
    return sorted(regions, key=lambda r: r.outer.start)
