"""Places: the offline gazetteer, parts of cities, the dateline, an event's place."""

from __future__ import annotations

from sayso.events.places import fold, lookup
from sayso.extract import build_article
from sayso.model import Analysis, Document
from sayso.pipeline import Settings, analyze_article


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
