"""Quoted words: full quotes with their cue, partial quotes with a speaker, the
pieces of a quote split around its cue; and the steps after the rules that join
pieces under one cue, keep one account per span and link continuations."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from sayso.model import Span
from sayso.nlp.clauses import SPEECH_ACT_CUES
from sayso.nlp.lexicon import CUE_VERBS, FIRST_PERSON, NAMING_CUES
from sayso.nlp.lexicons import WordList
from sayso.nlp.parsed import Found, ParsedArticle, joined
from sayso.nlp.quotes import QuoteRegion
from sayso.nlp.spanindex import SpanIndex
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

if TYPE_CHECKING:
    from sayso.nlp.rules import Rule


# Verbs of calling words out: what they carry in quotes is said, however short.
_CALLING_OUT = WordList("calling_out_verbs")
# words that open a dialogue tag after a quote: "“We stay” he said", "“We stay” says Ali"
_TAG_WORDS = WordList("tag_words")


def one_per_span(found: list[Found]) -> list[Found]:
    """Two rules may find the same words ("Kyiv claims" as a verb and as a noun):
    one account per content span, the surest; ids are made from the span."""
    best: dict[Span, Found] = {}
    for item in found:
        kept = best.get(item.content)
        if kept is None or item.confidence > kept.confidence:
            best[item.content] = item
    return [item for item in found if best[item.content] is item]


def nearest_cue(p: ParsedArticle, region: QuoteRegion) -> Token | None:
    """The cue verb outside quotes in the same paragraph, nearest the quote, that
    has a speaker, with no other full quote between them (a quoted title such as
    ABC's "This Week" between the cue and the quote does not count). A verb in
    the dialogue-tag slot right after the quote counts whatever it is
    ("…,” Hannity pressed.")."""
    para = p.paragraphs[p.paragraph_of(region.outer.start)]
    best: tuple[int, Token] | None = None
    for token in p.tokens_in(para):
        if not (is_cue(token, p.regions) or is_tag_verb(p, token, region)):
            continue
        lo, hi = sorted((token.idx, region.outer.start))
        if token.idx > region.outer.end:
            lo, hi = region.outer.end, token.idx
        between = [
            r
            for r in p.regions
            if r is not region and lo <= r.outer.start < hi and p.is_full_quote(r)
        ]
        if between or speaker_phrase(token, p.regions, None, p.text) is None:
            continue
        distance = hi - lo
        if token.idx > region.outer.end and ends_sentence(p, region):
            # '“... we have found.” He added, “...”': a verb after a quote that
            # closes its sentence introduces the next one; only a last resort.
            distance += len(p.text)
        if best is None or distance < best[0]:
            best = (distance, token)
    return best[1] if best else None


def governing_cue(p: ParsedArticle, region: QuoteRegion) -> Token | None:
    """The nearest cue verb above a quoted phrase in the parse, with a speaker:
    "suggested just a “regional” candidate", "called AP's report a “rush to
    judgment”" (a nearer verb in the next sentence is not its cue)."""
    tokens = p.tokens_in(region.content)
    node = tokens[0] if tokens else None
    for _ in range(6):
        if node is None or node.head.i == node.i:
            return None
        node = node.head
        if inside(node, p.regions):
            continue
        cue = is_cue(node, p.regions) or node.lemma_.lower() in SPEECH_ACT_CUES
        if cue and speaker_phrase(node, p.regions, None, p.text) is not None:
            return node
    return None


def is_epithet(p: ParsedArticle, region: QuoteRegion) -> bool:
    """ "called him “Little Marco”", "dubbed the plan “Operation Lifeline”",
    "chanted “Free Syria!”": a name or slogan in quotes that a speaker gives or
    calls out is the speaker's words."""
    cue = governing_cue(p, region)
    return cue is not None and cue.lemma_.lower() in NAMING_CUES | _CALLING_OUT


def ends_sentence(p: ParsedArticle, region: QuoteRegion) -> bool:
    """The quote ends with a full stop and a capitalised word follows it."""
    after = p.text[region.outer.end : region.outer.end + 3]
    closes = region.content.text(p.text).rstrip().endswith(".")
    return closes and re.match(r"\s+[A-Z]", after) is not None


def is_tag_verb(p: ParsedArticle, token: Token, region: QuoteRegion) -> bool:
    """A verb just after a closing quote, in the same sentence: “…,” X verb."""
    if token.tag_ not in ("VBD", "VBZ", "VBP") or token.idx < region.outer.end:
        return False  # a finite verb: "sheltering near the market" is no dialogue tag
    if not region.closed or not subject(token):
        return False
    if not p.is_full_quote(region):
        return False  # a phrase in quotes needs a real cue verb
    between = p.text[region.outer.end : token.idx]
    return len(between) <= 40 and not any(mark in between for mark in ".!?\n")


def join_same_cue(p: ParsedArticle, found: list[Found]) -> list[Found]:
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
            and not re.search(r"\w", p.text[prev.content.end : item.content.start])
        ):
            both = joined(prev, item)
            out[-1] = replace(both, content=p.through_quotes(both.content))
        else:
            out.append(item)
    return out


def direct(
    p: ParsedArticle,
    reported: list[Found],
    rules: tuple[Rule, Rule, float],
    keep: Collection[str],
) -> list[Found]:
    """Quoted text: full quotes with their cue, partial quotes with a speaker. The
    pieces of a quote split around its cue ("A," he said, "B.") are one account.
    ``rules`` are the rule of quotes with a speaker, that of quotes with none and
    the confidence of a mixed account; accounts of the rules named in ``keep``
    are kept (the pass goes over all quotes whichever are kept)."""
    results: list[Found] = []
    last: tuple[QuoteRegion, Token | None] | None = None
    mixed = SpanIndex(f.content for f in reported)
    for region in p.regions:
        if p.where(region.outer) == "title":
            continue  # headline rule
        if mixed.any_contains(region.content):
            continue  # a partial quote inside reported speech: already mixed
        if p.is_quoted_name(region) and not p.is_full_quote(region):
            if not is_epithet(p, region):
                continue  # a title or a name in quotes
        verb = nearest_cue(p, region) or colon_cue(p, region) or tag_between(p, last, region)
        item = direct_quote(p, region, verb, rules)
        if item is None:
            continue
        if last is not None and is_second_piece(p, last, region, verb, item):
            first = results[-1]
            results[-1] = replace(
                first,
                content=Span(first.content.start, region.content.end),
                parts=(first.parts or (first.content,)) + (region.content,),
            )
        else:
            results.append(item)
        last = (region, verb)
    return [item for item in results if item.rule in keep]


def tag_between(
    p: ParsedArticle, last: tuple[QuoteRegion, Token | None] | None, region: QuoteRegion
) -> Token | None:
    """ "“A,” he continued. “B.”": the tag verb of the quote before, when it
    stands between the two in one paragraph, introduces this one too."""
    if last is None:
        return None
    previous, verb = last
    if verb is None:
        return None
    same = p.paragraph_of(previous.outer.start) == p.paragraph_of(region.outer.start)
    # The whole verb between the two: a stray mark inside a word ('she s“aid.')
    # opens a "quote" in the middle of the verb, which is then no tag before it.
    between = previous.outer.end <= verb.idx and verb.idx + len(verb.text) <= region.outer.start
    if not (same and between):
        return None
    return None if someone_else_between(p, verb, region) else verb


def someone_else_between(p: ParsedArticle, verb: Token, region: QuoteRegion) -> bool:
    """ "“A,” Ebeling said, and her husband cut in. “B”": a clause coordinated
    with the tag, with a subject of its own, before the next quote: the next
    may be another's."""
    between = p.tokens_in(Span(verb.idx + len(verb.text), region.outer.start))
    return any(
        t.dep_ == "conj" and t.head == verb and any(c.dep_ == "nsubj" for c in t.children)
        for t in between
    )


def clause_with(p: ParsedArticle, verb: Token, region: QuoteRegion) -> Span | None:
    """What the cue verb governs, from its first dependent after it to the one
    holding the quoted fragment, when the fragment is inside it."""
    after = [
        c
        for c in verb.children
        if c.i > verb.i and c.dep_ not in ("punct", "cc", "nsubj", "nsubjpass", "conj")
    ]
    for k in range(len(after)):
        tokens = [t for c in after[: k + 1] for t in c.subtree]
        span = trim(p.text, *bounds(tokens))
        if span.start <= region.content.start < span.end:
            span = p.through_quotes(span)
            return span if span != region.content and span.contains(region.content) else None
    return None


def colon_cue(p: ParsedArticle, region: QuoteRegion) -> Token | None:
    """ "Cruz continued:" ending the paragraph before a quote that opens its own:
    the last verb there with a subject introduces the quote."""
    index = p.paragraph_of(region.outer.start)
    para = p.paragraphs[index]
    if index < 1 or region.outer.start - para.start > 1:
        return None
    previous = p.paragraphs[index - 1]
    if not previous.text(p.text).rstrip().endswith(":"):
        return None
    verbs = [
        t
        for t in p.tokens_in(previous)
        if t.pos_ == "VERB" and any(s.lower_ != "it" for s in subject(t))
    ]
    return verbs[-1] if verbs else None


def is_second_piece(
    p: ParsedArticle,
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
        and p.paragraph_of(previous.outer.start) == p.paragraph_of(region.outer.start)
        and previous.outer.end <= verb.idx < region.outer.start
        and not someone_else_between(p, verb, region)
        and not answers(p, previous, region)
    )


def answers(p: ParsedArticle, previous: QuoteRegion, region: QuoteRegion) -> bool:
    """ "“Why now?” Mills then writes back, “You look cute.”": after a quote
    that closes its sentence, a tag ending in a comma or colon right before
    the next quote introduces that quote alone."""
    closed = previous.content.text(p.text).rstrip().endswith((".", "?", "!"))
    between = p.text[previous.outer.end : region.outer.start]
    return closed and re.fullmatch(r"\s+[A-Z][^.?!\n]*[,:]\s*", between) is not None


def runs_on(p: ParsedArticle, region: QuoteRegion) -> bool:
    """ "said “I held and hugged” grieving family members": words in quotes right
    after the cue, that the writer's sentence goes on from, are a fragment."""
    content = region.content.text(p.text).rstrip()
    before = p.tokens_in(Span(max(0, region.outer.start - 12), region.outer.start))
    cue_before = bool(before) and before[-1].lemma_.lower() in CUE_VERBS
    after = re.match(r" ([a-z]+)", p.text[region.outer.end : region.outer.end + 20])
    goes_on = after is not None and after.group(1) not in _TAG_WORDS
    return cue_before and goes_on and content[-1:].isalnum()


def direct_quote(
    p: ParsedArticle, region: QuoteRegion, verb: Token | None, rules: tuple[Rule, Rule, float]
) -> Found | None:
    quoted, uncued, mixed = rules
    full = p.is_full_quote(region) and not runs_on(p, region)
    if not full:  # a quoted phrase belongs to the cue that governs it, if one does
        verb = governing_cue(p, region) or verb
    speaker = speaker_phrase(verb, p.regions, None, p.text) if verb is not None else None
    if speaker is not None and speaker.text(p.text).lower() in FIRST_PERSON:
        speaker = None
    if not full and speaker is None:
        return None  # scare quotes, titles of works: nobody's account
    recipient, channel = recipient_and_channel(verb, p.text) if verb is not None else (None, None)
    clause = clause_with(p, verb, region) if verb is not None and not full else None
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
            rule=quoted.label,
            confidence=mixed,
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
        rule=quoted.label if speaker else uncued.label,
        confidence=quoted.confidence if speaker else uncued.confidence,
    )


def link_continuations(
    p: ParsedArticle, found: list[Found], rule: str, after_direct: float, otherwise: float
) -> list[Found]:
    """A quote paragraph with no speaker keeps the speaker of the account just
    before it, when that account ends the previous paragraph; it is written with
    ``rule`` and confidence ``after_direct`` or ``otherwise``."""
    linked = list(found)
    for i, item in enumerate(linked):
        if item.speaker is not None or item.kind != "direct" or i == 0:
            continue
        para = p.paragraph_of(item.content.start)
        prev = linked[i - 1]
        prev_para = p.paragraph_of(prev.content.start)
        if prev.where == "body" and para - prev_para == 1 and _opens_paragraph(p, item):
            linked[i] = replace(
                item,
                rule=rule,
                confidence=after_direct if prev.kind == "direct" else otherwise,
                continues=i - 1,
            )
    return linked


def _opens_paragraph(p: ParsedArticle, item: Found) -> bool:
    para = p.paragraphs[p.paragraph_of(item.content.start)]
    return item.content.start - para.start <= 2
