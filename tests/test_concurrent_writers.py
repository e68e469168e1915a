"""Writers take turns (issue 20): two `sayso ingest` runs and a web import write
into one store at once, and the store is the one a single run gives: the same
documents, accounts, claims, events and actors, whatever order the three
writers' saves interleave in. None waits out its turn ("database is locked").

Real analysis throughout: 22 pages of the bundled corpora, with three incidents
reported by several articles, so that claims, events and actors are shared
across the writers' pages.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sayso.batch import ingest_paths
from sayso.store import Store
from sayso.web.jobs import JobInput, Jobs
from sayso.web.settings import ServeSettings

DATA = Path(__file__).parent / "data"
PAGES = [
    DATA / "reference" / "aleppo-conscription.txt",
    *sorted((DATA / "claims").glob("*.txt")),
    *sorted((DATA / "events").glob("*.html")),
    *sorted((DATA / "incidents" / "dev").glob("*.txt"))[:12],
]
SCRIPT = Path(sys.executable).with_name("sayso")


def _contents(path: Path) -> dict[str, Any]:
    """What a store holds, without what depends on who wrote it (a page's source
    is a path for the CLI and a label for the web app)."""
    conn = sqlite3.connect(path)
    documents = conn.execute(
        "SELECT ar.id, d.sha256 FROM articles AS ar JOIN documents AS d ON d.id = ar.document_id"
        " ORDER BY ar.id"
    ).fetchall()
    conn.close()
    with Store(path) as store:
        return {
            "documents": documents,
            "accounts": sorted(
                (a.account_id, a.article_id, a.content, a.speaker, a.side, a.claim_id)
                for a in store.accounts()
            ),
            "claims": sorted(
                (
                    c.claim_id,
                    c.text,
                    sorted((s.statement_id, s.stance, s.side) for s in c.statements),
                )
                for c in store.claims()
            ),
            "events": sorted(
                (
                    e.event_id,
                    e.type,
                    e.place,
                    e.date_start,
                    sorted((r["event_id"], r["article_id"]) for r in e.as_dict()["reports"]),
                )
                for e in store.events()
            ),
            "actors": sorted(
                (a.actor_id, a.name, a.kind, a.side, a.aliases, a.articles) for a in store.actors()
            ),
        }


def _ingest(paths: list[Path], db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(SCRIPT), "ingest", *map(str, paths), "--db", str(db), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_ingests_and_a_web_import_at_once_give_the_store_of_one_run(tmp_path: Path) -> None:
    assert SCRIPT.exists(), "sayso is not installed in this environment"
    together = tmp_path / "together.db"
    Store(together).close()
    runs = [_ingest(PAGES[0::3], together), _ingest(PAGES[1::3], together)]
    jobs = Jobs(str(together), ServeSettings(page_time_limit_s=300.0, worker_start_limit_s=300.0))
    jobs.start()
    try:
        job_id = jobs.submit([JobInput.upload(p.read_bytes(), p.name) for p in PAGES[2::3]])
        deadline = time.monotonic() + 600
        while (job := jobs.get(job_id)) is not None and job["status"] not in (
            "done",
            "failed",
            "cancelled",
        ):
            assert time.monotonic() < deadline, job
            time.sleep(0.2)
    finally:
        jobs.close()
    assert job is not None and job["status"] == "done" and not job["errors"], job
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert "locked" not in err + out
    alone = tmp_path / "alone.db"
    with Store(alone) as store:
        summary = ingest_paths([str(p) for p in PAGES], store)
    assert summary.ok and summary.stored == len(PAGES), summary.as_dict()
    expected = _contents(alone)
    assert _contents(together) == expected
    assert all(expected[k] for k in expected)
    assert any(len(c[2]) > 1 for c in expected["claims"])
