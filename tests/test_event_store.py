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
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.batch import ingest_paths
from sayso.cli import cli
from sayso.store import Store

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
        [strike] = store.events(place="Kherson")
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
    assert "4 (The Russian defence ministry)" in row["fatalities"]
    assert row["sources"] == "Black Sea Wire | Kherson Herald | Moscow Courier"
    shapes = json.loads(
        runner.invoke(cli, ["events", "--db", str(events_db), "--format", "geojson"]).stdout
    )
    assert shapes["type"] == "FeatureCollection" and shapes["features"]
    assert all(f["geometry"]["coordinates"][0] is not None for f in shapes["features"])
    listed = json.loads(runner.invoke(cli, ["events", "--db", str(events_db), "--json"]).stdout)
    assert listed[0]["place"] == "Kherson" and len(listed[0]["reports"]) >= 3
    bad = runner.invoke(cli, ["events", "--db", str(events_db), "--since", "last week"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
