"""Pair quote marks into quoted regions. Never raises, whatever marks it gets.

Straight and curly double quotes, guillemets, and single curly quotes (told
apart from apostrophes by what surrounds them). A quote left open at the end
of a paragraph runs to the paragraph's end: the news convention for a quote
that goes on in the next paragraph, which opens with a fresh mark.
"""

from __future__ import annotations

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
    """Paragraphs are separated by blank lines (the article text's layout)."""
    spans: list[Span] = []
    start = 0
    for part in text.split("\n\n"):
        end = start + len(part)
        if part.strip():
            spans.append(Span(start, end))
        start = end + 2
    return spans


def _is_open_context(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _OPENER_BEFORE


def _is_close_context(text: str, i: int) -> bool:
    return i + 1 >= len(text) or not text[i + 1].isalnum()


def _marks(text: str, start: int, end: int, single: bool) -> list[tuple[int, str]]:
    """(position, "open"|"close") for the marks of one family in text[start:end]."""
    opens, closes, ambiguous = (
        (_OPEN_SINGLE, _CLOSE_SINGLE, _AMBIGUOUS_SINGLE)
        if single
        else (_OPEN_DOUBLE, _CLOSE_DOUBLE, _AMBIGUOUS_DOUBLE)
    )
    found: list[tuple[int, str]] = []
    for i in range(start, end):
        ch = text[i]
        if ch in opens:
            found.append((i, "open"))
        elif ch in closes or ch in ambiguous:
            if single and i > 0 and text[i - 1].isalnum() and not _is_close_context(text, i):
                continue  # an apostrophe inside a word: don’t, Aleppo’s
            if ch in ambiguous and _is_open_context(text, i) and not _is_close_context(text, i):
                found.append((i, "open"))
            elif ch in ambiguous and single and not _is_open_context(text, i):
                if _is_close_context(text, i):
                    found.append((i, "close"))
            else:
                found.append((i, "close"))
    return found


def _pair(text: str, para: Span, single: bool) -> list[QuoteRegion]:
    regions: list[QuoteRegion] = []
    opened: int | None = None
    for pos, role in _marks(text, para.start, para.end, single):
        if role == "open":
            opened = pos  # an unclosed earlier mark is dropped: the later one is likelier
        elif opened is not None:
            regions.append(_region(text, opened, pos + 1, closed=True, single=single))
            opened = None
    if opened is not None and not single:
        regions.append(_region(text, opened, para.end, closed=False, single=single))
    return [r for r in regions if len(r.content) > 0]


def _region(text: str, start: int, end: int, *, closed: bool, single: bool) -> QuoteRegion:
    inner_start, inner_end = start + 1, end - 1 if closed else end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    return QuoteRegion(Span(inner_start, inner_end), Span(start, end), closed, single)


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
