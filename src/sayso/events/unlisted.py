"""Towns the gazetteer does not list: "the town of Hamouria" is a town even
when GeoNames has no spelling of it. Such a place is kept as written, at town
precision with no point, under a key made of its country and the skeleton of
its name (:func:`sayso.events.variants.skeleton`), so that "Hamouria",
"Hammuriya" and "Hammuriyah" in three articles about Syria are one place and
their reports of one incident can be linked; sayso still gives it no
coordinates and no governorate.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from sayso.events.gazetteer import CONFLICT_COUNTRIES, Entry, fold
from sayso.events.resolve import is_not_a_place, lookup
from sayso.events.variants import ARTICLES, skeleton
from sayso.model import Place, Span

# "the town of X", "the village of X": the article says X is a settlement.
_SETTLEMENT_OF = re.compile(
    r"\b(?:town|village|city|neighbou?rhood|district|suburb|hamlet|locality|township"
    r"|commune|municipality)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "X, a town 60 km east of Timbuktu", "X, a small village near Kherson": the
# apposition says X is a settlement ("Ahmed, a village elder" does not).
_A_SETTLEMENT = re.compile(
    r"\s*,\s+(?:a|the)\s+(?:[a-z-]+\s+){0,2}?(?:town|village|city|hamlet|locality|township)"
    r"(?=\s*(?:[,.;]|$)|\s+(?:of|in|near|on|about|some|around|\d|located|just|that|which"
    r"|where|north|south|east|west))"
)
# "Kani town", "Kanni township" (not "the Kani town council", nor "the Idlib
# province town of Saraqib": the town is Saraqib).
_SETTLEMENT_AFTER = re.compile(
    r"\s+(?:town|township|village)(?![\w-])"
    r"(?!\s+(?:hall|council|centre|center|square|elder|of)\b)",
    re.IGNORECASE,
)
# "Aqarib Al Safiya, about 30 kilometres east of the town of Salamiyah": only a
# place lies some distance from another.
_DISTANCE_FROM = re.compile(
    r"\s*,\s+(?:(?:about|some|around|nearly|roughly|approximately|just|only)\s+)?"
    r"(?:\d+|a\s+few|several)\s*(?:-\s*)?(?:kilometres|kilometers|km|miles)\s+"
    r"(?:to\s+the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\b",
    re.IGNORECASE,
)
# Far from GeoNames' ids and from the regions' keys (sayso.events.regions).
_BASE = 10**11


def named_settlement(text: str, mentions: tuple[Span, ...]) -> bool:
    """The article calls the name a town, village or district ("the town of X",
    "X, a town near Y", "X township", "X town", "X, 30 km east of Y")."""
    return any(
        _SETTLEMENT_OF.search(text[max(0, m.start - 30) : m.start])
        or _A_SETTLEMENT.match(text, m.end, m.end + 40)
        or _SETTLEMENT_AFTER.match(text, m.end, m.end + 40)
        or _DISTANCE_FROM.match(text, m.end, m.end + 60)
        or text[m.start : m.end].lower().endswith(" township")
        for m in mentions
    )


def called_settlement(text: str, name: str, mentions: tuple[Span, ...]) -> bool:
    """A name (the model's person or organisation) that the article calls a town
    ("the market of Bér, a town 60 km east of Timbuktu", "the village of Kani")."""
    return settlement_name(name) and not is_not_a_place(name) and named_settlement(text, mentions)


def unlisted_town(name: str, countries: frozenset[str]) -> Entry | None:
    """A town the gazetteer lacks, in the one country the article is about; None
    when it is about none or several (where it is would be a guess)."""
    folded = fold(name)
    shape = _unlisted_shape(folded)
    if len(shape) < 3:  # "Ber": too few consonants to stand for spellings
        shape = f"={folded}" if len(folded) >= 3 else ""
    if len(countries) != 1 or not shape:
        return None
    (country,) = countries
    digest = hashlib.sha256(f"{country}:{shape}".encode()).hexdigest()
    key = -(_BASE + int(digest[:10], 16))
    return Entry(key, name, None, None, country, 0, "town", None)


# "X, in the eastern Ghouta", "X near Idlib", "X, east of Aleppo": the article
# sets X inside (or beside) an area it names.
_INSIDE = re.compile(
    r"\s*,?\s+(?:in|near|outside|(?:(?:north|south)?(?:east|west)|north|south)\s+of)"
    r"\s+(?:the\s+)?(?:(?:region|province|governorate|state|district)\s+of\s+)?",
    re.IGNORECASE,
)
# Words of a building, a road or a landform: "the Armored Vehicles Base in
# Harasta" is a site inside the town, not a town of its own.
_SITE = frozenset(
    "base airbase airport hospital school university market mosque church prison square"
    " street road highway bridge camp building buildings factory plant station dam"
    " stadium field fields hill mount mountain mountains river lake valley plain desert"
    " front checkpoint crossing border gate palace hotel center centre complex compound"
    " port bakery farm farms barracks academy college ministry headquarters".split()
)


def _unlisted_shape(folded: str) -> str:
    """The skeleton of a name of several words without its closing vowel:
    "Akarib al-Safi" and "Aqarib al-Safiyeh" are one village, written with and
    without the nisba's -iyeh (a name of one word keeps it: "Maliki" is a
    family name, "Malikiya" a town)."""
    shape = skeleton(folded)
    several = len([w for w in re.split(r"[\s\-]+", folded) if w and w not in ARTICLES]) > 1
    return shape[:-1] if several and shape[-1:] in ("a", "i", "u") and len(shape) > 4 else shape


def settlement_name(name: str) -> bool:
    """A name shaped like a settlement's: capitalised, a few words, none of a site."""
    words = name.split()
    return (
        0 < len(words) <= 4
        and name[:1].isupper()
        and not any(w.lower().strip(".,") in _SITE for w in words)
    )


def _set_inside(text: str, mention: Span, known: dict[int, str]) -> str | None:
    """The country of the known town or region the text sets the mention in or
    beside ("Hammouriyeh, in the eastern Ghouta suburbs of Damascus": the
    eastern Ghouta, Syria), if it does; ``known`` maps where each mention of the
    article's towns and regions starts to its country."""
    after = _INSIDE.match(text, mention.end)
    return known.get(after.end()) if after is not None else None


def in_known_areas(text: str, places: Sequence[Place]) -> list[Place]:
    """The places, each one the gazetteer lacks that the text sets in or beside a
    town or region of a conflict country among them ("Hammouriyeh, in the
    eastern Ghouta"; "Kafr Zita near Hama") made a town of its own: neither
    unknown nor the area it is in."""
    known = {
        span.start: p.country
        for p in places
        if p.precision in ("town", "region") and p.country and p.country in CONFLICT_COUNTRIES
        for span in p.mentions
    }
    placed = [_in_known_area(text, place, known) or place for place in places]
    return _spelled_alike(placed)


def _spelled_alike(places: list[Place]) -> list[Place]:
    """A name the gazetteer lacks, spelled as a town the article calls a town
    elsewhere ("near Ber" in the headline, "the locality of Bér" in the body):
    that town."""
    towns = [p for p in places if p.geonames_id and p.geonames_id < -_BASE and p.country]
    out = []
    for place in places:
        twin = None
        if place.geonames_id is None and settlement_name(place.name):
            twin = next((t for t in towns if _same_key(place.name, t)), None)
        out.append(
            _as_town(place, twin.geonames_id, twin.resolved, twin.country) if twin else place
        )
    return out


def _same_key(name: str, town: Place) -> bool:
    entry = unlisted_town(name, frozenset({town.country or ""}))
    return entry is not None and entry.geonames_id == town.geonames_id


def _as_town(place: Place, key: int | None, name: str | None, country: str | None) -> Place:
    """The place made an unlisted town: its key, name and country, no point."""
    return replace(
        place,
        geonames_id=key,
        resolved=name,
        country=country,
        latitude=None,
        longitude=None,
        precision="town",
        part_of=None,
    )


def _in_known_area(text: str, place: Place, known: dict[int, str]) -> Place | None:
    unknown = place.geonames_id is None or (
        place.part_of is not None and lookup(place.name, variants=False) is None
    )
    if not unknown or not settlement_name(place.name) or is_not_a_place(place.name):
        return None
    country = next(
        (c for m in place.mentions if (c := _set_inside(text, m, known)) is not None), None
    )
    entry = unlisted_town(place.name, frozenset({country})) if country else None
    if entry is None:
        return None
    return _as_town(place, entry.geonames_id, entry.name, entry.country)
