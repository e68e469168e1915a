"""Analysis on every core (issue 18): `sayso ingest --workers N` analyses pages
in N processes and stores them in one, and the store is the one a single
process gives; a page that fails in a worker fails alone; a worker that dies
fails only the page it was given, twice."""

from __future__ import annotations

import json
import sys
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from sayso.cli import cli
from sayso.errors import StageError
from sayso.ingest import read_bytes
from sayso.pool import Analysed, analysed

sys.path.insert(0, str(Path(__file__).parent))
from test_concurrent_writers import _contents  # noqa: E402 (a sibling test module)

DATA = Path(__file__).parent / "data"


def test_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    pages = [str(DATA / "claims"), str(DATA / "events"), str(DATA / "incidents" / "dev")]
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    runs = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        result = CliRunner().invoke(
            cli,
            ["ingest", *pages, str(bad), "--db", str(db), "--workers", str(workers), "--json"],
        )
        assert result.exit_code == 1, result.output  # the empty page fails, alone
        summary = json.loads(result.stdout)
        assert [f["source"] for f in summary["failed"]] == [str(bad)]
        runs[workers] = (summary["stored"], _contents(db))
    assert runs[1] == runs[2] and runs[1][0] > 40


class _Dying:
    """A pool whose worker dies for the given page, every time."""

    workers = 1

    def __init__(self) -> None:
        self.renewed = 0

    def submit(self, raw: Any) -> Future[tuple[str, Any]]:
        future: Future[tuple[str, Any]] = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future

    def renew(self) -> None:
        self.renewed += 1


def test_a_page_whose_worker_dies_fails_alone() -> None:
    raw = read_bytes(b"Title\n\nSome text said by someone.\n", "dies.txt")
    pool = _Dying()
    [result] = list(analysed([raw], pool))  # type: ignore[arg-type]
    assert isinstance(result, StageError) and result.source == "dies.txt"
    assert "died" in str(result) and pool.renewed == 2
    passing = list(analysed(["stored-already.txt"], pool))  # type: ignore[arg-type]
    assert passing == ["stored-already.txt"] and not any(isinstance(r, Analysed) for r in passing)


def test_a_pool_is_the_default_only_for_runs_that_repay_it(monkeypatch: Any) -> None:
    from sayso import pool

    monkeypatch.setattr(pool.os, "sched_getaffinity", lambda _: set(range(16)))
    assert pool.default_workers(pool.POOL_FROM_PAGES - 1) == 1
    assert pool.default_workers(pool.POOL_FROM_PAGES) == pool.MAX_DEFAULT_WORKERS
    monkeypatch.setattr(pool.os, "sched_getaffinity", lambda _: {0, 1})
    assert pool.default_workers(500) == 2
