"""The shapes of what a cue verb governs: its clause, its object and what it is
called, the reason after it, and where another cue's account begins. Shared by
the reported-speech and speech-act rules."""

from __future__ import annotations

import re

from sayso.nlp.lexicon import (
    ACCUSE_CUES,
    CUE_VERBS,
    EVIDENCE_CUES,
    INTENT_CUES,
    NAMING_CUES,
    OBJECT_CUES,
    PREP_CUE_VERBS,
    VIEW_CUES,
)
from sayso.nlp.lexicons import WordList
from sayso.nlp.syntax import Token

GERUND_CUES = WordList("gerund_cues")
# Headline labels that are not speakers: "Analysis: ...", "Live updates: ...".


# Single conjunctions that mark a clause: grammar, not vocabulary; they stay here.
THAT = frozenset({"that"})
# What sets a clause off from a cue that follows or interrupts it.
SET_OFF = re.compile(r"[,:;—–”\"’'(]|--")
WANTING = WordList("wanting_verbs")
_AS = frozenset({"as"})


def marked(clause: Token, words: frozenset[str]) -> bool:
    """The clause opens with one of these conjunctions ("that", "for", "as")."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in clause.children)


# Speech acts and views whose object may be a gerund: "supports reopening the
# crossing", "considered using his record against her".
GERUND_OBJECTS = OBJECT_CUES | VIEW_CUES | WordList("gerund_objects")
SPEECH_ACT_CUES = (
    PREP_CUE_VERBS
    | OBJECT_CUES
    | INTENT_CUES
    | NAMING_CUES
    | ACCUSE_CUES
    | VIEW_CUES
    | EVIDENCE_CUES
    | WANTING
)
# Verbs whose clause is an account of its own when it follows another's content.
OWN_CUES = CUE_VERBS | SPEECH_ACT_CUES


def is_content(tokens: list[Token]) -> bool:
    """Two words at least, or one name or noun: "endorsed Trump" says who, "denied
    it" says nothing."""
    if len(tokens) >= 2:
        return True
    return len(tokens) == 1 and tokens[0].pos_ in ("PROPN", "NOUN")


def after_verb(verb: Token) -> list[Token]:
    """The verb's dependents that follow it, without its subject: what it is about.
    A clause with a cue of its own (", saying ...", "and said ...") is another
    account."""
    subjects = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    after = [t for t in verb.subtree if t.i > verb.i and t.i not in subjects]
    after = before_own_accounts(verb, after)
    while after and after[-1].dep_ in ("punct", "cc"):
        after.pop()
    return after


def before_own_accounts(head: Token, tokens: list[Token]) -> list[Token]:
    """The tokens up to the first clause of the head that is an account of its
    own (", saying ...", "and called it ...", ", claiming that ..."). Cut there,
    not only around it: a closing mark or full stop after the cut clause would
    otherwise stretch the span back over it."""
    starts = [min(t.i for t in c.subtree) for c in head.children if own_account(head, c)]
    kept = [t for t in tokens if t.i < min(starts)] if starts else tokens
    while starts and kept and kept[-1].dep_ in ("punct", "cc"):
        kept.pop()
    return kept


def own_account(head: Token, clause: Token) -> bool:
    """A cue coordinated with the head ("said A and added B"), or a participle of
    saying after it (", claiming that ...", "..., saying ...")."""
    if clause.i < head.i:
        return False
    if clause.dep_ == "conj" and head.lemma_.lower() in CUE_VERBS:
        return clause.lemma_.lower() in OWN_CUES
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.lemma_.lower() in OWN_CUES


def with_reason(verb: Token, obj: Token) -> list[Token]:
    """The object, and the reason given right after it: "mocked Rubio for “having a
    tough night”", "slammed Clinton over her stance"."""
    tokens = list(obj.subtree)
    for child in verb.children:
        if child.i > obj.i and child.dep_ == "prep" and child.lower_ in ("for", "over"):
            tokens += list(child.subtree)
            break
    return tokens


def naming(verb: Token) -> list[Token]:
    """ "calling Christmas a sham", "described the rally-goers as shocked": an
    object and what it is called."""
    deps = {c.dep_ for c in verb.children}
    named = "dobj" in deps or "xcomp" in deps
    as_what = "oprd" in deps or {"dobj", "xcomp"} <= deps
    as_what |= any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    as_what |= any(c.dep_ == "advcl" and marked(c, _AS) for c in verb.children)
    # "calling Trump a fascist", parsed as Trump (xcomp) holding "a fascist" (dobj)
    as_what |= any(
        c.dep_ == "xcomp" and any(g.dep_ in ("dobj", "attr", "oprd") for g in c.children)
        for c in verb.children
    )
    return after_verb(verb) if named and as_what else []


# Objects of "say" that say nothing of their own ("said it", "said something").
EMPTY_OBJECTS = WordList("empty_objects")


def said_object(verb: Token) -> list[list[Token]]:
    """What "say" and "tell" take as an object when no clause follows: "said the
    same of Sanders", "said so", "said no"; "told Bush to quiet down" (the person
    told and what they were told to do)."""
    lemma = verb.lemma_.lower()
    after = [c for c in verb.children if c.i > verb.i]
    if lemma == "say":
        for child in after:
            if child.dep_ == "dobj" and child.lower_ not in EMPTY_OBJECTS:
                return [list(child.subtree)]
            if child.lower_ in ("so", "no", "yes") and child.dep_ in ("advmod", "intj", "dobj"):
                return [[child]]
    if lemma == "tell":
        told = [c for c in after if c.dep_ == "dobj"]
        orders = [
            c for c in after if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
        ]
        if told and orders and told[0].i < orders[0].i:
            return [[*told[0].subtree, *orders[0].subtree]]
    return []
