"""What every request handler shares: the store, the write guard, the jobs,
and the originals of stored pages."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar, cast

from fastapi import HTTPException, Request

from sayso.errors import QueueFull, SaysoError
from sayso.ingest import read_input, read_sidecar
from sayso.store import Store
from sayso.store.jobs import PageFields
from sayso.web.jobs import WEB_SOURCE_PREFIXES, JobInput, Jobs
from sayso.web.security import Guard
from sayso.web.settings import ServeSettings

T = TypeVar("T")


def found_or_404(value: T | None, message: str) -> T:
    """The value a page or endpoint asked for, or a 404 that says what is missing."""
    if value is None:
        raise HTTPException(404, message)
    return value


_per_thread = threading.local()


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    """The store of this worker thread: opened once per thread (SQLite connections
    stay in the thread that made them) with a query-only connection, so a request
    neither reconnects nor checks the schema again; reviews and other writes go
    through the store's own writing connection, opened on its first write."""
    path = cast(str, request.app.state.db_path)
    store: Store | None = getattr(_per_thread, "store", None)
    if store is None or store.closed or store.path != path:
        if store is not None:
            store.close()
        store = Store.reader(path)
        _per_thread.store = store
    yield store


def guard_of(request: Request) -> Guard:
    return cast(Guard, request.app.state.guard)


def jobs_of(request: Request) -> Jobs:
    return cast(Jobs, request.app.state.jobs)


def settings_of(request: Request) -> ServeSettings:
    return cast(ServeSettings, request.app.state.settings)


def submit(request: Request, inputs: list[JobInput], *, replace: bool = False) -> str:
    """Queue an import; 503 with Retry-After when the queue is full."""
    try:
        return jobs_of(request).submit(inputs, replace=replace)
    except QueueFull as exc:
        raise HTTPException(503, exc.message, headers={"Retry-After": "60"}) from None


def _document_of(request: Request, article_id: str) -> tuple[str, str]:
    """The source an article was read from and its document's sha256 (404 if none)."""
    with open_store(request) as store:
        view = store.article(article_id)
        if view is None:
            raise HTTPException(404, f"no article {article_id}")
        sha = store.document_sha256(view.document_id)
    return view.source, sha or ""


def original_bytes(request: Request, article_id: str) -> bytes | None:
    """The original bytes of an article: those the app kept when the page was
    added, or the file that ``sayso ingest`` read, while it is unchanged. None
    when neither is there; a missing and a changed file look the same."""
    source, sha = _document_of(request, article_id)
    with open_store(request) as store:
        kept = store.original(sha)
    if kept is not None:
        return kept.data
    return _ingested_file(source, sha)


def reanalysis_input(request: Request, article_id: str) -> JobInput:
    """How to analyse an article again: from its kept original, never by
    fetching a URL or opening a path that a web user named. 409 when none."""
    source, sha = _document_of(request, article_id)
    with open_store(request) as store:
        if store.original(sha) is None:
            data = _ingested_file(source, sha)
            if data is None:
                raise HTTPException(409, "the original is not available to analyse again")
            # a file `sayso ingest` read (the operator named it): kept from now on,
            # with what its sidecar PAGE.meta.json said of it
            name = os.path.basename(source)
            store.keep_original(sha, name, "file", data, None, _sidecar_fields(source))
    return JobInput.stored(sha, source)


def _sidecar_fields(source: str) -> PageFields:
    """What the sidecar of an ingested file says of it (read when the file was)."""
    try:
        meta = read_sidecar(source)
    except SaysoError:
        return PageFields()
    return PageFields(published=meta.published, outlet=meta.outlet, page_url=meta.url)


def _ingested_file(source: str, sha256: str) -> bytes | None:
    """The file ``sayso ingest`` stored this document from, if it is still there
    unchanged. Sources that the web app gave (``upload:``, ``paste:``, URLs) are
    labels, never paths."""
    if source.startswith(WEB_SOURCE_PREFIXES) or "://" in source or not os.path.isfile(source):
        return None
    try:
        raw = read_input(source)
    except SaysoError:
        return None
    if raw.document.sha256 != sha256:
        return None
    with open(source, "rb") as handle:
        return handle.read()
