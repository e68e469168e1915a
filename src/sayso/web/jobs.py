"""Imports from the web app run in the background, one thread per job, and
report their progress: which step, how many inputs done of how many.

Each job opens its own :class:`~sayso.store.Store` (SQLite connections stay in
their thread) and goes through the same functions as ``sayso ingest``:
:func:`sayso.batch.ingest_raw`, one transaction per document.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sayso.batch import IngestSummary, ingest_raw
from sayso.errors import SaysoError, UnreadableInput
from sayso.ingest import RawInput, read_bytes
from sayso.pipeline import Settings
from sayso.store import Store

FETCH_TIMEOUT_S = 15.0
MAX_BYTES = 10_000_000
MAX_JOBS = 200  # finished jobs kept for their status pages


@dataclass(slots=True)
class Job:
    """One import: its inputs, where it is, and what it stored."""

    job_id: str
    total: int
    done: int = 0
    status: str = "queued"  # queued, running, done, failed
    step: str = "waiting"
    article_ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "status": self.status,
            "step": self.step,
            "done": self.done,
            "total": self.total,
            "article_ids": list(self.article_ids),
            "errors": list(self.errors),
            "summary": dict(self.summary),
        }


# An input to a job: a name for it and a function that reads it (may raise).
Source = tuple[str, Callable[[], RawInput]]


def text_source(text: str, name: str = "pasted text") -> Source:
    return name, lambda: read_bytes(text.encode("utf-8"), name, kind=None, max_bytes=MAX_BYTES)


def bytes_source(data: bytes, name: str) -> Source:
    return name, lambda: read_bytes(data, name, max_bytes=MAX_BYTES)


def url_source(url: str) -> Source:
    return url, lambda: read_bytes(fetch(url), url, max_bytes=MAX_BYTES)


def fetch(url: str, timeout: float = FETCH_TIMEOUT_S) -> bytes:
    """The page at an http(s) URL, at most MAX_BYTES; an InputError when it fails."""
    if not url.lower().startswith(("http://", "https://")):
        raise UnreadableInput("only http:// and https:// URLs can be fetched", source=url)
    request = urllib.request.Request(url, headers={"User-Agent": "sayso (news analysis)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise UnreadableInput(f"the server answered {exc.code} {exc.reason}", source=url) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UnreadableInput(f"cannot fetch the page: {reason}", source=url) from exc
    return data


class Jobs:
    """The server's import jobs, by id; safe to use from any thread."""

    def __init__(self, db_path: str, settings: Callable[[], Settings] = Settings) -> None:
        self.db_path = db_path
        self._settings = settings
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.as_dict() if job else None

    def start(self, sources: list[Source], *, replace: bool = False) -> str:
        job = Job(uuid.uuid4().hex, total=len(sources))
        with self._lock:
            while len(self._jobs) >= MAX_JOBS:
                self._jobs.pop(next(iter(self._jobs)))
            self._jobs[job.job_id] = job
        thread = threading.Thread(
            target=self._run, args=(job, sources, replace), name=f"sayso-job-{job.job_id[:8]}"
        )
        thread.daemon = True
        thread.start()
        return job.job_id

    def _update(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)

    def _run(self, job: Job, sources: list[Source], replace: bool) -> None:
        summary = IngestSummary()
        self._update(job, status="running", step="loading the analysis models")
        try:
            settings = self._settings()
            with Store(self.db_path) as store:
                for index, (name, read) in enumerate(sources):
                    self._one(job, store, settings, summary, (index, name, read), replace)
        except SaysoError as exc:
            self._update(job, status="failed", step="failed", errors=[*job.errors, str(exc)])
            return
        except Exception as exc:  # a job must end with a status, whatever happened
            self._update(job, status="failed", step="failed", errors=[*job.errors, repr(exc)])
            return
        nothing = summary.failed and not summary.stored and not summary.duplicates
        status = "failed" if nothing else "done"
        self._update(job, status=status, step="finished", summary=summary.as_dict())

    def _one(
        self,
        job: Job,
        store: Store,
        settings: Settings,
        summary: IngestSummary,
        item: tuple[int, str, Callable[[], RawInput]],
        replace: bool,
    ) -> None:
        index, name, read = item
        self._update(job, step=f"reading {name}")
        try:
            raw = read()
        except SaysoError as exc:
            summary.read += 1
            summary.failed.append((name, str(exc)))
            self._update(job, done=index + 1, errors=[*job.errors, str(exc)])
            return
        self._update(job, step=f"analysing {name}")
        summary.read += 1
        outcome = ingest_raw(raw, store, settings, summary, replace=replace)
        article_ids = list(job.article_ids)
        if outcome in ("stored", "reanalyzed"):
            article_ids.append(summary.article_ids[-1])
        elif outcome == "duplicate":
            known = store.article_of_document(raw.document.sha256)
            if known:
                article_ids.append(known)
        errors = [*job.errors, summary.failed[-1][1]] if outcome == "failed" else job.errors
        self._update(job, done=index + 1, article_ids=article_ids, errors=errors)
