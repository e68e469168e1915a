"""Accounts whose source is not written: a hedged appearance ("the fax machine
appears to have been broken"), a question put to someone ("Asked whether he would
run, ..."), and a refusal to speak ("The ministry declined to comment").

PolNeAR annotates all three as attributions. Their speaker is unknown (the
question's asker, the writer who hedges) or the subject who refused; their
confidence is low, so that a threshold can leave them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from sayso.model import Span
from sayso.nlp.lexicons import WordList
from sayso.nlp.parsed import Found, ParsedArticle
from sayso.nlp.spanindex import SpanIndex
from sayso.nlp.syntax import Token, bounds, cue_span, inside, speaker_phrase, subject, trim

# "X seems to Y", "X appeared to Y": the writer's hedge, with no source.
_APPEARANCE = WordList("appearance_verbs")
# What something appears to be: "to have declined", "irritated", "a threat".
_APPEARING = ("xcomp", "acomp", "attr", "oprd", "ccomp")
# "Asked whether/if/what ..., she said": the question is reported.
_QUESTION_WORDS = WordList("question_words")
# What someone declines or refuses to do that is itself speaking.
_SPEAKING = WordList("refused_speaking")
_REFUSING = WordList("refusing_verbs")
_SUBJECTS = ("nsubj", "nsubjpass")

if TYPE_CHECKING:
    from sayso.nlp.rules import Rule

# The three kinds, one rule each in the sourceless group of sayso.nlp.rules.
APPEAR, ASK, REFUSE = "appear", "ask", "refuse"


def _to_clause(verb: Token) -> Token | None:
    """The verb's infinitive complement ("appears to have declined")."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(a.lower_ == "to" for a in child.children):
            return child
    return None


def sourceless(p: ParsedArticle, found: list[Found], rules: Mapping[str, Rule]) -> list[Found]:
    """Appearances, questions asked and refusals to speak, in one pass over the
    words; the kinds in ``rules`` are kept, in word order, each under its rule."""
    results: list[Found] = []
    taken = SpanIndex(f.content for f in found)
    for verb in p.doc:
        if verb.pos_ not in ("VERB", "AUX") or inside(verb, p.regions):
            continue
        lemma = verb.lemma_.lower()
        if lemma in _APPEARANCE and APPEAR in rules:
            kind, item = APPEAR, appearance(p, verb, rules[APPEAR])
        elif lemma == "ask" and ASK in rules:
            kind, item = ASK, question(p, verb, rules[ASK])
        elif lemma in _REFUSING and REFUSE in rules:
            kind, item = REFUSE, refusal(p, verb, rules[REFUSE])
        else:
            continue
        if item is None:
            continue
        # A refusal holds what was not said ("declined to comment on the
        # report"): it replaces the speech act found inside it.
        if kind == REFUSE or not taken.any_overlaps(item.content):
            results.append(item)
    return results


def appearance(p: ParsedArticle, verb: Token, rule: Rule) -> Found | None:
    """ "China's coal use appears to have declined", "Clinton seemed irritated":
    the subject and what it appears to be, two pieces around the hedge; with
    "it" ("it appears that ...", "it may seem unfair to ..."), what follows."""
    complements = [
        c
        for c in verb.children
        if c.i > verb.i and (c.dep_ in _APPEARING or (c.dep_ == "prep" and c.lower_ == "like"))
    ]
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not complements or not subjects or subjects[0].lower_ == "there":
        return None
    # all that follows the hedge: "irritated by the question", "unfair to tell them"
    what = trim(p.text, *bounds([t for c in verb.children if c.i > verb.i for t in c.subtree]))
    if subjects[0].lower_ == "it":
        return _account(p, what, (), None, verb, rule)
    who = trim(p.text, *bounds(list(subjects[0].subtree)))
    if not who.end <= verb.idx < what.start:
        return None
    return _account(p, Span(who.start, what.end), (who, what), None, verb, rule)


def question(p: ParsedArticle, verb: Token, rule: Rule) -> Found | None:
    """ "Asked whether he would run, Trump said ...": the question put to him;
    who asked is not written."""
    if verb.tag_ != "VBN" or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    for child in verb.children:
        if child.i < verb.i:
            continue
        opens = next(iter(child.subtree))
        if (child.dep_ in ("ccomp", "advcl") and opens.lower_ in _QUESTION_WORDS) or (
            child.dep_ == "prep" and child.lower_ == "about"
        ):
            what = trim(p.text, *bounds(list(child.subtree)))
            return _account(p, what, (), None, verb, rule)
    return None


def refusal(p: ParsedArticle, verb: Token, rule: Rule) -> Found | None:
    """ "The ministry declined to comment": a refusal to speak, by its subject."""
    clause = _to_clause(verb)
    if clause is None or clause.lemma_.lower() not in _SPEAKING or not subject(verb):
        return None
    what = trim(p.text, *bounds(list(clause.subtree)))
    speaker = speaker_phrase(verb, p.regions, what, p.text)
    if speaker is None:
        return None
    return _account(p, what, (), speaker, verb, rule)


def _account(
    p: ParsedArticle,
    content: Span,
    parts: tuple[Span, ...],
    speaker: Span | None,
    verb: Token,
    rule: Rule,
) -> Found | None:
    if len(content) < 2:
        return None
    found = p.reported_account(content, speaker, cue_span(verb), rule.label, rule.confidence)
    return replace(found, parts=parts)


def without_refused(found: list[Found], refusal: str) -> list[Found]:
    """Drop the accounts whose cue lies inside a refusal to speak (an account whose
    ``rule`` is ``refusal``): "declined to say how many were killed" says nothing of
    how many were."""
    refusals = [f.content for f in found if f.rule == refusal]
    return [
        f
        for f in found
        if f.rule == refusal or f.cue is None or not any(r.contains(f.cue) for r in refusals)
    ]
