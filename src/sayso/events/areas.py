"""A city's name for its area: "Idlib" for Idlib governorate, as Syrian, Yemeni
and Iraqi reporting write it (:func:`capitals_as_regions`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sayso.events.places import CITY_NAME, admin_area, fold
from sayso.events.regions import area_of, city_may_be_area
from sayso.model import Place, Span

_SPECIFIC = frozenset({"exact", "neighbourhood", "town"})


def is_specific(place: Place | None) -> bool:
    """A town, a district or a point: where one incident can be told from another."""
    return place is not None and place.geonames_id is not None and place.precision in _SPECIFIC


def capitals_as_regions(
    places: Sequence[Place], text: str, title: Span | None = None
) -> list[Place]:
    """A city that shares its name with a governorate the article also names is
    that governorate: "Idlib" beside "Idlib province" is the province, as Syrian
    reporting writes it; unless the article calls it a city ("Homs city", "the
    city of Homs") or its country's reporting never does so (Ukraine's
    "Kharkiv" is the city: regions.toml's ``city_is_area``). So is a city named
    only in the headline ("Strikes on Idlib market") when the body names another
    town of its governorate ("the town of Ariha"), and one the article calls a
    province ("the province of Saada", whatever "Saada city" it also names)."""
    regions = {
        admin_area(p.geonames_id): (p.geonames_id, p.resolved)
        for p in places
        if p.precision == "region" and p.geonames_id is not None
    }
    # "Homs city", "the city of Homs": the article tells the city from the province
    cities = {
        p.geonames_id for p in places if CITY_NAME.search(p.name) and p.geonames_id is not None
    }
    out = []
    for place in places:
        # a quarter named after its city ("Daraa al-Balad") is the city's
        specific = is_specific(place) and not _quarter_of_city(place)
        code = admin_area(place.geonames_id) if specific else None
        area = _written_area(place, text) if specific else None
        region = regions.get(code) or (_headline_area(place, places, title) if specific else None)
        if place.geonames_id in cities and area is None:
            region = None
        region = area or region
        # as written ("Hodeidah") or as the gazetteer has it ("Al Hudaydah")
        # "Syria's Hama" is Hama
        written = re.sub(r"^.*['’]s\s+", "", place.name)
        named = {fold(name).split()[0] for name in (written, place.resolved) if name}
        if (
            region is not None
            and city_may_be_area(place.country)
            and fold(region[1] or "-").split()[0] in named
            and (area is not None or not _called_city(place, text))
        ):
            place = replace(
                place,
                geonames_id=region[0],
                resolved=region[1],
                precision="region",
                latitude=None,
                longitude=None,
            )
        out.append(place)
    return out


_CITY_BEFORE = re.compile(r"\bcity\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CITY_AFTER = re.compile(r"^['’]?s?\s+city\b", re.IGNORECASE)


# "the province of Saada": the article names the area ("Saada province" is a
# region of its own, read as one)
_AREA_BEFORE = re.compile(r"\b(?:province|governorate)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _written_area(place: Place, text: str) -> tuple[int | None, str | None] | None:
    """The governorate a city's name stands for where the article writes it so
    ("Yemen's northern province of Saada"; "Saada city" is another place)."""
    written = any(_AREA_BEFORE.search(text[max(0, m.start - 24) : m.start]) for m in place.mentions)
    area = area_of(admin_area(place.geonames_id)) if written else None
    return (area.geonames_id, area.name) if area is not None else None


def _quarter_of_city(place: Place) -> bool:
    owner = fold(place.part_of or "").split()
    return bool(owner) and fold(place.name).split()[0].startswith(owner[0])


def _called_city(place: Place, text: str) -> bool:
    return any(
        _CITY_BEFORE.search(text[max(0, m.start - 20) : m.start])
        or _CITY_AFTER.match(text[m.end : m.end + 10])
        for m in place.mentions
    )


def _headline_area(
    place: Place, places: Sequence[Place], title: Span | None
) -> tuple[int | None, str | None] | None:
    """The governorate a city named only in the headline stands for, when the
    body names another town of that governorate."""
    if title is None or not place.mentions or not all(title.contains(m) for m in place.mentions):
        return None
    code = admin_area(place.geonames_id)
    other = any(
        is_specific(p)
        and p.geonames_id != place.geonames_id
        and admin_area(p.geonames_id) == code
        and not all(title.contains(m) for m in p.mentions)
        for p in places
    )
    area = area_of(code) if other else None
    return (area.geonames_id, area.name) if area is not None else None
