"""One page's analysis in a child process, so that it can be stopped.

Analysis is CPU-bound Python: a thread cannot be stopped, and one long page once
ran for twelve minutes. So each job thread of the web app owns a child process
(``spawn``: no state shared with the server) that loads the models once, then
analyses one page at a time and stores it through its own
:class:`~sayso.store.Store`. The parent gives each page
``page_time_limit_s`` from the moment it is sent; past it, or when its job is
cancelled or the server stops, the child is killed and the next page gets a
fresh one. Killing it mid-transaction is safe: SQLite rolls the write back.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from sayso.batch import IngestSummary, ingest_raw
from sayso.errors import AnalysisTimedOut, InputError, ModelMissing, SaysoError, UnreadableInput
from sayso.ingest import PageMeta, read_bytes
from sayso.nlp.lexicons import use as use_lexicons
from sayso.pipeline import Settings, analyze_input
from sayso.store import Store
from sayso.store.jobs import JobInputRow, PageFields
from sayso.web.fetch import Fetched
from sayso.web.fetch import fetch as fetch_url
from sayso.web.settings import ServeSettings

POLL_S = 0.1  # how soon a cancel or a stop is noticed while a page runs
# Analysed once at start-up, so that everything loaded lazily (the parser, the
# places, the embedding model) is loaded before the first page's time starts.
_WARM_UP = (
    "Talks resume\n\n\u201cWe are ready to sign this week,\u201d said Lina Saleh, a spokeswoman "
    "for the United Nations team in Geneva, on Tuesday.\n"
)


@dataclass(frozen=True, slots=True)
class Page:
    """One page sent to the child. ``kind`` "stored": read the kept original of ``sha256``."""

    name: str
    kind: str  # paste, upload, url, stored
    data: bytes
    url: str
    sha256: str
    replace: bool
    fields: PageFields = PageFields()  # what the user said of it on the form


@dataclass(frozen=True, slots=True)
class PageResult:
    """What became of one page; ``error`` is a coded message when it failed."""

    outcome: str  # stored, reanalyzed, duplicate, failed
    source: str  # the label the page was (or would have been) stored under
    article_id: str | None = None
    error: str | None = None
    accounts: int = 0


class Stopped(Exception):
    """The page was given up because its job was cancelled or the server stops."""


class StartFailed(Exception):
    """The child could not load the models; the message says why, with its code."""


class Worker:
    """The parent's handle on one child process; used by one job thread at a time
    (:meth:`kill` may come from any thread)."""

    def __init__(self, db_path: str, analysis: Settings, settings: ServeSettings) -> None:
        self.db_path = db_path
        self.analysis = analysis
        self.settings = settings
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    @property
    def running(self) -> bool:
        with self._lock:
            return self._process is not None and self._process.is_alive()

    def start(self, should_stop: Callable[[], bool]) -> None:
        """Start a child and wait until its models are loaded (StartFailed if not in time)."""
        self.kill()
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(
            target=child_main,
            args=(child, self.db_path, self.analysis, self.settings.max_page_bytes),
            name="sayso-analysis",
            daemon=True,
        )
        try:
            process.start()
        except Exception as exc:  # no child at all: say why, as a start that failed
            parent.close()
            message = f"the analysis worker cannot start: {_describe(exc)}"
            raise StartFailed(str(ModelMissing(message))) from exc
        finally:
            child.close()  # the parent's copy: the child's death then reads as EOF
        with self._lock:
            self._process, self._conn = process, parent
        limit = self.settings.worker_start_limit_s
        try:
            kind, message = self._receive(time.monotonic() + limit, should_stop)
        except TimeoutError:
            self.kill()
            raise StartFailed(
                str(AnalysisTimedOut(f"the analysis worker did not start within {limit:g} s"))
            ) from None
        except EOFError:
            code = self._reap()
            raise StartFailed(
                str(ModelMissing(f"the analysis worker stopped while starting (exit code {code})"))
            ) from None
        if kind != "ready":
            self.kill()
            raise StartFailed(str(message))

    def analyse(self, page: Page, should_stop: Callable[[], bool]) -> PageResult:
        """Analyse and store one page in the child, within ``page_time_limit_s``.
        A page past its limit, or whose child died, fails alone; Stopped when
        ``should_stop`` turns true first (the child is killed either way)."""
        with self._lock:
            conn = self._conn
        if conn is None:
            raise RuntimeError("the analysis worker is not started")
        limit = self.settings.page_time_limit_s
        try:
            conn.send(page)
            kind, result = self._receive(time.monotonic() + limit, should_stop)
        except TimeoutError:
            self.kill()
            message = f"analysis passed its {limit:g} s limit and was stopped"
            return PageResult(
                "failed", page.name, error=str(AnalysisTimedOut(message, source=page.name))
            )
        except (EOFError, OSError):  # OSError: the pipe broke as the page was sent
            code = self._reap()
            message = f"the analysis worker stopped while analysing it (exit code {code})"
            return PageResult("failed", page.name, error=str(InputError(message, source=page.name)))
        if kind != "page" or not isinstance(result, PageResult):
            self.kill()
            raise RuntimeError(f"the analysis worker answered {kind!r}")
        return result

    def kill(self) -> None:
        """Stop the child now, whatever it is doing; nothing when there is none."""
        with self._lock:
            process, conn = self._process, self._conn
            self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join()
            process.close()

    def _receive(self, deadline: float, should_stop: Callable[[], bool]) -> tuple[str, Any]:
        """The child's next message; TimeoutError past ``deadline``, EOFError when it
        died, Stopped (after killing it) when ``should_stop``."""
        with self._lock:
            conn = self._conn
        while conn is not None:
            if should_stop():
                self.kill()
                raise Stopped
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if conn.poll(min(remaining, POLL_S)):
                kind, payload = conn.recv()
                return str(kind), payload
        raise EOFError  # killed from another thread

    def _reap(self) -> int | None:
        """The exit code of a child that died (after cleaning up after it)."""
        with self._lock:
            process = self._process
        code = None
        if process is not None:
            process.join(timeout=5.0)
            code = process.exitcode
        self.kill()
        return code


Fetch = Callable[..., Fetched]  # sayso.web.fetch.fetch, or a stand-in in tests


def page_of(
    row: JobInputRow, replace: bool, settings: ServeSettings, fetch: Fetch | None = None
) -> Page:
    """The page to send to the child. A URL is fetched here, in the server, within
    the fetch limits (the child gets bytes only); ``fetch`` None is
    :func:`sayso.web.fetch.fetch`. An InputError when it cannot be had."""
    if row.kind == "url":
        url = row.url or row.name
        try:
            fetched = (fetch or fetch_url)(
                url,
                allow_private=settings.allow_private_fetch,
                timeout=settings.fetch_timeout_s,
                max_bytes=settings.max_page_bytes,
                max_redirects=settings.max_redirects,
            )
        except SaysoError:
            raise
        except Exception as exc:  # the fetcher's own bug fails this page, not the job
            raise UnreadableInput(f"cannot fetch the page: {_describe(exc)}", source=url) from exc
        return Page(row.name, "url", fetched.data, fetched.url, "", replace, row.fields)
    if row.kind == "stored":
        return Page(row.name, "stored", b"", "", row.sha256 or "", replace)
    if row.data is None:
        raise UnreadableInput("its bytes are no longer kept: add it anew", source=row.name)
    return Page(row.name, row.kind, row.data, "", "", replace, row.fields)


def child_main(conn: Connection, db_path: str, analysis: Settings, max_bytes: int) -> None:
    """The child: load the models, say "ready", then analyse pages until the pipe closes."""
    # Ctrl-C in a terminal reaches the whole process group: the server decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        use_lexicons(analysis.lexicons)  # the --lexicon files: spawned, this process has none
        _warm_up(analysis)
        store = Store(db_path)
    except SaysoError as exc:
        conn.send(("failed", str(exc)))
        return
    except Exception as exc:
        conn.send(("failed", str(ModelMissing(f"the models did not load: {_describe(exc)}"))))
        return
    conn.send(("ready", None))
    with store:
        while True:
            try:
                page = conn.recv()
            except EOFError:
                return
            conn.send(("page", analyse_page(page, store, analysis, max_bytes)))


def analyse_page(page: Page, store: Store, analysis: Settings, max_bytes: int) -> PageResult:
    """Read, analyse and store one page, then keep its original bytes. Never raises:
    whatever goes wrong is this page's error."""
    name = page.name
    try:
        name, kind, data, url, fields = _original(page, store)
        raw = read_bytes(data, name, max_bytes=max_bytes, meta=page_meta_of(fields))
        if page.kind == "stored" and raw.document.sha256 != page.sha256:
            raise UnreadableInput("the kept original does not match its hash", source=name)
        summary = IngestSummary()
        outcome = ingest_raw(raw, store, analysis, summary, replace=page.replace)
        if outcome == "failed":
            return PageResult("failed", name, error=summary.failed[-1][1])
        store.keep_original(raw.document.sha256, name, kind, data, url or None, fields)
        article_id = (
            summary.article_ids[-1]
            if outcome in ("stored", "reanalyzed")
            else store.article_of_document(raw.document.sha256)
        )
    except SaysoError as exc:
        return PageResult("failed", name, error=str(exc) if exc.source else f"{name}: {exc}")
    except Exception as exc:  # a bug or a MemoryError fails this page, not the worker
        error = InputError(f"the analysis failed: {_describe(exc)}", source=name)
        return PageResult("failed", name, error=str(error))
    return PageResult(outcome, name, article_id=article_id, accounts=summary.accounts)


def page_meta_of(fields: PageFields) -> PageMeta:
    """What the user said of a page on the form, as the analysis takes it."""
    return PageMeta(published=fields.published, outlet=fields.outlet, url=fields.page_url)


def _original(page: Page, store: Store) -> tuple[str, str, bytes, str, PageFields]:
    """Name, kind, bytes, URL and the user's fields of the page: as sent, or as
    kept for a "stored" one. The kept original's name stays the document's source."""
    if page.kind != "stored":
        return page.name, page.kind, page.data, page.url, page.fields
    original = store.original(page.sha256)
    if original is None:
        raise UnreadableInput(
            "its original is not kept in the store: add the page anew", source=page.name
        )
    return original.name, original.kind, original.data, original.url or "", original.fields


def _warm_up(analysis: Settings) -> None:
    result = analyze_input(read_bytes(_WARM_UP.encode("utf-8"), "warm-up"), analysis)
    if analysis.claims:
        from sayso.claims.clusters import embed

        embed([result.article.text[:200]])


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
