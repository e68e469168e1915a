"""People, organisations and places, with general corrections to the small model.

en_core_web_sm often mislabels Arabic names ("Yazan al-Halabi" as a place,
"Aleppo" as a person). Rather than lists of names, these rules read the shape
of the name and its context:

- a capitalised run holding a name particle (al-, a-, Abu, Umm, bin, Abdel) is
  a person, unless a preposition of place comes right before it;
- a one-word mention that is the first or last word of a known full name is
  that person;
- every mention of the same string votes for a label, and place context
  ("in X", "east X", "X's central district") votes for a place;
- a name that opens with a common given name ("Carly Fiorina") votes for a person.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sayso.model import Entity, EntityLabel, Span, stable_id
from sayso.nlp.lexicon import COMPASS, FEMALE_NAMES, MALE_NAMES, NAME_PARTICLES, ROLE_NOUNS
from sayso.nlp.lexicons import WordList
from sayso.nlp.spanindex import SpanIndex
from sayso.nlp.stopwords import STOP_WORDS

# In the id of everything this stage makes: a new version, new ids (pipeline.STAGES).
ENTITIES_VERSION = "entities@1"

_PARTICLE_WORD = r"(?:[aAeE][lsdnrzt]?h?|[aA])-[A-Z][\w’']+"
_CAP_WORD = r"[A-Z][\w’'.]*(?:-[A-Z][\w’']+)?"
_NAME_RUN = re.compile(
    rf"(?<![\w-])(?:{_PARTICLE_WORD}|{_CAP_WORD}|bin|ibn|bint)"
    rf"(?:[ \t]+(?:{_PARTICLE_WORD}|{_CAP_WORD}|bin|ibn|bint))+"
)
_PLACE_PREPOSITIONS = WordList("place_prepositions")
_SPACY_LABELS: dict[str, EntityLabel] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    label: EntityLabel


def _has_particle(words: list[str]) -> bool:
    for word in words:
        lower = word.lower()
        if lower in NAME_PARTICLES or re.match(_PARTICLE_WORD, word):
            return True
        if lower.startswith(("abdel", "abdul", "abd-")):
            return True
    return False


def _previous_word(text: str, start: int) -> str:
    before = re.findall(r"[\w’'-]+", text[max(0, start - 30) : start])
    return before[-1].lower() if before else ""


def particle_names(text: str) -> list[Mention]:
    """Capitalised runs with a name particle: people, by the shape of the name."""
    found: list[Mention] = []
    for match in _NAME_RUN.finditer(text):
        words = match.group(0).split()
        start = match.start()
        # A sentence-initial word or a capitalised role ("Opposition activist X")
        # is not part of the name: trim from the left until a particle run remains.
        while len(words) > 1 and not _starts_name(words):
            start += len(words[0]) + (match.group(0)[len(words[0]) :].find(words[1]))
            words = words[1:]
        if len(words) < 2 or not _has_particle(words):
            continue
        end = start + len(" ".join(words))
        if text[start:end] != " ".join(words):
            end = match.end()
        end = _strip_possessive(text, start, end)
        if _previous_word(text, start) in _PLACE_PREPOSITIONS:
            continue
        found.append(Mention(Span(start, end), "PERSON"))
    return found


def _starts_name(words: list[str]) -> bool:
    first = words[0].lower().strip("’'")
    return first not in ROLE_NOUNS and first not in STOP_WORDS and first not in _DESCRIPTIVE


# Capitalised at the start of a sentence, but descriptors, not names.
_DESCRIPTIVE = WordList("descriptive_words")


def _word_end(ent: Any) -> int:
    """Where the entity's last word ends: the model sometimes takes the full stop
    or the line break after a name with it ("Timbuktu." at a sentence's end)."""
    words = [t for t in ent if not (t.is_punct or t.is_space)] or list(ent)
    return int(words[-1].idx + len(words[-1].text))


def _strip_possessive(text: str, start: int, end: int) -> int:
    for suffix in ("’s", "'s"):
        if text[start:end].endswith(suffix):
            return end - len(suffix)
    return end


def _place_context(text: str, span: Span) -> bool:
    prev = _previous_word(text, span.start)
    after = text[span.end : span.end + 40].lower()
    # "according to X" names a source, not a destination.
    source = re.search(r"according\s+to\s*$", text[max(0, span.start - 20) : span.start], re.I)
    return (
        prev in COMPASS
        or (prev in _PLACE_PREPOSITIONS and source is None)
        or bool(re.match(r"[’']s\s+(?:\w+\s+)?(?:district|neighbou?rhood|province|city)", after))
    )


def spacy_mentions(doc: Any) -> list[Mention]:
    mentions = []
    text = doc.text  # a property that joins every token: read it once
    for ent in doc.ents:
        label = _SPACY_LABELS.get(ent.label_)
        span = Span(ent.start_char, _strip_possessive(text, ent.start_char, _word_end(ent)))
        if label is None and ent.label_ in ("NORP", "WORK_OF_ART", "LANGUAGE"):
            # "west Aleppo" tagged NORP, "Aleppo’s" tagged WORK_OF_ART: places by context.
            words = ent.text.split()
            if (words and words[0].lower() in COMPASS and len(words) > 1) or _place_context(
                text, span
            ):
                label = "PLACE"
        if label is not None:
            mentions.append(_adjust(text, span, label))
    return mentions


_LEFT_PARTICLE = re.compile(r"(?:\b(?:al|el|a|as|ash|ad|an|ar|az|at)-)$")
_LEFT_COMPASS = re.compile(r"\b(?:east|west|north|south|eastern|western|northern|southern) $", re.I)
_LEFT_POSSESSIVE = re.compile(r"\b[A-Z][\w-]+[’']s $")
_RIGHT_ROLE = re.compile(r"^\s+(\w+)")


def _adjust(text: str, span: Span, label: EntityLabel) -> Mention:
    """Fix the edges and label of one model mention by the text around it."""
    start, end = span.start, span.end
    if text[start : start + 4].lower() == "the ":
        start += 4  # "the Syrian Voice" -> "Syrian Voice"
    before = text[max(0, start - 8) : start]
    particle = _LEFT_PARTICLE.search(before)
    if particle:  # the model cuts "a-Shaar" to "Shaar"
        start -= len(particle.group(0))
    compass = _LEFT_COMPASS.search(text[max(0, start - 10) : start])
    if compass and label == "PLACE":  # "east Aleppo" is a part of the city
        start -= len(compass.group(0))
    owner = _LEFT_POSSESSIVE.search(text[max(0, start - 30) : start])
    if owner and label == "ORG":  # "Russia’s Defence Ministry": whose ministry it is
        start -= len(owner.group(0))
    role = _RIGHT_ROLE.match(text[end : end + 30])
    if role and role.group(1).lower() in ROLE_NOUNS and " " not in text[start:end]:
        label = "ORG"  # "al-Mayadeen correspondent", "Reuters reporter": an outlet
    return Mention(Span(start, end), label)


def _key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def collect_entities(doc: Any, article_id: str) -> tuple[Entity, ...]:
    """Entities of the article, corrected and merged by name."""
    text = doc.text
    people = particle_names(text)
    by_shape = SpanIndex(p.span for p in people)
    mentions = [m for m in spacy_mentions(doc) if not by_shape.any_overlaps(m.span)]
    mentions += people
    shaped = set(people)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    spans: dict[str, list[Span]] = defaultdict(list)
    for m in mentions:
        key = _key(m.span.text(text))
        votes[key][m.label] += 2 if m in shaped else 1
        if m.label != "PLACE" and _place_context(text, m.span):
            votes[key]["PLACE"] += 2
        if m.label == "ORG" and _given_name_first(key):
            votes[key]["PERSON"] += 2  # "Carly Fiorina" tagged ORG
        spans[key].append(m.span)
    full_names = [k for k, v in votes.items() if v.most_common(1)[0][0] == "PERSON" and " " in k]
    entities: list[Entity] = []
    for key, counter in votes.items():
        label = counter.most_common(1)[0][0]
        if " " not in key and any(_is_part_of_name(key, full) for full in full_names):
            label = "PERSON"
        name = spans[key][0].text(text)
        entities.append(
            Entity(
                id=stable_id("ent", article_id, ENTITIES_VERSION, label, key),
                label=label,  # type: ignore[arg-type]
                name=name,
                aliases=(),
                mentions=tuple(sorted(spans[key])),
            )
        )
    return _add_name_parts(merge_aliases(entities, text, article_id), text)


def _given_name_first(key: str) -> bool:
    """Two or three words opening with a common given name: a person's name."""
    words = key.split()
    return 2 <= len(words) <= 3 and words[0] in MALE_NAMES | FEMALE_NAMES


def _add_name_parts(entities: tuple[Entity, ...], text: str) -> tuple[Entity, ...]:
    """A full name's last word ("Haddad"), written alone elsewhere, is that person,
    whether or not the model tagged it there."""
    taken = SpanIndex(m for e in entities for m in e.mentions)
    words_at = _words_at(text)  # one pass over the page, not one per person
    result = []
    for entity in entities:
        words = entity.name.split()
        if entity.label == "PERSON" and len(words) == 1:
            entity = _complete_name(entity, text, words_at)
            words = entity.name.split()
        if entity.label != "PERSON" or len(words) < 2:
            result.append(entity)
            continue
        found = []
        for part in dict.fromkeys((words[0], words[-1])):
            if part.lower() in STOP_WORDS or part.lower() in NAME_PARTICLES or len(part) < 3:
                continue
            found += [s for s in _written(part, text, words_at) if not taken.any_overlaps(s)]
        aliases = tuple(dict.fromkeys(entity.aliases + tuple(s.text(text) for s in found)))
        result.append(
            Entity(
                id=entity.id,
                label=entity.label,
                name=entity.name,
                aliases=aliases,
                mentions=tuple(sorted(set(entity.mentions + tuple(found)))),
            )
        )
    return tuple(result)


# A word as a name part is written: letters, digits and hyphens, not right after
# another word's letters, hyphen or apostrophe ("Haddad" in "Haddad's", not in
# "al-Haddad" or "O'Haddad").
_WORD = re.compile(r"(?<![\w’'-])[\w-]+")
_WORD_CHARS = re.compile(r"[\w-]+")


def _words_at(text: str) -> dict[str, list[Span]]:
    """Where each word of the page is written."""
    out: dict[str, list[Span]] = {}
    for match in _WORD.finditer(text):
        out.setdefault(match.group(), []).append(Span(match.start(), match.end()))
    return out


def _written(word: str, text: str, words_at: dict[str, list[Span]]) -> list[Span]:
    """Where ``word`` is written as a word of its own."""
    if _WORD_CHARS.fullmatch(word):
        return words_at.get(word, [])
    pattern = rf"(?<![\w’'-]){re.escape(word)}(?![\w-])"  # "O'Brien": no word of the index
    return [Span(m.start(), m.end()) for m in re.finditer(pattern, text)]


_FIRST_WORD = re.compile(r"([A-Z][\w’'-]+)$")


def _complete_name(entity: Entity, text: str, words_at: dict[str, list[Span]]) -> Entity:
    """ "Haddad" tagged alone, "Samer Haddad" written once: the full name is the name."""
    for at in _written(entity.name, text, words_at):
        if at.start < 2 or text[at.start - 1] != " ":
            continue
        before = _FIRST_WORD.search(text, max(0, at.start - 80), at.start - 1)
        if before is None or (before.start() and re.match(r"[\w-]", text[before.start() - 1])):
            continue
        first = before.group(1)
        if first.lower() in STOP_WORDS or first.lower() in ROLE_NOUNS or first.isupper():
            continue
        span = Span(before.start(), at.end)
        return Entity(
            id=entity.id,
            label=entity.label,
            name=text[span.start : span.end],
            aliases=(entity.name, *entity.aliases),
            mentions=tuple(sorted({span, *(m for m in entity.mentions if not m.overlaps(span))})),
        )
    return entity


def _is_part_of_name(word: str, full: str) -> bool:
    parts = full.split()
    return word in (parts[0], parts[-1])


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def merge_aliases(entities: list[Entity], text: str, article_id: str) -> tuple[Entity, ...]:
    """Fold short names into long ones: "Yazan" into "Yazan al-Halabi", "SAA" and
    "Syrian army" into "Syrian Arab Army", "Syrian voice" into "Syrian Voice"."""
    by_length = sorted(entities, key=lambda e: (-len(e.name), e.name))
    merged: list[Entity] = []
    for entity in by_length:
        target = next((m for m in merged if _is_alias(entity, m)), None)
        if target is None:
            merged.append(entity)
            continue
        index = merged.index(target)
        aliases = tuple(dict.fromkeys(target.aliases + (entity.name,)))
        merged[index] = Entity(
            id=target.id,
            label=target.label,
            name=target.name,
            aliases=tuple(a for a in aliases if a != target.name),
            mentions=tuple(sorted(set(target.mentions + entity.mentions))),
        )
    return tuple(sorted(merged, key=lambda e: e.mentions[0]))


def _is_alias(short: Entity, long: Entity) -> bool:
    if short.label != long.label and not (
        {short.label, long.label} == {"PERSON", "PLACE"} and long.label == "PERSON"
    ):
        return False
    s, full = _key(short.name), _key(long.name)
    if s == full:
        return True
    short_words, long_words = s.split(), full.split()
    if long.label == "PERSON":
        # "Yazan" or "Zein a-Din": the start or the end of the full name.
        n = len(short_words)
        return short_words in (long_words[:n], long_words[-n:])
    if short.name.isupper() and short.name == _acronym(long.name) and len(short.name) > 1:
        return True
    # "Syrian army" in "Syrian Arab Army": same head noun, words a subset.
    return (
        len(short_words) > 1
        and short_words[-1] == long_words[-1]
        and set(short_words) <= set(long_words)
    )
