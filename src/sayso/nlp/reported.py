"""Reported speech: "X says/claims/told Y that ...", "..., X told Y.", "according
to X", speech acts with a noun phrase ("called for a ceasefire") and intentions."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sayso.model import Span
from sayso.nlp.clauses import (
    GERUND_CUES,
    GERUND_OBJECTS,
    SET_OFF,
    SPEECH_ACT_CUES,
    THAT,
    WANTING,
    after_verb,
    before_own_accounts,
    is_content,
    marked,
    naming,
    said_object,
    with_reason,
)
from sayso.nlp.lexicon import (
    ACCUSE_CUES,
    BELIEF_VERBS,
    EVIDENCE_CUES,
    EVIDENCE_NOUNS,
    INTENT_CUES,
    NAMING_CUES,
    OBJECT_CUES,
    VIEW_CUES,
    prep_cues,
)
from sayso.nlp.parsed import Found, ParsedArticle, joined
from sayso.nlp.quotes import QuoteRegion
from sayso.nlp.syntax import (
    CHANNEL_NOUNS,
    Token,
    bounds,
    cue_span,
    inside,
    is_cue,
    is_passive,
    recipient_and_channel,
    speaker_phrase,
    strip_that,
    subject,
    tokens_span,
    trim,
)

if TYPE_CHECKING:
    from sayso.nlp.rules import Rule

# What a speech act is about, by the kind of object that says it (the rules of
# the speech-act group in sayso.nlp.rules, one per kind).
ACT, INTENT, VIEW = "act", "intent", "view"


def reported(p: ParsedArticle, rule: Rule, belief: float, passive: float) -> list[Found]:
    """X says/claims/told Y that ...; and postposed "..., X told Y." One cue with
    coordinated clauses ("said A and that B") is one account in parts."""
    results: list[Found] = []
    for verb in p.doc:
        if not is_cue(verb, p.regions):
            continue
        items = [
            reported_clause(p, verb, clause, rule, belief, passive) for clause in clauses(p, verb)
        ]
        found = [item for item in items if item is not None]
        if found:
            # one account from the clauses of one cue, each clause a part
            results.append(functools.reduce(joined, found))
    return results


def clauses(p: ParsedArticle, verb: Token) -> list[list[Token]]:
    """The reported clauses of a cue verb: its clausal complement, split where a
    second "that"-clause is coordinated with the first, and without a coordinated
    cue verb of its own ("warned that X and said Y")."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"] or channel_clause(p, verb)
    if not comps:
        # "The army denied targeting civilians": a gerund says what was denied.
        gerunds = [c for c in verb.children if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG"]
        if gerunds and verb.lemma_.lower() in GERUND_CUES:
            return [list(gerunds[0].subtree)]
        # "He said legalizing it could put ...": the parser hangs the clause on a
        # gerund it takes for the verb's complement.
        misparsed = [
            c
            for c in verb.children
            if c.dep_ == "xcomp"
            and c.i > verb.i
            and any(g.dep_ == "ccomp" for g in c.children)
            and not any(a.dep_ == "aux" for a in c.children)
        ]
        if misparsed:
            return [list(misparsed[0].subtree)]
        return parenthetical(p, verb) or said_object(verb)
    # "X was not part of the swap; Iran insists it does not know": the clause
    # after the cue, when there is one, is what was said.
    comp = next((c for c in comps if c.i > verb.i), comps[0])
    if comp.i < verb.i and not _set_off(p, comp, verb):
        return []  # "Ministry rejects Kyiv claims": no clause was said before the cue
    split = [
        c for c in comp.children if c.dep_ == "conj" and (marked(c, THAT) or is_cue(c, p.regions))
    ]
    cut = {t.i for c in split for t in c.subtree}
    cut |= {t.i for t in comp.children if t.dep_ == "cc" and split and t.i > comp.i}
    first = before_own_accounts(comp, [t for t in comp.subtree if t.i not in cut])
    if not first:
        return []
    if first[0].i < verb.i < first[-1].i:
        # "which critics say was the best speech": the relative pronoun before
        # the cue opens the clause; what was said is what follows the cue.
        first = [t for t in first if t.i > verb.i]
    rest = [
        list(c.subtree)
        for c in split
        if marked(c, THAT) or not is_cue(c, p.regions)  # "and said Y": its own
    ]
    return [tokens for tokens in [first, *rest] if len(tokens) >= 2]


def ends_clause(p: ParsedArticle, content: Span, region: QuoteRegion) -> bool:
    """ "explained that the title goes to whoever shaped the news, “for good or
    for ill.”": a quote after a comma that closes the writer's reported clause
    is part of that clause, not a sentence of its own."""
    lead = p.text[content.start : region.outer.start].rstrip()
    return (
        len(lead.split()) >= 3
        and lead.endswith((",", "—", "–"))
        and region.outer.end >= content.end
    )


def _set_off(p: ParsedArticle, clause: Token, verb: Token) -> bool:
    """A clause before its cue is set off from it by a comma, a colon, a dash or
    a closing quote: "The truce collapsed, he said" (the parser may hang the
    speaker inside the clause, so the mark is looked for anywhere between)."""
    start = min(t.idx for t in clause.subtree)
    return bool(SET_OFF.search(p.text[start : verb.idx + 1]))


def parenthetical(p: ParsedArticle, verb: Token) -> list[list[Token]]:
    """ "The outreach, they said, raised new worries": an interposed cue, set off
    by commas or dashes; what was said is the sentence around it. The parser
    may also hang a cue that opens the sentence on the clause after it, as its
    complement ("Instead, Trump told CNN, his policy would be ...")."""
    aside = {t.i for t in verb.subtree}
    if verb.dep_ == "ccomp" and verb.head.i > verb.i:
        end = max(aside)
        if not (end + 1 < len(p.doc) and p.doc[end + 1].text in (",", "—", "–")):
            return []
    elif verb.dep_ != "parataxis":
        return []
    sentence = [t for t in verb.head.subtree if t.i not in aside]
    before = [t for t in sentence if t.i < verb.i]
    after = [t for t in sentence if t.i > verb.i]
    if before:
        end = max(t.idx + len(t.text) for t in before)
        start = min(t.idx for t in verb.subtree)
        if not SET_OFF.search(p.text[end : start + 1]):
            return []  # "Ministry rejects Kyiv claims over ...": no aside
    return [side for side in (before, after) if len(side) >= 2]


def channel_clause(p: ParsedArticle, verb: Token) -> list[Token]:
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


def reported_clause(
    p: ParsedArticle, verb: Token, tokens: list[Token], rule: Rule, belief: float, passive: float
) -> Found | None:
    """One clause of a cue; ``belief`` and ``passive`` are the confidences under a
    belief verb and under a passive cue with no agent."""
    content = p.without_dateline(strip_that(p.text, trim(p.text, *bounds(tokens))))
    content = p.through_quotes(content)
    inner = [r for r in p.regions_inside(content) if not p.is_quoted_name(r)]
    full = [r for r in inner if p.is_full_quote(r) and not ends_clause(p, content, r)]
    if full or p.in_a_region(content):
        return None  # a direct quote: the direct rule owns it
    speaker = speaker_phrase(verb, p.regions, content, p.text)
    unknown = speaker is None and is_passive(verb)  # "was told that": by someone
    if not unknown and speaker is None:
        return None
    if speaker is not None and content.contains(
        speaker
    ):  # the parser hung a postposed speaker on the clause
        content = trim(p.text, content.start, speaker.start)
    recipient, channel = recipient_and_channel(verb, p.text)
    partial = inner[0].content if inner else None
    believed = verb.lemma_.lower() in BELIEF_VERBS
    return Found(
        kind="mixed" if partial else "indirect",
        content=content,
        partial=partial,
        speaker=speaker,
        cue=cue_span(verb),
        recipient=recipient,
        channel=channel,
        where=p.where(content),
        rule=rule.label,
        confidence=passive if unknown else belief if believed else rule.confidence,
    )


def speech_acts(
    p: ParsedArticle, reported: list[Found], rules: Mapping[str, Rule], passive: float
) -> list[Found]:
    """ "X called for a ceasefire", "the ministry condemned the strike": speech acts
    whose content is a noun phrase. Weaker than a reported clause. One pass over the
    words finds the three kinds (:data:`ACT`, :data:`INTENT`, :data:`VIEW`); those
    in ``rules`` are kept, in word order, each under its rule."""
    results: list[Found] = []
    cues = {f.cue for f in reported}
    for verb in p.doc:
        lemma = verb.lemma_.lower()
        if lemma not in SPEECH_ACT_CUES:
            continue
        if verb.pos_ != "VERB" or inside(verb, p.regions) or cue_span(verb) in cues:
            continue
        if any(f.content.start <= verb.idx < f.content.end for f in reported):
            continue  # "said he'd support Clinton": part of what was said
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        tokens, kind = speech_act_object(p, verb, lemma)
        if kind not in rules or not is_content(tokens):
            continue
        content = p.through_quotes(trim(p.text, *bounds(tokens)))
        speaker = speaker_phrase(verb, p.regions, content, p.text)
        unknown = speaker is None and is_passive(verb)  # "is expected to": by someone
        if not unknown and speaker is None:
            continue
        results.append(
            p.reported_account(
                content,
                speaker,
                cue_span(verb),
                rules[kind].label,
                passive if unknown else rules[kind].confidence,
                channel=recipient_and_channel(verb, p.text)[1],
            )
        )
    return results


def speech_act_object(p: ParsedArticle, verb: Token, lemma: str) -> tuple[list[Token], str]:
    """What a speech act or intention is about, and its kind (:data:`ACT`, ...)."""
    if lemma in NAMING_CUES and (called := quoted_naming(p, verb) or naming(verb)):
        return called, ACT
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    described = any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in verb.children)
    if (
        lemma in VIEW_CUES
        and objects
        and (described or any(t.lower_ == "as" for t in verb.subtree))
    ):
        return after_verb(verb), VIEW  # "see X as Y"
    if lemma in EVIDENCE_CUES and objects:
        evidence = any(s.lemma_.lower() in EVIDENCE_NOUNS for s in subject(verb))
        # "a poll shows Sanders with 47 percent versus Clinton": all it shows
        return (after_verb(verb) if evidence else []), ACT
    if lemma in ACCUSE_CUES:  # "accused the army of ...": the accused must be named
        named = any(c.dep_ == "dobj" for c in verb.children)
        return (after_verb(verb) if named else []), ACT
    if lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "on" for c in verb.children):
        return after_verb(verb), ACT  # "called on Congress to act"
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in prep_cues().get(lemma, ()):
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return list(objs[0].subtree), ACT
        if child.dep_ == "advcl" and marked(child, prep_cues().get(lemma, frozenset())):
            # "called for the US to step up": "for" marks an infinitive clause
            return [t for t in child.subtree if t.dep_ != "mark" or t.head != child], (ACT)
        if child.dep_ == "dobj" and lemma in OBJECT_CUES:
            return with_reason(verb, child), ACT
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and lemma in GERUND_OBJECTS:
            return list(child.subtree), ACT  # "supports tightening the border"
        infinitive = any(t.dep_ == "aux" and t.lower_ == "to" for t in child.children)
        if child.dep_ == "xcomp" and lemma in INTENT_CUES and infinitive:
            tokens = [t for t in child.subtree if not (t.dep_ == "aux" and t.lower_ == "to")]
            return tokens, INTENT
    if lemma in WANTING and objects:  # "wants a wall on the border"
        return list(objects[0].subtree), INTENT
    return [], ""


def quoted_naming(p: ParsedArticle, verb: Token) -> list[Token]:
    """ "called AP's report a “rush to judgment”": what follows the verb, when it
    holds the speaker's quoted words; nothing otherwise."""
    subjects = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    after = [t for t in verb.subtree if t.i > verb.i and t.i not in subjects]
    after = [t for t in after if t.dep_ != "punct" or after.index(t) > 0]
    if not after:
        return []
    span = tokens_span(after)
    quoted = any(not p.is_quoted_name(r) for r in p.regions_inside(span))
    return after if quoted else []


def according_to(p: ParsedArticle, rule: Rule) -> list[Found]:
    results: list[Found] = []
    for token in p.doc:
        if token.lower_ != "according" or inside(token, p.regions):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        objs = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        if not objs:
            continue
        source = tokens_span(list(objs[0].subtree))
        sent = token.sent
        before = trim(p.text, sent.start_char, token.idx)
        after = trim(p.text, source.end, sent.end_char)
        content = p.without_dateline(before if len(before) >= len(after) else after)
        opens = len(before.text(p.text).split()) < 3  # "According to X, ..." opens it
        quote = p.quote_at(after.start) if opens and len(after) > 0 else None
        if quote is not None:  # "According to the newspaper, “...”": a direct quote
            content = quote.content
        if len(content.text(p.text).split()) < 3:
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
                where=p.where(content),
                rule=rule.label,
                confidence=rule.confidence,
            )
        )
    return results
