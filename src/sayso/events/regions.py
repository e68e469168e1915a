"""First-level areas of the conflict countries: governorates, provinces, oblasts,
states, as places of kind "region".

They are named in ``sayso/data/places/regions.toml`` with the GeoNames admin1
code that the gazetteer's towns of the area carry ("SY.12" for Idlib
governorate and for Kafr Nabl in it), so that a town and its area compare and a
town's area can be shown (:func:`region_of`). An area is written in several
ways, which :func:`parse` reads:

* its name with a kind word, "rural" or a possessive: "Idlib province", "the
  southern Idlib countryside", "Idlib's countryside", "rural Aleppo", "Kharkiv
  region", "Deir ez-Zor governorate" (any spelling :mod:`sayso.events.variants`
  meets);
* its name after a compass word ending in -ern: "eastern Hama", "northern
  Homs"; not when the city of that name has a million people or more, whose
  "eastern Aleppo" is a part of the city;
* its own name when no town shares it ("Tigray", "Rif Dimashq"), and whole
  phrases ("Eastern Ghouta", "Damascus countryside").

"Aleppo" alone stays the city. A region's id is negative: a stable key of its
code (GeoNames' own ids of these areas are not in the offline data).
"""

from __future__ import annotations

import re
import tomllib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sayso.events.gazetteer import Entry, by_id, fold, gazetteer
from sayso.events.variants import loose, skeleton
from sayso.model import Span

REGIONS_FILE = "data/places/regions.toml"

# The words that make a name an area: "Idlib province", "Aleppo countryside".
KIND_WORDS = ("province", "governorate", "region", "oblast", "state", "countryside")
# ... and of a place in the area: "a Hama village", "Idlib villages".
_PART_WORDS = ("village",)
# A city this big keeps its compass parts: "eastern Aleppo" is in the city.
_BIG_CITY = 1_000_000

_DIRS = r"(?:north|south)[- ]?(?:east|west)(?:ern)?|(?:north|south|east|west)(?:ern)?|central"
_PHRASE = re.compile(
    rf"^(?:the\s+)?(?:(?P<dir>{_DIRS})\s+)?(?:(?P<rural>rural)\s+)?(?P<core>.+?)"
    rf"(?:(?P<poss>['’]s)?\s+(?P<suffix>{'|'.join(KIND_WORDS + _PART_WORDS)})s?)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Region:
    """One area of the regions file."""

    entry: Entry  # kind "region", admin1 its code
    short: str  # the name shown after a town's: "Idlib"
    keys: tuple[str, ...]  # folded names that are the area in the gazetteer
    cores: tuple[str, ...]  # folded names that are the area with a kind or compass word
    compass: tuple[str, ...]  # ... with any compass word
    around: tuple[str, ...]  # ... with a kind word or "rural" only
    area: bool  # a named part of a first-level area, not the area itself


def region_id(code: str, name: str = "") -> int:
    """A region's id: negative, stable, from its code (and an area's name)."""
    return -(zlib.crc32(f"{code}/{name}".encode()) % 2_000_000_000 + 1)


def _load() -> dict[str, Any]:
    raw = resources.files("sayso").joinpath(REGIONS_FILE).read_text(encoding="utf-8")
    return tomllib.loads(raw)


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """Every area of the regions file, in its order."""
    data = _load()
    kinds = {cc: spec.get("kind", "region") for cc, spec in data.get("country", {}).items()}
    out = []
    for table, area in (("region", False), ("area", True)):
        for spec in data.get(table, ()):
            out.append(_region(spec, kinds, area=area))
    ids = [r.entry.geonames_id for r in out]
    if len(set(ids)) != len(ids):
        raise ValueError("two regions of regions.toml share an id")
    return tuple(out)


@lru_cache(maxsize=1)
def _cities_not_areas() -> frozenset[str]:
    data = _load().get("country", {})
    return frozenset(cc for cc, spec in data.items() if not spec.get("city_is_area", True))


def city_may_be_area(country: str | None) -> bool:
    """Whether the country's reporting writes an area by its capital's name alone
    ("Idlib" for Idlib governorate); Ukrainian reporting does not ("Kharkiv" is
    the city, "Kharkiv region" the oblast)."""
    return country not in _cities_not_areas()


def _region(spec: dict[str, Any], kinds: dict[str, str], *, area: bool) -> Region:
    code, name = spec["code"], spec["name"]
    country = code.split(".")[0]
    kind = kinds.get(country, "region")
    full = spec.get("full") or (name if area else f"{name} {kind.title()}")
    strict = bool(spec.get("strict"))
    names = [name, *spec.get("names", ())]
    cores = () if strict else tuple(dict.fromkeys(fold(n) for n in names))
    compass = tuple(fold(n) for n in spec.get("compass", ()))
    around = tuple(fold(n) for n in spec.get("around", ()))
    keys = [fold(full), *(fold(a) for a in spec.get("aliases", ()))]
    if spec.get("bare"):
        keys += [fold(n) for n in names]
    for core in (*cores, *compass, *around):
        keys += [f"{core} {word}" for word in KIND_WORDS]
        keys += [f"{core}s countryside", f"rural {core}"]
    entry = Entry(
        region_id(code, name if area else ""),
        full,
        None,
        None,
        country,
        0,
        "region",
        code,
    )
    return Region(entry, name, tuple(dict.fromkeys(keys)), cores, compass, around, area)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Region]:
    return {r.entry.admin1 or "": r for r in regions() if not r.area}


@lru_cache(maxsize=1)
def _by_region_id() -> dict[int, Region]:
    return {r.entry.geonames_id: r for r in regions()}


def area_of(code: str | None) -> Entry | None:
    """The first-level area of a GeoNames admin1 code ("SY.12": Idlib Governorate),
    if the regions file names it."""
    found = _by_code().get(code or "")
    return found.entry if found is not None else None


def region_of(geonames_id: int | None) -> tuple[str, str] | None:
    """The first-level area of a gazetteer place, as (its GeoNames admin1 code,
    its name): ("SY.12", "Idlib") for Kafr Nabl, so that it shows as "Kafr Nabl,
    Idlib, Syria". A region is its own area, a US state its state; None for a
    country, an unknown id, or an area the regions file does not name."""
    if geonames_id is None:
        return None
    region = _by_region_id().get(geonames_id)
    if region is not None:
        return (region.entry.admin1 or "", region.short)
    entry = by_id().get(geonames_id)
    if entry is None or entry.admin1 is None:
        return None
    if entry.kind == "region":  # a US state
        return (entry.admin1, entry.name)
    found = _by_code().get(entry.admin1)
    if found is not None:
        return (entry.admin1, found.short)
    state = _us_states().get(entry.admin1)
    return (entry.admin1, state) if state else None


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    return {
        e.admin1: e.name
        for found in gazetteer().values()
        for e in found
        if e.kind == "region" and e.country == "US" and e.admin1
    }


# -- reading a phrase -------------------------------------------------------


@lru_cache(maxsize=1)
def _core_index() -> dict[str, dict[str, list[Region]]]:
    """Per use ("cores", "compass", "around"): a folded, loose and skeleton key of
    each name -> the regions of that name."""
    index: dict[str, dict[str, list[Region]]] = {}
    for region in regions():
        for use, names in (
            ("cores", region.cores),
            ("compass", region.compass),
            ("around", region.around),
        ):
            for name in names:
                for tier, key in (("f", name), ("l", loose(name)), ("s", skeleton(name))):
                    if key:
                        index.setdefault(f"{use}:{tier}", {}).setdefault(key, []).append(region)
    return index


def _named(core: str, uses: Iterable[str], countries: frozenset[str]) -> Region | None:
    """The region one of whose names (of those uses) the core is: its folded
    spelling, else its loose key, else its skeleton inside the countries."""
    index = _core_index()
    for tier, key in (("f", core), ("l", loose(core)), ("s", skeleton(core))):
        if not key or (tier == "s" and (not countries or len(key) < 3)):
            continue
        found = [r for use in uses for r in index.get(f"{use}:{tier}", {}).get(key, ())]
        if tier == "s":
            found = [r for r in found if r.entry.country in countries]
        if found:
            local = [r for r in found if r.entry.country in countries]
            return (local or found)[0]
    return None


def _big_city(core: str, region: Region) -> bool:
    """A city of a million or more of that name in that region."""
    return any(
        e.kind == "town" and e.admin1 == region.entry.admin1 and e.population >= _BIG_CITY
        for e in gazetteer().get(core, ())
    )


def parse(name: str, countries: frozenset[str] = frozenset()) -> Entry | None:
    """The region a phrase names ("the southern Idlib countryside", "eastern Hama",
    "Idlib's countryside", "Dayr az-Zawr province"); None when it names none."""
    text = " ".join(name.split())
    found = gazetteer().get(fold(text))
    if found:  # a known name: a region if its first place is one
        return found[0] if found[0].kind == "region" else None
    match = _PHRASE.match(text)
    if match is None:
        return None
    direction, rural, suffix = match.group("dir"), match.group("rural"), match.group("suffix")
    core = fold(match.group("core"))
    if not (direction or rural or suffix) or not core:
        return None
    if suffix or rural:
        region = _named(core, ("cores", "compass", "around"), countries)
        return region.entry if region else None
    assert direction is not None
    region = _named(core, ("compass",), countries)
    if region is not None:
        return region.entry
    if not (direction.lower().endswith("ern") or direction.lower() == "central"):
        return None  # "east Aleppo": a part of the city
    region = _named(core, ("cores",), countries)
    if region is None or _big_city(core, region):
        return None
    return region.entry


# -- finding phrases in a text ------------------------------------------------

_ARTICLE = r"(?:al|el|ad|ed|ash|esh|as|es|at|et|ar|er|az|ez|an|en|a)"
_WORD = rf"(?:{_ARTICLE}-)?[A-Z][\w’'‘-]*"
# a kind word written with a capital ("Sagaing Region") ends the name, not extends it
_KIND_AHEAD = rf"(?!(?i:{'|'.join(KIND_WORDS + _PART_WORDS)})s?(?![\w-]))"
_NAME = rf"{_WORD}(?:\s+(?:{_ARTICLE}\s+)?{_KIND_AHEAD}{_WORD}){{0,3}}"
_SCAN = re.compile(
    rf"(?<![\w-])(?:(?P<dir>(?i:{_DIRS}))\s+)?(?:(?P<rural>(?i:rural))\s+)?(?P<core>{_NAME})"
    rf"(?:(?P<poss>['’]s)?\s+(?P<suffix>(?i:{'|'.join(KIND_WORDS + _PART_WORDS)})s?))?(?![\w-])"
)
_AND_BEFORE = re.compile(rf"(?<![\w-])({_NAME})\s*,?\s+and\s+$")


def phrases(text: str, countries: frozenset[str] = frozenset()) -> list[tuple[str, Span, Entry]]:
    """The phrases of the text that name a region by a kind word, "rural" or a
    compass word, each as written, where, and the region: "the southern Idlib
    countryside" gives ("southern Idlib countryside", its span, Idlib
    governorate). "Hama and Idlib provinces" gives both."""
    out: list[tuple[str, Span, Entry]] = []
    for match in _SCAN.finditer(text):
        if not (match.group("dir") or match.group("rural") or match.group("suffix")):
            continue
        found = _read(text, match, countries)
        if found is None:
            continue
        out.append(found)
        suffix = match.group("suffix")
        if suffix and suffix.lower().endswith("s") and not match.group("dir"):
            low = max(0, match.start() - 60)
            before = _AND_BEFORE.search(text[low : match.start()])
            entry = parse(f"{before.group(1)} {suffix[:-1]}", countries) if before else None
            if before and entry is not None:
                span = Span(low + before.start(1), low + before.end(1))
                out.append((before.group(1), span, entry))
    return out


def _read(
    text: str, match: re.Match[str], countries: frozenset[str]
) -> tuple[str, Span, Entry] | None:
    """The region of one scanned phrase, its core shortened until one is named:
    from the left before a kind word ("On Monday Idlib province"), from the right
    after a compass word ("eastern Hama Governor")."""
    core_start, core_end = match.span("core")
    start = match.start()
    words = [
        (m.start() + core_start, m.end() + core_start)
        for m in re.finditer(r"\S+", match.group("core"))
    ]
    suffix = match.group("suffix")
    head = match.start("rural") if match.group("rural") else None
    if match.group("dir"):
        head = match.start("dir")
    for k in range(len(words)):
        if suffix:
            first, last = words[k][0], core_end
            begin = head if head is not None and k == 0 else first
            end = match.end()
        else:
            first, last = core_start, words[len(words) - 1 - k][1]
            begin, end = start, last
        if first >= last:
            break
        phrase = text[begin:end]
        entry = parse(phrase, countries)
        if entry is not None:
            return phrase, Span(begin, end), entry
    return None
