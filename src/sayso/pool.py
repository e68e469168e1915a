"""Analysis on every core (issue 18): pages are read and checked against the
store here, analysed (and their statements embedded) in a pool of processes,
and stored by this process alone, in the order they came. Claims, actors and
events do not depend on that order anyway (issues 16 and 20), so the store is
the one a single process gives, whatever the number of workers.

A worker is a ``spawn``ed process: it shares nothing with this one, loads the
models once, and applies the run's ``--lexicon`` files itself. An analysis that
fails is that page's failure, as in one process; a worker that dies (killed, out
of memory) fails the page it was analysing, and a fresh pool takes the rest.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from sayso import errors
from sayso.errors import InputError, StageError
from sayso.ingest import RawInput
from sayso.model import Analysis
from sayso.pipeline import Settings

_SETTINGS: Settings | None = None  # a worker's, set when it starts
# A worker takes a few seconds and about 0.5 GB to load the models: a pool pays
# from this many pages on, and takes at most this many workers by default.
POOL_FROM_PAGES = 20
MAX_DEFAULT_WORKERS = 8


def default_workers(pages: int) -> int:
    """The workers a run of about ``pages`` pages gets when none are asked for:
    the cores this process may use (at most :data:`MAX_DEFAULT_WORKERS`), or one
    for a run too small to repay loading the models again."""
    if pages < POOL_FROM_PAGES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


@dataclass(frozen=True, slots=True)
class Analysed:
    """A page analysed in a worker: what the store needs to save it."""

    raw: RawInput
    analysis: Analysis
    record: dict[str, Any]
    embedded: Any  # sayso.link.Embedded, or None without claims


def start_worker(settings: Settings) -> None:
    """In a worker process (of this pool, or a Dask worker): apply the run's
    ``--lexicon`` files and keep its settings for :func:`analyse_page`."""
    global _SETTINGS  # noqa: PLW0603 (one per worker process)
    from sayso.nlp.lexicons import use as use_lexicons

    use_lexicons(settings.lexicons)
    _SETTINGS = settings


def analyse_page(raw: RawInput) -> tuple[str, Any]:
    """In a worker: analyse and embed one page. Errors come back as data (an
    exception with a keyword-only ``source`` does not pickle as itself)."""
    from sayso.export import to_dict
    from sayso.link import embed_statements
    from sayso.pipeline import analyze_input

    settings = _SETTINGS or Settings()
    try:
        analysis = analyze_input(raw, settings)
        embedded = embed_statements(analysis) if settings.claims else None
        return "ok", (analysis, to_dict(analysis), embedded)
    except InputError as exc:
        return "error", (type(exc).__name__, exc.message, exc.source)
    except Exception as exc:  # a bug in a stage: this page's failure
        return "error", ("StageError", f"analysis failed: {type(exc).__name__}: {exc}", None)


def outcome(raw: RawInput, status: str, value: Any) -> Analysed | InputError:
    """What :func:`analyse_page` sent back, as the writer takes it."""
    if status == "ok":
        analysis, record, embedded = value
        return Analysed(raw, analysis, record, embedded)
    return _error(raw, *value)


def _error(raw: RawInput, name: str, message: str, source: str | None) -> InputError:
    kind = getattr(errors, name, StageError)
    if not (isinstance(kind, type) and issubclass(kind, InputError)):
        kind = StageError
    return kind(message, source=source or raw.document.source)


class Pool:
    """A pool of analysing processes, made again when one dies."""

    def __init__(self, workers: int, settings: Settings) -> None:
        self.workers = workers
        self.settings = settings
        self._executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=start_worker,
            initargs=(self.settings,),
        )

    def submit(self, raw: RawInput) -> Future[tuple[str, Any]]:
        try:
            return self._executor.submit(analyse_page, raw)
        except BrokenProcessPool:
            self.renew()
            return self._executor.submit(analyse_page, raw)

    def renew(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def analysed(
    items: Iterable[RawInput | InputError | str],
    pool: Pool,
) -> Iterator[Analysed | InputError | str]:
    """The items in the order given, each page analysed in the pool: an
    :class:`Analysed`, or the InputError it met. Errors and other items (a
    duplicate's source) pass through in their place. At most twice as many
    pages as workers are in flight."""
    window: deque[tuple[RawInput | InputError | str, Future[tuple[str, Any]] | None]] = deque()
    for item in items:
        future = pool.submit(item) if isinstance(item, RawInput) else None
        window.append((item, future))
        while len(window) > 2 * pool.workers:
            yield _result(*window.popleft(), pool)
    while window:
        yield _result(*window.popleft(), pool)


def _result(
    item: RawInput | InputError | str, future: Future[tuple[str, Any]] | None, pool: Pool
) -> Analysed | InputError | str:
    if not isinstance(item, RawInput):
        return item
    assert future is not None  # noqa: S101 (every page is submitted)
    try:
        status, value = future.result()
    except BrokenProcessPool:
        # its worker died (or another's did): this page is tried once more alone
        pool.renew()
        try:
            status, value = pool.submit(item).result()
        except BrokenProcessPool:
            pool.renew()
            return StageError(
                "the analysing process died (killed, or out of memory)",
                source=item.document.source,
            )
    return outcome(item, status, value)
