"""Analysis on Dask workers (issue 18): `sayso ingest --dask ADDRESS` analyses
pages on a Dask cluster and stores them in this process, in order, so the
store is the one a single process gives; a page that fails on a worker (its
analysis, or the worker dying) fails alone; a cluster that cannot be reached
is one clear error. Also the ingest summary's counts and timing (--json)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import pytest
from click.testing import CliRunner
from distributed import KilledWorker
from distributed.client import FutureCancelledError

from sayso import cluster as cluster_module
from sayso.batch import ingest_paths, open_cluster
from sayso.cli import cli
from sayso.cluster import DaskCluster, Run, analyse_on_worker
from sayso.errors import ClusterError, StageError
from sayso.ingest import RawInput, read_bytes
from sayso.ingest.corpora import count_records
from sayso.pipeline import Settings
from sayso.pool import Analysed
from sayso.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from test_concurrent_writers import _contents  # noqa: E402 (a sibling test module)

DATA = Path(__file__).parent / "data"
PAGES = [DATA / "incident-pages", DATA / "claims", DATA / "events"]
PAGE = "Title\n\nThe governor said on Monday that the bridge was closed.\n"


@pytest.fixture(scope="module")
def local() -> Iterator[DaskCluster]:
    """One LocalCluster of two worker processes for the module. A page that
    kills its worker is given up at once (Dask's default: after four), then
    tried again alone: it kills two workers, not eight."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with open_cluster("local", 2) as cluster:
            yield cluster


def _bad_pages(folder: Path) -> list[str]:
    empty = folder / "empty.txt"  # read here, fails on a worker: no article text
    empty.write_text("   \n", encoding="utf-8")
    binary = folder / "garbage.txt"  # fails here, before any worker: not text
    binary.write_bytes(bytes(range(256)) * 8)
    return [str(empty), str(binary)]


def test_dask_stores_what_one_process_stores(tmp_path: Path, local: DaskCluster) -> None:
    paths = [*map(str, PAGES), *_bad_pages(tmp_path)]
    runs = {}
    for name, on in (("one", None), ("dask", local)):
        db = tmp_path / f"{name}.db"
        with Store(db) as store:
            summary = ingest_paths(paths, store, Settings(), cluster=on)
        failed = sorted((Path(s).name, m.split("[")[1][:4]) for s, m in summary.failed)
        runs[name] = (summary.stored, failed, _contents(db))
    assert runs["dask"] == runs["one"]
    stored, failed, contents = runs["dask"]
    assert stored == 13 and failed == [("empty.txt", "E102"), ("garbage.txt", "E103")]
    assert contents["claims"] and contents["events"]


def test_dask_workers_apply_the_runs_lexicons(tmp_path: Path, local: DaskCluster) -> None:
    from test_lexicons import PAGE as HARRUMPH

    extra = tmp_path / "verbs.toml"
    extra.write_text('speech_verbs = ["harrumph"]\n', encoding="utf-8")
    raw = read_bytes(HARRUMPH.encode(), "page.txt")
    cues = []
    for lexicons in ((), (str(extra),), ()):  # one run after another on the same workers
        [result] = local.analysed([raw], Settings(lexicons=lexicons))
        assert isinstance(result, Analysed)
        text = result.analysis.article.text
        cues.append({text[a.cue.start : a.cue.end] for a in result.analysis.accounts if a.cue})
    assert ["harrumphs" in c for c in cues] == [False, True, False]


def _dies(raw: RawInput, run: Run) -> tuple[str, Any]:
    """A Dask task whose worker dies on the page named dies.txt."""
    if raw.document.source == "dies.txt":
        os._exit(1)
    return analyse_on_worker(raw, run)


def test_dask_a_page_whose_worker_dies_fails_alone(local: DaskCluster) -> None:
    pages = [read_bytes(PAGE.encode(), name) for name in ("before.txt", "dies.txt", "after.txt")]
    results = list(local.analysed([*pages, "stored-already.txt"], Settings(), task=_dies))
    assert [type(r) for r in results] == [Analysed, StageError, Analysed, str]
    assert results[1].source == "dies.txt" and "died" in str(results[1])  # type: ignore[union-attr]


class _Failing:
    """A future whose task went wrong in the given way."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def result(self) -> Any:
        raise self.exc


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (KilledWorker("task", "worker", 1), "died"),
        (RuntimeError("cannot unpickle"), "analysis failed on a Dask worker: RuntimeError"),
    ],
)
def test_dask_a_task_that_fails_is_its_page_failure(exc: BaseException, message: str) -> None:
    raw = read_bytes(PAGE.encode(), "page.txt")
    result = DaskCluster(None, "tcp://h:8786")._result(raw, _Failing(exc))  # type: ignore[arg-type]
    assert isinstance(result, StageError) and result.source == "page.txt"
    assert message in str(result)


def test_dask_a_lost_scheduler_stops_the_run() -> None:
    raw = read_bytes(PAGE.encode(), "page.txt")
    lost = FutureCancelledError("key", "scheduler-connection-lost")
    with pytest.raises(ClusterError, match=r"E601.*tcp://h:8786 \(scheduler-connection-lost\)"):
        DaskCluster(None, "tcp://h:8786")._result(raw, _Failing(lost))  # type: ignore[arg-type]


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "nonsense"])
def test_dask_an_unreachable_scheduler_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT_S", 1)
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["ingest", str(page), "--db", str(db), "--dask", address])
    assert result.exit_code == 3
    assert "[E601]" in result.stderr and address in result.stderr
    assert "Traceback" not in result.output and not db.exists()


def test_dask_missing_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "sayso.cluster")
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(page), "--db", str(tmp_path / "s.db"), "--dask", "local"]
    )
    assert result.exit_code == 3
    assert "[E602]" in result.stderr and "pip install 'sayso[dask]'" in result.stderr


def test_dask_workers_only_with_a_local_cluster(tmp_path: Path) -> None:
    args = ["ingest", str(tmp_path), "--dask", "tcp://h:8786", "--workers", "2"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "--workers applies to --dask local only" in result.output


def test_ingest_json_summary_counts_and_times(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    paths = [str(page), *_bad_pages(tmp_path)]
    db = str(tmp_path / "s.db")
    runs = []
    for _ in range(2):  # the second run finds the page stored already
        result = CliRunner().invoke(cli, ["ingest", *paths, "--db", db, "--json", "--workers", "1"])
        assert result.exit_code == 1, result.output  # two pages fail
        runs.append(json.loads(result.stdout))
    first, again = runs
    assert (first["read"], first["stored"], first["duplicates"], len(first["failed"])) == (
        3,
        1,
        0,
        2,
    )
    assert (again["read"], again["stored"], again["duplicates"], len(again["failed"])) == (
        3,
        0,
        1,
        2,
    )
    for summary in runs:
        seconds = summary["seconds"]  # rounded to the millisecond, as is the rate
        assert seconds > 0
        rel = 0.0006 / seconds + 0.001
        assert summary["pages_per_second"] == pytest.approx(3 / seconds, rel=rel)


def test_ingest_progress_total_counts_jsonl_records(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    assert count_records(str(corpus)) == 2
    assert count_records(str(tmp_path / "c.csv")) is None  # a CSV record may span lines
