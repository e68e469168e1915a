"""Linking without SQLite: the pure functions of sayso.link on analysed pages and
hand-made candidates; then `sayso relink` on a store gives back what ingest made."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from sayso import link
from sayso.batch import ingest_paths
from sayso.cli import cli
from sayso.export import to_dict
from sayso.extract import build_article
from sayso.model import UNKNOWN, Analysis, Document, Span
from sayso.pipeline import Settings, analyze_article, analyze_path
from sayso.store import Store

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "reference" / "aleppo-conscription.txt"
EVENTS = sorted(str(p) for p in (DATA / "events").glob("*.html"))
CLAIMS = sorted(str(p) for p in (DATA / "claims").glob("*.txt"))


@pytest.fixture(scope="module")
def kherson() -> Analysis:
    return analyze_path(EVENTS[0])


@pytest.fixture(scope="module")
def aleppo() -> Analysis:
    return analyze_path(str(REFERENCE))


def _one_hot(analysis: Analysis) -> link.Embedded:
    """Orthogonal vectors: no two statements are alike, so each starts a cluster."""
    spoken = tuple(s for s in analysis.statements if s.stance != "silent")
    vectors = np.eye(len(spoken), 384, dtype=np.float32)
    return link.Embedded(spoken, vectors, (0,) * 64)


# ------------------------------------------------------------------ records


def test_a_record_reads_back_as_its_analysis(aleppo: Analysis) -> None:
    assert link.analysis_from_record(to_dict(aleppo)) == aleppo
    assert link.analysis_from_record(json.loads(json.dumps(dataclasses.asdict(aleppo)))) == aleppo


# ------------------------------------------------------------------ events


def test_with_no_candidates_every_event_is_in_a_cluster_of_the_article(kherson: Analysis) -> None:
    decision = link.link_events(kherson, [])
    assert kherson.events and len(decision.reports) == len(kherson.events)
    created = {c.cluster_id for c in decision.created}
    assert {r.cluster_id for r in decision.reports} == created
    assert len(created) <= len(kherson.events)


def test_a_report_joins_a_stored_cluster_of_its_kind_place_and_dates(kherson: Analysis) -> None:
    alone = link.link_events(kherson, [])
    placed = next(c for c in alone.created if c.geonames_id is not None and c.date_start)
    assert placed.geonames_id in link.places_of(kherson)
    assert placed.date_start is not None and placed.date_end is not None
    stored = link.EventCandidate(
        "evc_stored", placed.type, placed.geonames_id, placed.date_start, placed.date_end
    )
    decision = link.link_events(kherson, [stored])
    assert "evc_stored" in {r.cluster_id for r in decision.reports}
    assert placed.cluster_id not in {c.cluster_id for c in decision.created}
    # another place, or dates a month off: not the same event
    elsewhere = dataclasses.replace(stored, geonames_id=-1)
    later = dataclasses.replace(stored, date_start="1999-01-01", date_end="1999-01-02")
    for other in (elsewhere, later):
        assert "evc_stored" not in {
            r.cluster_id for r in link.link_events(kherson, [other]).reports
        }


def _main_cluster(text: str, candidates: list[link.EventCandidate]) -> tuple[str, int | None]:
    """The cluster the page's main incident goes to, and its place's id."""
    doc = Document(id="doc_test", source="test.txt", kind="text", sha256="0" * 64, size=0)
    analysis = analyze_article(doc, build_article(doc, text), Settings())
    decision = link.link_events(analysis, candidates)
    main = next(r for r in decision.reports if r.event.main)
    return main.cluster_id, main.place.geonames_id if main.place else None


SARAQIB = 164816


def test_of_several_stored_incidents_in_its_dates_a_report_joins_a_main_one() -> None:
    text = (
        "Drone strike kills 21 at market in Saraqib\n\nSARAQIB, March 9, 2016 (Reuters) -"
        " A drone strike killed 21 people at the market in Saraqib on Wednesday, residents said.\n"
    )
    _, place = _main_cluster(text, [])
    assert place == SARAQIB
    aside = link.EventCandidate("evc_a", "FIGHT", SARAQIB, "2016-03-09", "2016-03-09")
    main = link.EventCandidate(
        "evc_b", "ASSAULT", SARAQIB, "2016-03-08", "2016-03-09", "Air/drone strike", main=True
    )
    assert _main_cluster(text, [aside, main])[0] == "evc_b"


def test_an_undated_report_joins_on_the_day_it_happened_not_the_day_it_was_told() -> None:
    text = (
        "Saraqib market massacre: 34 dead\n\nThe Civil Defence announced on Tuesday that the"
        " death toll from the air strikes on the market in Saraqib on Monday had reached 34.\n"
    )
    monday = link.EventCandidate(
        "evc_m", "ASSAULT", SARAQIB, None, None, "Air/drone strike", weekday=0, main=True
    )
    assert _main_cluster(text, [monday])[0] == "evc_m"
    tuesday = dataclasses.replace(monday, cluster_id="evc_t", weekday=1)
    assert _main_cluster(text, [tuesday])[0] != "evc_t"


def test_an_undated_shelling_does_not_join_an_undated_air_strike() -> None:
    text = (
        "Regime artillery kills nine in Saraqib\n\nNine civilians were killed on Monday when"
        " regime artillery shelled residential neighbourhoods in Saraqib, rescuers said.\n"
    )
    strike = link.EventCandidate(
        "evc_s", "ASSAULT", SARAQIB, None, None, "Air/drone strike", weekday=0, main=True
    )
    assert _main_cluster(text, [strike])[0] != "evc_s"
    shelling = dataclasses.replace(strike, sub_event_type="Shelling/artillery/missile attack")
    assert _main_cluster(text, [shelling])[0] == "evc_s"


def test_only_the_weapon_its_verbs_name_keeps_an_undated_report_apart() -> None:
    """ "a workshop for making rocket shells" the army says it destroyed is no
    shelling: the report still meets the one air strike there."""
    text = (
        "Army units destroy terrorist dens in Saraqib\n\nArmy units on Monday carried out"
        " operations against terrorist dens in Saraqib, killing at least 23 terrorists.\n\n"
        "A military source said army units destroyed a command centre and a workshop for"
        " making rocket shells in the town.\n"
    )
    strike = link.EventCandidate(
        "evc_s", "ASSAULT", SARAQIB, None, None, "Air/drone strike", weekday=0, main=True
    )
    assert _main_cluster(text, [strike])[0] == "evc_s"


def test_a_wire_dateline_with_no_year_meets_the_incident_of_its_day() -> None:
    text = (
        "Air strikes on Syrian market kill 29\n\nBEIRUT, July 22 (Reuters) - Air strikes hit a"
        " market in the town of Saraqib in northwest Syria, killing at least 29 people.\n"
    )
    july = link.EventCandidate(
        "evc_j", "ASSAULT", SARAQIB, "2019-07-22", "2019-07-22", "Air/drone strike", main=True
    )
    assert _main_cluster(text, [july])[0] == "evc_j"
    august = dataclasses.replace(july, cluster_id="evc_a", date_start="2019-08-26")
    august = dataclasses.replace(august, date_end="2019-08-26")
    assert _main_cluster(text, [august])[0] != "evc_a"


# ------------------------------------------------------------------ actors


def test_with_no_candidates_the_people_and_organisations_are_new_actors(aleppo: Analysis) -> None:
    decision = link.link_actors(aleppo, [], [])
    assert decision.entities and all(a.new for a in decision.actors)
    assert {a.actor_id for a in decision.actors} == {e.actor_id for e in decision.entities}
    assert {a.alias for a in decision.aliases} == link.keys_of(aleppo)


def test_an_entity_joins_the_stored_actor_of_one_of_its_names(aleppo: Analysis) -> None:
    first = link.link_actors(aleppo, [], [])
    entity = next(e for e in aleppo.entities if e.id == first.entities[0].entity_id)
    name = sorted(link.names_of(entity))[0]
    stored_id = link.actor_id_of([name])  # as if an article naming it alone came first
    stored = link.ActorCandidate(stored_id, "X", entity.label, frozenset({name}))
    decision = link.link_actors(aleppo, [link.Alias(name, stored_id)], [stored])
    assert decision.entities[0].actor_id == stored_id
    [actor] = [a for a in decision.actors if a.actor_id == stored_id]
    assert not actor.new and not actor.merged
    assert actor.name == entity.name  # the longest name
    assert name not in {a.alias for a in decision.aliases}  # known already


def test_an_entity_naming_two_stored_actors_merges_them(aleppo: Analysis) -> None:
    entity, keys = next((e, k) for e, k in link.linkable(aleppo) if len(k) >= 2)
    one, other = sorted(keys)[:2]
    stored = [
        link.ActorCandidate("act_one", "One", entity.label, frozenset({one, "zz one"})),
        link.ActorCandidate("act_other", "Other", entity.label, frozenset({other})),
    ]
    aliases = [link.Alias(one, "act_one"), link.Alias(other, "act_other")]
    decision = link.link_actors(aleppo, aliases, stored)
    [actor] = [a for a in decision.actors if set(a.merged) & {"act_one", "act_other"}]
    assert actor.actor_id == link.actor_id_of([one, other, "zz one", *keys])
    assert set(actor.merged) == {"act_one", "act_other"}
    assert {e.actor_id for e in decision.entities if e.entity_id == entity.id} == {actor.actor_id}


def test_which_actor_is_which_does_not_depend_on_the_order_of_articles(tmp_path: Path) -> None:
    pages = [str(REFERENCE), *EVENTS, *CLAIMS]
    found = []
    for name, order in (("forward", pages), ("backward", pages[::-1])):
        with Store(tmp_path / f"{name}.db") as store:
            assert ingest_paths(order, store, Settings(claims=False)).ok
            found.append(
                sorted((a.as_dict() for a in store.actors()), key=lambda a: str(a["actor_id"]))
            )
    assert found[0] == found[1]
    assert any(a["side"] != UNKNOWN for a in found[0]) and any(a["articles"] > 1 for a in found[0])


# ------------------------------------------------------------------ claims


def test_distinct_statements_start_one_part_each(aleppo: Analysis) -> None:
    """...unless one goes on from another (a quote after its paraphrase): it
    joins that one's part."""
    embedded = _one_hot(aleppo)
    decision = link.link_claims(aleppo, embedded)
    spoken = decision.statements[: len(embedded.spoken)]
    assert [s.statement for s in spoken] == list(embedded.spoken)
    part_of = {s.statement.id: s.part_id for s in spoken}
    going_on = [s for s in spoken if s.statement.continues in part_of]
    assert going_on and len(decision.parts) == len(spoken) - len(going_on)
    for s in going_on:
        assert s.part_id == part_of[s.statement.continues]
    assert sum(p.size for p in decision.parts) == len(spoken)
    silences = decision.statements[len(embedded.spoken) :]
    assert all(s.stance == "silent" and s.similarity is None for s in silences)


def test_a_part_gathers_its_statements_proposition_keys(aleppo: Analysis) -> None:
    embedded = _one_hot(aleppo)
    first = embedded.spoken[0]
    decision = link.link_claims(aleppo, embedded, {first.id: frozenset({"inc_1||civilian"})})
    [part] = [p for p in decision.parts if p.part_id == decision.statements[0].part_id]
    assert part.keys == {"inc_1||civilian"}
    assert all(not p.keys for p in decision.parts if p is not part)


def test_a_reprint_is_found_by_its_fingerprint(aleppo: Analysis) -> None:
    embedded = _one_hot(aleppo)
    same = link.StoredFingerprint("art_first", embedded.signature)
    decision = link.link_claims(aleppo, embedded, {}, [same])
    assert decision.duplicate_of == "art_first" and decision.overlap == 1.0
    assert link.link_claims(aleppo, embedded, {}, []).duplicate_of is None


# ------------------------------------------------------------------ relink


def _memberships(db: Path) -> dict[str, object]:
    with Store(db) as store:
        return {
            "claims": [c.as_dict() for c in store.claims()],
            "events": [e.as_dict() for e in store.events()],
            "actors": [a.as_dict() for a in store.actors()],
            "accounts": [dataclasses.asdict(a) for a in store.accounts()],
        }


def test_relink_gives_back_the_links_ingest_made(tmp_path: Path) -> None:
    db = tmp_path / "relink.db"
    with Store(db) as store:
        summary = ingest_paths([str(REFERENCE), *EVENTS, *CLAIMS], store)
        assert summary.ok, summary.failed
        account = store.accounts()[0]
        store.review(account.account_id, reviewer="ana", side="opposition")
    before = _memberships(db)
    conn = sqlite3.connect(db)
    raw_sql = (
        "SELECT id, size, words, vector FROM claims ORDER BY rowid",
        "SELECT article_id, id, claim_id, stance, similarity FROM statements ORDER BY rowid",
        "SELECT id, size FROM event_clusters ORDER BY rowid",
        "SELECT article_id, id, cluster_id FROM events ORDER BY rowid",
        "SELECT * FROM actors ORDER BY rowid",
        "SELECT alias, actor_id FROM actor_aliases ORDER BY rowid",
    )
    raw = [conn.execute(sql).fetchall() for sql in raw_sql]
    result = CliRunner().invoke(cli, ["relink", "--db", str(db), "--json", "-q"])
    assert result.exit_code == 0, result.output
    summary_json = json.loads(result.stdout)
    assert summary_json["articles"] == 1 + len(EVENTS) + len(CLAIMS)
    assert summary_json["before"] == summary_json["after"]
    assert [conn.execute(sql).fetchall() for sql in raw_sql] == raw
    conn.close()
    after = _memberships(db)
    assert after == before
    assert before["claims"] and before["events"] and before["actors"]
    with Store(db) as store:
        assert [r.side for r in store.reviews()] == ["opposition"]  # reviews stay


def test_a_fragment_is_an_account_but_makes_no_claim(aleppo: Analysis) -> None:
    """ "east Aleppo" states no proposition: no part, no claim; its account stays."""
    text = aleppo.article.text
    start = text.index("east Aleppo")
    first = next(s for s in aleppo.statements if s.stance != "silent")
    fragment = dataclasses.replace(first, span=Span(start, start + len("east Aleppo")))
    statements = tuple(fragment if s is first else s for s in aleppo.statements)
    analysis = dataclasses.replace(aleppo, statements=statements)
    decision = link.link_claims(analysis, _one_hot(analysis))
    [linked] = [s for s in decision.statements if s.statement.id == first.id]
    assert linked.part_id is None and linked.stance == first.stance
    assert all(s.part_id for s in decision.statements if s.statement.id != first.id)
    keyed = link.link_claims(analysis, _one_hot(analysis), {first.id: frozenset({"inc_1||"})})
    assert next(s for s in keyed.statements if s.statement.id == first.id).part_id


@pytest.mark.parametrize(
    ("sentence", "weapon"),
    [
        (
            "Regime artillery shelled the town of Muhradah on Thursday.",
            "Shelling/artillery/missile attack",
        ),
        # a clause about the actor names no weapon of the act
        (
            "Opposition factions taking part in the ongoing offensive said they attacked"
            " on Thursday positions of the regime forces inside the town of Muhradah.",
            None,
        ),
    ],
)
def test_the_weapon_an_undated_report_is_kept_apart_by(sentence: str, weapon: str | None) -> None:
    from sayso.ingest import read_bytes
    from sayso.link.events import _weapon
    from sayso.pipeline import analyze_input

    page = f"Rebels hit Muhradah\n\n{sentence}\n"
    analysis = analyze_input(read_bytes(page.encode(), "p.txt"))
    reports = [e for e in analysis.events if e.incident]
    assert reports and _weapon(reports, analysis.article.text) == weapon


def test_a_statement_in_a_narrated_sentence_states_its_incident() -> None:
    """The rescuers' "killed seven civilians" is inside a sentence whose one event
    the article narrates: its proposition is that event's incident; a reporter
    "in Beirut" is a byline, not where it happened."""
    from sayso.extract.text import clean_plain_text
    from sayso.ingest import read_bytes
    from sayso.link.propositions import incident_of_key, proposition_keys
    from sayso.pipeline import analyze_input

    page = (
        "Syria accused of gas attack on rebel-held town\n\nLina Haddad in Beirut\n\n"
        "Government forces have been accused of dropping chlorine on the town of Saraqib, "
        "in an attack that rescue workers say killed seven civilians, three of them children.\n\n"
        "The government denied the allegations.\n"
    )
    assert clean_plain_text(page).authors == ("Lina Haddad",)
    analysis = analyze_input(read_bytes(page.encode("utf-8"), "page.txt"))
    text = analysis.article.text
    keys = proposition_keys(analysis)
    [toll] = [s for s in analysis.statements if s.span.text(text).startswith("killed seven")]
    main = {e.incident for e in analysis.events if e.main}
    assert main and {incident_of_key(k) for k in keys[toll.id]} == main
    assert "Beirut" not in {p.name for p in analysis.places}
