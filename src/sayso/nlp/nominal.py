"""Accounts whose cue is a noun: "the ministry's claim that ...", "his call for a
ceasefire", "Clinton's promise to raise taxes", "criticism of the deal by X"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sayso.model import Span
from sayso.nlp.lexicon import EVIDENCE_NOUNS, FIRST_PERSON
from sayso.nlp.parsed import Found, ParsedArticle
from sayso.nlp.spanindex import SpanIndex
from sayso.nlp.syntax import (
    Token,
    bounds,
    inside,
    is_cue,
    speaker_phrase,
    tokens_span,
    trim,
)

if TYPE_CHECKING:
    from sayso.nlp.rules import Rule

# Nouns of saying, and the prepositions that introduce what was said with each.
# A that-clause ("the claim that X") or an infinitive ("a promise to X") works
# with every one of them.
NOMINAL_CUES: dict[str, frozenset[str]] = {
    noun: frozenset(preps.split())
    for noun, preps in {
        "claim": "about of",
        "statement": "about on",
        "argument": "for against about",
        "assertion": "about",
        "allegation": "of about against",
        "accusation": "of against",
        "denial": "of",
        "call": "for",
        "demand": "for",
        "appeal": "for",
        "plea": "for",
        "promise": "of",
        "pledge": "of",
        "vow": "of",
        "warning": "of about against",
        "criticism": "of",
        "condemnation": "of",
        "praise": "for of",
        "support": "for of",
        "endorsement": "of",
        "opposition": "to",
        "question": "about of on",
        "complaint": "about of against",
        "concern": "about over",
        "proposal": "for",
        "suggestion": "of",
        "insistence": "on",
        "admission": "of",
        "belief": "in",
        "view": "of on",
        "fear": "of about",
        "hope": "of for",
        "refusal": "of",
        "comment": "on about",
        "remark": "about on",
        "mention": "of",
        "threat": "of",
    }.items()
}


# Adjectives of stance after "be" and its kin: "Trump is confident that he will
# win", "voters are critical of the deal", "she is willing to negotiate".
ADJECTIVE_CUES: dict[str, frozenset[str]] = {
    adjective: frozenset(preps.split())
    for adjective, preps in {
        "confident": "about of in",
        "sure": "about of",
        "certain": "about of",
        "convinced": "of",
        "clear": "about",
        "worried": "about by",
        "concerned": "about by over",
        "afraid": "of",
        "fearful": "of",
        "hopeful": "about of",
        "optimistic": "about",
        "pessimistic": "about",
        "skeptical": "of about",
        "critical": "of",
        "supportive": "of",
        "opposed": "to",
        "proud": "of",
        "willing": "",
        "unwilling": "",
        "eager": "for",
        "reluctant": "",
        "determined": "",
        "adamant": "about",
        "interested": "in",
        "satisfied": "with",
        "dissatisfied": "with",
        "unhappy": "with about",
        "frustrated": "with by",
        "angry": "about at over with",
        "furious": "about at over with",
    }.items()
}


def _content(noun: Token) -> list[Token]:
    """What the noun says: its that-clause or infinitive, or its preposition's object."""
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in child.children
        ):
            return [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)]
        if child.dep_ == "acl" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in child.children
        ):
            return [t for t in child.subtree if not (t.dep_ == "aux" and t.head == child)]
        preps = NOMINAL_CUES.get(noun.lemma_.lower()) or ADJECTIVE_CUES[noun.lemma_.lower()]
        if child.dep_ == "ccomp" and noun.pos_ == "ADJ":  # "confident he will win"
            return [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)]
        if child.dep_ == "xcomp" and noun.pos_ == "ADJ":  # "willing to negotiate"
            return [t for t in child.subtree if not (t.dep_ == "aux" and t.head == child)]
        if child.dep_ == "prep" and child.lower_ in preps:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return list(objects[0].subtree)
    return []


def nominal(p: ParsedArticle, found: list[Found], rule: Rule) -> list[Found]:
    """ "his call for a ceasefire", "the ministry's claim that ...": a noun of saying
    with its speaker."""
    results: list[Found] = []
    contents = SpanIndex(f.content for f in found)
    cues = SpanIndex(f.cue for f in found if f.cue)
    for noun in p.doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOMINAL_CUES:
            continue
        word = Span(noun.idx, noun.idx + len(noun.text))
        if inside(noun, p.regions) or contents.any_holds(noun.idx) or cues.any_contains(word):
            continue  # part of what someone said, or the object of a speech act
        tokens = _content(noun)
        speaker = noun_speaker(p, noun)
        if len(tokens) < 2 or speaker is None:
            continue
        if speaker.text(p.text).lower() in FIRST_PERSON:
            continue
        content = p.through_quotes(trim(p.text, *bounds(tokens)))
        cue = Span(noun.idx, noun.idx + len(noun.text))
        results.append(p.reported_account(content, speaker, cue, rule.label, rule.confidence))
    return results


def stance_adjectives(p: ParsedArticle, found: list[Found], rule: Rule) -> list[Found]:
    """ "Trump is confident that he will win": the subject holds the view."""
    results: list[Found] = []
    contents = SpanIndex(f.content for f in found)
    for adjective in p.doc:
        lemma = adjective.lower_
        if adjective.pos_ != "ADJ" or lemma not in ADJECTIVE_CUES:
            continue
        if adjective.dep_ not in ("acomp", "oprd") or inside(adjective, p.regions):
            continue
        if contents.any_holds(adjective.idx):
            continue
        verb = adjective.head
        speaker = speaker_phrase(verb, p.regions, None, p.text)
        tokens = _content(adjective)
        if speaker is None or len(tokens) < 1 or verb.i > adjective.i:
            continue
        if speaker.text(p.text).lower() in FIRST_PERSON | {"it", "this", "that"}:
            continue
        content = p.through_quotes(trim(p.text, *bounds(tokens)))
        cue = Span(adjective.idx, adjective.idx + len(adjective.text))
        results.append(p.reported_account(content, speaker, cue, rule.label, rule.confidence))
    return results


def framed(p: ParsedArticle, found: list[Found], rule: Rule) -> list[Found]:
    """ "In a CNN poll, Clinton held a 24-point lead": a sentence opened by the
    poll, survey or report it comes from; the source is the poll."""
    results: list[Found] = []
    for prep in p.doc:
        if prep.lower_ != "in" or not prep.is_sent_start or inside(prep, p.regions):
            continue
        sources = [c for c in prep.children if c.dep_ == "pobj"]
        verb = prep.head
        if not sources or sources[0].lemma_.lower() not in EVIDENCE_NOUNS:
            continue
        if verb.pos_ not in ("VERB", "AUX") or is_cue(verb, p.regions):
            continue  # "In a statement, the ministry said ...": the cue's account
        frame = {t.i for t in prep.subtree}
        tokens = [t for t in verb.subtree if t.i not in frame]
        content = p.through_quotes(trim(p.text, *bounds(tokens)))
        if len(tokens) < 3 or any(f.content.overlaps(content) for f in found):
            continue
        speaker = tokens_span(list(sources[0].subtree))
        cue = Span(prep.idx, prep.idx + len(prep.text))
        results.append(p.reported_account(content, speaker, cue, rule.label, rule.confidence))
    return results


def noun_speaker(p: ParsedArticle, noun: Token) -> Span | None:
    """Whose claim: "the ministry's", "his", "by the ministry", or the subject of
    the verb that makes it ("Trump made the claim that ...")."""
    for child in noun.children:
        if child.dep_ == "poss":
            tokens = [t for t in child.subtree if t.dep_ != "case"]
            return trim(p.text, *bounds(tokens))
        if child.dep_ == "prep" and child.lower_ == "by":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return tokens_span(list(objects[0].subtree))
    verb = noun.head
    if noun.dep_ in ("dobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        return speaker_phrase(verb, p.regions, None, p.text)
    return None
