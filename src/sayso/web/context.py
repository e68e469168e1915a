"""What every request handler shares: the store, the write guard, the jobs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar, cast

from fastapi import HTTPException, Request

from sayso.errors import UnreadableInput
from sayso.ingest import RawInput, read_input
from sayso.store import Store
from sayso.web.jobs import Jobs, Source, url_source
from sayso.web.security import Guard

T = TypeVar("T")


def found_or_404(value: T | None, message: str) -> T:
    """The value a page or endpoint asked for, or a 404 that says what is missing."""
    if value is None:
        raise HTTPException(404, message)
    return value


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    """A store for this request: SQLite connections stay in the thread that made them."""
    with Store(cast(str, request.app.state.db_path)) as store:
        yield store


def guard_of(request: Request) -> Guard:
    return cast(Guard, request.app.state.guard)


def jobs_of(request: Request) -> Jobs:
    return cast(Jobs, request.app.state.jobs)


def stored_source(request: Request, article_id: str) -> tuple[str, str]:
    """The source an article was read from and its document's sha256 (404 if none)."""
    with open_store(request) as store:
        view = store.article(article_id)
        if view is None:
            raise HTTPException(404, f"no article {article_id}")
        sha = store.document_sha256(view.document_id)
    return view.source, sha or ""


def original_file(request: Request, article_id: str) -> bytes:
    """The original file of an article, when it is still there unchanged (else 404)."""
    source, sha = stored_source(request, article_id)
    if not os.path.isfile(source):
        raise HTTPException(404, "the original file is not on this machine any more")
    raw = _checked(source, sha)
    return raw.text.encode("utf-8")


def reanalysis_source(request: Request, article_id: str) -> Source:
    """How to read an article's document again: its URL, or its file when it has
    not changed (a changed file is another document). 409 when neither."""
    source, sha = stored_source(request, article_id)
    if source.lower().startswith(("http://", "https://")):
        return url_source(source)
    if os.path.isfile(source):
        return source, lambda: _checked(source, sha)
    raise HTTPException(409, "the original is not available to analyse again: add it anew")


def _checked(path: str, sha256: str) -> RawInput:
    raw = read_input(path)
    if raw.document.sha256 != sha256:
        raise UnreadableInput("the file has changed since it was stored", source=path)
    return raw
