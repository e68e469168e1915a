"""Accounts whose source is not written: a hedged appearance ("the fax machine
appears to have been broken"), a question put to someone ("Asked whether he would
run, ..."), and a refusal to speak ("The ministry declined to comment").

PolNeAR annotates all three as attributions. Their speaker is unknown (the
question's asker, the writer who hedges) or the subject who refused; their
confidence is low, so that a threshold can leave them out.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.model import Span
from sayso.nlp.finder_base import ArticleParse, Found
from sayso.nlp.syntax import Token, bounds, cue_span, inside, speaker_phrase, subject, trim

# "X seems to Y", "X appeared to Y": the writer's hedge, with no source.
_APPEARANCE = frozenset({"seem", "appear"})
# What something appears to be: "to have declined", "irritated", "a threat".
_APPEARING = ("xcomp", "acomp", "attr", "oprd", "ccomp")
# "Asked whether/if/what ..., she said": the question is reported.
_QUESTION_WORDS = frozenset("whether if what why how when where who which".split())
# What someone declines or refuses to do that is itself speaking.
_SPEAKING = frozenset(
    "comment speak say answer respond discuss elaborate confirm specify address talk"
    " identify interview name".split()
)
_REFUSING = frozenset({"decline", "refuse"})
_SUBJECTS = ("nsubj", "nsubjpass")


def _to_clause(verb: Token) -> Token | None:
    """The verb's infinitive complement ("appears to have declined")."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(a.lower_ == "to" for a in child.children):
            return child
    return None


class SourcelessRules(ArticleParse):
    """Appearances, questions asked and refusals to speak, over one parsed article."""

    def sourceless(self, found: list[Found]) -> list[Found]:
        results: list[Found] = []
        taken = [f.content for f in found]
        for verb in self.doc:
            if verb.pos_ not in ("VERB", "AUX") or inside(verb, self.regions):
                continue
            lemma = verb.lemma_.lower()
            if lemma in _APPEARANCE:
                item = self.appearance(verb)
            elif lemma == "ask":
                item = self.question(verb)
            elif lemma in _REFUSING:
                item = self.refusal(verb)
            else:
                continue
            if item is None:
                continue
            # A refusal holds what was not said ("declined to comment on the
            # report"): it replaces the speech act found inside it.
            if item.rule == "refusal" or not any(t.overlaps(item.content) for t in taken):
                results.append(item)
        return results

    def appearance(self, verb: Token) -> Found | None:
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
        what = trim(
            self.text, *bounds([t for c in verb.children if c.i > verb.i for t in c.subtree])
        )
        if subjects[0].lower_ == "it":
            return self._account(what, (), None, verb, "appearance")
        who = trim(self.text, *bounds(list(subjects[0].subtree)))
        if not who.end <= verb.idx < what.start:
            return None
        return self._account(Span(who.start, what.end), (who, what), None, verb, "appearance")

    def question(self, verb: Token) -> Found | None:
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
                what = trim(self.text, *bounds(list(child.subtree)))
                return self._account(what, (), None, verb, "question")
        return None

    def refusal(self, verb: Token) -> Found | None:
        """ "The ministry declined to comment": a refusal to speak, by its subject."""
        clause = _to_clause(verb)
        if clause is None or clause.lemma_.lower() not in _SPEAKING or not subject(verb):
            return None
        what = trim(self.text, *bounds(list(clause.subtree)))
        speaker = speaker_phrase(verb, self.regions, what, self.text)
        if speaker is None:
            return None
        return self._account(what, (), speaker, verb, "refusal")

    def _account(
        self, content: Span, parts: tuple[Span, ...], speaker: Span | None, verb: Token, rule: str
    ) -> Found | None:
        if len(content) < 2:
            return None
        confidence = 0.5 if speaker is not None else 0.3
        found = self.reported_account(content, speaker, cue_span(verb), rule, confidence)
        return replace(found, parts=parts)


def without_refused(found: list[Found]) -> list[Found]:
    """Drop the accounts whose cue lies inside a refusal to speak: "declined to say
    how many were killed" says nothing of how many were."""
    refusals = [f.content for f in found if f.rule == "refusal"]
    return [
        f
        for f in found
        if f.rule == "refusal" or f.cue is None or not any(r.contains(f.cue) for r in refusals)
    ]
