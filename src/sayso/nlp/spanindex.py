"""Spans sorted once, for the questions asked of them once per token, mention or
account: a scan of every span per question made the passes over a long page
quadratic in its length (issue 19)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

from sayso.model import Span


class SpanIndex:
    """Spans sorted by start, with the running maximum of their ends."""

    __slots__ = ("spans", "starts", "max_end")

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]
        self.max_end = list(accumulate((s.end for s in self.spans), max))

    def any_overlaps(self, span: Span) -> bool:
        """``any(s.overlaps(span) for s in spans)``."""
        i = bisect_left(self.starts, span.end)
        return i > 0 and self.max_end[i - 1] > span.start

    def any_holds(self, pos: int) -> bool:
        """``any(s.start <= pos < s.end for s in spans)``."""
        i = bisect_right(self.starts, pos)
        return i > 0 and self.max_end[i - 1] > pos

    def any_contains(self, span: Span) -> bool:
        """``any(s.contains(span) for s in spans)``."""
        i = bisect_right(self.starts, span.start)
        return i > 0 and self.max_end[i - 1] >= span.end


class Ordered:
    """Items in their given order, each with a span, indexed by the span's start:
    ``within`` gives the items whose span lies inside a span, in their order."""

    __slots__ = ("keys", "entries", "reach")

    def __init__(self, spans: Iterable[Span]) -> None:
        self.entries = sorted((s.start, i, s) for i, s in enumerate(spans))
        self.keys = [e[0] for e in self.entries]
        self.reach = list(accumulate((e[2].end for e in self.entries), max))

    def containing(self, span: Span) -> list[int]:
        """The positions (in the given order) of the spans that contain ``span``."""
        found = []
        j = bisect_right(self.keys, span.start) - 1
        while j >= 0 and self.reach[j] >= span.end:
            if self.entries[j][2].end >= span.end:
                found.append(self.entries[j][1])
            j -= 1
        return sorted(found)

    def within(self, span: Span) -> list[int]:
        """The positions (in the given order) of the spans ``span`` contains."""
        lo, hi = bisect_left(self.keys, span.start), bisect_right(self.keys, span.end)
        return sorted(i for _, i, s in self.entries[lo:hi] if s.end <= span.end)

    def starting(self, low: int, high: int) -> list[int]:
        """The positions of the spans that start in ``[low, high)``, in order."""
        lo, hi = bisect_left(self.keys, low), bisect_left(self.keys, high)
        return sorted(e[1] for e in self.entries[lo:hi])
