"""Reports of one incident told apart and joined: a headline's place the
lede makes vaguer, unlisted spellings, the day a thing
was said (sayso.events.incidents, sayso.link.events)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso import Store, ingest_paths
from sayso.events.unlisted import unlisted_town
from sayso.events.where import written_near
from sayso.ingest import read_bytes
from sayso.model import Analysis, Span
from sayso.pipeline import analyze_input
from sayso.store.events import EventCluster


def _analysis(text: str) -> Analysis:
    return analyze_input(read_bytes(text.encode("utf-8"), "page.txt"))


def _stored_events(tmp_path: Path, pages: dict[str, str]) -> list[EventCluster]:
    """The events of these pages (file name: text) ingested into one store."""
    paths = []
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    with Store(tmp_path / "s.db") as store:
        ingest_paths(paths, store)
        return store.events()


def _sources(event: EventCluster) -> set[str]:
    return {r.source.rsplit("/", 1)[-1] for r in event.reports}


def _main_places(text: str, attr: str = "resolved") -> set[str]:
    """The place (its gazetteer name, or ``attr``) of each report of the page's
    main incident."""
    analysis = _analysis(text)
    places = {p.id: p for p in analysis.places}
    main = [e for e in analysis.events if e.main]
    assert main
    return {getattr(places[e.place_id or ""], attr) for e in main}


@pytest.mark.parametrize(
    ("before", "near"),
    [
        ("in the town of Jinderes, southwest of the city of ", True),
        ("strikes on a town in the enclave of ", True),
        ("fighting in the clashes around the town of ", False),
        ("strikes hit the town of ", False),
    ],
)
def test_a_city_measured_from_is_near_a_town_around_is_there(before: str, near: bool) -> None:
    text = before + "Afrin killed 15."
    assert written_near(text, Span(len(before), len(before) + 5)) is near


def test_a_headline_place_the_lede_writes_as_an_area_gives_way_to_the_town() -> None:
    """ "in Syria's Afrin" (headline), "a town in the enclave of Afrin" (lede),
    "the town of Jinderes, southwest of the city of Afrin": the strike was in
    Jinderes."""
    found = _main_places(
        "Turkish strikes kill 15 civilians in Syria's Afrin\n\n"
        "Turkish airstrikes on a town in the Kurdish-controlled enclave of Afrin killed 15"
        " civilians on Saturday, a war monitor said.\n\n"
        "The Observatory said the strikes hit residential buildings in the town of Jinderes,"
        " southwest of the city of Afrin.\n"
    )
    assert found == {"Jindayris"}


def test_one_unlisted_village_in_two_spellings_of_its_closing_vowel() -> None:
    countries = frozenset({"SY"})
    one, two = (
        unlisted_town("Akarib al-Safi", countries),
        unlisted_town("Aqarib al-Safiyeh", countries),
    )
    assert one is not None and two is not None and one.geonames_id == two.geonames_id
    # a name of one word keeps its closing vowel: a family name is not a town
    maliki, malikiya = unlisted_town("Malaki", countries), unlisted_town("Malakiya", countries)
    assert maliki is not None and malikiya is not None
    assert maliki.geonames_id != malikiya.geonames_id


def test_when_a_report_was_said_does_not_date_the_incident() -> None:
    analysis = _analysis(
        "Barrel bombs kill dozens in Syria's Aleppo\n\nPublished 11 Feb 2014\n\n"
        "Government helicopters dropped barrel bombs on a district of Aleppo, killing at"
        " least 25 people, activists said.\n\n"
        "Human Rights Watch said last week that the aerial bombardment of Aleppo with barrel"
        " bombs was unlawful.\n"
    )
    text = analysis.article.text
    killing = next(e for e in analysis.events if e.main and e.fatalities == 25)
    said = [e for e in analysis.events if e.when and e.when.text(text) == "last week"]
    assert said and said[0].incident in (None, killing.incident)
    # the strike is dated by the page (inferred), not by the week the report was said
    assert killing.date_precision != "week" and killing.date_inferred


def test_a_denial_said_the_day_after_joins_the_strike(tmp_path: Path) -> None:
    """ "told journalists on Wednesday" that no strike hit the town: the strike
    it denies happened that day or the day before (Tuesday's)."""
    events = _stored_events(
        tmp_path,
        {
            "strike.txt": "Russian airstrikes kill 44 civilians in Ariha\n\n"
            "At least 44 civilians were killed on Tuesday when Russian warplanes struck a"
            " crowded market in the town of Ariha in Syria's Idlib province, rescuers said.\n",
            "denial.txt": "Russian ministry calls reports of strike on Ariha market fake\n\n"
            "Russian aircraft did not carry out any strikes on the market of the town of"
            " Ariha in Syria's Idlib province, a defense ministry spokesman told journalists"
            " on Wednesday.\n",
        },
    )
    at_town = [e for e in events if e.place == "Arīḩā" and e.type in ("FIGHT", "ASSAULT")]
    assert {"strike.txt", "denial.txt"} in [_sources(e) for e in at_town]


def test_a_city_the_article_calls_a_province_is_the_province() -> None:
    """ "Yemen's northern province of Saada" is the governorate, though the
    article also names "Saada city" (where the hospital is); the strike's town
    is the district the body names (Haydan)."""
    found = _main_places(
        "17 killed in Saudi-led airstrike on market in Yemen's Saada: medics\n\n"
        "At least 17 civilians were killed on Tuesday when coalition airstrikes hit a"
        " crowded market in Yemen's northern province of Saada, medical sources said.\n\n"
        '"Most of the victims were vendors," a medical official at al-Jumhouri hospital in'
        " Saada city told Xinhua, adding that the hospital received 17 bodies.\n\n"
        "The Houthi-run Saba news agency said the airstrikes hit the weekly market in Haidan"
        " district, putting the death toll at 21.\n"
    )
    assert found == {"Ḩaydān"}


@pytest.mark.parametrize(
    ("before", "where"),
    [
        ("a medical official at al-Jumhouri hospital in ", False),
        ("a doctor at a field hospital in ", False),
        ("the RSF said it had not shelled the Saudi Hospital in ", True),
    ],
)
def test_where_a_speakers_hospital_is_is_not_where(before: str, where: bool) -> None:
    from sayso.events.where import not_where

    text = before + "Saada on Tuesday."
    assert not_where(text, Span(len(before), len(before) + 5)) is not where


def test_a_towns_spelling_with_other_vowels_is_that_town() -> None:
    """ "Arbeen" is Irbin (the one town of Syria of these consonants, each vowel
    written otherwise); "Hamouria" is not "Al Hamra" (a vowel more)."""
    from sayso.events.resolve import lookup

    syria = frozenset({"SY"})
    arbeen, irbin = lookup("Arbeen", syria), lookup("Irbin", syria)
    assert arbeen is not None and irbin is not None and arbeen.geonames_id == irbin.geonames_id
    hamouria = lookup("Hamouria", syria)
    assert hamouria is None or "amr" not in hamouria.name.lower()


def test_a_kurdish_closing_o_is_the_arabic_closing_i() -> None:
    """ "Qamishlo" (the Kurdish press's spelling) is Qamishli, where no town of
    the article's countries is spelt so; not in a country outside the conflict."""
    from sayso.events.resolve import lookup

    syria = frozenset({"SY"})
    qamishlo, qamishli = lookup("Qamishlo", syria), lookup("Qamishli", syria)
    assert qamishlo is not None and qamishli is not None
    assert qamishlo.geonames_id == qamishli.geonames_id
    assert lookup("Qamishlo", frozenset({"FR"})) is None


@pytest.mark.parametrize(
    ("before", "name", "near"),
    [
        ("bodies found in two houses on the edge of ", "Teir Maalla", False),
        ("clashes on the outskirts of ", "Damascus", True),
        ("shelled a rebel-held suburb of ", "Damascus", True),
        ("shelling hit the Damascus suburb of ", "Douma", False),
    ],
)
def test_the_edge_of_a_village_is_the_village_a_suburb_of_a_city_is_not_it(
    before: str, name: str, near: bool
) -> None:
    text = before + name + " on Tuesday."
    assert written_near(text, Span(len(before), len(before) + len(name))) is near


def test_a_headline_city_the_lede_puts_a_village_north_of_is_not_the_place() -> None:
    found = _main_places(
        "Activists blame militia for Homs family killings\n\n"
        "Activists have accused pro-government militiamen of killing 14 members of two"
        " families in a village north of the city of Homs.\n\n"
        "The bodies were found on Tuesday in two houses on the edge of Teir Maalla, a"
        " village in the northern Homs countryside, activists said.\n",
        "name",
    )
    assert found == {"Teir Maalla"}


def test_a_byline_and_a_date_line_are_not_paragraphs_of_the_lede() -> None:
    from sayso.events.incidents import lede_end_of

    analysis = _analysis(
        "Syria accused of chlorine attack on Damascus suburb\n\n"
        "Martin Halloway in Beirut\n\nThu 19 Jan 2017 18.05 GMT\n\n"
        "Syrian government forces have been accused of dropping chlorine gas on a besieged"
        " suburb east of Damascus, killing nine civilians.\n\n"
        "The attack took place late on Wednesday in Erbin, a town in the eastern Ghouta.\n\n"
        "The government denied it.\n"
    )
    text = analysis.article.text
    assert text.index("Erbin") < lede_end_of(analysis.article) < text.index("The government")


def test_a_quarter_named_after_its_city_is_the_city_not_the_province() -> None:
    """ "Daraa al-Balad" beside "Daraa province" is the city's old quarter, not
    the governorate."""
    analysis = _analysis(
        "Barrel bombs kill 11 civilians in Daraa al-Balad\n\n"
        "Regime helicopters dropped barrel bombs on neighborhoods of Daraa al-Balad on"
        " Wednesday, killing 11 civilians, activists said.\n\n"
        "The regime has escalated its bombardment of Daraa province this month.\n"
    )
    from sayso.events.areas import capitals_as_regions

    article = analysis.article
    # as linking and the store read them
    read = capitals_as_regions(analysis.places, article.text, article.title_span)
    places = {p.id: p for p in read}
    main = [e for e in analysis.events if e.main]
    assert main and {places[e.place_id or ""].precision for e in main} == {"town"}
    assert {places[e.place_id or ""].resolved for e in main} == {"Dar‘ā"}


def test_the_use_of_toxic_gas_is_an_attack() -> None:
    """A denial names the attack it denies: "allegations about the use of toxic
    gases in Irbin town" report a chemical attack in Irbin (the page's main
    incident), though no verb of violence says so."""
    analysis = _analysis(
        "Foreign Ministry: allegations of chemical weapons use in Irbin are fabrications\n\n"
        "An official source at the Foreign Ministry affirmed that the allegations about the"
        " use of toxic gases in Irbin town in Eastern Ghouta are mere lies.\n"
    )
    text = analysis.article.text
    uses = [e for e in analysis.events if e.trigger.text(text) == "use"]
    assert uses and all(e.type == "ASSAULT" for e in uses)
    places = {p.id: p for p in analysis.places}
    assert {places[e.place_id or ""].resolved for e in analysis.events if e.main} == {"‘Irbīn"}
    # the use of other things is no attack
    plain = _analysis("Talks\n\nThe use of the road by aid convoys resumed in Irbin.\n")
    assert not [e for e in plain.events if e.trigger.text(plain.article.text) == "use"]
