"""The web app's imports: a bounded queue of jobs, kept in the store, run by a
few worker threads, each page analysed in a child process that can be stopped.

Why this shape: analysis is CPU-bound and some pages take minutes, so jobs
wait in one queue of at most ``max_queued_jobs`` (one more is refused with
QueueFull) and ``workers`` threads take them in order; each page has
``page_time_limit_s`` in a child process (:mod:`sayso.web.worker`), which is
killed past it. Jobs and their pages are stored (:mod:`sayso.store.jobs`) so a
restart resumes every unfinished job where it stopped.

Pages come only as given (pasted, uploaded, fetched here) or as the original
bytes kept in the store: an upload's file name is a label, never a path, and
re-analysis never fetches a URL or opens a file again.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
import unicodedata
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sayso.batch import IngestSummary
from sayso.errors import QueueFull, SaysoError
from sayso.store import Store
from sayso.store.jobs import UNFINISHED, JobInputRow, PageFields
from sayso.web.settings import ServeSettings
from sayso.web.worker import Fetch, PageResult, StartFailed, Stopped, Worker, page_of

InputKind = Literal["paste", "upload", "url", "stored"]
# The sources of pages added through the app: labels, never paths (a URL's source is the URL).
WEB_SOURCE_PREFIXES = ("upload:", "paste:")
MAX_LABEL = 100  # characters of an upload's file name kept in its label
CLOSE_WAIT_S = 2.0  # close() waits this long for the threads, then kills the children
_SEPARATORS = re.compile(r"[/\\]")
_SHOWN = ("job_id", "status", "step", "done", "total", "article_ids", "errors", "summary")
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class JobInput:
    """One page of a job. ``name`` is only a label (the document's ``source``);
    ``fields`` is what the user said of the page on the form (date, outlet, URL),
    which comes before what the page says."""

    name: str
    kind: InputKind
    data: bytes = b""
    url: str = ""
    sha256: str = ""
    fields: PageFields = PageFields()

    @classmethod
    def paste(cls, text: str, fields: PageFields | None = None) -> JobInput:
        data = text.encode("utf-8")
        label = f"paste:{hashlib.sha256(data).hexdigest()[:12]}"
        return cls(label, "paste", data, fields=fields or PageFields())

    @classmethod
    def upload(cls, data: bytes, filename: str, fields: PageFields | None = None) -> JobInput:
        return cls(upload_label(filename), "upload", data, fields=fields or PageFields())

    @classmethod
    def from_url(cls, url: str, fields: PageFields | None = None) -> JobInput:
        return cls(url, "url", url=url, fields=fields or PageFields())

    @classmethod
    def stored(cls, sha256: str, name: str) -> JobInput:
        """Analyse again the original kept under ``sha256`` (see ``Store.original``);
        ``name`` labels the job's steps (a local path by its last part alone), and
        the document keeps the original's name as its source."""
        shown = name if name.startswith(WEB_SOURCE_PREFIXES) or "://" in name else None
        return cls(shown or _SEPARATORS.split(name)[-1] or "stored page", "stored", sha256=sha256)


def upload_label(filename: str) -> str:
    """``upload:`` and the file name's last part without control characters: a
    browser's name for a file is a label, not a path on this machine."""
    last = _SEPARATORS.split(filename)[-1]
    cleaned = "".join(c for c in last if unicodedata.category(c)[0] != "C").strip()
    if cleaned in ("", ".", ".."):
        cleaned = "file"
    return f"upload:{cleaned[:MAX_LABEL]}"


@dataclass(slots=True)
class _Progress:
    """A job's counts as it goes, rebuilt from the store when a job resumes."""

    done: int
    article_ids: list[str]
    errors: list[str]
    summary: IngestSummary = field(default_factory=IngestSummary)

    @classmethod
    def of(cls, job: dict[str, Any]) -> _Progress:
        found = job["summary"]
        summary = IngestSummary(
            read=int(found.get("read", 0)),
            stored=int(found.get("stored", 0)),
            duplicates=int(found.get("duplicates", 0)),
            failed=[(f["source"], f["error"]) for f in found.get("failed", [])],
            accounts=int(found.get("accounts", 0)),
            reanalyzed=int(found.get("reanalyzed", 0)),
        )
        return cls(int(job["done"]), list(job["article_ids"]), list(job["errors"]), summary)

    def add(self, result: PageResult) -> None:
        summary = self.summary
        summary.read += 1
        if result.outcome == "failed":
            error = result.error or f"{result.source}: the page failed"
            summary.failed.append((result.source, error))
            self.errors.append(error)
        elif result.outcome == "duplicate":
            summary.duplicates += 1
        else:
            summary.stored += 1
            summary.accounts += result.accounts
            if result.outcome == "reanalyzed":
                summary.reanalyzed += 1
        if result.article_id:
            self.article_ids.append(result.article_id)
        self.done += 1

    def fields(self) -> dict[str, Any]:
        return {
            "done": self.done,
            "article_ids": self.article_ids,
            "errors": self.errors,
            "summary": self.summary.as_dict(),
        }

    @property
    def status(self) -> str:
        summary = self.summary
        return (
            "failed" if summary.failed and not summary.stored and not summary.duplicates else "done"
        )


def _bytes_of(page: JobInput) -> bytes | None:
    """What a job keeps of a page until it is over: pasted and uploaded bytes
    (empty ones too: they fail as empty, not as lost)."""
    return page.data if page.kind in ("paste", "upload") else None


class _Closing(Exception):
    """The server stops: the job stays as stored, to resume at the next start."""


class Jobs:
    """The server's import jobs; every method is safe from any thread."""

    def __init__(
        self,
        db_path: str,
        settings: ServeSettings,
        *,
        fetch: Fetch | None = None,
    ) -> None:
        self.db_path = db_path
        self.settings = settings  # settings.analysis: the one analysis Settings of the server
        self._fetch = fetch  # None: sayso.web.fetch.fetch
        self._lock = threading.Condition()
        self._queue: deque[str] = deque()
        self._running: dict[str, threading.Event] = {}
        self._threads: list[threading.Thread] = []
        self._workers: list[Worker] = []
        self._closing = threading.Event()
        self._started = False

    def submit(self, inputs: Sequence[JobInput], *, replace: bool = False) -> str:
        """Store a job and queue it; its id. QueueFull when ``max_queued_jobs`` wait."""
        if not inputs:
            raise ValueError("a job needs at least one page")
        job_id = uuid.uuid4().hex
        rows = [
            JobInputRow(n, i.name, i.kind, i.url or None, i.sha256 or None, _bytes_of(i), i.fields)
            for n, i in enumerate(inputs)
        ]
        with self._lock:
            waiting = len(self._queue)
            if waiting >= self.settings.max_queued_jobs:
                raise QueueFull(f"{waiting} imports are waiting already: try again later")
            with Store(self.db_path) as store:
                store.save_job(job_id, rows, replace=replace, step="queued")
            self._queue.append(job_id)
            self._lock.notify()
        return job_id

    def get(self, job_id: str) -> dict[str, Any] | None:
        """A job's status (None when there is no such job), ``cancellable`` included."""
        with Store(self.db_path) as store:
            job = store.job(job_id)
        if job is None:
            return None
        return {**{k: job[k] for k in _SHOWN}, "cancellable": job["status"] in UNFINISHED}

    def cancel(self, job_id: str) -> bool:
        """Cancel a job, its status "cancelled" at once: a queued one never runs; a
        running one's page is stopped (its child killed) within a moment, and the
        pages already stored stay. False when the job is over (or cancelled) or unknown."""
        with self._lock:
            if job_id in self._queue:
                self._queue.remove(job_id)
                self._write(job_id, status="cancelled", step="cancelled")
                return True
            stop = self._running.get(job_id)
            if stop is not None:
                if stop.is_set():
                    return False  # cancelled already, its page being stopped
                stop.set()  # from now on the job's thread writes no status or step
                self._write(job_id, status="cancelled", step="cancelled")
                return True
            with Store(self.db_path) as store:  # stored as unfinished, but not queued here
                job = store.job(job_id)
                if job is None or job["status"] not in UNFINISHED:
                    return False
                store.update_job(job_id, status="cancelled", step="cancelled")
                return True

    def start(self) -> None:
        """Queue the unfinished jobs of the store (a restart loses none) and start
        the worker threads. Once; RuntimeError after :meth:`close`."""
        with self._lock:
            if self._closing.is_set():
                raise RuntimeError("the jobs are closed")
            if self._started:
                return
            analysis = self.settings.analysis
            with Store(self.db_path) as store:
                pending = [j["job_id"] for j in store.jobs() if j["status"] in UNFINISHED]
            self._queue = deque(pending)
            for number in range(max(1, self.settings.workers)):
                worker = Worker(self.db_path, analysis, self.settings)
                thread = threading.Thread(
                    target=self._serve, args=(worker,), name=f"sayso-jobs-{number}", daemon=True
                )
                self._workers.append(worker)
                self._threads.append(thread)
                thread.start()
            self._started = True

    def close(self) -> None:
        """Stop the threads and kill the children, at once. Unfinished jobs stay as
        stored and resume at the next start. Idempotent."""
        self._closing.set()
        with self._lock:
            self._lock.notify_all()
            threads = list(self._threads)
        deadline = time.monotonic() + CLOSE_WAIT_S
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        for worker in self._workers:
            worker.kill()  # a thread still busy (fetching a URL) finds its child gone

    def _serve(self, worker: Worker) -> None:
        """One worker thread: take jobs in order until the server stops."""
        try:
            while (taken := self._take()) is not None:
                job_id, stop = taken
                try:
                    self._run(job_id, worker, stop)
                except _Closing:
                    return
                except Exception as exc:  # a job must end with a status, whatever happened
                    _log.exception("import job %s failed", job_id)
                    self._fail(job_id, stop, exc)
                finally:
                    with self._lock:
                        self._running.pop(job_id, None)
        finally:
            worker.kill()

    def _take(self) -> tuple[str, threading.Event] | None:
        with self._lock:
            while not self._queue and not self._closing.is_set():
                self._lock.wait()
            if self._closing.is_set():
                return None
            job_id = self._queue.popleft()
            stop = threading.Event()
            self._running[job_id] = stop
            return job_id, stop

    def _run(self, job_id: str, worker: Worker, stop: threading.Event) -> None:
        with Store(self.db_path) as store:
            job = store.job(job_id)
            inputs = store.job_inputs(job_id)
        if job is None or job["status"] not in UNFINISHED:
            return
        progress = _Progress.of(job)
        replace = bool(job["replace"])
        self._step(job_id, stop, job["step"], status="running")
        for row in inputs[progress.done :]:
            if stop.is_set():
                break
            try:
                self._page(job_id, row, replace, worker, stop, progress)
            except Stopped:
                if self._closing.is_set():
                    raise _Closing from None
                break
            except StartFailed as exc:
                self._end(job_id, stop, progress, error=str(exc))
                return
        self._end(job_id, stop, progress)

    def _page(
        self,
        job_id: str,
        row: JobInputRow,
        replace: bool,
        worker: Worker,
        stop: threading.Event,
        progress: _Progress,
    ) -> None:
        """Read (fetch) one page here, then have the child analyse and store it."""
        self._step(job_id, stop, f"reading {row.name}")
        try:
            page = page_of(row, replace, self.settings, self._fetch)
        except SaysoError as exc:
            progress.add(PageResult("failed", row.name, error=str(exc)))
            self._write(job_id, **progress.fields())
            return

        def should_stop() -> bool:
            return stop.is_set() or self._closing.is_set()

        if should_stop():
            raise Stopped
        if not worker.running:
            self._step(job_id, stop, "starting the analysis worker")
            worker.start(should_stop)
        self._step(job_id, stop, f"analysing {row.name}")
        progress.add(worker.analyse(page, should_stop))
        self._write(job_id, **progress.fields())

    def _end(
        self,
        job_id: str,
        stop: threading.Event,
        progress: _Progress | None,
        *,
        error: str | None = None,
    ) -> None:
        """Write a job's last status: cancelled, failed (nothing stored, or an error
        of the job itself) or done; then drop the bytes of finished jobs' pages."""
        fields: dict[str, Any] = progress.fields() if progress is not None else {}
        if error is not None:
            errors = progress.errors if progress is not None else self._errors(job_id)
            fields.update(errors=[*errors, error], status="failed")
        elif progress is not None:
            fields["status"] = progress.status
        with self._lock:  # so that a cancel now cannot be lost
            if stop.is_set():
                fields["status"] = "cancelled"
            step = "cancelled" if fields["status"] == "cancelled" else "finished"
            self._write(job_id, step=step, **fields)
            self._running.pop(job_id, None)  # over: a cancel from now on answers False
        with Store(self.db_path) as store:
            store.drop_finished_inputs()

    def _fail(self, job_id: str, stop: threading.Event, exc: Exception) -> None:
        error = SaysoError(f"the import stopped: {type(exc).__name__}: {exc}")
        try:
            self._end(job_id, stop, None, error=str(error))
        except Exception:  # the store itself fails: the job resumes at the next start
            _log.exception("cannot record the end of import job %s", job_id)

    def _errors(self, job_id: str) -> list[str]:
        with Store(self.db_path) as store:
            job = store.job(job_id)
        return list(job["errors"]) if job is not None else []

    def _step(self, job_id: str, stop: threading.Event, step: str, **fields: Any) -> None:
        """Say what a job does now, unless it was cancelled (which said so already)."""
        with self._lock:
            if not stop.is_set():
                self._write(job_id, step=step, **fields)

    def _write(self, job_id: str, **fields: Any) -> None:
        with Store(self.db_path) as store:
            store.update_job(job_id, **fields)
