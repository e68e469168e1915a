"""The outlet dictionary: the packaged file, lookups, and users' files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.errors import ConfigError
from sayso.extract.outlets import OWNERSHIPS, OutletDictionary, host_of, name_key
from sayso.nlp.sides import SideDictionary

CONFLICTS = {"syria", "ukraine", "yemen", "sudan", "gaza", "myanmar", "ethiopia"}


@pytest.fixture(scope="module")
def outlets() -> OutletDictionary:
    return OutletDictionary.load()


def test_outlets_packaged_file_is_large_and_well_formed(outlets: OutletDictionary) -> None:
    assert len(outlets) >= 70
    sides = set(SideDictionary.load().sides)
    for outlet in outlets.outlets:
        assert outlet.ownership in OWNERSHIPS, outlet.name
        assert outlet.country is None or len(outlet.country) == 2, outlet.name
        for conflict, side in outlet.alignment:
            assert conflict in CONFLICTS, (outlet.name, conflict)
            assert side in sides, (outlet.name, side)


@pytest.mark.parametrize(
    ("name", "canonical", "country", "ownership"),
    [
        ("SANA", "SANA", "SY", "state"),
        ("Syrian Arab News Agency", "SANA", "SY", "state"),
        ("enab baladi", "Enab Baladi", "SY", "private"),
        ("Al Masdar News", "Al-Masdar News", "LB", "private"),
        ("Russia Today", "RT", "RU", "state"),
        ("TASS", "TASS", "RU", "state"),
        ("Sputnik", "Sputnik", "RU", "state"),
        ("Anadolu", "Anadolu Agency", "TR", "state"),
        ("Al-Jazeera", "Al Jazeera", "QA", "state"),
        ("Al Arabiya", "Al Arabiya", "SA", None),
        ("Agence France-Presse", "AFP", "FR", "wire"),
        ("The Associated Press", "Associated Press", "US", "wire"),
        ("Reuters Staff", "Reuters", "GB", "wire"),
        ("Ukrinform", "Ukrinform", "UA", "state"),
        ("The Kyiv Independent", "Kyiv Independent", "UA", "private"),
        ("RIA Novosti", "RIA Novosti", "RU", "state"),
        ("Sudan Tribune", "Sudan Tribune", None, "private"),
        ("Sudan News Agency", "SUNA", "SD", "state"),
        ("WAFA", "WAFA", "PS", "state"),
        ("The Times of Israel", "Times of Israel", "IL", "private"),
        ("Al-Masirah", "Al Masirah", "YE", None),
        ("SOHR", "Syrian Observatory for Human Rights", "GB", "monitor"),
        ("ANHA", "Hawar News Agency", "SY", "private"),
        ("Irrawaddy", "The Irrawaddy", "MM", "private"),
        ("GNLM", "Global New Light of Myanmar", "MM", "state"),
        ("Sudan War Monitor", "Sudan War Monitor", None, "monitor"),
        ("DAILY SABAH WITH AA", "Daily Sabah", "TR", "private"),  # a byline with its agency
    ],
)
def test_outlets_find_by_name_or_alias(
    outlets: OutletDictionary,
    name: str,
    canonical: str,
    country: str | None,
    ownership: str | None,
) -> None:
    found = outlets.find(name)
    assert found is not None and found.name == canonical
    if country is not None:
        assert found.country == country
    if ownership is not None:
        assert found.ownership == ownership


@pytest.mark.parametrize(
    ("name", "conflict", "side"),
    [
        ("SANA", "syria", "government"),
        ("Enab Baladi", "syria", "opposition"),
        ("RT", "ukraine", "russia"),
        ("TASS", "ukraine", "russia"),
        ("Ukrinform", "ukraine", "ukraine"),
        ("Al-Masdar News", "syria", "government"),
        ("Reuters", "syria", None),
    ],
)
def test_outlets_alignment_per_conflict(
    outlets: OutletDictionary, name: str, conflict: str, side: str | None
) -> None:
    found = outlets.find(name)
    assert found is not None and found.side_in(conflict) == side


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.sana.sy/en/?p=71234", "SANA"),
        ("https://english.enabbaladi.net/archives/2016/04/x", "Enab Baladi"),
        ("http://www.reuters.com/article/us-mideast-crisis-syria", "Reuters"),
        ("edition.cnn.com", "CNN"),
        ("https://www.theguardian.com/world/2016/apr/27/aleppo", "The Guardian"),
        ("https://example.org/sana.sy", None),
        ("https://notreuters.com/x", None),
    ],
)
def test_outlets_find_by_domain(outlets: OutletDictionary, url: str, name: str | None) -> None:
    found = outlets.by_domain(url)
    assert (found.name if found else None) == name


def test_outlets_canonical_keeps_an_unknown_name(outlets: OutletDictionary) -> None:
    assert outlets.canonical("syrian arab news agency") == "SANA"
    assert outlets.canonical("  The  Hama  Courier ") == "The Hama Courier"
    assert outlets.canonical("") is None and outlets.canonical(None) is None


def test_outlets_name_key_and_host() -> None:
    assert name_key("The Al-Masdar News") == name_key("al masdar news")
    assert host_of("https://WWW.Sana.sy:443/en") == "sana.sy"


def test_outlets_user_file_adds_and_replaces(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[outlet]]\nname = "Hama Courier"\naliases = ["HC"]\ndomains = ["hamacourier.example"]\n'
        'country = "SY"\nownership = "private"\nalignment = { syria = "opposition" }\n\n'
        '[[outlet]]\nname = "SANA"\naliases = ["Syrian Arab News Agency"]\ncountry = "SY"\n'
        'ownership = "state"\n',
        "utf-8",
    )
    outlets = OutletDictionary.load(mine)
    added = outlets.find("HC")
    assert added is not None and added.name == "Hama Courier"
    assert outlets.by_domain("https://hamacourier.example/a") == added
    sana = outlets.find("SANA")
    assert sana is not None and sana.domains == () and sana.side_in("syria") is None
    assert len(outlets) == len(OutletDictionary.load()) + 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[outlet]]\naliases = ['x']\n", "needs a `name`"),
        ("[[outlet]]\nname = 'X'\nownership = 'secret'\n", "ownership must be one of"),
        ("[[outlet]]\nname = 'X'\ncountry = 'Syria'\n", "alpha-2"),
        ("[[outlet]]\nname = 'X'\ndomains = ['not a domain']\n", "is not a domain"),
        ("[[outlet]]\nname = 'X'\nalignment = { syria = 1 }\n", "alignment"),
        ("[[outlet]]\nname = 'X'\ncolour = 'red'\n", "unknown keys"),
        ("[outlets]\nname = 'X'\n", "unknown keys"),
        ("[[outlet]]\nname = 'X'\n[[outlet]]\nname = 'Y'\naliases = ['x']\n", "both"),
        ("not toml =", "not valid TOML"),
    ],
)
def test_outlets_bad_user_file_is_a_config_error(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        OutletDictionary.load(bad)
    assert str(bad) in str(caught.value) and "[E301]" in str(caught.value)


def test_outlets_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read outlet dictionary"):
        OutletDictionary.load(tmp_path / "none.toml")
