"""Events across articles: one strike told by three outlets with three casualty
figures is one event holding the three figures with their sources.

The corpus in tests/data/events was written for these tests (CC0): a drone
strike on a fuel depot in Kherson reported by a Ukrainian outlet (seven dead,
per the governor), a wire service (at least nine, per the emergency service)
and a Russian outlet (four soldiers, per the defence ministry); and an
unrelated protest in Odesa.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.batch import ingest_paths
from sayso.cli import cli
from sayso.events.status import Word, standing
from sayso.store import Store
from sayso.store.events import EventCluster

CORPUS = Path(__file__).parent / "data" / "events"


@pytest.fixture(scope="module")
def events_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("events") / "events.db"
    with Store(path) as store:
        summary = ingest_paths([str(p) for p in sorted(CORPUS.glob("*.html"))], store)
    assert summary.ok, summary.failed
    return path


def test_one_strike_three_outlets_three_figures(events_db: Path) -> None:
    with Store(events_db) as store:
        [strike] = [e for e in store.events(place="Kherson") if not e.context]
    assert (strike.place, strike.country, strike.geo_precision) == ("Kherson", "UA", "town")
    assert (strike.date_start, strike.date_end, strike.date_precision) == (
        "2026-03-09",
        "2026-03-09",
        "day",
    )
    outlets = {r.outlet for r in strike.reports}
    assert outlets == {"Kherson Herald", "Black Sea Wire", "Moscow Courier"}
    figures = {(n, q, who) for n, q, who in strike.figures("fatalities")}
    assert {
        (7, None, "the regional governor"),
        (9, "at least", "State Emergency Service"),
        (4, None, "The Russian defence ministry"),
    } <= figures
    [ministry] = [r for r in strike.reports if r.according_to == "The Russian defence ministry"]
    assert ministry.side == "russia" and ministry.fatalities == 4


def test_an_unrelated_event_stays_apart(events_db: Path) -> None:
    with Store(events_db) as store:
        protests = store.events(place="Odesa")
        assert protests and all(c.type == "PROTEST" for c in protests)
        assert all(r.outlet == "Black Sea Wire" for c in protests for r in c.reports)
        assert store.events(type_="Battles", place="Odesa") == []


def test_filters_by_date_and_actor(events_db: Path) -> None:
    with Store(events_db) as store:
        assert store.events(place="Kherson", since="2026-03-09", until="2026-03-09")
        assert store.events(place="Kherson", since="2026-03-10") == []
        assert store.events(place="Kherson", actor="drone")
        assert store.events(place="Kherson", actor="no such actor") == []


def test_saving_an_article_again_adds_no_report(events_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(events_db.read_bytes())
    with Store(copy) as store:
        before = len(store.events(place="Kherson")[0].reports)
        ingest_paths([str(CORPUS / "02-black-sea-wire.html")], store)
        assert len(store.events(place="Kherson")[0].reports) == before


def test_cli_events_csv_geojson_json(events_db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["events", "--db", str(events_db), "--place", "Kherson", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["event_type"], row["location"], row["event_date"]) == (
        "Explosions/Remote violence",
        "Kherson",
        "2026-03-09",
    )
    assert (row["admin1"], row["country"]) == ("UA.08", "UA")  # Kherson oblast
    # ACLED's conservative figure, the top of the range, and each source's
    assert (row["fatalities"], row["fatalities_max"]) == ("4", "9")
    assert "4 (The Russian defence ministry)" in row["fatalities_by_source"]
    sources = row["sources"].split(" | ")
    assert {s.split(" (")[0].split(":")[0] for s in sources} == {
        "Black Sea Wire",
        "Kherson Herald",
        "Moscow Courier",
    }
    assert "Kherson Herald" in row["sources"] and "7 killed" in row["sources"]
    shapes = json.loads(
        runner.invoke(cli, ["events", "--db", str(events_db), "--format", "geojson"]).stdout
    )
    assert shapes["type"] == "FeatureCollection" and shapes["features"]
    assert all(f["geometry"]["coordinates"][0] is not None for f in shapes["features"])
    listed = json.loads(runner.invoke(cli, ["events", "--db", str(events_db), "--json"]).stdout)
    assert listed[0]["place"] == "Kherson" and len(listed[0]["reports"]) >= 3
    bad = runner.invoke(cli, ["events", "--db", str(events_db), "--since", "last week"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_events_page_by_page_from_the_cli(events_db: Path) -> None:
    """`sayso events --limit N` gives the list a page at a time, each page's
    next cursor on stderr; the pages together are the whole list, once each."""
    runner = CliRunner()
    whole = json.loads(runner.invoke(cli, ["events", "--db", str(events_db), "--json"]).stdout)
    assert len(whole) >= 3
    seen: list[str] = []
    cursor: list[str] = []
    for _ in range(len(whole)):
        result = runner.invoke(
            cli, ["events", "--db", str(events_db), "--json", "--limit", "2", *cursor]
        )
        assert result.exit_code == 0, result.output
        page = json.loads(result.stdout)
        assert len(page) <= 2
        seen += [e["event_id"] for e in page]
        following = re.search(r"--cursor (\S+)", result.stderr)
        if following is None:
            break
        cursor = ["--cursor", following.group(1)]
    assert seen == [e["event_id"] for e in whole]
    bad = runner.invoke(cli, ["events", "--db", str(events_db), "--cursor", "not-a-cursor"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output


REFERENCE = Path(__file__).parent / "data" / "reference" / "aleppo-conscription.txt"


@pytest.fixture(scope="module")
def reference_events(tmp_path_factory: pytest.TempPathFactory) -> list[EventCluster]:
    path = tmp_path_factory.mktemp("reference") / "reference.db"
    with Store(path) as store:
        assert ingest_paths([str(REFERENCE)], store).ok
        return store.events()


def _about(events: list[EventCluster], words: str, actor: str | None = None) -> EventCluster:
    [found] = [
        e
        for e in events
        if any(words in r.sentence and actor in (None, r.actor) for r in e.reports)
    ]
    return found


def test_the_reference_battle_is_three_events_in_a_shaar(
    reference_events: list[EventCluster],
) -> None:
    """The army reaching a-Shaar, the rebels stalling it, and the government's
    forces pushing them out are three events: their actors are of three kinds.
    The fighters' retrieval of the dead, in the main clause of the sentence whose
    clause of time tells the stalling, is a fourth."""
    reached = _about(reference_events, "reached Aleppo’s central a-Shaar")
    stalled = _about(reference_events, "temporarily stalled", "a-Shaar’s rebels")
    retrieval = _about(reference_events, "temporarily stalled", "Yazan and other fighters")
    pushed = _about(reference_events, "have since pushed the rebels out")
    events = (reached, stalled, retrieval, pushed)
    assert len({e.event_id for e in events}) == 4
    for event in events:
        assert (event.type, event.place, event.geo_precision) == ("FIGHT", "Aleppo", "town")
    assert [r.when for r in reached.reports] == ["last week"]
    waiting = _about(reference_events, "awaiting evacuation")
    assert (waiting.type, waiting.place) == ("RETREAT", "Aleppo")
    assert all(e.place != "Amman" for e in reference_events)  # the dateline only


def test_the_reference_conscription_is_alleged_and_partly_confirmed(
    reference_events: list[EventCluster],
) -> None:
    conscription = _about(reference_events, "transferred by Syrian Arab Army (SAA) officers")
    assert conscription.type == "COERCE"
    assert {r.side for r in conscription.reports} == {"opposition", "government"}
    word = conscription.standing()
    assert (word.status, word.alleged_by, word.confirmed_by) == (
        "partly confirmed",
        ("opposition",),
        ("Rida al-Basha",),
    )
    assert conscription.as_dict()["status"] == "partly confirmed"


@pytest.mark.parametrize(
    ("words", "status", "confirmed"),
    [
        ([Word(None, None, None), Word("Ali", "opposition", "supports")], "reported", ()),
        ([Word("Ali", "opposition", "supports"), Word("Omar", "opposition", None)], "alleged", ()),
        (
            [Word("Ali", "opposition", "supports"), Word("Rida", "government", "supports")],
            "confirmed",
            ("Rida",),
        ),
        (  # a hedged relay from the other side confirms nothing
            [Word("Ali", "opposition", "supports"), Word("Rida", "government", "reports")],
            "alleged",
            (),
        ),
        (
            [Word("Ali", "opposition", "supports"), Word("Rida", "government", "denies")],
            "disputed",
            (),
        ),
    ],
)
def test_whose_word_an_event_rests_on(
    words: list[Word], status: str, confirmed: tuple[str, ...]
) -> None:
    found = standing(words)
    assert (found.status, found.confirmed_by) == (status, confirmed)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("the Syrian army and its allies", "military"),
        ("Russian troops", "military"),
        ("a-Shaar’s rebels", "armed group"),
        ("rebel forces", "armed group"),
        ("The Syrian government and its allies—which include Russia", "government"),
        ("Hundreds of dock workers", "worker"),
        ("The workers", "worker"),
    ],
)
def test_the_kind_of_an_actor(actor: str, expected: str) -> None:
    from sayso.events.sameness import actor_kind
    from sayso.model import Span

    assert actor_kind(Span(0, len(actor)), actor) == expected


def test_an_analyst_s_review_changes_whose_word_an_event_rests_on(tmp_path: Path) -> None:
    """An analyst who reads the pro-government journalist's restricted statement
    as full support makes the conscription confirmed, not partly confirmed."""
    with Store(tmp_path / "reviewed.db") as store:
        assert ingest_paths([str(REFERENCE)], store).ok
        [camps] = [
            a
            for a in store.accounts(speaker="Rida al-Basha")
            if "transferred to camps" in a.content
        ]
        store.review(camps.account_id, reviewer="analyst", stance="supports")
        conscription = _about(store.events(), "transferred by Syrian Arab Army (SAA) officers")
    assert conscription.standing().status == "confirmed"
