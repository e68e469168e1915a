"""Where a sentence places its event: which of the places it names."""

from __future__ import annotations

import re
from typing import Any, Protocol

from sayso.events.places import lookup
from sayso.model import Span

Token = Any  # spacy.tokens.Token: spaCy ships no type stubs
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
MAX_DEPTH = 30  # guards the walk to the root against a malformed parse
# "the Britain-based monitor", "Iran-backed militias": who, not where
_MODIFIER = re.compile(r"[-‐–]\s?(?:based|backed|led|run|held|controlled|allied|aligned)\b")
# (geonames id unknown, not a part, mention, place id, a country)
Mention = tuple[bool, bool, Span, str, bool]


class Mentions(Protocol):
    """The article's place mentions, indexed (sayso.events.extract._Index)."""

    mentions: list[Mention]
    text: str  # the document's text, read once (Doc.text joins every token per call)

    @property
    def by_mention(self) -> Any: ...


def where_of(
    token: Token, sentence: Span, index: Mentions, content: Span | None = None
) -> tuple[Span | None, str | None]:
    """The place the sentence gives the event: one not written as close by
    ("Aqarib, 30 km east of Salamiyah") nor as holding the next ("Afrin's
    Jandairis"); a place the gazetteer knows before one it does not ("west of
    the Fawik River" in east Aleppo); a place inside the words of an account
    before one in its speaker ("Rebel leaders in east Aleppo claim ..."); one
    named in the trigger's phrase ("shelled the market in Kupiansk"), the part
    of a city before the city, else the first in the sentence. Never the
    dateline, where the wounded were taken, nor a capital speaking for its
    government ("Moscow said")."""
    # the trigger's phrase without its subject: "its allies, which include Russia,
    # pushed the rebels out of a-Shaar" happened in a-Shaar
    subjects = {t.i for c in token.children if c.dep_ in _SUBJECTS for t in c.subtree}
    starts = {t.idx for t in token.subtree if t.i not in subjects}
    found = [index.mentions[i] for i in index.by_mention.within(sentence)]
    text = index.text
    found = [
        item
        for item in found
        if not _describes_a_speaker(token, item[2])
        and not _taken_to(token, item[2])
        and not speaks(text, item[2])
        and not _MODIFIER.match(text, item[2].end)
    ]
    starts = {item[2].start for item in found}
    found.sort(
        key=lambda item: (
            written_near(text, item[2]),  # "Aqarib, 30 km east of Salamiyah": Aqarib
            holds_another(text, item[2], starts),  # "Afrin's Jandairis": Jandairis
            item[0],
            content is not None and not content.contains(item[2]),
            item[4],  # a town before a country: "US-Saudi warplanes" ... "in Beit al-Faqih"
            item[2].start not in starts,
            item[1],  # "Aleppo's central a-Shaar district": the part, not the city
            item[2].start,
        )
    )
    return (found[0][2], found[0][3]) if found else (None, None)


# Where the wounded were taken: "some of whom were transferred to
# hospitals in Turkey through the Bab al-Hawa crossing" did not happen there.
_TAKING = frozenset("transfer take rush evacuate transport admit send airlift treat".split())


def _taken_to(token: Token, mention: Span) -> bool:
    """The place is where someone was taken ("transferred to hospitals in Turkey"):
    it is in a clause of taking beside the trigger's."""
    words = token.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    node = words.root
    for _ in range(MAX_DEPTH):
        if node.head.i == node.i or node.head.i == token.i:
            return False
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in _TAKING:
            # a clause of its own, not one the trigger is part of ("took
            # advantage of a lull ... after the rebels stalled the offensive")
            return node.i not in {t.i for t in token.ancestors}
    return False


def _describes_a_speaker(token: Token, mention: Span) -> bool:
    """The place is in an aside, set off by a comma, about the subject of a verb
    above the trigger: "the Observatory, an operation run out of a house in
    Coventry, claimed 40 were killed" did not happen in Coventry, nor what is
    told "according to a military source in Damascus" in Damascus ("Rebel leaders
    in east Aleppo claim ..." still places the claim's events in east Aleppo)."""
    words = token.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    node = words.root
    if node.dep_ in ("dobj", "dative") and node.head.lemma_.lower() == "tell":
        return True  # "a medical official told Xinhua": whom it was told, not where
    for _ in range(MAX_DEPTH):
        if node.head.i == node.i or node.i == token.i:
            return False
        if node.lower_ == "according":  # "according to a military source in Damascus"
            return True
        if node.dep_ in _SUBJECTS and node.head.i != token.i:
            low, high = sorted((node.i, words.root.i))
            aside = any(t.text == "," for t in token.doc[low:high])
            return aside and token.i in {t.i for t in node.head.subtree}
        node = node.head
    return False


_NEAR_BEFORE = re.compile(
    r"\b(?:(?:near|outside|around|nearby|countryside\s+of"
    # "a rebel-held suburb of Damascus", "the suburbs of Aleppo" (not "the Damascus
    # suburb of Douma": that is Douma)
    r"|(?:a|an|one|another)\s+(?:[\w-]+\s+){0,2}?suburb\s+of|suburbs\s+of"
    # "a town in the enclave of Afrin": somewhere in the area named for the town
    r"|(?:enclave|region|area|canton|pocket)\s+of)\s+(?:the\s+)?"
    r"|(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west"
    r"|south-east|south-west)\s+of\s+(?:the\s+)?"
    # "southwest of the city of Afrin": the city is the point measured from
    r"(?:(?:city|town|village|provincial\s+capital)\s+of\s+)?)$",
    re.IGNORECASE,
)
# "on the edge of Teir Maalla" is Teir Maalla; "on the outskirts of Damascus" is
# a suburb: only a city this big has outskirts that are other towns
_EDGE_BEFORE = re.compile(r"\b(?:outskirts|edge)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_NEAR_AFTER = re.compile(r"^['’]?s?\s+(?:outskirts|suburbs?|countryside|environs)\b", re.IGNORECASE)
# "the Jaramanah suburb": the suburb is Jaramanah ("the Damascus suburb of Jobar" is
# Jobar, and "the Damascus suburb" one of the city's: no city this big is a suburb)
_NAMED_SUBURB = re.compile(r"^\s+suburb\b(?!\s+of\b)", re.IGNORECASE)
_CITY_POPULATION = 500_000


def written_near(text: str, at: Span) -> bool:
    """The place is written as somewhere close by: "near Aleppo", "east of
    Damascus", "the Damascus suburbs", "on the outskirts of Damascus" (of a city
    of 500,000 or more: "on the edge of Teir Maalla" is there)."""
    after = text[at.end : at.end + 16]
    if text[max(0, at.start - 4) : at.start].lower() == "the " and _NAMED_SUBURB.match(after):
        known = lookup(text[at.start : at.end])
        if known is None or known.population < _CITY_POPULATION:
            return False
    before = text[max(0, at.start - 44) : at.start]
    if _EDGE_BEFORE.search(before):
        known = lookup(text[at.start : at.end])
        return known is not None and known.population >= _CITY_POPULATION
    return bool(_NEAR_BEFORE.search(before) or _NEAR_AFTER.match(after))


# "Damascus rejects ...", "Moscow said ...": a capital standing for its government
_SPEAKS = re.compile(
    r"['’]?\s+(?:has\s+|have\s+|also\s+)?(?:reject|den(?:y|ies|ied)|sa(?:y|id)|warn|accuse"
    r"|condemn|slam|dismiss|blame|urge|vow|insist|claim|respond|announce|call(?:s|ed)?\s+on)"
    # "Ankara's offensive", "Moscow's jets": the state's, not the place's
    r"|['’]s\s+(?:military\s+|air\s+|ground\s+)?(?:offensive|forces|troops|army|campaign"
    r"|operation|intervention|warplanes|jets|air\s+force|government|allies|backing|support)\b",
    re.IGNORECASE,
)


def speaks(text: str, at: Span) -> bool:
    """The place stands for its government, the subject of a verb of saying or
    the owner of an army ("Damascus rejects claims", "Moscow said", "Ankara's
    offensive"), not where anything happened."""
    return bool(_SPEAKS.match(text, at.end, at.end + 24))


# "a medical official at al-Jumhouri hospital in Saada city": where the speaker's
# hospital is, that the dead and wounded were brought to ("shelled the Saudi
# Hospital in El-Fasher" is where)
_AT_HOSPITAL = re.compile(
    r"\b(?:official|doctor|physician|surgeon|nurse|director|medic|source|worker|spokes\w+)"
    r"\s+(?:at|from|in)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:hospital|clinic|morgue|medical\s+cent(?:er|re))\s+in\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.IGNORECASE,
)


def not_where(text: str, at: Span) -> bool:
    """A mention that does not say where an event happened: close by, a
    government speaking, or where a speaker's hospital is."""
    return (
        written_near(text, at)
        or speaks(text, at)
        or _AT_HOSPITAL.search(text[max(0, at.start - 48) : at.start]) is not None
    )


_POSSESSIVE = re.compile(r"['’]s?\s+")


def holds_another(text: str, at: Span, starts: set[int]) -> bool:
    """The place is written as holding the next ("Afrin's Jandairis", "Syria's
    Hama"): the next is where."""
    found = _POSSESSIVE.match(text, at.end)
    return found is not None and found.end() in starts
