"""Find accounts: direct, partial and mixed quotes, reported speech, headlines.

Works on one spaCy ``Doc`` of the article text and the quote regions paired by
:mod:`sayso.nlp.quotes`. Each rule yields a :class:`Found` with the speaker as
written (a span); :mod:`sayso.nlp.speakers` resolves speakers afterwards.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sayso.model import Span
from sayso.nlp.clauses import SPEECH_ACT_CUES
from sayso.nlp.finder_base import Found, joined
from sayso.nlp.labels import LabelRules
from sayso.nlp.lexicon import CUE_VERBS, FIRST_PERSON, NAMING_CUES
from sayso.nlp.nominal import NominalRules
from sayso.nlp.quotes import QuoteRegion
from sayso.nlp.reported import ReportedRules
from sayso.nlp.sourceless import SourcelessRules, without_refused
from sayso.nlp.syntax import (
    Token,
    bounds,
    cue_span,
    inside,
    is_cue,
    recipient_and_channel,
    speaker_phrase,
    subject,
    trim,
)

__all__ = ["Finder", "Found"]

# Verbs of calling words out: what they carry in quotes is said, however short.
_CALLING_OUT = frozenset("chant shout cheer yell scream sing".split())
# words that open a dialogue tag after a quote: "“We stay” he said", "“We stay” says Ali"
_TAG_WORDS = frozenset(
    "he she they we i it his her their said says told added asked wrote according".split()
)


def _one_per_span(found: list[Found]) -> list[Found]:
    """Two rules may find the same words ("Kyiv claims" as a verb and as a noun):
    one account per content span, the surest; ids are made from the span."""
    best: dict[Span, Found] = {}
    for item in found:
        kept = best.get(item.content)
        if kept is None or item.confidence > kept.confidence:
            best[item.content] = item
    return [item for item in found if best[item.content] is item]


class Finder(ReportedRules, LabelRules, NominalRules, SourcelessRules):
    """All attribution rules over one parsed article."""

    def nearest_cue(self, region: QuoteRegion) -> Token | None:
        """The cue verb outside quotes in the same paragraph, nearest the quote, that
        has a speaker, with no other full quote between them (a quoted title such as
        ABC's "This Week" between the cue and the quote does not count). A verb in
        the dialogue-tag slot right after the quote counts whatever it is
        ("…,” Hannity pressed.")."""
        para = self.paragraphs[self.paragraph_of(region.outer.start)]
        best: tuple[int, Token] | None = None
        for token in self.tokens_in(para):
            if not (is_cue(token, self.regions) or self.is_tag_verb(token, region)):
                continue
            lo, hi = sorted((token.idx, region.outer.start))
            if token.idx > region.outer.end:
                lo, hi = region.outer.end, token.idx
            between = [
                r
                for r in self.regions
                if r is not region and lo <= r.outer.start < hi and self.is_full_quote(r)
            ]
            if between or speaker_phrase(token, self.regions, None, self.text) is None:
                continue
            distance = hi - lo
            if token.idx > region.outer.end and self.ends_sentence(region):
                # '“... we have found.” He added, “...”': a verb after a quote that
                # closes its sentence introduces the next one; only a last resort.
                distance += len(self.text)
            if best is None or distance < best[0]:
                best = (distance, token)
        return best[1] if best else None

    def governing_cue(self, region: QuoteRegion) -> Token | None:
        """The nearest cue verb above a quoted phrase in the parse, with a speaker:
        "suggested just a “regional” candidate", "called AP's report a “rush to
        judgment”" (a nearer verb in the next sentence is not its cue)."""
        tokens = self.tokens_in(region.content)
        node = tokens[0] if tokens else None
        for _ in range(6):
            if node is None or node.head.i == node.i:
                return None
            node = node.head
            if inside(node, self.regions):
                continue
            cue = is_cue(node, self.regions) or node.lemma_.lower() in SPEECH_ACT_CUES
            if cue and speaker_phrase(node, self.regions, None, self.text) is not None:
                return node
        return None

    def is_epithet(self, region: QuoteRegion) -> bool:
        """ "called him “Little Marco”", "dubbed the plan “Operation Lifeline”",
        "chanted “Free Syria!”": a name or slogan in quotes that a speaker gives or
        calls out is the speaker's words."""
        cue = self.governing_cue(region)
        return cue is not None and cue.lemma_.lower() in NAMING_CUES | _CALLING_OUT

    def ends_sentence(self, region: QuoteRegion) -> bool:
        """The quote ends with a full stop and a capitalised word follows it."""
        after = self.text[region.outer.end : region.outer.end + 3]
        closes = region.content.text(self.text).rstrip().endswith(".")
        return closes and re.match(r"\s+[A-Z]", after) is not None

    def is_tag_verb(self, token: Token, region: QuoteRegion) -> bool:
        """A verb just after a closing quote, in the same sentence: “…,” X verb."""
        if token.tag_ not in ("VBD", "VBZ", "VBP") or token.idx < region.outer.end:
            return False  # a finite verb: "sheltering near the market" is no dialogue tag
        if not region.closed or not subject(token):
            return False
        if not self.is_full_quote(region):
            return False  # a phrase in quotes needs a real cue verb
        between = self.text[region.outer.end : token.idx]
        return len(between) <= 40 and not any(mark in between for mark in ".!?\n")

    def find(self) -> list[Found]:
        found = self.reported() + self.according_to()
        found += self.speech_acts(found)
        found += self.nominal(found)
        found += self.stance_adjectives(found)
        found += self.framed(found)
        found = without_refused(found + self.sourceless(found))
        found += self.direct(found)
        found += self.headline()
        if not any(f.where == "title" for f in found):
            found += self.headline_verb()
        found += self.transcript()
        found.sort(key=lambda f: f.content.start)
        joined = self.join_same_cue(found)
        return self.link_continuations(_one_per_span(joined))

    def join_same_cue(self, found: list[Found]) -> list[Found]:
        """Adjacent accounts under one cue are one account in pieces:
        "Rubio said the men must do more. ''Hispanics won't vote ...''"."""
        out: list[Found] = []
        for item in found:
            prev = out[-1] if out else None
            if (
                prev is not None
                and item.cue is not None
                and prev.cue == item.cue
                and prev.where == item.where == "body"
                and prev.content.end <= item.content.start
                and not re.search(r"\w", self.text[prev.content.end : item.content.start])
            ):
                both = joined(prev, item)
                out[-1] = replace(both, content=self.through_quotes(both.content))
            else:
                out.append(item)
        return out

    def direct(self, reported: list[Found]) -> list[Found]:
        """Quoted text: full quotes with their cue, partial quotes with a speaker. The
        pieces of a quote split around its cue ("A," he said, "B.") are one account."""
        results: list[Found] = []
        last: tuple[QuoteRegion, Token | None] | None = None
        for region in self.regions:
            if self.where(region.outer) == "title":
                continue  # headline rule
            if any(f.content.contains(region.content) for f in reported):
                continue  # a partial quote inside reported speech: already mixed
            if self.is_quoted_name(region) and not self.is_full_quote(region):
                if not self.is_epithet(region):
                    continue  # a title or a name in quotes
            verb = (
                self.nearest_cue(region) or self.colon_cue(region) or self.tag_between(last, region)
            )
            item = self.direct_quote(region, verb)
            if item is None:
                continue
            if last is not None and self.is_second_piece(last, region, verb, item):
                first = results[-1]
                results[-1] = replace(
                    first,
                    content=Span(first.content.start, region.content.end),
                    parts=(first.parts or (first.content,)) + (region.content,),
                )
            else:
                results.append(item)
            last = (region, verb)
        return results

    def tag_between(
        self, last: tuple[QuoteRegion, Token | None] | None, region: QuoteRegion
    ) -> Token | None:
        """ "“A,” he continued. “B.”": the tag verb of the quote before, when it
        stands between the two in one paragraph, introduces this one too."""
        if last is None:
            return None
        previous, verb = last
        if verb is None:
            return None
        same = self.paragraph_of(previous.outer.start) == self.paragraph_of(region.outer.start)
        if not (same and previous.outer.end <= verb.idx < region.outer.start):
            return None
        return None if self.someone_else_between(verb, region) else verb

    def someone_else_between(self, verb: Token, region: QuoteRegion) -> bool:
        """ "“A,” Ebeling said, and her husband cut in. “B”": a clause coordinated
        with the tag, with a subject of its own, before the next quote: the next
        may be another's."""
        between = self.tokens_in(Span(verb.idx + len(verb.text), region.outer.start))
        return any(
            t.dep_ == "conj" and t.head == verb and any(c.dep_ == "nsubj" for c in t.children)
            for t in between
        )

    def clause_with(self, verb: Token, region: QuoteRegion) -> Span | None:
        """What the cue verb governs, from its first dependent after it to the one
        holding the quoted fragment, when the fragment is inside it."""
        after = [
            c
            for c in verb.children
            if c.i > verb.i and c.dep_ not in ("punct", "cc", "nsubj", "nsubjpass", "conj")
        ]
        for k in range(len(after)):
            tokens = [t for c in after[: k + 1] for t in c.subtree]
            span = trim(self.text, *bounds(tokens))
            if span.start <= region.content.start < span.end:
                span = self.through_quotes(span)
                return span if span != region.content and span.contains(region.content) else None
        return None

    def colon_cue(self, region: QuoteRegion) -> Token | None:
        """ "Cruz continued:" ending the paragraph before a quote that opens its own:
        the last verb there with a subject introduces the quote."""
        index = self.paragraph_of(region.outer.start)
        para = self.paragraphs[index]
        if index < 1 or region.outer.start - para.start > 1:
            return None
        previous = self.paragraphs[index - 1]
        if not previous.text(self.text).rstrip().endswith(":"):
            return None
        verbs = [
            t
            for t in self.tokens_in(previous)
            if t.pos_ == "VERB" and any(s.lower_ != "it" for s in subject(t))
        ]
        return verbs[-1] if verbs else None

    def is_second_piece(
        self,
        last: tuple[QuoteRegion, Token | None],
        region: QuoteRegion,
        verb: Token | None,
        item: Found,
    ) -> bool:
        """The same cue, the same paragraph, nothing quoted between: one split quote."""
        previous, previous_verb = last
        return (
            verb is not None
            and previous_verb == verb
            and item.kind == "direct"
            and self.paragraph_of(previous.outer.start) == self.paragraph_of(region.outer.start)
            and previous.outer.end <= verb.idx < region.outer.start
            and not self.someone_else_between(verb, region)
            and not self.answers(previous, region)
        )

    def answers(self, previous: QuoteRegion, region: QuoteRegion) -> bool:
        """ "“Why now?” Mills then writes back, “You look cute.”": after a quote
        that closes its sentence, a tag ending in a comma or colon right before
        the next quote introduces that quote alone."""
        closed = previous.content.text(self.text).rstrip().endswith((".", "?", "!"))
        between = self.text[previous.outer.end : region.outer.start]
        return closed and re.fullmatch(r"\s+[A-Z][^.?!\n]*[,:]\s*", between) is not None

    def runs_on(self, region: QuoteRegion) -> bool:
        """ "said “I held and hugged” grieving family members": words in quotes right
        after the cue, that the writer's sentence goes on from, are a fragment."""
        content = region.content.text(self.text).rstrip()
        before = self.tokens_in(Span(max(0, region.outer.start - 12), region.outer.start))
        cue_before = bool(before) and before[-1].lemma_.lower() in CUE_VERBS
        after = re.match(r" ([a-z]+)", self.text[region.outer.end : region.outer.end + 20])
        goes_on = after is not None and after.group(1) not in _TAG_WORDS
        return cue_before and goes_on and content[-1:].isalnum()

    def direct_quote(self, region: QuoteRegion, verb: Token | None) -> Found | None:
        full = self.is_full_quote(region) and not self.runs_on(region)
        if not full:  # a quoted phrase belongs to the cue that governs it, if one does
            verb = self.governing_cue(region) or verb
        speaker = speaker_phrase(verb, self.regions, None, self.text) if verb is not None else None
        if speaker is not None and speaker.text(self.text).lower() in FIRST_PERSON:
            speaker = None
        if not full and speaker is None:
            return None  # scare quotes, titles of works: nobody's account
        recipient, channel = (
            recipient_and_channel(verb, self.text) if verb is not None else (None, None)
        )
        clause = self.clause_with(verb, region) if verb is not None and not full else None
        if clause is not None and speaker is not None and not clause.contains(speaker):
            # 'said he “held and hugged” grieving families': the words around the
            # quoted fragment are the account, the fragment its quoted part.
            return Found(
                kind="mixed",
                content=clause,
                partial=region.content,
                speaker=speaker,
                cue=cue_span(verb),
                recipient=recipient,
                channel=channel,
                where="body",
                rule="direct-quote",
                confidence=0.8,
            )
        return Found(
            kind="direct" if full else "partial",
            content=region.content,
            partial=None,
            speaker=speaker,
            cue=cue_span(verb) if verb is not None and speaker else None,
            recipient=recipient if speaker else None,
            channel=channel if speaker else None,
            where="body",
            rule="direct-quote" if speaker else "quote-no-cue",
            confidence=0.9 if speaker else 0.3,
        )

    def link_continuations(self, found: list[Found]) -> list[Found]:
        """A quote paragraph with no speaker keeps the speaker of the account just
        before it, when that account ends the previous paragraph."""
        linked = list(found)
        for i, item in enumerate(linked):
            if item.speaker is not None or item.kind != "direct" or i == 0:
                continue
            para = self.paragraph_of(item.content.start)
            prev = linked[i - 1]
            prev_para = self.paragraph_of(prev.content.start)
            if prev.where == "body" and para - prev_para == 1 and self._opens_paragraph(item):
                linked[i] = replace(
                    item,
                    rule="continuation",
                    confidence=0.75 if prev.kind == "direct" else 0.6,
                    continues=i - 1,
                )
        return linked

    def _opens_paragraph(self, item: Found) -> bool:
        para = self.paragraphs[self.paragraph_of(item.content.start)]
        return item.content.start - para.start <= 2
