"""Attribution building blocks: quote pairing, name rules, sides, and small pages."""

from __future__ import annotations

import pytest

from sayso.extract import build_article
from sayso.model import Document, Span
from sayso.nlp.entities import particle_names
from sayso.nlp.quotes import find_quotes
from sayso.nlp.sides import SideDictionary
from sayso.pipeline import Settings, analyze_article


def _quotes(text: str) -> list[str]:
    return [q.content.text(text) for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“One two,” he said, “three four.”", ["One two,", "three four."]),
        ('He said "we stay" and left.', ["we stay"]),
        ("Aleppo’s rebels don’t say ‘a large number’ of men", ["a large number"]),
        ("“An open quote runs to the end", ["An open quote runs to the end"]),
        ("The rebels’ guns and the bakers’ ovens", []),
        ("«Nous restons», a-t-il dit.", ["Nous restons"]),
        ("''It's a silly thing,'' she said. ``We stay.''", ["It's a silly thing,", "We stay."]),
        ('"One," he said.\xa0"Two three."', ["One,", "Two three."]),
        ("“The reality is grim here,“ he said.", ["The reality is grim here,"]),
        (  # a quote inside a quote: one region, the outer
            "“Men wore “Free Aleppo” shirts at the rally,” he wrote.",
            ["Men wore “Free Aleppo” shirts at the rally,"],
        ),
        (  # an opening mark never closed, before a quote that closes: a typo, dropped
            "“We stay, and “we fight,” he said.",
            ["we fight,"],
        ),
        ('".@UNHCR counted them," he said.', [".@UNHCR counted them,"]),
    ],
)
def test_quotes_pairing(text: str, expected: list[str]) -> None:
    assert _quotes(text) == expected


def test_quotes_multi_paragraph_quote_is_two_regions() -> None:
    text = "“First part, still going.\n\n“Second part.”"
    assert _quotes(text) == ["First part, still going.", "Second part."]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("rebel fighter Yazan al-Halabi was there", ["Yazan al-Halabi"]),
        ("Opposition activist Mumtaz Abu Muhammad says", ["Mumtaz Abu Muhammad"]),
        ("After a-Shaar’s rebels stalled", []),
        ("fighting in Ras al-Ain continued", []),
        ("Osama bin Laden was mentioned", ["Osama bin Laden"]),
    ],
)
def test_entities_particle_names(text: str, names: list[str]) -> None:
    assert [m.span.text(text) for m in particle_names(text)] == names


@pytest.mark.parametrize(
    ("phrase", "side"),
    [
        ("pro-regime journalist based in west Aleppo", "government"),
        ("rebel fighter", "opposition"),
        ("those who have not already fled the rebel-controlled east", "civilian"),
        ("a father of three", "civilian"),
        ("Ukraine’s defence ministry", "ukraine"),
        ("a man in a hat", "unknown"),
        # the longest term decides: the Kurdish Red Crescent is no neutral body
        ("a paramedic with the Kurdish Red Crescent", "kurdish"),
        ("a paramedic with the Red Crescent", "international"),
        ("a medical charity", "international"),
        ("the Syrian American Medical Society", "international"),
        ("a field researcher of the Violations Documentation Center", "monitor"),
    ],
)
def test_sides_default_dictionary(phrase: str, side: str) -> None:
    assert SideDictionary.load().side_of(phrase).side == side


def test_sides_user_file_moves_a_term(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "sides.toml"  # type: ignore[operator]
    path.write_text('[opposition]\nterms = ["al-mayadeen"]\n', encoding="utf-8")
    sides = SideDictionary.load(path)
    assert sides.side_of("al-Mayadeen correspondent").side == "opposition"


def _analyse(text: str):  # type: ignore[no-untyped-def]
    doc = Document(id="doc_test", source="test.txt", kind="text", sha256="0" * 64, size=0)
    return analyze_article(doc, build_article(doc, text), Settings())


def _speaker_sides(page: str) -> dict[str | None, str]:
    """Each speaker's side (by name, else descriptor) on a plain-text page."""
    from sayso.ingest import read_bytes
    from sayso.pipeline import analyze_input

    analysis = analyze_input(read_bytes(page.encode(), "p.txt"), Settings(claims=False))
    return {s.name or s.descriptor: s.side for s in analysis.speakers}


def test_attribution_dateline_never_speaks_and_pronoun_recipient() -> None:
    analysis = _analyse(
        "Truce talks stall\n\n"
        "DAMASCUS, Syria (Reuters) - Colonel Samir Haddad, an army commander, said the truce "
        "had collapsed.\n\n"
        "“We will answer every attack,” he told al-Mayadeen."
    )
    text = analysis.article.text
    direct = [a for a in analysis.accounts if a.kind == "direct"][0]
    speaker = analysis.speaker(direct.speaker_id)
    assert direct.speaker_mention is not None and direct.speaker_mention.text(text) == "he"
    assert speaker is not None and speaker.name == "Samir Haddad"
    assert direct.recipient is not None and direct.recipient.text(text) == "al-Mayadeen"
    for account in analysis.accounts:
        mention = analysis.speaker(account.speaker_id)
        assert mention is None or "DAMASCUS" not in (mention.name or "")
        assert "Reuters" not in account.content.text(text)


def test_attribution_according_to_and_scare_quotes() -> None:
    analysis = _analyse(
        "Convoy hit\n\n"
        "At least 30 drivers were killed, according to a local official in Niono.\n\n"
        "The so-called “security zone” was empty."
    )
    text = analysis.article.text
    [account] = analysis.accounts
    assert account.rule == "according-to"
    assert account.content.text(text) == "At least 30 drivers were killed"
    speaker = analysis.speaker(account.speaker_id)
    assert speaker is not None and speaker.side == "government"


def test_attribution_spans_are_in_bounds() -> None:
    analysis = _analyse("Title\n\n“Unbalanced quote, he said.\n\n” Another ” stray “ mark")
    text = analysis.article.text
    n = len(text)
    # the unclosed quote is still one account, cut at its paragraph's end
    assert [a.content.text(text) for a in analysis.accounts] == ["Unbalanced quote, he said."]
    for account in analysis.accounts:
        assert 0 <= account.content.start < account.content.end <= n
    assert isinstance(analysis.accounts, tuple)
    assert all(isinstance(a.content, Span) for a in analysis.accounts)


def test_another_states_official_is_not_the_governments_side() -> None:
    """A generic role decides no side of the war's country when it names a state
    the story's towns are not in: Turkey's minister is not Syria's government; he
    speaks for Turkey's own side in that war (issue 17, data/sides/)."""
    from sayso.ingest import read_bytes
    from sayso.nlp.sides import home_countries, of_another_state
    from sayso.pipeline import analyze_input

    assert of_another_state(("Turkey's foreign minister",), frozenset({"SY"}))
    assert not of_another_state(("the Syrian foreign minister",), frozenset({"SY"}))
    assert not of_another_state(("a spokesman",), frozenset({"SY"}))
    assert home_countries(["Aleppo", "France"]) == frozenset({"SY"})
    # a town written two ways is one town: "Al-Shaar" and "Shaar" (a namesake
    # in Chad when looked up alone) do not outvote Aleppo
    written_twice = ["Syria", "Al-Shaar", "Shaar", "Moscow", "Damascus", "Aleppo"]
    assert home_countries(written_twice) == frozenset({"SY"})
    text = (
        "Shelling hits Aleppo market\n\n"
        "Shelling hit a market in Aleppo on Monday, killing five people. "
        "Turkey's foreign minister said the attack was a crime. "
        "Syria's defence ministry said the army had not fired on the market."
    )
    analysis = analyze_input(read_bytes(text.encode(), "aleppo.txt"))
    sides = {
        analysis.article.text[a.content.start : a.content.end]: analysis.speaker(a.speaker_id)
        for a in analysis.accounts
    }
    turkish = next(s for c, s in sides.items() if "crime" in c)
    syrian = next(s for c, s in sides.items() if "not fired" in c)
    assert turkish is not None and turkish.side == "turkey"
    assert syrian is not None and syrian.side == "government"


def test_a_foreign_states_voice_takes_its_side_in_the_war() -> None:
    """A state's ministry, embassy or institution speaks for that state: in Syria
    the US is the coalition's, Russia the government's; in a war it takes no part
    in, a state is `foreign`; a state's voice in its own war is left to the
    dictionary (issue 17)."""
    from sayso.nlp.sides import foreign_side, states_speaking

    assert states_speaking(("A State Department spokesperson in Washington",)) == {"US"}
    assert states_speaking(("Britain's Foreign Office minister",)) == {"GB"}
    assert states_speaking(("the Kremlin",)) == {"RU"}
    assert foreign_side({"US"}, frozenset({"SY"})) == "coalition"
    assert foreign_side({"IR"}, frozenset({"SY"})) == "government"
    assert foreign_side({"US"}, frozenset({"UA"})) == "foreign"
    assert foreign_side({"QA"}, frozenset({"PS"})) == "foreign"
    assert foreign_side({"SY"}, frozenset({"SY"})) is None  # its own war
    assert foreign_side({"US", "RU"}, frozenset({"SY"})) is None  # two sides named
    assert foreign_side({"US"}, frozenset()) is None  # the war's country unknown


def test_an_ally_in_another_states_war_takes_the_side_it_fights_for() -> None:
    """In a story of Syria, Russia's defence ministry speaks for the government
    side it fights for (data/sides/); in a story of Ukraine, for Russia."""
    from sayso.nlp.sides import home_countries, in_this_war

    assert in_this_war("russia", home_countries(["Aleppo", "Idlib", "Moscow"])) == "government"
    assert in_this_war("russia", home_countries(["Kharkiv", "Moscow", "Kyiv"])) == "russia"
    assert in_this_war("opposition", frozenset({"SY"})) == "opposition"


def test_where_the_war_is_when_the_article_names_few_towns() -> None:
    """Talks in Astana and a demonym ("Kazakh", another name of a Kazakh town)
    do not make a story of the eastern Ghouta Kazakhstan's; with no town, the
    war of a country named at home ("Ukraine" beside "Russia")."""
    from sayso.nlp.sides import home_countries

    names = ["Damascus", "Eastern Ghouta", "Syria", "Kazakh", "Astana", "Iran", "Russia"]
    assert home_countries(names) == frozenset({"SY"})
    assert home_countries(["Ukraine", "Russia", "Ukrainian"]) == frozenset({"UA"})
    assert home_countries(["Syria", "Russia"]) == frozenset({"SY"})
    assert home_countries(["France", "Russia"]) == frozenset()


def test_a_voice_speaks_for_its_state_or_party_by_name_capital_or_seat() -> None:
    """Leaders, capitals and seats of power speak for their state; the state's
    side is its own at home and its ally's abroad; a party's people for the
    party (data/voices.toml, issue 17)."""
    from sayso.nlp.sides import SideMatch, foreign_voice, state_side
    from sayso.nlp.voices import voice_of

    none = SideMatch("unknown", None)
    assert voice_of("Bashar Assad", ()).speaks_for == "SY"  # type: ignore[union-attr]
    assert voice_of("Bashar al-Assad", ()).speaks_for == "SY"  # type: ignore[union-attr]
    assert voice_of("Abdel Fattah Al-Burhan", ()).speaks_for == "SD"  # type: ignore[union-attr]
    assert voice_of(None, ("Kiev, for its part",)).speaks_for == "UA"  # type: ignore[union-attr]
    assert voice_of(None, ("a State Department spokesperson",)).speaks_for == "US"  # type: ignore[union-attr]
    assert voice_of(None, ("a resident of Damascus",)) is None  # in the capital, not it
    assert voice_of("Boris Johnson", ()).speaks_for == "GB"  # type: ignore[union-attr]
    assert voice_of("Magic Johnson", ()) is None  # a surname listed only in full
    assert state_side("SY", frozenset({"SY"})) == "government"
    assert state_side("UA", frozenset({"UA"})) == "ukraine"
    assert state_side("RU", frozenset({"SY"})) == "government"
    assert state_side("SY", frozenset({"SY", "TR"})) is None  # whose war is unclear
    assert foreign_voice(none, ("Damascus",), frozenset({"SY"})) == ("government", "Damascus")
    assert foreign_voice(none, (), frozenset({"SD"}), "Hemedti") == ("rsf", "Hemedti")
    assert foreign_voice(none, (), frozenset({"UA"}), "Vladimir Putin")[0] == "russia"  # type: ignore[index]


def test_an_outlet_in_its_own_voice_takes_its_alignment_in_this_war() -> None:
    from sayso.nlp.sides import outlet_voice

    assert outlet_voice(("Al Masirah TV",), frozenset({"YE"})) == ("houthi", "Al Masirah")
    assert outlet_voice(("Al Masirah TV",), frozenset({"SY"})) is None  # no alignment there
    assert outlet_voice(("Reuters",), frozenset({"YE"})) is None  # none documented
    # an outlet's correspondent or reporter is its voice
    orient = outlet_voice(("Orient’s correspondent in the city",), frozenset({"SY"}))
    assert orient == ("opposition", "Orient News")
    assert outlet_voice(("an AFP correspondent",), frozenset({"SY"})) is None


def test_a_foreign_partys_paper_names_its_own_officials_by_role() -> None:
    """ "The General Staff" in a Turkish paper on Syria is Turkey's; a wire's, a
    Syrian outlet's or a paper of no party to the war tells nothing."""
    from sayso.nlp.sides import outlet_state

    syria = frozenset({"SY"})
    assert outlet_state("DAILY SABAH WITH AA", syria) == ("turkey", "Daily Sabah")
    assert outlet_state("Reuters", syria) is None
    assert outlet_state("SANA", syria) is None
    assert outlet_state("Al Jazeera", syria) is None


def test_a_foreign_partys_paper_names_its_anonymous_sources_by_role() -> None:
    """ "Security sources told Anadolu Agency" in a Turkish paper on Syria are
    Turkey's, as a role named alone is."""
    page = (
        "TSK neutralizes 27 terrorists in Syria's Jandairis\n\nDAILY SABAH WITH AA\n\n"
        "Turkish jets struck PKK/YPG positions in the Jandairis district of Syria's Afrin on"
        " Saturday.\n\nSecurity sources told Anadolu Agency (AA) that the PKK/YPG had been"
        " circulating photographs from previous years on social media.\n"
    )
    sides = _speaker_sides(page)
    assert "turkey" in sides.values() and "government" not in sides.values(), sides


def test_the_wars_country_is_not_where_statements_come_from() -> None:
    """A capital a statement came from ("in Moscow") does not make its state
    the article's; between countries tied, the one the article names."""
    from sayso.nlp.sides import home_countries

    assert home_countries(["Aleppo", "Moscow"]) == frozenset({"SY"})
    assert home_countries(["North Darfur", "Washington", "Tawila", "Sudan"]) == frozenset({"SD"})


def test_the_conflict_a_user_names_is_the_war_of_every_article() -> None:
    """--conflict (SideDictionary.load(conflict=...)) decides the war where the
    article's towns do not: the Kremlin speaks for the government in Syria."""
    from sayso.errors import ConfigError
    from sayso.ingest import read_bytes
    from sayso.nlp.conflicts import conflict_named, conflicts
    from sayso.nlp.sides import SideDictionary
    from sayso.pipeline import Settings, analyze_input

    page = read_bytes(b"Strikes\n\nThe Kremlin said its jets hit only militants.\n", "p.txt")

    def side(conflict: str | None) -> str:
        settings = Settings(sides=SideDictionary.load(conflict=conflict), claims=False)
        (speaker,) = analyze_input(page, settings).speakers
        return speaker.side

    assert (side(None), side("syria"), side("ukraine")) == ("russia", "government", "russia")
    assert {c.name for c in conflicts()} >= {"syria", "ukraine", "sudan", "gaza", "sahel"}
    assert conflict_named(" Syria ").countries == ("SY",)
    with pytest.raises(ConfigError, match="known: .*ethiopia"):
        conflict_named("narnia")


def test_an_unnamed_source_of_state_or_party_media_speaks_for_its_side() -> None:
    """ "The source said" in SANA is the government's source; "local sources"
    are no one's, and a source of a wire has no side (issue 17)."""
    from sayso.ingest import read_bytes
    from sayso.pipeline import Settings, analyze_input

    def sides(outlet: str) -> dict[str, str]:
        page = (
            f"Army strikes terrorists in Idlib\n\n{outlet}\n\nPublished 22/07/2019\n\n"
            "Army units struck positions of terrorists in the Idlib countryside on Monday, "
            "the source said.\n\nThe strikes destroyed a weapons depot near Saraqib, "
            "local sources said.\n"
        )
        analysis = analyze_input(read_bytes(page.encode(), "p.txt"), Settings(claims=False))
        return {
            a.content.text(analysis.article.text)[:10]: analysis.speaker(a.speaker_id).side  # type: ignore[union-attr]
            for a in analysis.accounts
        }

    assert sides("SANA") == {"Army units": "government", "The strike": "unknown"}
    assert sides("Reuters")["Army units"] == "unknown"


def test_a_named_officer_quoted_by_party_media_by_a_generic_role_is_its_sides() -> None:
    """Al Masirah's "Brigadier General X" speaks for the Houthis, not for a
    government; a leader it quotes keeps his own side (issue 17)."""
    page = (
        "Aggression warplanes strike Saada market\n\nAl Masirah\n\nPublished 15/05/2018\n\n"
        "Warplanes struck a market in Haydan district of Saada governorate on Tuesday, "
        "said Hamid al-Murtada, a spokesman for the armed forces.\n\n"
        "Rashad al-Alimi, the head of the presidential council, said the coalition had hit "
        "only military targets.\n\nA local official said 21 people were killed.\n\n"
        "The Huthi rebels' television said the coalition struck the market twice.\n"
    )
    sides = _speaker_sides(page)
    assert sides["Hamid al-Murtada"] == "houthi"
    assert sides["Rashad al-Alimi"] == "government"
    # unnamed, by a generic role: the outlet's side too; Yemen's rebels are the Houthis
    assert sides["a local official"] == "houthi"
    assert "houthi" in {side for name, side in sides.items() if name and "television" in name}


def test_monitors_kurdish_bodies_and_the_source_said() -> None:
    """In Syria a monitoring group (the Observatory) is the opposition's, as the
    blind gold's convention has it, and civil society's elsewhere; Kurdish
    officials are the Kurdish-led side's, a Kurdish resident a civilian; "the
    source added" is the source that spoke before (issue 17)."""
    from sayso.ingest import read_bytes
    from sayso.nlp.sides import SideDictionary, in_this_war
    from sayso.pipeline import Settings, analyze_input

    sides = SideDictionary.load()
    monitor = sides.side_of("a Britain-based war monitor").side
    assert in_this_war(monitor, frozenset({"SY"})) == "opposition"
    assert in_this_war(monitor, frozenset({"SD"})) == "civilian"
    assert in_this_war(monitor, frozenset()) == "civilian"
    assert sides.side_of("Kurdish officials").side == "kurdish"
    assert sides.side_of("a senior official in the Kurdish-led administration").side == "kurdish"
    assert sides.side_of("a Kurdish resident").side == "civilian"
    page = (
        "Army destroys terrorist dens in Douma\n\nSANA\n\nA military source told SANA that"
        " army units destroyed a command centre in Douma, killing 23 terrorists.\n\n"
        "The source added that the operations would go on until the town is cleared.\n"
    )
    analysis = analyze_input(read_bytes(page.encode(), "p.txt"), Settings(claims=False))
    said = {a.content.text(analysis.article.text)[:14]: a.speaker_id for a in analysis.accounts}
    speakers = {s.id: s for s in analysis.speakers}
    added = speakers[said["the operations"]]
    assert added.side == "government" and "military source" in (added.descriptor or "")
    # the US-led coalition is a side of its own in Syria, a foreign power's elsewhere
    coalition = sides.side_of("a spokesman for the US-led coalition").side
    assert in_this_war(coalition, frozenset({"SY"})) == "coalition"
    assert in_this_war(coalition, frozenset({"UA"})) == "foreign"
    assert sides.side_of("the Ahrar al-Sham movement").side == "opposition"


def test_a_named_person_with_no_side_in_partisan_media_speaks_for_its_side() -> None:
    """TASS's "Vladimir Kuzmin, a member of the region's administration" is
    Russia's side in Ukraine's war; no state, leader or body of his own."""
    from sayso.ingest import read_bytes
    from sayso.pipeline import Settings, analyze_input

    page = (
        "Missile debris hits Zaporozhye\n\nTASS\n\nVladimir Kuzmin, a member of the main"
        " council of the region's administration, told TASS that a Ukrainian air defense"
        " missile hit the building in Zaporozhye.\n\nRussia and Ukraine blame each other.\n"
    )
    analysis = analyze_input(read_bytes(page.encode(), "p.txt"), Settings(claims=False))
    sides = {s.name: s.side for s in analysis.speakers if s.name}
    assert sides["Vladimir Kuzmin"] == "russia"
