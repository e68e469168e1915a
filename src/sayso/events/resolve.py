"""Looking a name up in the gazetteer: which place a name is, in an article
about which countries.

* :func:`lookup`: the name as written (folded), among places of that name the
  one in the article's countries unless a namesake abroad is a country or a
  famous city; else a region a phrase names ("Idlib province", "eastern
  Hama": :mod:`sayso.events.regions`); else a spelling variant of a town's name
  (:mod:`sayso.events.variants`), inside the article's countries.
* :func:`is_not_a_place`: months, weekdays, common words and organisations'
  names, which no fallback makes a place.
* :func:`countries_of`: the countries an article is about, by the places it
  names.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from sayso.events.gazetteer import CONFLICT_COUNTRIES, Entry, by_id, fold, gazetteer, variant_index
from sayso.events.regions import parse as region_phrase
from sayso.events.variants import loose, skeleton
from sayso.nlp.stopwords import STOP_WORDS

# Words that make a part of a place: "east Aleppo", "northern Gaza", "old Mosul".
PARTS = re.compile(
    r"^(?:(?:north|south)?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|central"
    r"|greater|downtown|old|outer|inner|rural|eastern|western)\s+",
    re.IGNORECASE,
)

# A namesake abroad this big, and ten times bigger, keeps its name even in an
# article about a country with a village of that name ("Moscow", "Washington").
_FAMOUS = 1_000_000


@lru_cache(maxsize=1)
def _not_places() -> dict[str, frozenset[str]]:
    raw = resources.files("sayso").joinpath("data/places/not_places.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    words = frozenset(w for key in ("months", "weekdays", "words", "people") for w in data[key])
    organisations = frozenset(data["organisations"])
    demonyms = frozenset(fold(d) for d in _demonyms()) | frozenset(
        f"{fold(d)}s" for d in _demonyms()
    )
    return {
        "words": words | frozenset(STOP_WORDS),
        "organisations": organisations,
        "demonyms": demonyms,
    }


def is_not_a_place(name: str) -> bool:
    """A month, a weekday, a common word ("in March", "on Sunday", "Reading"),
    or a name with a word of an organisation's ("the Syrian Observatory",
    "al-Nusra Front", "Hamas"): never a place through the gazetteer's fallbacks."""
    key = _bare(name)
    return _a_word(key) or any(w in _not_places()["organisations"] for w in key.split())


def _bare(name: str) -> str:
    return " ".join(re.split(r"[\s\-]+", re.sub(r"^the\s+", "", fold(name))))


def _a_word(key: str) -> bool:
    """A folded name that is one word of the not-places list, whole, or a
    people's name ("Syrians")."""
    lists = _not_places()
    return key in lists["words"] or key in lists["organisations"] or key in lists["demonyms"]


def admin_area(geonames_id: int | None) -> str | None:
    """The GeoNames first-level administrative code of a gazetteer place ("SY.09"
    for Aleppo, in Aleppo governorate; a region's own code); None for a country
    or an unknown id. :func:`region_of` gives the area's name."""
    entry = by_id().get(geonames_id) if geonames_id is not None else None
    return entry.admin1 if entry is not None else None


def lookup(
    name: str, countries: frozenset[str] = frozenset(), *, variants: bool = True
) -> Entry | None:
    """The place of that name; None when the gazetteer does not know it, or the
    name is a month, a weekday, a common word or an organisation's ("March",
    "Hamas": :func:`is_not_a_place`).

    Among places of the name, one in a country the article is about (if any),
    unless a namesake abroad is a country or a famous city; else the most
    populous. A name it does not know as written may name a region by a kind or
    compass word ("Idlib province", "eastern Hama") or be a spelling variant of
    a place's name ("Deir al-Zour", "Mayadeen"); ``variants=False`` asks for the
    name as written only."""
    key = fold(name)
    if _a_word(_bare(name)):
        return None  # "March", "Hamas": whatever town carries the name
    found = gazetteer().get(key)
    if not found and key.startswith("the "):  # "the Gaza Strip"
        key = key[4:]
        found = gazetteer().get(key)
    if found:
        pick = _choose(found, countries)
        if countries and pick.country not in countries and not eminent(pick):
            # "al-Qusayr", written as an Egyptian town's other name, in an
            # article about Syria: the Syrian town of that spelling
            near = variant_of(key, countries, shapes=False) if variants else None
            if near is not None:
                return near
            if fold(pick.name) != key and pick.kind == "town":
                # only another name of a town abroad ("Kanni" for Cannes, "Ber"
                # for Veroia) in an article about other countries: a town the
                # gazetteer lacks, not that one
                return None
        return pick
    if not variants or not key:
        return None
    region = region_phrase(name, countries)
    if region is not None:
        return region
    if PARTS.match(name) or is_not_a_place(name):
        return None
    return variant_of(key, countries)


def eminent(entry: Entry) -> bool:
    """A country or a famous city, whose name a namesake does not take."""
    return entry.kind == "country" or (entry.kind == "town" and entry.population >= _FAMOUS)


def _choose(found: tuple[Entry, ...], countries: frozenset[str]) -> Entry:
    best = found[0]
    local = [e for e in found if e.country in countries]
    if not local or local[0] is best:
        return best
    pick = local[0]
    if best.kind == "country":
        return best  # "Lebanon", not Lebanon, Pennsylvania
    if eminent(best) and pick.kind == "town" and best.population >= 10 * pick.population:
        return best  # "Moscow", not Moscow, Idaho
    return pick


def variant_of(key: str, countries: frozenset[str], *, shapes: bool = True) -> Entry | None:
    """The town whose name is a spelling variant of ``key``, among the towns of
    the conflict countries (:data:`CONFLICT_COUNTRIES`, where transliterated
    names abound): by its loose key or skeleton in the article's countries when
    it names any; else by its loose key in any of them."""
    query = loose(key)
    if len(query) < 3:
        return None
    inside = countries & CONFLICT_COUNTRIES
    if countries and not inside:
        return None
    pool = sorted(inside or CONFLICT_COUNTRIES)
    best = _best(query, [hit for c in pool for hit in variant_index(c)[0].get(query, ())])
    if best is not None:
        return best
    shape = skeleton(key)
    if not shapes or not inside or len(shape) < 3:
        return None
    found = [hit for c in sorted(inside) for hit in variant_index(c)[1].get(shape, ())]
    if not found and shape.endswith("u"):
        # the Kurdish closing "o" of an Arabic "i" ("Qamishlo", Qamishli), when
        # no town of the conflict ends so
        shape = shape[:-1] + "i"
        query = query[:-1] + "i" if query.endswith("o") else query
        found = [hit for c in sorted(inside) for hit in variant_index(c)[1].get(shape, ())]
    best = _best(query, found, floor=0.8)
    if best is None and len({e.geonames_id for _, e in found}) == 1:
        # the one town of these consonants, each of its vowels written otherwise
        # ("Arbeen", "Irbin"; not "Hamouria", "Al Hamra": a vowel more)
        alike = [e for n, e in found if _vowels_alike(n) == _vowels_alike(query)]
        best = alike[0] if alike else None
    return best


def _vowels_alike(name: str) -> str:
    return re.sub(r"[aeiouy]+", "a", name)


def _best(query: str, found: list[tuple[str, Entry]], floor: float = 0.0) -> Entry | None:
    """Of the (loose name, place) found, the most populous among those whose
    name is nearest the query's."""
    if not found:
        return None
    scored = [(difflib.SequenceMatcher(None, query, name).ratio(), e) for name, e in found]
    top = max(score for score, _ in scored)
    if top < floor:
        return None
    near = [e for score, e in scored if score >= top - 0.15]
    return max(near, key=lambda e: e.population)


def goes_by(entry: Entry, key: str) -> bool:
    """The place goes by that folded name, or lies where transliterations
    abound: not only another name of a town abroad ("Ber" for Veroia, "Kazakh"
    for Petropavl), which says nothing of where an article is."""
    return fold(entry.name) == key or entry.country in CONFLICT_COUNTRIES or entry.kind != "town"


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    raw = resources.files("sayso").joinpath("data/places/regions.toml").read_text("utf-8")
    countries = tomllib.loads(raw).get("country", {})
    return {word: cc for cc, spec in countries.items() for word in spec.get("demonyms", ())}


def countries_of(text: str, named: Iterable[str]) -> frozenset[str]:
    """The countries the article is about: those it names; those its other
    places lie in, the most of them (two or more beside a named country, or one
    whose name no other country has; each counts where a place of its name is
    at least a tenth as big as the biggest:
    "Aleppo" and "Idlib" are in Syria); and, when neither tells, those its
    adjectives name ("Syrian")."""
    said: set[str] = set()
    support: Counter[str] = Counter()
    sure: Counter[str] = Counter()
    for name in named:
        key = fold(name)
        found = gazetteer().get(key) or ()
        if not found:
            region = region_phrase(name)
            found = (region,) if region is not None else ()
        if not found:
            continue
        if found[0].kind == "country":
            said.add(found[0].country)
            continue
        # another name of a town outside the conflict countries ("Ber" for
        # Veroia, "Kanni" for Cannes) is no sign of what the article is about
        named_so = tuple(e for e in found if goes_by(e, key))
        if not named_so:
            continue
        top = max(e.population for e in named_so)
        where = {e.country for e in named_so if e.kind == "region" or e.population * 10 >= top}
        support.update(where)
        # "Idlib" is only in Syria ("Nawa" is also Naha, Japan)
        if len({e.country for e in found}) == 1:
            sure.update(where)
    if support:
        most = max(support.values())
        if most >= 2 or not said:  # alone, one name is enough: "Aleppo" is in Syria
            said |= {c for c, n in support.items() if n == most}
    # beside a named country, a town found in one country only: an article
    # naming Russia and "Idlib" is about Syria too
    said |= set(sure)
    if not said:
        for word, country in _demonyms().items():
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
                said.add(country)
    return frozenset(said)
