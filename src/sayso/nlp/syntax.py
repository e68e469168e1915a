"""Dependency-tree helpers shared by the attribution rules: cue verbs, subjects,
speaker phrases, recipients and channels, spans of tokens."""

from __future__ import annotations

import re
from typing import Any

from sayso.model import Span
from sayso.nlp.lexicon import CUE_VERBS, EVIDENCE_NOUNS, FINDING_VERBS, ROLE_NOUNS
from sayso.nlp.lexicons import WordList
from sayso.nlp.quotes import QuoteRegion
from sayso.nlp.spanindex import SpanIndex

Token = Any  # spacy.tokens.Token: spaCy ships no type stubs

# Punctuation and space trimmed from the edges of a content or speaker span.
EDGE = " \t\n,;:.—–-\"“”‘’'«»"

CHANNEL_PREPS = WordList("channel_prepositions")
CHANNEL_NOUNS = WordList("channel_nouns")


def trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return Span(start, end)


def tokens_span(tokens: list[Token]) -> Span:
    return Span(min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))


def inside(token: Token, regions: list[QuoteRegion]) -> bool:
    if len(regions) < 16:
        return any(r.outer.start <= token.idx < r.outer.end for r in regions)
    return _outer_index(regions).any_holds(token.idx)


_LAST_INDEX: list[Any] = [None, None, 0]  # the regions, their index, how many


def _outer_index(regions: list[QuoteRegion]) -> SpanIndex:
    """The index of one article's quote regions, built once (asked per token)."""
    if _LAST_INDEX[0] is not regions or _LAST_INDEX[2] != len(regions):
        _LAST_INDEX[:] = [regions, SpanIndex(r.outer for r in regions), len(regions)]
    index: SpanIndex = _LAST_INDEX[1]
    return index


# Verbs that say only with their particle: "pointed out that", "spelled out".
_PHRASAL_CUES = WordList("phrasal_cues")  # "verb particle"


def is_cue(token: Token, regions: list[QuoteRegion]) -> bool:
    # The small model tags "claim" in "leaders claim that" as a noun; a subject or a
    # clause complement shows it is used as a verb.
    verbal = token.pos_ in ("VERB", "AUX") or any(
        c.dep_ in ("nsubj", "ccomp") for c in token.children
    )
    lemma = token.lemma_.lower()
    phrasal = any(
        c.dep_ == "prt" and f"{lemma} {c.lower_}" in _PHRASAL_CUES for c in token.children
    )
    return (
        (lemma in CUE_VERBS or phrasal)
        and verbal
        and not inside(token, regions)
        and not any(c.dep_ == "neg" for c in token.children)
        and (token.lemma_.lower() not in FINDING_VERBS or _states_that(token))
    )


def _states_that(verb: Token) -> bool:
    """ "found that X" and "polls show X" report a finding; "found tents packed" does
    not."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    evidence = any(s.lemma_.lower() in EVIDENCE_NOUNS for s in subject(verb))
    return any(
        evidence or any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in clauses
    )


SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def subject(verb: Token) -> list[Token]:
    """The verb's subject; a coordinated cue ("warned that ... and said ...") shares
    the subject of the cue verb it hangs from, even when the parser hangs it inside
    the first clause."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    node = verb
    while not subjects and node.dep_ in ("conj", "ccomp") and node.head != node:
        node = node.head
        if node.lemma_.lower() in CUE_VERBS:
            subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ == "conj":  # "arrived and said": the shared subject
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ in _BORROWING:
        subjects = _borrowed_subject(verb)
    return subjects


# A participle or infinitive has the subject of the clause it hangs from: "spoke
# on Monday, saying that ...", "tweeted to say ...", "were likely to say ...",
# "made headlines by calling ...", "visited the front, and spoke, saying ...".
_BORROWING = ("advcl", "xcomp", "pcomp")
_CLIMBING = ("advcl", "xcomp", "pcomp", "prep", "acomp", "conj")


def _borrowed_subject(verb: Token) -> list[Token]:
    if verb.tag_ not in ("VBG", "VB") or (
        verb.tag_ == "VB" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return []
    node = verb
    for _ in range(3):
        if node.dep_ not in _CLIMBING or node.head == node:
            return []
        node = node.head
        found = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found:
            return found
    return []


def speaker_phrase(
    verb: Token, regions: list[QuoteRegion], avoid: Span | None, doc_text: str
) -> Span | None:
    """The speaker as written: the verb's subject, widened to the words between it
    and the verb ("Rebel leaders in east Aleppo"), without quoted or content text."""
    if is_passive(verb):  # "Trump was asked if ...": the asker is the agent, if named
        agents = [c for c in verb.children if c.dep_ == "agent"]
        objects = [g for a in agents for g in a.children if g.dep_ == "pobj"]
        return tokens_span(list(objects[0].subtree)) if objects else None
    subjects = subject(verb)
    if not subjects and verb.dep_ == "acl" and (verb.tag_ == "VBG" or _misread_finite(verb)):
        return _modified_speaker(verb, regions, avoid, doc_text)
    if not subjects:
        return _relative_speaker(verb, doc_text) or postposed_speaker(verb, doc_text)
    tokens = [t for s in subjects for t in s.subtree]
    first = min(t.i for t in tokens)
    own = all(s.head == verb for s in subjects)
    if own and first < verb.i:  # preposed: everything from the subject up to the verb
        tokens = [verb.doc[i] for i in range(first, verb.i)]
    tokens = [
        t
        for t in tokens
        if not inside(t, regions) and not (avoid is not None and avoid.start <= t.idx < avoid.end)
    ]
    subject_tokens = {t.i for s in subjects for t in s.subtree}
    # Between the subject and the verb, auxiliaries and adverbs ("have repeatedly")
    # are not part of who spoke.
    tokens = [
        t
        for t in tokens
        if t.i in subject_tokens or t.dep_ not in ("aux", "auxpass", "advmod", "neg", "cc", "prt")
    ]
    expletive = ("there",) if verb.tag_ != "VBN" else ("it", "there")  # not "it is said"
    if not tokens or all(t.lower_ in expletive for t in tokens):
        return None
    span = trim(doc_text, *bounds(tokens))
    text = span.text(doc_text)
    # Cut a trailing adverb of time or manner ("Yazan also") and leading "But".
    text_stripped = re.sub(r"\s+(?:also|then|later|now|again|too|however)$", "", text)
    span = Span(span.start, span.start + len(text_stripped))
    lead = re.match(r"^(?:but|and|however|yet|so|still)\W+", text, re.IGNORECASE)
    if lead:
        span = Span(span.start + lead.end(), span.end)
    return span if len(span) > 0 else None


# Words of a noun phrase ("a source close to the army", "two senior officials").
_NOMINAL = frozenset("DET ADJ ADV NOUN PROPN ADP NUM PART".split())


def is_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


_AGENT_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Nouns that can speak through a participle: people by role, groups, and the
# polls and records that show something.
_SPEAKING_NOUNS = ROLE_NOUNS | EVIDENCE_NOUNS | WordList("speaking_nouns")


def _modified_speaker(
    verb: Token, regions: list[QuoteRegion], avoid: Span | None, doc_text: str
) -> Span | None:
    """ "a new poll showing ...", "911 calls saying ...": the noun the participle
    modifies speaks; but "issued a statement saying ..." is the issuer's, through
    the statement."""
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = noun.lemma_.lower()
    if not (noun.ent_type_ in _AGENT_ENTITIES or lemma in _SPEAKING_NOUNS | CHANNEL_NOUNS):
        return None  # "a microphone telling ...", "concern that ... was encouraging"
    if lemma in CHANNEL_NOUNS:
        issuing = noun.head
        return speaker_phrase(issuing, regions, avoid, doc_text) if issuing != noun else None
    tokens = [t for t in noun.subtree if t.i < verb.i and not inside(t, regions)]
    return trim(doc_text, *bounds(tokens)) if tokens else None


def _misread_finite(verb: Token) -> bool:
    """ "one lawmaker called Trump “the orange prince”": a participle with two
    objects after it is a finite verb the parser took for one ("a man called
    John" has a single object)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd") and c.i > verb.i]
    return verb.tag_ in ("VBD", "VBN") and len(objects) >= 2


def _relative_speaker(verb: Token, doc_text: str) -> Span | None:
    """ "Sanders, who sits at zero endorsements, said ...": the parser makes the
    relative clause an adverbial one holding the speaker as a second subject."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.i > verb.i:
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        relative = [s for s in subjects if s.lower_ in ("who", "which")]
        named = [s for s in subjects if s.pos_ in ("PROPN", "NOUN") and s.i < clause.i]
        if relative and named and named[0].i < relative[0].i:
            return tokens_span(list(named[0].subtree))
    return None


def postposed_speaker(verb: Token, doc_text: str) -> Span | None:
    """ "..., a source close to the army said.": when the parser loses the subject of
    a postposed cue (it hangs "a source" on the clause before), the noun phrase
    between the last comma and the verb is the speaker; so is a noun phrase that
    opens the sentence ("About 4 in 10 say ...", which it reads as a number)."""
    words: list[Token] = []
    for token in reversed(verb.doc[max(0, verb.i - 12) : verb.i]):
        if token.text == ",":
            break
        if token.pos_ not in _NOMINAL and token.text != "-":
            return None
        words.insert(0, token)
        if token.is_sent_start:
            break
    else:
        return None  # no comma and no sentence start: not a speaker's phrase
    if not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return None
    return trim(doc_text, *bounds(words))


def antecedent(relative_verb: Token, doc_text: str) -> Span | None:
    """ "the senator, who said that ...": the relative pronoun's antecedent speaks."""
    noun = relative_verb.head
    clause = {t.i for t in relative_verb.subtree}
    tokens = [t for t in noun.subtree if t.i not in clause and t.i <= relative_verb.i]
    return trim(doc_text, *bounds(tokens)) if tokens else None


def bounds(tokens: list[Token]) -> tuple[int, int]:
    span = tokens_span(tokens)
    return span.start, span.end


def recipient_and_channel(verb: Token, text: str) -> tuple[Span | None, Span | None]:
    recipient = channel = None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and verb.lemma_ == "tell":
            recipient = tokens_span(list(child.subtree))
        elif child.dep_ == "prep" and child.lower_ == "to" and recipient is None:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                recipient = tokens_span(list(objs[0].subtree))
        elif child.dep_ == "prep" and child.lower_ in CHANNEL_PREPS:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and any(t.lower_ in CHANNEL_NOUNS for t in objs[0].subtree):
                channel = tokens_span(list(objs[0].subtree))
    if recipient is not None:
        recipient = strip_article(text, recipient)
    return recipient, channel


def strip_article(text: str, span: Span) -> Span:
    if text[span.start : span.start + 4].lower() == "the ":
        return Span(span.start + 4, span.end)
    return span


def strip_that(text: str, span: Span) -> Span:
    lead = re.match(r"that\s+", span.text(text), re.IGNORECASE)
    return Span(span.start + lead.end(), span.end) if lead else span


def cue_span(verb: Token) -> Span:
    return Span(verb.idx, verb.idx + len(verb.text))
