"""Resolve speakers within the article and give each a side.

A speaker as written may be a full name, a surname ("Zein a-Din"), a pronoun
("he"), a role read back ("the activist"), an unnamed person named later
("a pro-regime journalist ... told" then "said correspondent Rida al-Basha"),
a headline label ("Pro-regime journalist:") or a group ("Rebel leaders").
"""

from __future__ import annotations

import re
from typing import Any

from sayso.model import UNKNOWN, Entity, Speaker, stable_id
from sayso.nlp import sides as side_rules
from sayso.nlp.lexicon import GROUP_PRONOUNS, PERSON_PRONOUNS, role_family
from sayso.nlp.parsed import Found
from sayso.nlp.readings import Resolved, SpeakerResolver, head_role
from sayso.nlp.rules import TRANSCRIPT
from sayso.nlp.sides import SideDictionary
from sayso.nlp.spanindex import SpanIndex
from sayso.nlp.voices import voice_of

# In the id of everything this stage makes: a new version, new ids (pipeline.STAGES).
SPEAKERS_VERSION = "speakers@1"

_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_POSSESSIVES = {"his": "he", "their": "they", "its": "it"}


def resolve_speakers(
    found: list[Found],
    doc: Any,
    entities: tuple[Entity, ...],
    sides: SideDictionary,
    article_id: str,
    outlet: str | None = None,
) -> tuple[tuple[Speaker, ...], list[str | None]]:
    """Speakers of the accounts, and for each account its speaker's id (or None);
    ``outlet`` is the article's, whose unnamed sources speak for its side."""
    resolver = SpeakerResolver(doc, entities, sides)
    readings: list[Resolved | None] = []
    for item in found:
        if item.speaker is None:
            readings.append(None)
        elif item.rule == TRANSCRIPT.label:
            readings.append(resolver.read_label(item.speaker))
        else:
            readings.append(resolver.read(item.speaker))
    _resolve_references(found, readings, resolver)
    return _build(readings, resolver, article_id, outlet)


def _resolve_references(
    found: list[Found], readings: list[Resolved | None], resolver: SpeakerResolver
) -> None:
    text = resolver.text
    contents: SpanIndex | None = None
    for i, (item, reading) in enumerate(zip(found, readings, strict=True)):
        if item.continues is not None:
            readings[i] = readings[item.continues]
            continue
        if reading is None or reading.name or reading.group or item.speaker is None:
            continue
        phrase = item.speaker.text(text).strip().lower()
        phrase = _POSSESSIVES.get(phrase, phrase)  # "his call for": he called
        if phrase in PERSON_PRONOUNS:
            if contents is None:  # built once: asked per pronoun
                contents = SpanIndex(f.content for f in found)
            mention = resolver.person_before(item.speaker.start, contents, phrase)
            readings[i] = resolver.read(mention) if mention else _last(readings[:i], group=False)
            readings[i] = readings[i] or reading
            resolver.learn_gender(readings[i], phrase)
        elif phrase in GROUP_PRONOUNS:
            readings[i] = _last(readings[:i], group=True) or reading
        elif phrase in _RELATIVE_PRONOUNS:
            # "the senator, who said that ...": the mention stays "who"; the antecedent speaks.
            readings[i] = resolver.read_antecedent(item.speaker) or reading
        elif phrase == "it" or phrase in _THE_BODY:
            readings[i] = _last_institution(readings[:i]) or reading
        elif re.fullmatch(
            r"(?:the|its|their|his|her) (?:statement|communiqu[eé]|post|report)", phrase
        ):
            # "the statement said": the words of whoever issued the statement just before.
            readings[i] = _last_named(readings[:i]) or reading
        elif phrase in _THE_MILITARY:
            readings[i] = _last_military(readings[:i]) or reading
        elif phrase in _THE_SOURCE:
            readings[i] = _last_source(readings[:i]) or reading
        elif phrase.startswith("the ") and head_role(phrase):
            readings[i] = _last_with_role(readings[:i], head_role(phrase)) or reading
        elif item.where == "body" and head_role(phrase):
            readings[i] = _named_next(found, readings, i, resolver) or reading
    for i, (item, reading) in enumerate(zip(found, readings, strict=True)):
        if item.where == "title" and reading is not None and not reading.name:
            readings[i] = _matching_body_speaker(reading, readings) or reading
    for reading, item in zip(readings, found, strict=True):
        if reading is not None and item.speaker and item.speaker not in reading.mentions:
            reading.mentions.append(item.speaker)
            reading.phrases.append(item.speaker.text(text))


def _last(readings: list[Resolved | None], *, group: bool) -> Resolved | None:
    for reading in reversed(readings):
        if reading is not None and (bool(reading.group) == group) and (reading.name or group):
            return reading
    return None


def _last_with_role(readings: list[Resolved | None], role: str | None) -> Resolved | None:
    """ "the activist": the last named speaker described by the same kind of role."""
    family = role_family(role) if role else frozenset()
    for reading in reversed(readings):
        if reading is None or not reading.name:
            continue
        if set(re.findall(r"[\w-]+", (reading.descriptor or "").lower())) & family:
            return reading
    return None


def _last_institution(readings: list[Resolved | None]) -> Resolved | None:
    """ "It said": the last organisation, unnamed body ("the Malian army") or body
    named as a group ("The Israel Defense Forces") that spoke."""
    for reading in reversed(readings):
        if reading is not None and (
            reading.organization
            or not (reading.name or reading.group)
            or _named_body(reading.group)
        ):
            return reading
    return None


# "the group said": the body that spoke before, as "it said"
_THE_BODY = frozenset({"the group", "the movement", "the organisation", "the organization"})
# "the military said": the armed body named before, if one spoke ("The Israel
# Defense Forces said ... the military said").
_THE_MILITARY = frozenset({"the military", "the army", "the armed forces"})
_MILITARY_WORDS = frozenset({"army", "military", "forces", "idf"})


# "the source said": the unnamed source that spoke before ("a military source
# told SANA ... the source added").
_THE_SOURCE = frozenset({"the source", "the same source", "the sources"})


def _last_source(readings: list[Resolved | None]) -> Resolved | None:
    for reading in reversed(readings):
        if reading is not None and not reading.name and "source" in (reading.descriptor or ""):
            return reading
    return None


def _last_military(readings: list[Resolved | None]) -> Resolved | None:
    for reading in reversed(readings):
        said = " ".join(filter(None, (reading.name, reading.group) if reading else ()))
        if reading is not None and set(re.findall(r"\w+", said.lower())) & _MILITARY_WORDS:
            return reading
    return None


def _named_body(group: str | None) -> bool:
    """A group that is a body's proper name: "The Israel Defense Forces", not
    "Rebel leaders in east Aleppo"."""
    bare = re.sub(r"^the\s+", "", group or "", flags=re.IGNORECASE)
    words = re.findall(r"[^\W\d_][\w’'-]*", bare)
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _last_named(readings: list[Resolved | None]) -> Resolved | None:
    for reading in reversed(readings):
        if reading is not None and (reading.name or reading.group):
            return reading
    return None


def _named_next(
    found: list[Found], readings: list[Resolved | None], i: int, resolver: SpeakerResolver
) -> Resolved | None:
    """An unnamed speaker whose account is followed, in the next paragraph, by a named
    speaker of the same kind of role and no other side: the same person."""
    this, phrase = readings[i], found[i].speaker
    role = head_role(phrase.text(resolver.text)) if phrase is not None else None
    if this is None or role is None:
        return None
    para = found[i].content.end
    for item, later in zip(found[i + 1 :], readings[i + 1 :], strict=True):
        gap = resolver.text[para : item.content.start].count("\n\n")
        if gap > 1 or later is None:
            break
        later_role = head_role(later.descriptor or "")
        if later.name and later_role in role_family(role):
            side, _ = resolver.side(this)
            later_side, _ = resolver.side(later)
            if UNKNOWN in (side, later_side) or side == later_side:
                later.phrases.extend(this.phrases)
                return later
        if later.name:
            break
    return None


def _matching_body_speaker(title: Resolved, readings: list[Resolved | None]) -> Resolved | None:
    words = set(re.findall(r"[\w-]+", (title.descriptor or "").lower()))
    for reading in readings:
        if reading is None or reading is title or not reading.name:
            continue
        for phrase in reading.phrases:
            if words and words <= set(re.findall(r"[\w-]+", phrase.lower())):
                return reading
    return None


# "the source", "a military source", "a source in the local administration":
# one unnamed source, not "local sources" or "sources close to ..."
_SOURCE = re.compile(r"^(?:the|a|an)\s+(?:[\w-]+\s+){0,2}source\b", re.IGNORECASE)


def _unnamed_source(reading: Resolved) -> bool:
    said = [reading.descriptor or "", *reading.phrases]
    return not (reading.name or reading.group) and any(_SOURCE.match(p) for p in said)


def _named_unplaced(reading: Resolved) -> bool:
    """A person named with nothing of a side ("Vladimir Kuzmin, a member of the
    region's administration", told TASS): no state, no leader, no body."""
    phrases = (reading.descriptor, reading.affiliation, *reading.phrases)
    return (
        bool(reading.name)
        and not reading.group
        and not reading.organization
        and not side_rules.states_speaking(phrases)
        and voice_of(reading.name or "", phrases) is None
    )


def _by_role_only(reading: Resolved, resolver: SpeakerResolver) -> bool:
    """A person, named or not, whose side came from a generic role alone
    ("Brigadier General Hamid al-Murtada", "spokesman Muhammad al-Dimashqi", "a
    local official"), no state or voice named."""
    phrases = (reading.descriptor, reading.affiliation, *reading.phrases)
    match = resolver.sides.side_of(*phrases)
    return (
        # a group only by a generic role: "Security sources", "military sources"
        (not reading.group or not resolver.sides.side_of(reading.group).strong)
        and not match.strong
        and not side_rules.states_speaking(phrases)
        and (not reading.name or voice_of(reading.name, phrases) is None)  # not Assad
    )


def _key(reading: Resolved) -> str:
    return f"{reading.name}|{reading.group}|{'' if reading.name else reading.descriptor}"


def _kind(reading: Resolved) -> str:
    if reading.group:
        return "group"
    if reading.organization:
        return "organization"
    return "person" if reading.name else "unnamed"


def _merge(readings: list[Resolved]) -> Resolved:
    """One reading of a speaker from all its readings: every mention, every phrase."""
    first = readings[0]
    merged = Resolved(
        name=first.name,
        group=first.group,
        organization=first.organization,
        descriptor=next((r.descriptor for r in readings if r.descriptor), None),
        affiliation=next((r.affiliation for r in readings if r.affiliation), None),
    )
    for reading in readings:
        merged.mentions.extend(m for m in reading.mentions if m not in merged.mentions)
        merged.phrases.extend(p for p in reading.phrases if p not in merged.phrases)
    return merged


def _build(
    readings: list[Resolved | None],
    resolver: SpeakerResolver,
    article_id: str,
    outlet: str | None = None,
) -> tuple[tuple[Speaker, ...], list[str | None]]:
    by_key: dict[str, list[Resolved]] = {}
    for reading in readings:
        if reading is not None:
            by_key.setdefault(_key(reading), []).append(reading)
    speakers: dict[str, Speaker] = {}
    for key, group in by_key.items():
        reading = _merge(group)
        speaker_id = stable_id("spk", article_id, SPEAKERS_VERSION, key)
        side, evidence = resolver.side(reading)
        if outlet and (
            (side == UNKNOWN and (_unnamed_source(reading) or _named_unplaced(reading)))
            or (side == "government" and _by_role_only(reading, resolver))
        ):
            # state or party media's "the source", "a military source", and the
            # official or commander it names by a generic role only: its side's
            home = resolver.home()
            voice = side_rules.outlet_voice((outlet,), home)
            if voice is None and side == "government":
                voice = side_rules.outlet_state(outlet, home)
            side, evidence = voice or (side, evidence)
        speakers[key] = Speaker(
            id=speaker_id,
            name=reading.name,
            group=reading.group,
            mentions=tuple(sorted(set(reading.mentions))),
            descriptor=reading.descriptor,
            affiliation=reading.affiliation,
            side=side,
            side_evidence=evidence,
            entity_id=next(
                (p.entity.id for p in resolver.people if p.entity.name == reading.name),
                next((o.id for o in resolver.orgs if o.name == reading.name), None),
            ),
            kind=_kind(reading),  # type: ignore[arg-type]
        )
    ids = [speakers[_key(r)].id if r is not None else None for r in readings]
    return tuple(speakers.values()), ids
