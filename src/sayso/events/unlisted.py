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
from sayso.events.variants import skeleton
from sayso.model import Place, Span

# "the town of X", "the village of X": the article says X is a settlement.
_SETTLEMENT_OF = re.compile(
    r"\b(?:town|village|city|neighbou?rhood|district|suburb|hamlet)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Far from GeoNames' ids and from the regions' keys (sayso.events.regions).
_BASE = 10**11


def named_settlement(text: str, mentions: tuple[Span, ...]) -> bool:
    """The article calls the name a town, village or district ("the town of X")."""
    return any(_SETTLEMENT_OF.search(text[max(0, m.start - 30) : m.start]) for m in mentions)


def unlisted_town(name: str, countries: frozenset[str]) -> Entry | None:
    """A town the gazetteer lacks, in the one country the article is about; None
    when it is about none or several (where it is would be a guess)."""
    shape = skeleton(fold(name))
    if len(countries) != 1 or len(shape) < 3:
        return None
    (country,) = countries
    digest = hashlib.sha256(f"{country}:{shape}".encode()).hexdigest()
    key = -(_BASE + int(digest[:10], 16))
    return Entry(key, name, None, None, country, 0, "town", None)


# "X, in the eastern Ghouta", "X near Idlib", "X, east of Aleppo": the article
# sets X inside (or beside) an area it names.
_INSIDE = re.compile(
    r"\s*,?\s+(?:in|near|outside|(?:(?:north|south)?(?:east|west)|north|south)\s+of)"
    r"\s+(?:the\s+)?",
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
    return [_in_known_area(text, place, known) or place for place in places]


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
    return replace(
        place,
        geonames_id=entry.geonames_id,
        resolved=entry.name,
        country=entry.country,
        latitude=None,
        longitude=None,
        precision="town",
        part_of=None,
    )
