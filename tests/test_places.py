"""Places: the offline gazetteer, parts of cities, the dateline, an event's place."""

from __future__ import annotations

from pathlib import Path

from sayso.events.places import fold, lookup, region_of
from sayso.extract import build_article
from sayso.model import Analysis, Document, Place
from sayso.pipeline import Settings, analyze_article, analyze_path


def _analyse(raw: str) -> Analysis:
    doc = Document(id="doc_test", source="test.txt", kind="text", sha256="0" * 64, size=0)
    return analyze_article(doc, build_article(doc, raw), Settings())


def test_lookup_prefers_a_country_the_article_names_then_population() -> None:
    aleppo = lookup("Aleppo")
    assert aleppo is not None and aleppo.country == "SY" and aleppo.kind == "town"
    assert aleppo.latitude is not None and 35 < aleppo.latitude < 37
    syria = lookup("Syria")
    assert syria is not None and syria.kind == "country" and syria.latitude is None
    assert lookup("Kharkiv") is not None and lookup("Charkiw") == lookup("Kharkiv")
    assert lookup("Nowhereville Flats") is None
    assert fold("Kafr Nabl’s") == "kafr nabls"


def test_parts_of_cities_and_the_dateline() -> None:
    analysis = _analyse(
        "Shelling hits Aleppo district\n\n"
        "AMMAN: Government forces shelled Aleppo’s central a-Shaar district on Monday, "
        "residents said.\n\n"
        "Families fled to west Aleppo, and some crossed into Turkey near the Fawik River."
    )
    places = {p.name: p for p in analysis.places}
    assert (places["a-Shaar"].resolved, places["a-Shaar"].part_of) == ("Aleppo", "Aleppo")
    assert places["a-Shaar"].precision == "town"
    assert (places["west Aleppo"].part_of, places["west Aleppo"].precision) == ("Aleppo", "town")
    assert places["Turkey"].precision == "country" and places["Turkey"].latitude is None
    amman = [p for p in analysis.places if p.dateline]
    assert [(p.name, p.resolved, p.country) for p in amman] == [("AMMAN", "Amman", "JO")]
    unknown = [p for p in analysis.places if p.precision == "unknown"]
    assert all(p.latitude is None and p.resolved is None for p in unknown)
    text = analysis.article.text
    [shelling] = [e for e in analysis.events if e.trigger.text(text) == "shelled"]
    assert shelling.place is not None and shelling.place.text(text) == "a-Shaar"
    assert shelling.place_id == places["a-Shaar"].id
    assert all(e.place is None or e.place.text(text) != "AMMAN" for e in analysis.events)


def test_a_neighbourhood_on_the_edge_of_a_city_is_part_of_it() -> None:
    """An unlisted quarter "on the eastern edge of Damascus" is Damascus's."""
    places = _places(
        "Army advances in Jobar\n\n"
        "The army advanced on Tuesday in the Jobar neighbourhood on the eastern edge of "
        "Damascus, killing more than 40 militants, a military source said."
    )
    assert (places["Jobar"].resolved, places["Jobar"].part_of) == ("Damascus", "Damascus")


def test_a_place_is_mentioned_wherever_its_name_is_written() -> None:
    """The entity recogniser tags some mentions and not others; every mention
    counts, a name of several words in any case, and a mention inside a longer
    place's mention is the longer place's. The dateline is not a mention."""
    from sayso.events.places import _every_mention
    from sayso.model import Span

    text = "ALEPPO: Families fled East Aleppo for Aleppo’s west, and east Aleppo emptied."
    tagged = [("East Aleppo", (Span(22, 33),)), ("Aleppo", (Span(38, 44),))]
    found = dict(_every_mention(text, tagged, Span(0, 6)))
    assert [m.text(text) for m in found["East Aleppo"]] == ["East Aleppo", "east Aleppo"]
    assert [m.text(text) for m in found["Aleppo"]] == ["Aleppo"]


def _places(raw: str) -> dict[str, Place]:
    return {p.name: p for p in _analyse(raw).places if not p.dateline}


def test_no_month_weekday_organisation_or_person_is_a_place() -> None:
    places = _places(
        "Shelling kills five in Nawa\n\n"
        "Government forces shelled Nawa in Syria on Tuesday, killing five people, the "
        "Syrian Observatory for Human Rights said. In March, rebels took the town. On "
        "Sunday the Syrian Observatory counted the dead. Support came from Obama."
    )
    assert "March" not in places and "Sunday" not in places and "Obama" not in places
    assert not any("Observatory" in name for name in places)
    # "Nawa" is Nawa of Syria, not Naha in Japan, six times bigger
    assert (places["Nawa"].country, places["Nawa"].precision) == ("SY", "town")


def test_syrias_town_is_the_town() -> None:
    places = _places(
        "Idlib offensive\n\n"
        "Syria's Kafr Nabl was shelled on Monday. Syria's Idlib has been hit hard, "
        "and jets struck Deir al-Zour and Khan Sheikhoun."
    )
    kafr_nabl = next(p for name, p in places.items() if name.endswith("Kafr Nabl"))
    assert (kafr_nabl.resolved, kafr_nabl.country, kafr_nabl.precision) == (
        "Kafranbel",
        "SY",
        "town",
    )
    idlib = next(p for name, p in places.items() if name.endswith("Idlib"))
    assert (idlib.resolved, idlib.precision) == ("Idlib", "town")
    assert places["Deir al-Zour"].resolved == "Deir ez-Zor"
    assert places["Khan Sheikhoun"].country == "SY"  # tagged a person by its "Khan"
    assert region_of(places["Khan Sheikhoun"].geonames_id) == ("SY.12", "Idlib")


def test_a_region_phrase_is_a_place_of_region_precision() -> None:
    places = _places(
        "Offensive in Idlib\n\n"
        "Government troops advanced in the southern Idlib countryside and in Idlib "
        "province, and shelled eastern Hama and the northern Hama countryside, and rural "
        "Aleppo. In Aleppo itself the shelling went on."
    )
    for name, code in [
        ("southern Idlib countryside", "SY.12"),
        ("Idlib province", "SY.12"),
        ("eastern Hama", "SY.10"),
        ("northern Hama countryside", "SY.10"),
        ("rural Aleppo", "SY.09"),
    ]:
        place = places[name]
        assert (place.precision, place.country, place.latitude) == ("region", "SY", None), name
        assert region_of(place.geonames_id) is not None
        assert region_of(place.geonames_id)[0] == code  # type: ignore[index]
    assert (places["Aleppo"].precision, places["Aleppo"].resolved) == ("town", "Aleppo")


def test_homonyms_resolve_inside_the_articles_countries() -> None:
    """A Syrian town over a bigger namesake abroad when the article is about
    Syria, whether it says so or names only Syrian places; but no village takes
    the name of a famous city."""
    places = _places(
        "Shelling in Palmyra\n\n"
        "Government forces shelled Palmyra and Homs on Monday, and advanced near "
        "Salamiyah and Tal Abyad. Fighters fled to Aleppo and Idlib."
    )
    for name in ["Palmyra", "Homs", "Salamiyah", "Tal Abyad", "Aleppo", "Idlib"]:
        assert places[name].country == "SY", name
    places = _places(
        "Clashes in Tripoli\n\n"
        "Clashes broke out in Tripoli on Monday, a day after a bombing in Beirut and a "
        "raid in Sidon."
    )
    assert places["Tripoli"].country == "LB"  # not Libya's, six times bigger
    syria = frozenset({"SY"})
    moscow, washington = lookup("Moscow", syria), lookup("Washington", syria)
    assert moscow is not None and moscow.country == "RU"
    assert washington is not None and (washington.country, washington.kind) == ("US", "town")
    lebanon = lookup("Lebanon", frozenset({"US"}))
    assert lebanon is not None and lebanon.kind == "country"


def test_a_town_the_gazetteer_lacks_set_in_a_known_area_is_a_town_of_its_own() -> None:
    # "Hammouriyeh" is in no GeoNames list sayso ships; the text sets it in the
    # eastern Ghouta, so it is a town of Syria, not unknown and not Damascus;
    # "the Armored Vehicles Base in Harasta" is a site, and stays what it was
    places = _places(
        "Gas attack near Syrian capital\n\nRockets carrying chlorine hit homes in"
        " Hammouriyeh, in the eastern Ghouta suburbs of Damascus, late on Monday."
        " Fighting went on at the Armored Vehicles Base in Harasta.\n"
    )
    town = places["Hammouriyeh"]
    assert (town.precision, town.country, town.latitude) == ("town", "SY", None)
    assert town.geonames_id is not None and town.resolved == "Hammouriyeh"
    assert places["Harasta"].geonames_id == lookup("Harasta").geonames_id  # type: ignore[union-attr]
    base = [p for name, p in places.items() if "Base" in name]
    assert all(p.precision != "town" or p.resolved != p.name for p in base)


def test_the_place_of_a_source_is_not_the_place_of_what_it_tells() -> None:
    analysis = _analyse(
        "Army repels attack in Harasta\n\nAccording to a military source in Damascus,"
        " more than 30 militants were killed in the clashes on Thursday.\n"
    )
    text = analysis.article.text
    [killed] = [e for e in analysis.events if e.fatalities == 30]
    assert killed.place is None or killed.place.text(text) != "Damascus"
    # "a medical official ... told Xinhua": whom it was told, not where
    page = Path(__file__).parent / "data" / "incidents" / "dev2" / "24-xinhua-saada.txt"
    told = analyze_path(str(page))
    assert all(e.place is None or e.place.text(told.article.text) != "Xinhua" for e in told.events)


def test_another_name_of_a_town_abroad_is_no_place_in_an_article_about_elsewhere() -> None:
    """ "Kanni" is one of Cannes's other names: in an article about Myanmar it is
    a township the gazetteer lacks, not Cannes; Geneva keeps its own name."""
    from sayso.events.resolve import countries_of, lookup

    assert lookup("Kanni", frozenset({"MM"})) is None
    assert lookup("Kanni") is not None  # with nothing to say where the article is
    geneva = lookup("Geneva", frozenset({"SY"}))
    assert geneva is not None and geneva.country == "CH"
    assert "FR" not in countries_of("", ["Kanni", "Yangon", "Sagaing region"])


def test_towns_the_article_calls_towns_in_any_spelling_are_one_town() -> None:
    """ "Bér" (a name of Veroia, Greece, too) is a Malian town the gazetteer
    lacks: the article calls it a town ("the locality of Bér", "Bér, a town 60
    km east of Timbuktu"), and the headline's "Ber" is the same town; another
    name of a town abroad says nothing of the article's country."""
    from sayso.events.resolve import countries_of

    assert countries_of("", ["Ber", "Timbuktu"]) == frozenset({"ML"})
    locality = _places(
        "Terrorist gathering destroyed near Ber\n\nThe army conducted air strikes"
        " against a gathering in the locality of Bér, in the region of Timbuktu.\n"
    )
    town, headline = locality["Bér"], locality["Ber"]
    assert (town.precision, town.country, town.latitude) == ("town", "ML", None)
    assert headline.geonames_id == town.geonames_id
    apposition = _places(
        "Drone strike on market\n\nAt least 21 civilians were killed in a drone strike on the"
        " market of Bér, a town about 60 kilometres east of Timbuktu, local sources said.\n"
    )
    assert apposition["Bér"].geonames_id == town.geonames_id
    # "Ahmed, a village elder" is a man
    elder = _places("Strike\n\nAhmed, a village elder, said the strike hit Timbuktu.\n")
    assert "Ahmed" not in elder


def test_a_township_is_its_town_and_a_capitalised_kind_word_ends_a_region() -> None:
    """ "Kani Township, Sagaing Region" and "Kanni township in the Sagaing
    region": one town of Myanmar (not Kani, Japan), in Sagaing."""
    one = _places(
        "Security forces act in Kani Township\n\nSecurity forces attacked a gathering"
        " in Kani Township, Sagaing Region, on 4 October.\n"
    )
    other = _places(
        "Airstrike on school\n\nThe attack in Kanni township in the Sagaing region killed"
        " at least 17 civilians, a local resistance group said.\n"
    )
    kani, kanni = one["Kani Township"], other["Kanni"]
    assert kani.country == kanni.country == "MM" and kani.precision == "town"
    assert kani.geonames_id == kanni.geonames_id
    assert one["Sagaing Region"].precision == "region"


def test_a_place_ends_before_the_full_stop() -> None:
    places = _places("Strikes\n\nThe strikes hit a gathering in the region of Timbuktu.\n")
    assert "Timbuktu" in places and "Timbuktu." not in places
