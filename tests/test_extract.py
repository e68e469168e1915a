"""The text cleaner, bios and HTML extraction, on small hand-made inputs."""

from __future__ import annotations

import pytest

from sayso.extract.bio import match_author, skeleton
from sayso.extract.html import strip_site_tail
from sayso.extract.text import clean_plain_text, find_dateline, is_chrome, parse_byline


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Hussein al-Khattab and Justin Clark", ("Hussein al-Khattab", "Justin Clark")),
        ("BY Jane Doe, John Roe and Ana Ruiz", ("Jane Doe", "John Roe", "Ana Ruiz")),
        ("Written by Nour Salem", ("Nour Salem",)),
        ("By the time the convoy arrived, it was dark.", ()),
        ("Bystanders watched the fire", ()),
    ],
)
def test_extract_byline(line: str, names: tuple[str, ...]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Martin Chulov in Beirut", ("Martin Chulov",)),
        ("Kareem Shaheen in Istanbul and Emma Graham-Harrison", ()),
        ("Fighting in Aleppo", ()),
        ("Airstrikes in Idlib", ()),
    ],
)
def test_a_reporter_filing_from_a_city_is_a_byline_below_the_title(
    line: str, names: tuple[str, ...]
) -> None:
    assert parse_byline(line, filed=True) == names
    assert parse_byline(line) == ()  # a title-cased headline is no byline


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("AMMAN: When the Syrian army ...", "AMMAN"),
        ("NYALA, Sudan — Fatima arrived ...", "NYALA"),
        ("DAMASCUS, Syria (Reuters) - The government said ...", "DAMASCUS"),
        ("DEIR AL-BALAH, Gaza Strip — The last hospital ...", "DEIR AL-BALAH"),
        ("UN - a report says", None),
        ("When the army arrived: nothing", None),
    ],
)
def test_extract_dateline(paragraph: str, place: str | None) -> None:
    assert find_dateline(paragraph) == place


@pytest.mark.parametrize(
    "line",
    [
        "Related Articles",
        "Leave a Reply",
        "Back to top button",
        "Share this:",
        "Tweet",
        "Subscribe to our newsletter",
        "Follow Rachel Somers on X",
        "Tags: Syria, Aleppo",
    ],
)
def test_extract_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Rebel leaders in east Aleppo claim that men face conscription.",
        "Share prices fell sharply in Damascus on Monday, traders said.",
    ],
)
def test_extract_article_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_extract_arabic_name_meets_latin_byline() -> None:
    assert skeleton("حسين الخطاب") == skeleton("Hussein al-Khattab")
    assert match_author("حسين الخطاب", ("Justin Clark", "Hussein al-Khattab")) == (
        "Hussein al-Khattab"
    )
    assert match_author("جاستن كلارك", ("Hussein al-Khattab",)) is None


def test_extract_plain_text_parts() -> None:
    page = "\n\n".join(
        [
            "Rebels say the road is cut",
            "By Jane Doe",
            "IDLIB: Rebels said on Monday that the road was cut.",
            "“We cannot pass,” a driver said.",
            "Jane Doe is a reporter based in Gaziantep covering northern Syria.",
            "Related Articles",
            "Another headline about Idlib",
            "Leave a Reply",
        ]
    )
    clean = clean_plain_text(page)
    assert clean.title == "Rebels say the road is cut"
    assert clean.authors == ("Jane Doe",)
    assert clean.dateline == "IDLIB"
    assert clean.paragraphs[-1] == "“We cannot pass,” a driver said."
    [bio] = clean.bios
    assert bio.author == "Jane Doe" and bio.text.startswith("Jane Doe is a reporter")
    assert "Another headline about Idlib" in clean.removed


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Drones hit Kyiv | Eastern Dispatch", "Eastern Dispatch", "Drones hit Kyiv"),
        ("Drones hit Kyiv - Eastern Dispatch", "Eastern Dispatch", "Drones hit Kyiv"),
        ("Kyiv - a city under drones", None, "Kyiv - a city under drones"),
    ],
)
def test_extract_title_without_site_tail(title: str, site: str | None, expected: str) -> None:
    assert strip_site_tail(title, site) == expected
