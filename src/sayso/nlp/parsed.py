"""The shared ground of the attribution rules: what an account looks like before
its speaker is resolved (:class:`Found`), and one parsed article with its quotes
and paragraphs (:class:`ParsedArticle`), the one thing every rule reads."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any, Literal

from sayso.extract.text import DATELINE
from sayso.model import AccountKind, Span
from sayso.nlp.lexicon import CUE_VERBS
from sayso.nlp.lexicons import WordList
from sayso.nlp.quotes import QuoteRegion, find_quotes, paragraph_spans
from sayso.nlp.spanindex import Ordered
from sayso.nlp.syntax import Token

_TITLE_SMALL_WORDS = WordList("title_small_words")


@dataclass(frozen=True, slots=True)
class Found:
    """An account before its speaker is resolved."""

    kind: AccountKind
    content: Span
    partial: Span | None
    speaker: Span | None  # the speaker phrase as written
    cue: Span | None
    recipient: Span | None
    channel: Span | None
    where: Literal["title", "body"]
    rule: str
    confidence: float
    continues: int | None = None  # index of the account whose speaker this one keeps
    parts: tuple[Span, ...] = ()  # the pieces of a quote split around its cue
    by: str = ""  # the name of the rule (in sayso.nlp.rules.RULES) that found it


def joined(first: Found, second: Found) -> Found:
    """One account of two pieces under the same cue; an indirect piece and a quoted
    one make a mixed account whose partial is the quoted piece."""
    kind = first.kind if first.kind == second.kind else "mixed"
    partial = first.partial or second.partial
    if kind == "mixed" and partial is None:
        partial = next(i.content for i in (first, second) if i.kind in ("direct", "partial"))
    return replace(
        first,
        kind=kind,
        content=Span(first.content.start, second.content.end),
        parts=(first.parts or (first.content,)) + (second.parts or (second.content,)),
        partial=partial,
        confidence=max(first.confidence, second.confidence),
    )


class ParsedArticle:
    """One parsed article: its spaCy ``Doc``, text, title, dateline, quote regions
    and paragraphs, and the small questions every rule asks of them."""

    def __init__(self, doc: Any, title_span: Span | None, dateline: Span | None = None) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.title = title_span
        self.dateline = dateline
        self.regions = find_quotes(self.text)
        self.paragraphs = paragraph_spans(self.text)
        # indexes, so that each question below costs no scan of the whole page
        self._para_starts = [p.start for p in self.paragraphs]
        self._by_outer = Ordered(r.outer for r in self.regions)
        self._by_content = Ordered(r.content for r in self.regions)
        self._opening = max((r.content.start - r.outer.start for r in self.regions), default=0)
        self._content_starts: dict[int, list[int]] = {}
        for i, region in enumerate(self.regions):
            self._content_starts.setdefault(region.content.start, []).append(i)
        # the rules switched off in this run (set by sayso.nlp.rules.find_accounts):
        # the rules of one pass over the words keep only the accounts of those on
        self.off: frozenset[str] = frozenset()

    def regions_inside(self, span: Span) -> list[QuoteRegion]:
        """The quote regions whose content lies inside ``span``, in order."""
        return [self.regions[i] for i in self._by_content.within(span)]

    def in_a_region(self, span: Span) -> bool:
        """Some quote region's content holds all of ``span``."""
        return bool(self._by_content.containing(span))

    def without_dateline(self, span: Span) -> Span:
        """Content never starts with the dateline ("DEIR AL-BALAH, Gaza Strip — ")."""
        match = DATELINE.match(span.text(self.text))
        return Span(span.start + match.end(), span.end) if match else span

    def where(self, span: Span) -> Literal["title", "body"]:
        return "title" if self.title is not None and self.title.contains(span) else "body"

    def paragraph_of(self, pos: int) -> int:
        i = bisect_right(self._para_starts, pos) - 1
        return i if i >= 0 and pos < self.paragraphs[i].end else -1

    def tokens_in(self, span: Span) -> list[Token]:
        chars = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return list(chars) if chars is not None else []

    def reported_account(
        self,
        content: Span,
        speaker: Span | None,
        cue: Span,
        rule: str,
        confidence: float,
        channel: Span | None = None,
    ) -> Found:
        """An account of reported words: mixed when it holds a quoted fragment."""
        inner = self.regions_inside(content)
        return Found(
            kind="mixed" if inner else "indirect",
            content=content,
            partial=inner[0].content if inner else None,
            speaker=speaker,
            cue=cue,
            recipient=None,
            channel=channel,
            where=self.where(content),
            rule=rule,
            confidence=confidence,
        )

    def through_quotes(self, content: Span) -> Span:
        """A clause that opens a quote ends where the quote ends: the parser leaves
        the closing words and mark outside ("that Cruz will “leave here with
        momentum.”"), which would split one account in two. Marks come in pairs:
        a content that opens a quote closes it, and one that holds a closing mark
        keeps the opening one."""
        start, end = content.start, content.end
        # the regions that can matter, in their order: those that open before
        # the furthest end the content can reach
        reach, seen = end, -1
        while reach != seen:
            seen = reach
            opening = self._by_outer.starting(content.start, reach)
            reach = max([reach] + [self.regions[i].outer.end for i in opening])
        for region in (self.regions[i] for i in opening):
            if content.start <= region.outer.start < end < region.outer.end:
                end = region.outer.end
        # those whose content starts where the content may start
        chain, todo = set(), [start]
        while todo:
            for i in self._content_starts.get(todo.pop(), ()):
                if i not in chain:
                    chain.add(i)
                    todo.append(self.regions[i].outer.start)
        for region in (self.regions[i] for i in sorted(chain)):
            # the opening mark trimmed off a content that holds the closing one
            if region.content.start == start and region.outer.end <= end:
                start = region.outer.start
        return Span(start, end)

    def is_full_quote(self, region: QuoteRegion) -> bool:
        """A quote that is a sentence of its own, not a phrase inside one."""
        content = region.content.text(self.text)
        words = content.split()
        before = self.text[max(0, region.outer.start - 3) : region.outer.start].strip()
        starts_sentence = not before or before[-1] in ".:!?\n" or before[-1] in ",—–"
        # a short sentence of its own counts too: 'wrote back, “You are right.”'
        short_sentence = starts_sentence and content[:1].isupper() and content[-1:] in ".?!"
        return short_sentence or (len(words) >= 4 and (content[:1].isupper() or starts_sentence))

    def is_quoted_name(self, region: QuoteRegion) -> bool:
        """ "Shahed" drones, ABC's "This Week", "Hard Hats for Hillary": a short
        title-case phrase in quotes names a thing; nobody is quoted."""
        words = region.content.text(self.text).strip(",.").split()
        content_words = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
        titled = 1 <= len(words) <= 6 and all(w[:1].isupper() for w in content_words)
        return titled and not self.is_dialogue(region)

    def is_dialogue(self, region: QuoteRegion) -> bool:
        """ "“Denver,” he answered.": a short quote ending in a comma, "!" or "?"
        inside its marks and followed by a speech tag is a line of dialogue."""
        if not region.content.text(self.text).rstrip().endswith((",", "!", "?")):
            return False
        following = self.doc.char_span(
            region.outer.end, min(len(self.text), region.outer.end + 40), alignment_mode="contract"
        )
        for token in following or ():
            if token.text in (".", ";", "\n") or "\n" in token.text:
                return False
            if token.lemma_.lower() in CUE_VERBS:
                return True
        return False

    def quote_at(self, pos: int) -> QuoteRegion | None:
        """The full quote that opens at ``pos`` (after its opening mark), if any."""
        for i in self._by_outer.starting(pos - self._opening, pos + 1):
            region = self.regions[i]
            if region.outer.start <= pos <= region.content.start and self.is_full_quote(region):
                return region
        return None
