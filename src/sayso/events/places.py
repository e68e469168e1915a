"""Places: every place the article names, geocoded offline, with a precision.

The gazetteer is GeoNames (CC BY 4.0), offline (:mod:`sayso.events.gazetteer`):
the cities of 15,000 people or more, the settlements of 500 or more of the
conflict countries, the countries, the US states, and the governorates,
provinces, oblasts and states of the conflict countries
(:mod:`sayso.events.regions`). Nothing is downloaded. A name the gazetteer
does not know as written may be a spelling of one it knows ("Deir al-Zour",
"Mayadeen", "Kafranbel": :mod:`sayso.events.variants`), looked for only inside
the countries the article is about. A part of a city the gazetteer does not
know resolves to the city, at town precision (a settlement's point), with
``part_of`` saying so: "east Aleppo" by its direction word, "Aleppo's central
a-Shaar district" by the city that owns it. "the southern Idlib countryside",
"Idlib province", "eastern Hama" are the governorate, at region precision. A
name the gazetteer does not know at all stays ``unknown``, with no
coordinates: sayso never guesses a point. Months, weekdays, common words and
the names of organisations are never places. The dateline (where the story was
filed) is a place of its own, marked as such, and never an event's place.
"""

from __future__ import annotations

import re
from typing import Any

from sayso.events.gazetteer import CONFLICT_COUNTRIES, Entry, fold, gazetteer
from sayso.events.missed import missed
from sayso.events.regions import parse as region_phrase
from sayso.events.regions import phrases as region_phrases
from sayso.events.regions import region_of
from sayso.events.resolve import (
    PARTS,
    admin_area,
    countries_of,
    eminent,
    is_not_a_place,
    lookup,
    variant_of,
)
from sayso.events.unlisted import (
    called_settlement,
    in_known_areas,
    named_settlement,
    unlisted_town,
)
from sayso.model import Article, Entity, Place, Span, stable_id
from sayso.nlp.lexicon import FEMALE_NAMES, MALE_NAMES

__all__ = [
    "PLACES_VERSION",
    "Entry",
    "admin_area",
    "fold",
    "gazetteer",
    "geocode",
    "is_not_a_place",
    "lookup",
    "region_of",
]

# In the id of everything this stage makes: a new version, new ids (pipeline.STAGES).
PLACES_VERSION = "places@2"

# "Aleppo's central a-Shaar district": the owner before the part.
_OWNER_BEFORE = re.compile(r"([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)['’]s\s+(?:[a-z-]+\s+){0,2}$")
# "the Jabalia camp in Gaza", "a district of Khartoum", "the Jobar neighbourhood
# on the eastern edge of Damascus": the owner after the part.
_OWNER_AFTER = re.compile(
    r"^\s+(district|neighbou?rhood|quarter|camp|suburb|area|village|town)?\s*"
    r"(?:of|in|near|outside|on\s+the\s+(?:[a-z]+\s+)?(?:edge|outskirts|fringes?)\s+of)"
    r"\s+([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)"
)
# "Syria's Idlib": the owner right before a mention.
_POSSESSOR = re.compile(r"([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)['’]s\s+$")
# "Syria's Kafr Nabl": the owner, then the place.
_OWNED = re.compile(r"^(?P<owner>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)['’]s\s+(?P<part>\S.*)$")


def geocode(
    text: str, article: Article, entities: tuple[Entity, ...], doc: Any = None
) -> tuple[Place, ...]:
    """Every place entity of the article, the places the model missed that the
    gazetteer knows after "in", "near", "at" ... ("in Kherson", tagged nothing),
    the regions named by a kind or compass word ("the southern Idlib
    countryside"), the towns the model took for a person or an organisation
    by the shape of their name ("Kafr Nabl", "al-Bab": :func:`_toponym`), and
    its dateline, geocoded. No month, weekday, common word, person or
    organisation becomes a place."""
    named: dict[str, list[Span]] = {}
    for entity in entities:
        if entity.label == "PLACE" and _may_be_place(entity.name):
            named.setdefault(entity.name.strip(), []).extend(_trim(text, entity.mentions))
    if doc is not None:
        taken = [m for e in entities if e.label in ("PERSON", "ORG") for m in e.mentions]
        for name, spans in missed(doc, set(named), taken):
            named.setdefault(name, []).extend(spans)
    line = article.dateline  # where the story was filed says nothing of where it happened
    countries = countries_of(text, [n for n, spans in named.items() if _beyond(spans, line)])
    for entity in entities:
        if entity.label != "PLACE" and entity.name.strip() not in named:
            mentions = tuple(_trim(text, entity.mentions))
            called = called_settlement(text, entity.name, mentions)
            if called or _toponym(entity, entities, countries):
                named.setdefault(entity.name.strip(), []).extend(mentions)
    countries = countries_of(text, [n for n, spans in named.items() if _beyond(spans, line)])
    for name, span, _ in region_phrases(text, countries):
        named.setdefault(name, []).append(span)
    mentioned = _every_mention(
        text, [(n, tuple(spans)) for n, spans in named.items()], article.dateline
    )
    countries = countries_of(text, dict(mentioned))
    out = [_place(text, article, n, spans, countries, dateline=False) for n, spans in mentioned]
    out = in_known_areas(text, out)
    if article.dateline is not None:
        name = article.dateline.text(text).split(",")[0].strip()
        out.append(_place(text, article, name, (article.dateline,), countries, dateline=True))
    return tuple(out)


# The first words of Arabic place names ("Kafr Nabl", "Deir al-Zour", "Jisr
# al-Shughur", "Maarat al-Numan", "Ras al-Ain"): no one's name begins so.
_PLACE_HEADS = frozenset(
    "kafr kfar kafar kefr kufr khan tal tall tell tel deir dayr dair jisr maarat maarrat"
    " marat maaret ras ain ayn beit bayt beyt bait qasr jabal jebel wadi bir"
    " khirbet khirbat kherbet mazraat qalaat qalat hayy mukhayyam".split()
)
# ... and those that begin people's names too ("Abu Kamal", "Umm Qasr"; "al-Bab").
_WEAK_HEADS = frozenset("abu umm bab bani beni".split())
_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|at|ar|az|an)-", re.IGNORECASE)
# A town this big, in the article's countries, is a town when its name alone
# was tagged a person or an organisation ("Hasakah", "Idlib", "al-Bab").
_KNOWN_TOWN = 15_000


def _toponym(entity: Entity, entities: tuple[Entity, ...], countries: frozenset[str]) -> bool:
    """A person or organisation of the model that is a town by the shape of its
    name: a place word first ("Kafr Nabl", "Deir al-Zour": the small model tags
    names with a particle as people); or one word (or "al-" and one) that is a
    town of 15,000 or more in the article's countries ("Hasakah" tagged an
    organisation) and no part of a person's longer name ("Qasim" of "Qasim
    al-Araji"); or such a town and words with an article ("Daraa al-Balad")."""
    if is_not_a_place(entity.name):
        return False
    owned = _OWNED.match(entity.name)
    owner = lookup(owned.group("owner"), variants=False) if owned else None
    if owned and owner is not None and owner.kind == "country":
        # "Ukraine's Zaporizhzhia", tagged a person: a place of that country
        part = lookup(owned.group("part"), frozenset({owner.country}))
        return part is not None and part.country == owner.country
    words = entity.name.split()
    head = _ARTICLE.sub("", fold(words[0]))
    if len(words) >= 2 and head in _PLACE_HEADS:
        entry = lookup(entity.name, countries)
        return (
            entry is not None
            and entry.kind == "town"
            and entry.country in (countries or CONFLICT_COUNTRIES)
        )
    if len(words) > 1 and all(_ARTICLE.match(w) for w in words[1:]):
        # "Daraa al-Balad", "Aleppo al-Jadida": a part of a town; in an article
        # that names no country, a town of a conflict country
        if fold(words[0]) in MALE_NAMES | FEMALE_NAMES:
            return False
        town = _known(words[0], countries or CONFLICT_COUNTRIES)
        return town is not None and town.kind == "town" and town.population >= _KNOWN_TOWN
    if not countries:
        return False
    if len(words) > 1 and head not in _WEAK_HEADS:
        return False
    if any(
        e.label == "PERSON" and e is not entity and fold(entity.name) in fold(e.name).split()
        for e in entities
    ):
        return False
    entry = lookup(entity.name, countries) if len(words) > 1 else _known(entity.name, countries)
    return (
        entry is not None
        and entry.kind == "town"
        and entry.country in countries
        and entry.population >= _KNOWN_TOWN
    )


def _known(name: str, countries: frozenset[str]) -> Entry | None:
    """A town of the countries by its name as written or its loose key."""
    entry = lookup(name, countries, variants=False)
    if entry is not None and entry.country in countries:
        return entry
    return variant_of(fold(name), countries, shapes=False)


def _beyond(spans: list[Span], dateline: Span | None) -> bool:
    """Some mention outside the dateline."""
    return any(dateline is None or not dateline.overlaps(s) for s in spans)


def _trim(text: str, spans: tuple[Span, ...]) -> list[Span]:
    """Mentions without the spaces and line breaks the model took with them."""
    out = []
    for span in spans:
        written = text[span.start : span.end]
        start = span.start + len(written) - len(written.lstrip())
        out.append(Span(start, start + len(written.strip())))
    return out


def _may_be_place(name: str) -> bool:
    """A place entity that may be a place: not a month, weekday or common word,
    and not an organisation's name the gazetteer does not know."""
    return not is_not_a_place(name) or lookup(name, variants=False) is not None


def _every_mention(
    text: str, named: list[tuple[str, tuple[Span, ...]]], dateline: Span | None
) -> list[tuple[str, tuple[Span, ...]]]:
    """Each place at every place its name is written, not only where the entity
    recogniser caught it ("fled east Aleppo", tagged nothing, is still a mention
    of East Aleppo). A name of several words is matched in any case ("east
    Aleppo", "East Aleppo"); one word as written, so that "Homs" is not "homs".
    A mention inside a longer place's mention is the longer place's."""
    found: list[tuple[str, list[Span]]] = []
    for name, mentions in named:
        flags = re.IGNORECASE if " " in name.strip() else 0
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", flags)
        written = {Span(m.start(), m.end()) for m in pattern.finditer(text)} | set(mentions)
        kept = sorted(s for s in written if not (dateline and dateline.overlaps(s)))
        found.append((name, kept))
    held = _held({s for _, spans in found for s in spans})
    out = []
    for name, spans in found:
        own = [s for s in spans if s not in held]
        if own:
            out.append((name, tuple(own)))
    return out


def _held(spans: set[Span]) -> set[Span]:
    """The spans that another (longer) span contains: in order of start, longest
    first, a span is held when one before it reaches as far (one sweep)."""
    held, reach = set(), -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if reach >= span.end:
            held.add(span)
        reach = max(reach, span.end)
    return held


# "Homs city", "the city of Homs": the city's name.
CITY_NAME = re.compile(r"^(?:the\s+)?city\s+of\s+|\s+city$", re.IGNORECASE)
# "Kani Township": Myanmar's townships are named after their towns.
_TOWNSHIP = re.compile(r"\s+township$", re.IGNORECASE)


def _place(
    text: str,
    article: Article,
    name: str,
    mentions: tuple[Span, ...],
    countries: frozenset[str],
    *,
    dateline: bool,
) -> Place:
    """The place of a name: as written, else the region a phrase names, else the
    city a part of it belongs to ("Aleppo's a-Shaar district", "east Aleppo"),
    else a spelling of a town's name, else the place it is said to be in."""
    owned = _OWNED.match(name)
    owner = lookup(owned.group("owner"), variants=False) if owned else None
    if owned and owner is not None:  # "Syria's Kafr Nabl" is Kafr Nabl, in Syria
        name_ = owned.group("part")
        here = countries | {owner.country} if owner.kind == "country" else countries
    else:
        bare = _TOWNSHIP.sub("", CITY_NAME.sub("", name)) or name
        name_, here = bare, countries | _owner_countries(text, mentions)
    entry = lookup(name_, here, variants=False) or region_phrase(name_, here)
    part_of = None
    if entry is None and here:
        # a spelling of a town of the article's countries ("Maarat al-Nouman")
        # before the place it is said to be in ("south of Idlib")
        near = lookup(name_, here)
        entry = near if near is not None and near.country in here else None
    if entry is None:
        whose, strong = _owner(text, name_, mentions, here)
        if whose is not None and strong:
            entry = lookup(whose, here)
            part_of = entry.name if entry is not None else None
        if entry is None:
            entry = lookup(name_, here)
        if entry is None and whose is not None:
            entry = lookup(whose, here)
            part_of = entry.name if entry is not None else None
    if entry is None and owner is not None:
        entry, part_of = owner, owner.name
    abroad = entry is not None and bool(here) and entry.country not in here and not eminent(entry)
    if (entry is None or entry.kind != "town" or abroad) and named_settlement(text, mentions):
        # "the town of Hammuriya in Eastern Ghouta": a town, not the region; "Kani
        # township" in an article about Myanmar: not Kani, Japan
        unlisted = unlisted_town(name_, here & CONFLICT_COUNTRIES or here)
        if unlisted is not None:
            entry, part_of = unlisted, None
    return Place(
        id=stable_id("plc", article.id, PLACES_VERSION, name, "dateline" if dateline else "body"),
        article_id=article.id,
        name=name,
        mentions=mentions,
        geonames_id=entry.geonames_id if entry else None,
        resolved=entry.name if entry else None,
        country=entry.country if entry else None,
        latitude=entry.latitude if entry else None,
        longitude=entry.longitude if entry else None,
        precision="unknown" if entry is None else entry.kind,  # type: ignore[arg-type]
        part_of=part_of,
        dateline=dateline,
    )


def _owner_countries(text: str, mentions: tuple[Span, ...]) -> frozenset[str]:
    """The country a mention is written as a part of: "Syria's" before "Idlib"."""
    out = set()
    for mention in mentions:
        before = _POSSESSOR.search(text[max(0, mention.start - 40) : mention.start])
        if before:
            owner = lookup(before.group(1), variants=False)
            if owner is not None and owner.kind == "country":
                out.add(owner.country)
    return frozenset(out)


def _owner(
    text: str, name: str, mentions: tuple[Span, ...], countries: frozenset[str] = frozenset()
) -> tuple[str | None, bool]:
    """The place a part belongs to, and whether the text says it is a part: its
    direction word dropped ("east Aleppo"), a town or region that owns it before
    a mention ("Aleppo's central a-Shaar district") or after it with a word of
    a part ("the Jabalia camp in Gaza"); weakly, a place after "in", "near" ...
    ("Kafr Zita in Hama"), or a country that owns it ("Syria's Kafr Zita")."""
    stripped = PARTS.sub("", name)
    if stripped != name:
        return stripped, True
    weak = None
    for mention in mentions:
        before = _OWNER_BEFORE.search(text[max(0, mention.start - 60) : mention.start])
        if before:
            entry = lookup(before.group(1), countries)
            if entry is not None and entry.kind != "country":
                return before.group(1), True
            weak = weak or (before.group(1) if entry is not None else None)
        after = _OWNER_AFTER.match(text[mention.end : mention.end + 60])
        if after and lookup(after.group(2), countries):
            if after.group(1):
                return after.group(2), True
            weak = weak or after.group(2)
    words = name.split()
    if weak is None and len(words) > 1 and all(_ARTICLE.match(w) for w in words[1:]):
        town = lookup(words[0], countries, variants=False)  # "Daraa al-Balad"
        weak = words[0] if town is not None and town.kind == "town" else None
    return weak, False
