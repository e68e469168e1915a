"""The web app's import jobs: a bounded queue kept in the store, each page
analysed in a child process with a time limit, cancel, restart, and pages
re-analysed from their kept bytes only (a name is a label, never a path or URL).

Real analysis throughout. One started ``Jobs`` is shared by most tests (its
child loads the models once); a runaway page, a cancel or a killed child each
cost one fresh child for the next page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import signal
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sayso.errors import FetchRefused, QueueFull
from sayso.store import SCHEMA_VERSION, Store
from sayso.store import jobs as jobs_store
from sayso.web.fetch import Fetched
from sayso.web.jobs import JobInput, Jobs, upload_label
from sayso.web.settings import ServeSettings
from tests.web_support import HOSTILE, PAGE_TEXT, ROOT

PAGE_LIMIT_S = 8.0  # a small page takes under a second; slow disks and busy CPUs happen
LIMITS = ServeSettings(page_time_limit_s=PAGE_LIMIT_S, worker_start_limit_s=120.0)
REFERENCE = ROOT / "tests" / "data" / "reference" / "aleppo-conscription.txt"
FETCHED_URL = "https://news.example.org/geneva"
FINISHED = ("done", "failed", "cancelled")
fetches: list[str] = []  # every URL the stand-in fetcher was asked for


def fake_fetch(url: str, **limits: Any) -> Fetched:
    """Stands in for sayso.web.fetch.fetch: no network in tests."""
    fetches.append(url)
    if "127.0.0.1" in url:
        raise FetchRefused("127.0.0.1 is a loopback address", source=url)
    return Fetched(url=url + "?final", data=page("fetched").encode(), content_type="text/plain")


def page(tag: str) -> str:
    """A small page of its own (another document) for each tag."""
    return f"{PAGE_TEXT}\nReported by the {tag} desk.\n"


def long_page(size: int = 500_000) -> bytes:
    """Ordinary English news prose, about ``size`` bytes: parsing it takes minutes."""
    who = [
        "The council",
        "A spokeswoman for the ministry",
        "Residents of the district",
        "Engineers",
    ]
    did = ["said", "reported", "warned", "announced"]
    what = [
        "that repairs to the water network would take several more weeks",
        "that the bridge over the river had been closed to heavy traffic",
        "that power had returned to most homes in the northern quarter",
        "that the market would open again once the roads were cleared",
        "that schools in the valley were still being used as shelters",
    ]
    when = ["on Monday", "late on Tuesday", "this week", "after the storm", "before the winter"]
    paragraphs, length, n = [], 0, 0
    while length < size:
        sentences = []
        for _ in range(4):
            n += 1
            sentences.append(
                f"{who[n % 4]} {did[n % 3]} {what[n % 5]} {when[n % 7 % 5]}, according to "
                f"officials who visited {n % 97 + 3} villages in the area."
            )
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return ("Repairs go on across the region\n\n" + "\n\n".join(paragraphs) + "\n").encode()


def wait(
    jobs: Jobs, job_id: str, *, step: str | None = None, timeout: float = 60.0
) -> dict[str, Any]:
    """The job once it is over (or once its step starts with ``step``)."""
    deadline = time.monotonic() + timeout
    while True:
        job = jobs.get(job_id)
        assert job is not None
        if job["step"].startswith(step) if step else job["status"] in FINISHED:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.05)


def stored(db: Path, article_id: str) -> tuple[str, str, jobs_store.Original | None]:
    """An article's source, its document's sha256 and the original kept for it."""
    with Store(db) as store:
        view = store.article(article_id)
        assert view is not None
        sha = store.document_sha256(view.document_id)
        assert sha is not None
        return view.source, sha, store.original(sha)


def has_page(db: Path, text: str) -> bool:
    with Store(db) as store:
        return store.has_document(hashlib.sha256(text.encode()).hexdigest())


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jobs") / "sayso.db"
    Store(path).close()
    return path


@pytest.fixture(scope="module")
def jobs(db: Path) -> Iterator[Jobs]:
    started = Jobs(str(db), LIMITS, fetch=fake_fetch)
    started.start()
    yield started
    started.close()


def test_a_pasted_page_is_stored_and_its_bytes_kept_under_a_label(jobs: Jobs, db: Path) -> None:
    job_id = jobs.submit([JobInput.paste(PAGE_TEXT)])
    job = wait(jobs, job_id)
    assert job["status"] == "done" and job["step"] == "finished", job
    assert (job["done"], job["total"], job["errors"]) == (1, 1, [])
    assert job["summary"]["stored"] == 1 and job["cancellable"] is False
    source, _, original = stored(db, job["article_ids"][0])
    assert source.startswith("paste:") and len(source) == len("paste:") + 12
    assert original is not None and original.kind == "paste" and original.name == source
    assert original.data == PAGE_TEXT.encode()
    # Again: the same document, found and not analysed twice.
    again = wait(jobs, jobs.submit([JobInput.paste(PAGE_TEXT)]))
    assert again["summary"]["duplicates"] == 1 and again["article_ids"] == job["article_ids"]


def test_upload_names_are_labels_and_reanalysis_reads_the_kept_bytes(jobs: Jobs, db: Path) -> None:
    reference = REFERENCE.read_bytes()
    inputs = [
        JobInput.upload(reference, "/etc/hostname"),
        JobInput.upload(HOSTILE.encode(), "http://127.0.0.1:1/x"),
        JobInput.from_url(FETCHED_URL),
    ]
    job = wait(jobs, jobs.submit(inputs))
    assert job["status"] == "done" and job["errors"] == [] and len(job["article_ids"]) == 3, job
    sources = [stored(db, article_id) for article_id in job["article_ids"]]
    assert [s[0] for s in sources] == ["upload:hostname", "upload:x", FETCHED_URL]
    assert [s[2].kind if s[2] else None for s in sources] == ["upload", "upload", "url"]
    url_original = sources[2][2]
    assert url_original is not None and url_original.url == FETCHED_URL + "?final"
    fetched_before = list(fetches)

    # Analysed again from the kept bytes: not /etc/hostname, not a fetch.
    source, sha, original = sources[0]
    assert original is not None and original.data == reference
    again = wait(jobs, jobs.submit([JobInput.stored(sha, "/etc/hostname")], replace=True))
    assert again["status"] == "done" and again["summary"]["reanalyzed"] == 1, again["errors"]
    assert again["article_ids"] == job["article_ids"][:1]
    assert stored(db, again["article_ids"][0])[:2] == ("upload:hostname", sha)
    with Store(db) as store:
        view = store.article(again["article_ids"][0])
        assert view is not None and "Aleppo" in view.text
    assert fetches == fetched_before


def test_a_runaway_page_is_stopped_and_the_rest_goes_on(jobs: Jobs, db: Path) -> None:
    started = time.monotonic()
    job_id = jobs.submit([JobInput.upload(long_page(), "long.txt"), JobInput.paste(page("after"))])
    job = wait(jobs, job_id)
    assert job["status"] == "done" and job["done"] == 2, job
    assert job["errors"] == [
        f"upload:long.txt: [E109] analysis passed its {PAGE_LIMIT_S:g} s limit and was stopped"
    ]
    assert job["summary"]["stored"] == 1 and len(job["article_ids"]) == 1
    assert has_page(db, page("after"))
    assert time.monotonic() - started < 40  # stopped, not parsed to the end (minutes)
    # The store is still usable, and the next job runs on a fresh child.
    next_job = wait(jobs, jobs.submit([JobInput.paste(page("next"))]))
    assert next_job["status"] == "done" and next_job["summary"]["stored"] == 1
    with Store(db) as store:
        assert store.counts()["articles"] >= 5


def test_cancel_stops_a_running_page_and_keeps_what_is_stored(jobs: Jobs, db: Path) -> None:
    job_id = jobs.submit([JobInput.paste(page("kept")), JobInput.upload(long_page(), "a.txt")])
    running = wait(jobs, job_id, step="analysing upload:a.txt")
    assert running["status"] == "running" and running["cancellable"] is True
    assert jobs.cancel(job_id)
    assert (jobs.get(job_id) or {})["status"] == "cancelled"  # at once
    assert not jobs.cancel(job_id)
    deadline = time.monotonic() + 2.0  # its child is killed within a moment
    while [p for p in multiprocessing.active_children() if p.name == "sayso-analysis"]:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    job = wait(jobs, job_id)
    assert job["status"] == "cancelled" and job["step"] == "cancelled", job
    assert job["done"] == 1 and len(job["article_ids"]) == 1 and not job["cancellable"]
    assert has_page(db, page("kept"))
    assert not jobs.cancel(job_id) and not jobs.cancel("no-such-job")
    assert jobs.get("no-such-job") is None
    after = wait(jobs, jobs.submit([JobInput.paste(page("after cancel"))]))
    assert after["status"] == "done", after


def test_a_child_that_dies_fails_its_page_alone(jobs: Jobs, db: Path) -> None:
    job_id = jobs.submit([JobInput.upload(long_page(), "b.txt"), JobInput.paste(page("survivor"))])
    wait(jobs, job_id, step="analysing upload:b.txt")
    (child,) = [p for p in multiprocessing.active_children() if p.name == "sayso-analysis"]
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)  # as the OOM killer would
    job = wait(jobs, job_id)
    assert job["status"] == "done" and len(job["errors"]) == 1, job
    assert job["errors"][0].startswith("upload:b.txt: [E100] the analysis worker stopped")
    assert has_page(db, page("survivor"))


def test_pages_that_cannot_be_read_fail_alone(jobs: Jobs, db: Path) -> None:
    inputs = [
        JobInput.upload(b"\x00\x01\x02 binary \x00", "photo.jpg"),
        JobInput.paste(""),
        JobInput.stored("0" * 64, "never kept"),
        JobInput.from_url("http://127.0.0.1:1/admin"),
        JobInput.paste(page("good")),
    ]
    job = wait(jobs, jobs.submit(inputs))
    assert job["status"] == "done" and job["done"] == 5 and len(job["article_ids"]) == 1, job
    codes = [error.split("[", 1)[1][:4] for error in job["errors"]]
    assert codes == ["E103", "E102", "E101", "E108"], job["errors"]
    assert [f["source"] for f in job["summary"]["failed"]] == [
        "upload:photo.jpg",
        JobInput.paste("").name,
        "never kept",
        "http://127.0.0.1:1/admin",
    ]
    nothing = wait(jobs, jobs.submit([JobInput.paste("  \n")]))
    assert nothing["status"] == "failed" and nothing["summary"]["stored"] == 0


def test_the_queue_is_bounded_and_a_restart_resumes_where_a_job_stopped(tmp_path: Path) -> None:
    db = tmp_path / "restart.db"
    waiting = Jobs(str(db), dataclasses.replace(LIMITS, max_queued_jobs=1))  # never started
    try:
        first = waiting.submit([JobInput.paste(page("q1"))])
        with pytest.raises(QueueFull, match=r"\[E501\]"):
            waiting.submit([JobInput.paste(page("q2"))])
        queued = waiting.get(first) or {}
        assert queued["status"] == "queued" and queued["cancellable"] is True
        assert waiting.cancel(first)
        assert (waiting.get(first) or {})["status"] == "cancelled"
        second = waiting.submit([JobInput.paste(page("r1")), JobInput.paste(page("r2"))])
    finally:
        waiting.close()
    # As if the server died after the first page of `second`.
    with Store(db) as store:
        store.update_job(second, status="running", done=1, step="analysing r2")
    children = {p.pid for p in multiprocessing.active_children()}  # the shared Jobs' child
    restarted = Jobs(str(db), LIMITS)
    try:
        restarted.start()
        job = wait(restarted, second)
        assert job["status"] == "done" and (job["done"], job["total"]) == (2, 2), job
        assert has_page(db, page("r2")) and not has_page(db, page("r1"))
        assert (restarted.get(first) or {})["status"] == "cancelled"
        # Stopped mid-page, a job stays unfinished, for the next start to resume.
        third = restarted.submit([JobInput.upload(long_page(), "c.txt")])
        wait(restarted, third, step="analysing upload:c.txt")
    finally:
        started = time.monotonic()
        restarted.close()
        restarted.close()
        assert time.monotonic() - started < 3.0
    assert {p.pid for p in multiprocessing.active_children()} <= children
    stopped = restarted.get(third) or {}
    assert (stopped["status"], stopped["done"], stopped["cancellable"]) == ("running", 0, True)
    with Store(db) as store:
        assert all(row.data is None for row in store.job_inputs(second))
        assert store.job_inputs(third)[0].data is not None  # kept until the job is over


@pytest.mark.parametrize(
    ("filename", "label"),
    [
        ("/etc/hostname", "upload:hostname"),
        ("http://127.0.0.1:1/x", "upload:x"),
        ("C:\\Users\\ana\\report.html", "upload:report.html"),
        ("re\x00po\x1brt\u202e.html\n", "upload:report.html"),
        ("../", "upload:file"),
        ("..", "upload:file"),
        ("", "upload:file"),
    ],
)
def test_an_upload_is_named_by_a_label(filename: str, label: str) -> None:
    assert upload_label(filename) == label
    assert JobInput.upload(b"x", filename) == JobInput(label, "upload", b"x")


def test_a_stored_page_is_shown_without_a_path() -> None:
    assert JobInput.stored("ab", "/srv/news/page.html").name == "page.html"
    assert JobInput.stored("ab", "upload:a/b").name == "upload:a/b"
    assert JobInput.stored("ab", "https://example.org/a").name == "https://example.org/a"
    assert JobInput.stored("ab", "/srv/news/").name == "stored page"


def test_finished_jobs_are_kept_up_to_a_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs_store, "KEEP_FINISHED", 2)
    row = jobs_store.JobInputRow(0, "paste:x", "paste", None, None, b"x")
    with Store(tmp_path / "s.db") as store:
        for n in range(4):
            store.save_job(f"job{n}", [row], replace=False, step="queued")
            store.update_job(f"job{n}", status="done")
        store.save_job("running", [row], replace=False, step="queued")
        store.update_job("running", status="running")
        store.save_job("new", [row], replace=True, step="queued")
        assert [j["job_id"] for j in store.jobs()] == ["job2", "job3", "running", "new"]
        assert store.drop_finished_inputs() == 2
        assert store.job_inputs("running")[0].data == b"x"
        assert store.job("new") == {**(store.job("new") or {}), "replace": True, "done": 0}
        with pytest.raises(ValueError, match="no fields"):
            store.update_job("new", colour="red")


def test_a_version_4_store_gains_the_job_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE job_inputs; DROP TABLE jobs; DROP TABLE originals; PRAGMA user_version = 4;"
    )
    conn.close()
    with Store(path) as store:
        store.keep_original("ab" * 32, "paste:abab", "paste", b"text")
        store.keep_original("ab" * 32, "upload:other", "upload", b"other")  # the first stays
        assert store.original("ab" * 32) == jobs_store.Original(
            "ab" * 32, "paste:abab", "paste", None, b"text"
        )
        assert store.original("cd" * 32) is None
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    conn.close()
