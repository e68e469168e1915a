"""Incidents (issue 15): one strike reported by several outlets is one stored
event with every outlet's toll beside it; an incident in the same town months
later stays apart; background statements are context, never linked."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from sayso import Store, ingest_paths
from sayso.events.areas import capitals_as_regions
from sayso.events.incidents import compatible_places
from sayso.events.regions import region_id
from sayso.events.subtypes import sub_event_type
from sayso.export.events import CSV_COLUMNS, conservative, csv_row
from sayso.ingest import read_bytes
from sayso.model import Event, Place
from sayso.pipeline import analyze_input

PAGES = Path(__file__).parent / "data" / "incident-pages"
MARCH = ("01-state-agency-saraqib.txt", "02-monitor-saraqib.txt", "03-wire-saraqib.txt")
OCTOBER = "04-monitor-saraqib-autumn.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("incidents") / "store.db"
    store = Store(path)
    summary = ingest_paths([str(PAGES)], store)
    assert summary.stored == 4 and not summary.failed
    return store


def _events_of(store: Store, name: str) -> set[str]:
    return {
        e.event_id
        for e in store.events()
        for r in e.reports
        if Path(r.source).name == name and r.main
    }


def test_three_outlets_one_strike_one_event_with_every_toll(store: Store) -> None:
    mains = [_events_of(store, name) for name in MARCH]
    assert all(len(m) == 1 for m in mains), mains
    assert mains[0] == mains[1] == mains[2]
    (event,) = [e for e in store.events() if e.event_id in mains[0]]
    assert event.place == "Saraqib" and event.geo_precision == "town"
    assert event.date_start == "2016-03-09"
    tolls = {(Path(r.source).name, r.fatalities) for r in event.reports if r.fatalities}
    assert {(MARCH[0], 12), (MARCH[1], 20), (MARCH[2], 16)} <= tolls
    assert conservative(event)[0] == 12 and conservative(event)[1] == 20
    row = csv_row(event)
    assert set(row) == set(CSV_COLUMNS)
    assert row["fatalities"] == 12 and row["fatalities_max"] == 20
    assert "SANA" in row["sources"] and "Reuters" in row["sources"]


def test_the_same_town_months_later_is_another_incident(store: Store) -> None:
    october = _events_of(store, OCTOBER)
    assert len(october) == 1
    assert not october & _events_of(store, MARCH[1])
    (event,) = [e for e in store.events() if e.event_id in october]
    assert event.date_start == "2016-10-20"
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_background_is_context_never_linked(store: Store) -> None:
    background = [e for e in store.events() if e.reports and all(r.context for r in e.reports)]
    assert background, "the 'since the war began in 2011' sentences are context"
    for event in background:
        assert len({r.article_id for r in event.reports}) == 1
        assert not any(r.main for r in event.reports)


def test_reingesting_in_another_order_links_the_same(tmp_path: Path) -> None:
    for name in (OCTOBER, *reversed(MARCH)):
        shutil.copy(PAGES / name, tmp_path / f"{len(list(tmp_path.iterdir())):02d}-{name}")
    with Store(tmp_path / "store.db") as store:
        ingest_paths([str(tmp_path)], store)
        linked = [
            {Path(r.source).name[3:] for r in e.reports if r.main}
            for e in store.events()
            if any(r.main for r in e.reports)
        ]
    assert set(MARCH) in [m for m in linked], linked


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russian jets struck the market, killing 40", "Air/drone strike"),
        ("A suicide car bomb exploded at a checkpoint", "Suicide bomb"),
        ("Regime helicopters dropped barrel bombs on the town", "Air/drone strike"),
        ("A car bomb killed 12 near the mosque", "Remote explosive/landmine/IED"),
        ("Shelling killed five children", "Shelling/artillery/missile attack"),
        ("Chlorine gas was dropped on the district", "Chemical weapon"),
        ("Clashes erupted on the front line", "Armed clash"),
        ("Gunmen abducted two aid workers", "Abduction/forced disappearance"),
        ("The minister met his counterpart", None),
        # what an attack answers is not how it was done
        ("The army struck positions near the town in response to shelling", None),
    ],
)
def test_sub_event_types(sentence: str, expected: str | None) -> None:
    assert sub_event_type(sentence) == expected


def _place(gid: int, precision: str, country: str = "SY") -> Place:
    return Place(
        id=f"pl_{gid}",
        article_id="a",
        name=str(gid),
        mentions=(),
        geonames_id=gid,
        resolved=str(gid),
        country=country,
        latitude=None,
        longitude=None,
        precision=precision,
        part_of=None,
        dateline=False,  # type: ignore[arg-type]
    )


def test_a_country_holds_its_towns_and_two_towns_differ() -> None:
    town, other, syria, ukraine = (
        _place(1, "town"),
        _place(2, "town"),
        _place(3, "country"),
        _place(4, "country", "UA"),
    )
    assert compatible_places(town, syria)
    assert not compatible_places(town, ukraine)
    assert not compatible_places(town, other)
    assert compatible_places(town, None)


def _main_incident(text: str) -> tuple[Event, Place | None]:
    analysis = analyze_input(read_bytes(text.encode("utf-8"), "page.txt"))
    main = next(e for e in analysis.events if e.main)
    places = {p.id: p for p in analysis.places}
    return main, places.get(main.place_id or "")


def test_a_toll_counted_on_a_day_dates_the_incident_that_day_or_the_one_before() -> None:
    main, _ = _main_incident(
        "Chlorine attack on Douma\n\nTue 17 Jan 2017\n\n"
        "Doctors accused the government of a chlorine attack on the town of Douma.\n\n"
        "The death toll rose from six to nine on Tuesday.\n"
    )
    assert (main.date_start, main.date_end) == ("2017-01-16", "2017-01-17")
    assert main.date_inferred


def test_on_an_undated_page_last_weeks_capture_is_not_mondays_shelling() -> None:
    analysis = analyze_input(
        read_bytes(
            (
                b"Army shells militants in Saraqib\n\n"
                b"The Syrian army shelled militant positions in Saraqib on Monday,"
                b" killing at least 12 militants, a military source said.\n\n"
                b"The army captured three villages in the area last week.\n"
            ),
            "page.txt",
        )
    )
    by_trigger = {e.trigger.text(analysis.article.text): e for e in analysis.events}
    shelled, captured = by_trigger["shelled"], by_trigger["captured"]
    assert shelled.main and shelled.incident and captured.incident
    assert captured.incident != shelled.incident and not captured.main


def test_a_report_in_a_city_suburb_takes_the_town_the_lede_names() -> None:
    main, place = _main_incident(
        "Poisoning in Eastern Ghouta\n\n17.01.2017\n\n"
        "Residents of the town of Douma in Eastern Ghouta were poisoned, officials said.\n\n"
        "Western media reported the deaths of eight people in the Damascus suburb.\n"
    )
    assert place is not None and place.name == "Douma" and main.fatalities == 8


def test_a_place_written_as_close_by_is_not_where_it_happened() -> None:
    """ "A rebel stronghold east of Damascus", "in Damascus suburb": the town the
    lede names is the place (Duma, Douma)."""
    _, place = _main_incident(
        "Air strikes kill 16 civilians in Syria: monitor\n\nAir strikes on a rebel stronghold"
        " east of Damascus killed 16 civilians, including four children, on Saturday, a"
        " monitoring group said.\n\nThe Observatory said warplanes carried out at least six"
        " raids on the town of Duma, in the Eastern Ghouta region.\n"
    )
    assert place is not None and place.resolved == "Dūmā"
    _, place = _main_incident(
        "Syrian Army Destroys Militant Headquarters in Damascus Suburb\n\nThe Syrian army has"
        " destroyed a command post of a militant group in the town of Douma, east of Damascus,"
        " a military source said.\n\nAccording to the source, the strike, carried out on"
        ' Saturday by the Syrian Air Force, killed up to 30 militants.\n\n"The militants have'
        ' been firing mortars at residential areas of Damascus for weeks," the source said.\n'
    )
    assert place is not None and place.resolved == "Dūmā"


def test_the_suburb_named_is_the_place_not_the_city_nearby() -> None:
    _, place = _main_incident(
        "Car bomb kills 9 in Damascus countryside\n\nAt least nine people were killed on"
        " Thursday when a car bomb went off in the Jaramanah suburb southeast of the Syrian"
        " capital Damascus, state TV reported.\n"
    )
    assert place is not None and place.resolved == "Jaramānā"


def test_where_the_wounded_were_taken_is_not_where_it_happened() -> None:
    main, place = _main_incident(
        "Strikes on market\n\nWarplanes struck the market of Ariha in Idlib province on"
        " Tuesday. The council"
        " counted 40 dead and more than 70 wounded, some of whom were transferred to"
        " hospitals in Turkey through the Bab al-Hawa crossing.\n"
    )
    assert place is not None and place.resolved == "Arīḩā"
    assert main.incident is not None


def test_a_capital_speaking_for_its_government_is_not_the_place() -> None:
    _, place = _main_incident(
        "Damascus rejects 'chemical attack' claims in Hama\n\nThe government said its forces"
        " did not use chlorine in the town of Kafr Zeita in Hama province.\n\nA Russian"
        " statement said that"
        " an air force strike on Sunday had hit a workshop on the outskirts of the town.\n"
    )
    assert place is not None and place.resolved == "Kafr Zaytā"


def test_a_capital_saying_something_is_not_where_it_happened() -> None:
    analysis = analyze_input(
        read_bytes(
            b"US strike\n\nMoscow said the strike on the airbase was an act of aggression.\n",
            "p.txt",
        )
    )
    (strike,) = [e for e in analysis.events if e.sentence.start > 10]
    assert strike.place is None


def test_a_village_some_distance_from_a_town_is_the_place_not_the_town() -> None:
    _, place = _main_incident(
        "ISIL raid on Syrian village\n\nThe Observatory said 37 people died in the assault on"
        " Aqarib Al Safiya, about 30 kilometres east of the town of Salamiyah in Hama"
        " province.\n"
    )
    assert place is not None and place.name == "Aqarib Al Safiya" and place.precision == "town"


def test_a_capitals_army_and_an_enclave_are_not_the_town() -> None:
    """ "Ankara's offensive" is Turkey's; "a town in the enclave of Afrin" is not
    the town of Afrin: the lede's toll joins the headline's incident."""
    analysis = analyze_input(
        read_bytes(
            b"Strikes kill 15 civilians in Syria\n\nTurkish airstrikes on a town in the"
            b" enclave of Afrin killed 15 civilians on Saturday, as Ankara's offensive"
            b" neared the end of its fourth week.\n",
            "p.txt",
        )
    )
    text = analysis.article.text
    killed = next(e for e in analysis.events if e.trigger.text(text) == "killed")
    places = {p.id: p for p in analysis.places}
    assert killed.main and killed.place is not None and killed.place.text(text) == "Afrin"
    assert places[killed.place_id or ""].resolved == "Syria"


def test_a_village_named_before_the_word_village_is_a_place() -> None:
    _, place = _main_incident(
        "ISIS commits massacre in Deir Ezzor countryside\n\nISIS terrorists committed a"
        " massacre against the people of Ayyash village in the western countryside of Deir"
        " Ezzor, killing 42 civilians.\n"
    )
    assert place is not None and place.name == "Ayyash" and place.precision == "town"


def _named(place: Place, name: str, resolved: str) -> Place:
    return replace(place, name=name, resolved=resolved)


def test_a_capital_beside_its_area_is_the_area_where_reporting_says_so() -> None:
    # Syrian reporting writes the governorate by its capital's name ...
    idlib = _named(_place(169389, "town"), "Idlib", "Idlib")
    province = _named(_place(region_id("SY.12"), "region"), "Idlib province", "Idlib Governorate")
    shown = capitals_as_regions([idlib, province], "Strikes on Idlib. Idlib province.")
    assert shown[0].precision == "region" and shown[0].geonames_id == province.geonames_id
    # "Syria's Hama" is Hama
    city = _named(_place(170017, "town"), "Syria's Hama", "Ḩamāh")
    area = _named(_place(region_id("SY.10"), "region"), "Hama province", "Hama Governorate")
    assert (
        capitals_as_regions([city, area], "Syria's Hama. Hama province.")[0].precision == "region"
    )
    # ... and Yemeni: as written, though the gazetteer spells it "Al Hudaydah"
    city = _named(_place(79415, "town", "YE"), "Hodeidah", "Al Ḩudaydah")
    area = _named(
        _place(region_id("YE.08"), "region", "YE"), "Hodeidah governorate", "Hodeidah Governorate"
    )
    shown = capitals_as_regions([city, area], "A market in Hodeidah. Hodeidah governorate.")
    assert shown[0].precision == "region"
    # ... Ukrainian reporting does not: "Zaporizhzhia" is the city
    city = _named(_place(687700, "town", "UA"), "Zaporizhzhia", "Zaporizhzhya")
    oblast = _named(
        _place(region_id("UA.26"), "region", "UA"), "Zaporizhzhia region", "Zaporizhzhia Oblast"
    )
    shown = capitals_as_regions([city, oblast], "A strike on Zaporizhzhia. Zaporizhzhia region.")
    assert shown[0].precision == "town" and shown[0].geonames_id == 687700


def test_a_city_named_only_in_the_headline_beside_another_town_is_its_province() -> None:
    """ "Russian strikes on Idlib market" over "a market in the town of Ariha": one
    incident, at Ariha, not two towns."""
    analysis = analyze_input(
        read_bytes(
            b"Death toll from Russian strikes on Idlib market rises to 51\n\nThe death toll"
            b" from Russian air strikes on a market in the northwestern Syrian town of Ariha has"
            b" risen to 51 civilians, rescuers in Syria said on Wednesday.\n",
            "p.txt",
        )
    )
    places = {p.id: p for p in analysis.places}
    reports = [e for e in analysis.events if e.incident]
    assert len({e.incident for e in reports}) == 1
    assert {places[e.place_id or ""].resolved for e in reports if e.main} == {"Arīḩā"}


def test_a_place_written_as_holding_the_next_is_not_where() -> None:
    """ "Afrin's Jandairis": the headline and the lede are one incident, at Jandairis."""
    analysis = analyze_input(
        read_bytes(
            b"Army neutralizes 27 terrorists in Afrin's Jandairis\n\nPublished February 18,"
            b" 2018\n\nTurkish jets neutralized 27 terrorists in airstrikes on shelters in the"
            b" Jandairis district of Syria's Afrin on Saturday, the General Staff said.\n",
            "p.txt",
        )
    )
    places = {p.id: p for p in analysis.places}
    reports = [e for e in analysis.events if e.incident]
    assert len({e.incident for e in reports}) == 1
    assert {places[e.place_id or ""].name for e in reports} == {"Jandairis"}


@pytest.mark.parametrize(
    ("before", "said"),
    [
        ("the spokesman told journalists on ", True),
        ("the ministry said in a statement on ", True),
        ("a medic told AFP on ", True),
        ("rebels said on ", True),
        ("the monitor said rebels attacked on ", False),
        ("warplanes struck the town on ", False),
    ],
)
def test_the_day_something_was_said_is_told_from_the_day_it_happened(
    before: str, said: bool
) -> None:
    from sayso.link.days import said_on

    assert said_on(before + "Wednesday", len(before)) is said


def test_the_province_town_of_a_place_is_that_place() -> None:
    """ "the Idlib province town of Saraqib": no town named "Idlib province"."""
    analysis = analyze_input(
        read_bytes(
            b"Airstrike on Idlib market\n\nReports claimed that warplanes bombed a market in"
            b" the Idlib province town of Saraqib on Monday.\n",
            "p.txt",
        )
    )
    assert not [p for p in analysis.places if p.name == "Idlib province" and p.precision == "town"]
    places = {p.id: p for p in analysis.places}
    main = [e for e in analysis.events if e.main]
    assert main and {places[e.place_id or ""].name for e in main} == {"Saraqib"}
