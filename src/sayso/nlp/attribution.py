"""Find accounts: direct, partial and mixed quotes, reported speech, headlines.

Works on one spaCy ``Doc`` of the article text and the quote regions paired by
:mod:`sayso.nlp.quotes`. Each rule yields a :class:`Found` with the speaker as
written (a span); :mod:`sayso.nlp.speakers` resolves speakers afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from sayso.extract.text import DATELINE
from sayso.model import AccountKind, Span
from sayso.nlp.lexicon import (
    BELIEF_VERBS,
    FIRST_PERSON,
    INTENT_CUES,
    OBJECT_CUES,
    PREP_CUES,
    ROLE_NOUNS,
)
from sayso.nlp.quotes import QuoteRegion, find_quotes, paragraph_spans
from sayso.nlp.syntax import (
    CHANNEL_NOUNS,
    Token,
    bounds,
    cue_span,
    inside,
    is_cue,
    recipient_and_channel,
    speaker_phrase,
    strip_that,
    subject,
    tokens_span,
    trim,
)

# Cue verbs whose gerund object is what was said ("denied targeting civilians").
GERUND_CUES = frozenset("deny admit acknowledge recall mention report".split())
# Headline labels that are not speakers: "Analysis: ...", "Live updates: ...".
_RUBRICS = frozenset(
    """analysis opinion editorial comment update updates live exclusive breaking watch
    explainer factbox timeline review interview video photos podcast correction q&a
    the""".split()
)
_TITLE_SMALL_WORDS = frozenset("a an the of for and or to in on at by with".split())
_HEADLINE = re.compile(r"^(?P<speaker>[^:]{2,80}?):\s+(?P<rest>\S.*)$")


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


def _joined(items: list[Found]) -> Found:
    """One account from the clauses of one cue: content from the first to the last,
    each clause a part."""
    if len(items) == 1:
        return items[0]
    first = items[0]
    partial = next((i.partial for i in items if i.partial is not None), None)
    return replace(
        first,
        kind="mixed" if partial is not None else first.kind,
        content=Span(first.content.start, items[-1].content.end),
        parts=tuple(i.content for i in items),
        partial=partial,
    )


class Finder:
    """All attribution rules over one parsed article."""

    def __init__(self, doc: Any, title_span: Span | None) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.title = title_span
        self.regions = find_quotes(self.text)
        self.paragraphs = paragraph_spans(self.text)

    def without_dateline(self, span: Span) -> Span:
        """Content never starts with the dateline ("DEIR AL-BALAH, Gaza Strip — ")."""
        match = DATELINE.match(span.text(self.text))
        return Span(span.start + match.end(), span.end) if match else span

    def where(self, span: Span) -> Literal["title", "body"]:
        return "title" if self.title is not None and self.title.contains(span) else "body"

    def paragraph_of(self, pos: int) -> int:
        for i, para in enumerate(self.paragraphs):
            if para.start <= pos < para.end:
                return i
        return -1

    def tokens_in(self, span: Span) -> list[Token]:
        chars = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return list(chars) if chars is not None else []

    def is_full_quote(self, region: QuoteRegion) -> bool:
        """A quote that is a sentence of its own, not a phrase inside one."""
        content = region.content.text(self.text)
        words = content.split()
        before = self.text[max(0, region.outer.start - 3) : region.outer.start].strip()
        starts_sentence = not before or before[-1] in ".:!?\n" or before[-1] in ",—–"
        return len(words) >= 4 and (content[:1].isupper() or starts_sentence)

    def is_quoted_name(self, region: QuoteRegion) -> bool:
        """ "Shahed" drones, ABC's "This Week", "Hard Hats for Hillary": a short
        title-case phrase in quotes names a thing; nobody is quoted."""
        words = region.content.text(self.text).strip(",.").split()
        content_words = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
        return 1 <= len(words) <= 6 and all(w[:1].isupper() for w in content_words)

    def nearest_cue(self, region: QuoteRegion) -> Token | None:
        """The cue verb outside quotes in the same paragraph, nearest the quote,
        with no other full quote between them (a quoted title such as ABC's "This
        Week" between the cue and the quote does not count)."""
        para = self.paragraphs[self.paragraph_of(region.outer.start)]
        best: tuple[int, Token] | None = None
        for token in self.tokens_in(para):
            if not is_cue(token, self.regions):
                continue
            lo, hi = sorted((token.idx, region.outer.start))
            if token.idx > region.outer.end:
                lo, hi = region.outer.end, token.idx
            between = [
                r
                for r in self.regions
                if r is not region and lo <= r.outer.start < hi and self.is_full_quote(r)
            ]
            if between:
                continue
            distance = hi - lo
            if best is None or distance < best[0]:
                best = (distance, token)
        return best[1] if best else None

    def find(self) -> list[Found]:
        found = self.reported() + self.according_to()
        found += self.speech_acts(found)
        found += self.direct(found)
        found += self.headline()
        found.sort(key=lambda f: f.content.start)
        return self.link_continuations(found)

    def reported(self) -> list[Found]:
        """X says/claims/told Y that ...; and postposed "..., X told Y." One cue with
        coordinated clauses ("said A and that B") is one account in parts."""
        results: list[Found] = []
        for verb in self.doc:
            if not is_cue(verb, self.regions):
                continue
            items = [self.reported_clause(verb, clause) for clause in self.clauses(verb)]
            found = [item for item in items if item is not None]
            if found:
                results.append(_joined(found))
        return results

    def clauses(self, verb: Token) -> list[list[Token]]:
        """The reported clauses of a cue verb: its clausal complement, split where a
        second "that"-clause is coordinated with the first, and without a coordinated
        cue verb of its own ("warned that X and said Y")."""
        comps = [c for c in verb.children if c.dep_ == "ccomp"] or self.channel_clause(verb)
        if not comps:
            # "The army denied targeting civilians": a gerund says what was denied.
            gerunds = [c for c in verb.children if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG"]
            if gerunds and verb.lemma_.lower() in GERUND_CUES:
                return [list(gerunds[0].subtree)]
            return []
        comp = comps[0]
        split = [
            c
            for c in comp.children
            if c.dep_ == "conj"
            and (
                any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                or is_cue(c, self.regions)
            )
        ]
        cut = {t.i for c in split for t in c.subtree}
        cut |= {t.i for t in comp.children if t.dep_ == "cc" and split and t.i > comp.i}
        first = [t for t in comp.subtree if t.i not in cut]
        rest = [list(c.subtree) for c in split if not is_cue(c, self.regions)]
        return [tokens for tokens in [first, *rest] if len(tokens) >= 3]

    def channel_clause(self, verb: Token) -> list[Token]:
        """ "said in a video statement that X": the parser hangs the that-clause on
        the channel noun; a clause with "that" as its conjunction is what was said."""
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                if noun.lower_ not in CHANNEL_NOUNS:
                    continue
                for clause in noun.children:
                    marks = [g for g in clause.children if g.dep_ == "mark" and g.lower_ == "that"]
                    if clause.dep_ in ("relcl", "acl") and marks:
                        return [clause]
        return []

    def reported_clause(self, verb: Token, tokens: list[Token]) -> Found | None:
        content = self.without_dateline(strip_that(self.text, trim(self.text, *bounds(tokens))))
        inner = [
            r for r in self.regions if content.contains(r.content) and not self.is_quoted_name(r)
        ]
        full = [r for r in inner if self.is_full_quote(r)]
        if full or any(r.content.contains(content) for r in self.regions):
            return None  # a direct quote: the direct rule owns it
        speaker = speaker_phrase(verb, self.regions, content, self.text)
        if speaker is None or speaker.text(self.text).lower() in FIRST_PERSON:
            return None
        if content.contains(speaker):  # the parser hung a postposed speaker on the clause
            content = trim(self.text, content.start, speaker.start)
        recipient, channel = recipient_and_channel(verb, self.text)
        partial = inner[0].content if inner else None
        belief = verb.lemma_.lower() in BELIEF_VERBS
        return Found(
            kind="mixed" if partial else "indirect",
            content=content,
            partial=partial,
            speaker=speaker,
            cue=cue_span(verb),
            recipient=recipient,
            channel=channel,
            where=self.where(content),
            rule="reported-speech",
            confidence=0.7 if belief else 0.8,
        )

    def speech_acts(self, reported: list[Found]) -> list[Found]:
        """ "X called for a ceasefire", "the ministry condemned the strike": speech acts
        whose content is a noun phrase. Weaker than a reported clause."""
        results: list[Found] = []
        cues = {f.cue for f in reported}
        for verb in self.doc:
            lemma = verb.lemma_.lower()
            if lemma not in PREP_CUES and lemma not in OBJECT_CUES and lemma not in INTENT_CUES:
                continue
            if verb.pos_ != "VERB" or inside(verb, self.regions) or cue_span(verb) in cues:
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            tokens, rule = self.speech_act_object(verb, lemma)
            if len(tokens) < 2:
                continue
            content = trim(self.text, *bounds(tokens))
            speaker = speaker_phrase(verb, self.regions, content, self.text)
            if speaker is None or speaker.text(self.text).lower() in FIRST_PERSON:
                continue
            inner = [r for r in self.regions if content.contains(r.content)]
            results.append(
                Found(
                    kind="mixed" if inner else "indirect",
                    content=content,
                    partial=inner[0].content if inner else None,
                    speaker=speaker,
                    cue=cue_span(verb),
                    recipient=None,
                    channel=recipient_and_channel(verb, self.text)[1],
                    where=self.where(content),
                    rule=rule,
                    confidence=0.6 if rule == "speech-act" else 0.5,
                )
            )
        return results

    @staticmethod
    def speech_act_object(verb: Token, lemma: str) -> tuple[list[Token], str]:
        """What a speech act or intention is about, and the rule that found it."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in PREP_CUES.get(lemma, ()):
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    return list(objs[0].subtree), "speech-act"
            if child.dep_ == "dobj" and lemma in OBJECT_CUES:
                return list(child.subtree), "speech-act"
            infinitive = any(t.dep_ == "aux" and t.lower_ == "to" for t in child.children)
            if child.dep_ == "xcomp" and lemma in INTENT_CUES and infinitive:
                tokens = [t for t in child.subtree if not (t.dep_ == "aux" and t.lower_ == "to")]
                return tokens, "intention"
        return [], ""

    def quote_at(self, pos: int) -> QuoteRegion | None:
        """The full quote that opens at ``pos`` (after its opening mark), if any."""
        for region in self.regions:
            if region.outer.start <= pos <= region.content.start and self.is_full_quote(region):
                return region
        return None

    def according_to(self) -> list[Found]:
        results: list[Found] = []
        for token in self.doc:
            if token.lower_ != "according" or inside(token, self.regions):
                continue
            to = next((c for c in token.children if c.lower_ == "to"), None)
            objs = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
            if not objs:
                continue
            source = tokens_span(list(objs[0].subtree))
            sent = token.sent
            before = trim(self.text, sent.start_char, token.idx)
            after = trim(self.text, source.end, sent.end_char)
            content = self.without_dateline(before if len(before) >= len(after) else after)
            opens = len(before.text(self.text).split()) < 3  # "According to X, ..." opens it
            quote = self.quote_at(after.start) if opens and len(after) > 0 else None
            if quote is not None:  # "According to the newspaper, “...”": a direct quote
                content = quote.content
            if len(content.text(self.text).split()) < 3:
                continue
            results.append(
                Found(
                    kind="direct" if quote is not None else "indirect",
                    content=content,
                    partial=None,
                    speaker=source,
                    cue=Span(token.idx, to.idx + len(to.text)) if to is not None else None,
                    recipient=None,
                    channel=None,
                    where=self.where(content),
                    rule="according-to",
                    confidence=0.8,
                )
            )
        return results

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
                continue  # a title or a name in quotes
            verb = self.nearest_cue(region) or self.colon_cue(region)
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
        )

    def direct_quote(self, region: QuoteRegion, verb: Token | None) -> Found | None:
        full = self.is_full_quote(region)
        speaker = speaker_phrase(verb, self.regions, None, self.text) if verb is not None else None
        if speaker is not None and speaker.text(self.text).lower() in FIRST_PERSON:
            speaker = None
        if not full and speaker is None:
            return None  # scare quotes, titles of works: nobody's account
        recipient, channel = (
            recipient_and_channel(verb, self.text) if verb is not None else (None, None)
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

    def headline(self) -> list[Found]:
        """ "Pro-regime journalist: ‘a large number’ of men ..." """
        if self.title is None:
            return []
        title = self.title.text(self.text)
        match = _HEADLINE.match(title)
        if not match or len(match.group("speaker").split()) > 6:
            return []
        speaker = Span(self.title.start, self.title.start + match.end("speaker"))
        written = match.group("speaker").split()
        words = {w.lower().strip(",.") for w in written}
        has_name = any(
            e.label_ in ("PERSON", "ORG")
            for e in self.doc.ents
            if speaker.contains(Span(e.start_char, e.end_char))
        )
        # A short capitalised name ("Trump:", "Wash Post Fact-Check:") the model missed.
        named = len(written) <= 4 and all(w[:1].isupper() for w in written)
        if words & _RUBRICS or not (words & ROLE_NOUNS or has_name or named):
            return []  # "Analysis: ..." is a rubric, not a speaker
        rest = Span(self.title.start + match.start("rest"), self.title.end)
        quoted = [r for r in self.regions if rest.contains(r.outer)]
        # A quote that is the whole rest of the headline is direct; inside it, partial.
        whole = (
            len(quoted) == 1
            and len(trim(self.text, rest.start, rest.end)) - len(quoted[0].outer) <= 1
        )
        contents = [(r.content, "direct" if whole else "partial") for r in quoted] or [
            (rest, "indirect")
        ]
        return [
            Found(
                kind=kind,  # type: ignore[arg-type]
                content=trim(self.text, span.start, span.end),
                partial=None,
                speaker=speaker,
                cue=None,
                recipient=None,
                channel=None,
                where="title",
                rule="headline",
                confidence=0.7,
            )
            for span, kind in contents
        ]

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
