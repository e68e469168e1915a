"""Actors across the store: one name, its aliases and side, over many articles."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sayso.batch import ingest_paths
from sayso.cli import cli
from sayso.store import Store

DATA = Path(__file__).parent / "data"


def test_actors_are_one_across_articles_with_their_aliases(tmp_path: Path) -> None:
    path = tmp_path / "actors.db"
    pages = sorted(str(p) for p in (DATA / "pages").glob("*.txt"))
    with Store(path) as store:
        ingest_paths([str(DATA / "reference" / "aleppo-conscription.txt"), *pages], store)
        [army] = store.actors(search="SAA")
        assert army.name == "Syrian Arab Army" and army.kind == "ORG"
        assert {"saa", "syrian arab army"} <= set(army.aliases)
        [basha] = store.actors(search="Rida al-Basha")
        assert basha.side == "government"
        assert all(a.name != "Aleppo" for a in store.actors())  # places are no actors
        by_name = {a.name: a.articles for a in store.actors()}
    shared = [name for name, count in by_name.items() if count >= 2]
    assert shared, "some organisation is named by two of the pages"
    result = CliRunner().invoke(cli, ["actors", "--db", str(path), "--search", "saa", "--json"])
    assert result.exit_code == 0, result.output
    assert [a["name"] for a in json.loads(result.stdout)] == ["Syrian Arab Army"]


def test_an_event_actor_filter_follows_aliases(tmp_path: Path) -> None:
    path = tmp_path / "reference.db"
    with Store(path) as store:
        ingest_paths([str(DATA / "reference" / "aleppo-conscription.txt")], store)
        by_alias = store.events(actor="SAA")
        assert by_alias and by_alias == store.events(actor="Syrian Arab Army")
        assert any("Syrian army" in (r.actor or "") for c in by_alias for r in c.reports)
