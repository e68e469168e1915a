"""Accounts that a label introduces: "Speaker: ..." and "Speaker Says ..."
headlines, and the lines of an interview transcript ("TAPPER: ...")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sayso.model import Span
from sayso.nlp.lexicon import (
    ACCUSE_CUES,
    INTENT_CUES,
    NAMING_CUES,
    OBJECT_CUES,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from sayso.nlp.lexicons import WordList
from sayso.nlp.parsed import Found, ParsedArticle
from sayso.nlp.syntax import trim

if TYPE_CHECKING:
    from sayso.nlp.rules import Rule

_RUBRICS = WordList("rubrics")
_HEADLINE = re.compile(r"^(?P<speaker>[^:]{2,80}?):\s+(?P<rest>\S.*)$")
# A transcript line: "JAKE TAPPER: ...", "FALLIN: ...", the speaker in capitals.
_TRANSCRIPT = re.compile(r"(?P<speaker>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}):[ \t]+(?=\S)")
_NOT_SPEAKERS = _RUBRICS | WordList("not_speakers")

# "Francois Hollande Says Donald Trump ‘Makes You Want To Retch.’", "Putin chides
# Turkey": a headline that opens with its speaker and a verb of these.
_HEADLINE_CUES = (
    SPEECH_VERBS
    | OBJECT_CUES
    | ACCUSE_CUES
    | NAMING_CUES
    | INTENT_CUES
    | WordList("headline_verbs")
)
_HEADLINE_ADVERBS = WordList("headline_adverbs")
_NAME_LINKS = WordList("name_links")


def _verb_lemma(word: str) -> str | None:
    """The base form of a headline verb ("Slams", "Chides", "Denies", "Told")."""
    word = word.lower()
    irregular = {"says": "say", "said": "say", "tells": "tell", "told": "tell"}
    candidates = [irregular.get(word, word), word[:-1], word[:-2], word[:-3] + "y", word[:-3]]
    return next((c for c in candidates if c in _HEADLINE_CUES), None)


def transcript(p: ParsedArticle, rule: Rule) -> list[Found]:
    """Interview transcripts: a paragraph that opens with a speaker label in
    capitals ("TAPPER: And obviously, ...") is that speaker's words. A transcript
    has two labelled paragraphs at least, and a place is a dateline ("AMMAN:")."""
    labelled = []
    for para in p.paragraphs:
        match = _TRANSCRIPT.match(p.text, para.start, para.end)
        if match is None or p.where(para) == "title":
            continue
        words = {w.lower().strip(".") for w in match.group("speaker").split()}
        span = Span(match.start("speaker"), match.end("speaker"))
        if p.dateline is not None and p.dateline.contains(span):
            continue
        label = p.tokens_in(span)
        if words <= _NOT_SPEAKERS or any(t.ent_type_ in ("GPE", "LOC") for t in label):
            continue
        if len(p.text[match.end() : para.end].split()) < 2:
            continue
        labelled.append((para, match))
    return [] if len(labelled) < 2 else [transcript_line(p, *pair, rule) for pair in labelled]


def transcript_line(p: ParsedArticle, para: Span, match: re.Match[str], rule: Rule) -> Found:
    content = trim(p.text, match.end(), para.end)
    return Found(
        kind="direct",
        content=content,
        partial=None,
        speaker=Span(match.start("speaker"), match.end("speaker")),
        cue=None,
        recipient=None,
        channel=None,
        where="body",
        rule=rule.label,
        confidence=rule.confidence,
    )


def headline(p: ParsedArticle, rule: Rule) -> list[Found]:
    """ "Pro-regime journalist: ‘a large number’ of men ..." """
    if p.title is None:
        return []
    title = p.title.text(p.text)
    match = _HEADLINE.match(title)
    if not match or len(match.group("speaker").split()) > 6:
        return []
    speaker = Span(p.title.start, p.title.start + match.end("speaker"))
    written = match.group("speaker").split()
    words = {w.lower().strip(",.") for w in written}
    has_name = any(
        e.label_ in ("PERSON", "ORG")
        for e in p.doc.ents
        if speaker.contains(Span(e.start_char, e.end_char))
    )
    # A short capitalised name ("Trump:", "Wash Post Fact-Check:") the model missed.
    named = len(written) <= 4 and all(w[:1].isupper() for w in written)
    if words & _RUBRICS or not (words & ROLE_NOUNS or has_name or named):
        return []  # "Analysis: ..." is a rubric, not a speaker
    rest = Span(p.title.start + match.start("rest"), p.title.end)
    quoted = [r for r in p.regions if rest.contains(r.outer)]
    # A quote that is the whole rest of the headline is direct; inside it, partial.
    whole = len(quoted) == 1 and len(trim(p.text, rest.start, rest.end)) - len(quoted[0].outer) <= 1
    contents = [(r.content, "direct" if whole else "partial") for r in quoted] or [
        (rest, "indirect")
    ]
    return [
        Found(
            kind=kind,  # type: ignore[arg-type]
            content=trim(p.text, span.start, span.end),
            partial=None,
            speaker=speaker,
            cue=None,
            recipient=None,
            channel=None,
            where="title",
            rule=rule.label,
            confidence=rule.confidence,
        )
        for span, kind in contents
    ]


def headline_verb(p: ParsedArticle, rule: Rule) -> list[Found]:
    """ "Hillary Clinton Slams Donald Trump On Abortion": up to six capitalised
    words, a verb of speech or stance, and what follows it."""
    if p.title is None:
        return []
    words = list(re.finditer(r"\S+", p.title.text(p.text)))
    for i, word in enumerate(words[1:7], 1):
        if word.group().lower() in _HEADLINE_ADVERBS:
            continue
        speaker_words = [w.group() for w in words[:i]]
        speaker_words = [w for w in speaker_words if w.lower() not in _HEADLINE_ADVERBS]
        if not all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in speaker_words):
            return []
        if _verb_lemma(word.group()) is None or i + 1 >= len(words):
            continue
        start = p.title.start
        rest = p.through_quotes(trim(p.text, start + words[i + 1].start(), p.title.end))
        quoted = [r for r in p.regions if rest.contains(r.content)]
        last = max(k for k in range(i) if words[k].group().lower() not in _HEADLINE_ADVERBS)
        whole = len(quoted) == 1 and len(rest) - len(quoted[0].outer) <= 1
        return [
            Found(
                kind="direct" if whole else "mixed" if quoted else "indirect",
                content=quoted[0].content if whole else rest,
                partial=quoted[0].content if quoted and not whole else None,
                speaker=trim(p.text, start, start + words[last].end()),
                cue=Span(start + word.start(), start + word.end()),
                recipient=None,
                channel=None,
                where="title",
                rule=rule.label,
                confidence=rule.confidence,
            )
        ]
    return []
