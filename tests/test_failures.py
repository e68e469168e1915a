"""Failures are data: a page that makes any stage raise is that page's coded
failure ([E110], naming the stage), and every other page is stored, in the CLI
and in a web job."""

from __future__ import annotations

import dataclasses
import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import sayso.pipeline as pipeline
from sayso.batch import IngestSummary, ingest_paths
from sayso.cli import cli
from sayso.nlp.sides import SideDictionary, SideMatch
from sayso.pipeline import STAGES, Settings, Stage
from sayso.store import Store
from sayso.web.jobs import JobInput, Jobs
from sayso.web.settings import ServeSettings

DATA = Path(__file__).parent / "data"
PAGES = sorted((DATA / "conflict").glob("*.txt"))[:3]
MARK = "Kharkiv"  # a word only the second page has: its events stage breaks


def test_the_stages_in_order() -> None:
    assert [s.name for s in STAGES] == [
        "extract", "language", "parse", "entities", "attribution", "speakers",
        "places", "statements", "events",
    ]  # fmt: skip
    made: set[str] = {"document", "text", "meta"}  # what analyze_input starts with
    for stage in STAGES:
        assert set(stage.requires) <= made, stage.name
        made |= set(stage.assigns)
    assert len({s.version for s in STAGES}) == len(STAGES)


def _breaking(stage_name: str, word: str) -> tuple[Stage, ...]:
    """STAGES, with ``stage_name`` raising IndexError on a page holding ``word``."""

    def run(stage: Stage) -> Stage:
        def broken(work: pipeline.Work, settings: Settings) -> dict[str, object]:
            if word in work["article"].text:
                raise IndexError("list index out of range")
            return dict(stage.run(work, settings))

        return dataclasses.replace(stage, run=broken)

    return tuple(run(s) if s.name == stage_name else s for s in STAGES)


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    texts = [p.read_text(encoding="utf-8") for p in PAGES]
    assert MARK not in texts[0] and MARK not in texts[2]
    texts[1] = texts[1].replace("\n\n", f"\n\nReporters in {MARK} saw it.\n\n", 1)
    found = []
    for n, text in enumerate(texts):
        path = tmp_path / f"page-{n}.txt"
        path.write_text(text, encoding="utf-8")
        found.append(path)
    return found


def test_a_stage_that_raises_fails_its_page_and_the_run_goes_on(
    pages: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "STAGES", _breaking("events", MARK))
    db = tmp_path / "sayso.db"
    result = CliRunner().invoke(
        cli, ["ingest", *map(str, pages), "--db", str(db), "--json", "--no-claims", "-q"]
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["stored"]) == (3, 2)
    (failure,) = summary["failed"]
    assert failure["code"] == "E110" and failure["source"] == str(pages[1])
    assert "stage events failed: IndexError" in failure["error"]
    assert "Traceback" not in result.output
    with Store(db) as store:
        assert store.counts()["documents"] == 2

    strict = CliRunner().invoke(
        cli, ["ingest", *map(str, pages), "--db", str(tmp_path / "b.db"), "--strict", "-q",
              "--no-claims", "--json"],
    )  # fmt: skip
    assert strict.exit_code == 1 and json.loads(strict.stdout)["read"] == 2

    # the failure is kept in the store, and listed, until a run stores the page
    listed = CliRunner().invoke(cli, ["failures", "--db", str(db), "--json"])
    (kept,) = json.loads(listed.stdout)
    assert (kept["source"], kept["code"]) == (str(pages[1]), "E110")
    monkeypatch.setattr(pipeline, "STAGES", STAGES)
    again = CliRunner().invoke(cli, ["ingest", str(pages[1]), "--db", str(db), "--no-claims", "-q"])
    assert again.exit_code == 0, again.output
    with Store(db) as store:
        assert store.failures() == [] and store.counts()["documents"] == 3


def test_a_bug_while_storing_fails_that_page_only(
    pages: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Store.save

    def save(self: Store, analysis: object, *args: object, **kwargs: object) -> bool:
        if MARK in analysis.article.text:  # type: ignore[attr-defined]
            raise ValueError("invalid span (74, 69)")
        return original(self, analysis, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "save", save)
    with Store(tmp_path / "sayso.db") as store:
        summary = ingest_paths(list(map(str, pages)), store, Settings(claims=False))
    assert summary.stored == 2 and len(summary.failed) == 1
    assert "[E110] stage store failed: ValueError" in summary.failed[0][1]


class FaultySides(SideDictionary):
    """A side dictionary that breaks the speakers stage on one name: the fault
    reaches the web app's worker process the way a user's --sides does."""

    def side_of(self, *phrases: str | None) -> SideMatch:
        if any(p and "Faultname" in p for p in phrases):
            raise KeyError("Faultname")
        return super().side_of(*phrases)


def test_a_web_job_records_the_broken_page_and_stores_the_others(tmp_path: Path) -> None:
    db = tmp_path / "sayso.db"
    Store(db).close()
    broken = (
        "Council meets\n\n\u201cWe will rebuild the market,\u201d said Omar Faultname, "
        "a spokesman for the city council, on Monday.\n"
    )
    good = PAGES[0].read_bytes()
    analysis = Settings(sides=FaultySides(SideDictionary.load().terms), claims=False)
    jobs = Jobs(str(db), ServeSettings(analysis=analysis))
    jobs.start()
    try:
        job_id = jobs.submit(
            [JobInput.upload(good, "good.txt"), JobInput.paste(broken),
             JobInput.upload(PAGES[2].read_bytes(), "other.txt")]
        )  # fmt: skip
        deadline = time.monotonic() + 180
        while (job := jobs.get(job_id)) and job["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline, job
            time.sleep(0.2)
    finally:
        jobs.close()
    assert job is not None and job["status"] == "done" and job["done"] == 3
    assert len(job["article_ids"]) == 2
    (error,) = job["errors"]
    assert "[E110] stage speakers failed: KeyError" in error


def test_no_stage_error_on_the_bundled_pages(tmp_path: Path) -> None:
    shutil.copy(DATA / "reference" / "aleppo-conscription.txt", tmp_path)
    with Store(tmp_path / "sayso.db") as store:
        summary: IngestSummary = ingest_paths([str(tmp_path)], store, Settings(claims=False))
    assert summary.ok and summary.stored == 1
