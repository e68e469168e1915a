"""Regions: the governorates, provinces, oblasts and states of the conflict
countries, with the GeoNames admin1 codes their towns carry."""

from __future__ import annotations

import pytest

from sayso.events.gazetteer import gazetteer
from sayso.events.places import admin_area, lookup, region_of
from sayso.events.regions import parse, phrases, regions

SYRIA = frozenset({"SY"})


def test_every_region_code_is_a_code_its_towns_carry() -> None:
    codes = {e.admin1 for found in gazetteer().values() for e in found if e.kind == "town"}
    for region in regions():
        assert region.entry.admin1 in codes, region.short
        assert region.entry.kind == "region" and region.entry.latitude is None
        assert region.entry.geonames_id < 0
    ids = [r.entry.geonames_id for r in regions()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("town", "country", "code"),
    [
        # Syria's 14 governorates by their seats (Damascus is its own)
        ("Al-Hasakah", "SY", "SY.01"),
        ("Latakia", "SY", "SY.02"),
        ("Quneitra", "SY", "SY.03"),
        ("Raqqa", "SY", "SY.04"),
        ("Sweida", "SY", "SY.05"),
        ("Daraa", "SY", "SY.06"),
        ("Deir ez-Zor", "SY", "SY.07"),
        ("Douma", "SY", "SY.08"),
        ("Aleppo", "SY", "SY.09"),
        ("Hama", "SY", "SY.10"),
        ("Homs", "SY", "SY.11"),
        ("Idlib", "SY", "SY.12"),
        ("Damascus", "SY", "SY.13"),
        ("Tartus", "SY", "SY.14"),
        ("Kafr Nabl", "SY", "SY.12"),
        ("Donetsk", "UA", "UA.05"),
        ("Kharkiv", "UA", "UA.07"),
        ("Kherson", "UA", "UA.08"),
        ("Bucha", "UA", "UA.13"),
        ("Kyiv", "UA", "UA.12"),
        ("El Fasher", "SD", "SD.55"),
        ("Nyala", "SD", "SD.49"),
        ("Geneina", "SD", "SD.47"),
        ("Zalingei", "SD", "SD.61"),
        ("El Daein", "SD", "SD.60"),
        ("Hodeidah", "YE", "YE.08"),
        ("Marib", "YE", "YE.14"),
        ("Khan Younis", "PS", "PS.GZ"),
        ("Mekele", "ET", "ET.53"),
        ("Bahir Dar", "ET", "ET.46"),
        ("Sittwe", "MM", "MM.01"),
        ("Myitkyina", "MM", "MM.04"),
        ("Gao", "ML", "ML.09"),
        ("Djibo", "BF", "BF.12"),
        ("Tillaberi", "NE", "NE.09"),
        ("Maiduguri", "NG", "NG.27"),
        ("Lashkar Gah", "AF", "AF.10"),
        ("Mosul", "IQ", "IQ.15"),
        ("Fallujah", "IQ", "IQ.01"),
    ],
)
def test_a_town_and_its_region_share_a_code(town: str, country: str, code: str) -> None:
    entry = lookup(town, frozenset({country}))
    assert entry is not None and entry.kind == "town" and entry.country == country, town
    assert admin_area(entry.geonames_id) == code
    found = region_of(entry.geonames_id)
    assert found is not None and found[0] == code
    assert any(r.entry.admin1 == code and not r.area for r in regions())


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Idlib province", "SY.12"),
        ("Idleb province", "SY.12"),
        ("the southern Idlib countryside", "SY.12"),
        ("Idlib's countryside", "SY.12"),
        ("Idlib Governorate", "SY.12"),
        ("eastern Hama", "SY.10"),
        ("northern Hama countryside", "SY.10"),
        ("northern Homs", "SY.11"),
        ("Aleppo province", "SY.09"),
        ("Aleppo countryside", "SY.09"),
        ("rural Aleppo", "SY.09"),
        ("the western Aleppo countryside", "SY.09"),
        ("Rif Dimashq", "SY.08"),
        ("Damascus countryside", "SY.08"),
        ("Rural Damascus", "SY.08"),
        ("Eastern Ghouta", "SY.08"),
        ("Deir ez-Zor province", "SY.07"),
        ("Deir al-Zour countryside", "SY.07"),
        ("Dayr az-Zawr governorate", "SY.07"),
        ("Hasakah province", "SY.01"),
        ("Hassakeh province", "SY.01"),
        ("al-Hasakah governorate", "SY.01"),
        ("Raqqa countryside", "SY.04"),
        ("Daraa province", "SY.06"),
        ("Deraa countryside", "SY.06"),
        ("Quneitra province", "SY.03"),
        ("Sweida province", "SY.05"),
        ("As-Suwayda governorate", "SY.05"),
        ("Tartus province", "SY.14"),
        ("Latakia countryside", "SY.02"),
        ("Kharkiv region", "UA.07"),
        ("Kharkov oblast", "UA.07"),
        ("Donetsk Oblast", "UA.05"),
        ("Kyiv region", "UA.13"),
        ("North Darfur", "SD.55"),
        ("South Kordofan", "SD.50"),
        ("Tigray", "ET.53"),
        ("Amhara region", "ET.46"),
        ("Rakhine State", "MM.01"),
        ("Shan State", "MM.11"),
        ("Hodeidah province", "YE.08"),
        ("Marib governorate", "YE.14"),
        ("Anbar province", "IQ.01"),
        ("Nineveh", "IQ.15"),
        ("Helmand province", "AF.10"),
        ("Borno State", "NG.27"),
        ("Gao region", "ML.09"),
        ("Tillaberi region", "NE.09"),
        ("North Gaza", "PS.GZ"),
        ("southern Gaza", "PS.GZ"),
        ("the Gaza Strip", "PS.GZ"),
        ("West Bank", "PS.WE"),
    ],
)
def test_a_region_phrase_is_the_region(phrase: str, code: str) -> None:
    entry = lookup(phrase, frozenset({code[:2]}))
    assert entry is not None and entry.kind == "region", phrase
    assert entry.admin1 == code and entry.latitude is None


@pytest.mark.parametrize(
    "name", ["Aleppo", "Idlib", "Hama", "Homs", "Raqqa", "Deir ez-Zor", "Donetsk", "Gaza"]
)
def test_a_city_alone_stays_the_city(name: str) -> None:
    entry = lookup(name)
    assert entry is not None and entry.kind == "town", name


def test_a_compass_word_makes_a_region_only_of_a_city_under_a_million() -> None:
    """A compass word: "eastern Hama" is the governorate; "eastern Aleppo" and "west Aleppo" are
    parts of the city (a part resolves to its city in places.py)."""
    assert parse("eastern Hama", SYRIA) is not None
    for part in ["eastern Aleppo", "west Aleppo", "east Aleppo", "eastern Damascus"]:
        assert parse(part, SYRIA) is None and lookup(part, SYRIA) is None
    assert parse("northern Syria") is None and parse("Syria's Idlib") is None


def test_region_of_names_a_towns_area() -> None:
    kafr_nabl = lookup("Kafr Nabl")
    assert kafr_nabl is not None and region_of(kafr_nabl.geonames_id) == ("SY.12", "Idlib")
    province = lookup("Idlib province")
    assert province is not None and region_of(province.geonames_id) == ("SY.12", "Idlib")
    douma = lookup("Douma", SYRIA)
    assert douma is not None and region_of(douma.geonames_id) == ("SY.08", "Rif Dimashq")
    gaza = lookup("Khan Younis")
    assert gaza is not None and region_of(gaza.geonames_id) == ("PS.GZ", "Gaza Strip")
    angeles = lookup("Los Angeles")
    assert angeles is not None and region_of(angeles.geonames_id) == ("US.CA", "California")
    syria = lookup("Syria")
    assert syria is not None and region_of(syria.geonames_id) is None
    paris = lookup("Paris")
    assert paris is not None and region_of(paris.geonames_id) is None  # no name for FR.11
    assert region_of(None) is None and region_of(123456789) is None


def test_phrases_in_a_text() -> None:
    text = (
        "Jets struck the southern Idlib countryside and eastern Hama on Monday, and "
        "rural Aleppo. Fighting spread across Hama and Idlib provinces. In Deir ez-Zor "
        "province, IS attacked; in eastern Aleppo and in Aleppo, nothing. The Islamic "
        "State claimed it."
    )
    found = [(name, text[s.start : s.end], e.admin1) for name, s, e in phrases(text, SYRIA)]
    assert [(n, c) for n, _, c in found] == [
        ("southern Idlib countryside", "SY.12"),
        ("eastern Hama", "SY.10"),
        ("rural Aleppo", "SY.09"),
        ("Idlib provinces", "SY.12"),
        ("Hama", "SY.10"),
        ("Deir ez-Zor province", "SY.07"),
    ]
    assert all(name == written for name, written, _ in found)
