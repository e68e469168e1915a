"""Analysis on Dask workers (issue 18): ``sayso ingest --dask ADDRESS``.

The analysis of :mod:`sayso.pool`, mapped over pages on the workers of a Dask
distributed cluster: a scheduler anywhere (``tcp://host:8786``), or a
``LocalCluster`` of worker processes on this machine (``local``). Each worker
process sets itself up once per run (the run's settings and ``--lexicon``
files; the models load on its first page and stay), never per page. Pages go
out in the order they are read, a few per worker thread at a time, so memory
stays flat however long the corpus; their results come back here in that same
order, to the one writer of :mod:`sayso.batch`: the store is the one a single
process gives.

A page whose analysis fails on a worker is that page's failure, as in one
process. A page whose worker dies (killed, out of memory) is tried again on
another worker by the scheduler, which gives it up once it has killed Dask's
``distributed.scheduler.allowed-failures`` workers (3 by default); it is then
tried once more, alone (Dask blames every page a dying worker held), and fails
if it kills again. A scheduler
that cannot be reached, or is lost, stops the run with ClusterError E601: what
was stored stays, and a re-run resumes.

Dask is the optional extra ``sayso[dask]``: this module imports it, and is
imported only when ``--dask`` is given (:func:`sayso.batch.open_cluster`).
Some of Dask's constructors are not typed: their calls are marked so.
"""

from __future__ import annotations

import atexit
import dataclasses
import logging
import shutil
import tempfile
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import Client, Future, KilledWorker, LocalCluster
from distributed.comm.addressing import parse_address, parse_host_port

from sayso import __version__
from sayso.errors import ClusterError, InputError, StageError
from sayso.ingest import RawInput
from sayso.pipeline import Settings
from sayso.pool import Analysed, analyse_page, outcome, start_worker

LOCAL = "local"  # --dask local: a LocalCluster of processes on this machine
CONNECT_TIMEOUT_S = 10
# Pages in flight per worker thread: enough that a worker never waits for the
# writer, few enough that a corpus of 100,000 pages holds a handful of results.
PAGES_PER_THREAD = 3
RESIZE_EVERY = 100  # pages between two looks at the cluster's size (workers come and go)

Item = RawInput | InputError | str  # as sayso.batch reads them
Result = tuple[str, Any]  # sayso.pool.analyse_page's (status, value)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A ``--lexicon`` file's name and text: a remote worker cannot read our paths."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Run:
    """What a worker needs to analyse a run's pages, sent with each page (about
    25 kB: nothing beside a page's analysis, and no scattered data to lose with
    a worker). ``token`` tells one run from the next on a long-lived cluster."""

    settings: Settings
    lexicons: tuple[Lexicon, ...]
    token: str
    version: str


def run_for(settings: Settings) -> Run:
    """This run's :class:`Run`, its lexicon files read here."""
    lexicons = tuple(
        Lexicon(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in settings.lexicons
    )
    return Run(dataclasses.replace(settings, lexicons=()), lexicons, uuid.uuid4().hex, __version__)


# ---------------------------------------------------------------------------
# on a worker

_ready: str | None = None  # the token of the run this worker process is set up for
_ready_lock = threading.Lock()  # a worker may run several threads


def _prepare(run: Run) -> None:
    """Set this worker process up for ``run``, once: its lexicons written to a
    folder of its own and applied, its settings kept for the analysis."""
    global _ready  # noqa: PLW0603 (one per worker process)
    with _ready_lock:
        if _ready == run.token:
            return
        paths = _write_lexicons(run.lexicons) if run.lexicons else ()
        start_worker(dataclasses.replace(run.settings, lexicons=paths))
        _ready = run.token


def _write_lexicons(lexicons: tuple[Lexicon, ...]) -> tuple[str, ...]:
    """The lexicons as files in a folder of this process's, removed when it ends."""
    folder = Path(tempfile.mkdtemp(prefix="sayso-lexicons-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    paths = []
    for number, lexicon in enumerate(lexicons):
        path = folder / f"{number:02d}-{lexicon.name}"
        path.write_text(lexicon.text, encoding="utf-8")
        paths.append(str(path))
    return tuple(paths)


def analyse_on_worker(raw: RawInput, run: Run) -> Result:
    """A Dask task: analyse one page as :func:`sayso.pool.analyse_page` does.
    Errors come back as data, so that a page fails alone."""
    if run.version != __version__:
        message = f"the Dask worker runs sayso {__version__}, this run sayso {run.version}"
        return "error", ("StageError", message, None)
    try:
        _prepare(run)
    except Exception as exc:  # a worker that cannot be set up fails its pages, not the run
        return "error", ("StageError", f"the Dask worker cannot set up: {exc}", None)
    return analyse_page(raw)


# ---------------------------------------------------------------------------
# here


class DaskCluster:
    """A client of a Dask cluster (and the LocalCluster it started, if any)
    that analyses pages in order: see :meth:`analysed`."""

    def __init__(self, client: Client, address: str) -> None:
        self.client = client
        self.address = address

    def threads(self) -> int:
        """The worker threads in the cluster now."""
        workers = self.client.scheduler_info(n_workers=-1)["workers"].values()
        return sum(int(w.get("nthreads", 1)) for w in workers)

    def analysed(
        self,
        items: Iterable[Item],
        settings: Settings,
        task: Callable[[RawInput, Run], Result] = analyse_on_worker,
    ) -> Iterator[Analysed | Item]:
        """The items in the order given, each page analysed on a worker (by
        ``task``, one importable there): an :class:`Analysed`, or the
        InputError it met. Errors and other items (a duplicate's source) pass
        through in their place. At most :data:`PAGES_PER_THREAD` pages per
        worker thread are in flight."""
        run = run_for(settings)

        def submit(raw: RawInput) -> Future[Result]:
            return self.client.submit(task, raw, run, pure=False)

        window: deque[tuple[Item, Future[Result] | None]] = deque()
        size = self._window()
        for number, item in enumerate(items, start=1):
            window.append((item, submit(item) if isinstance(item, RawInput) else None))
            while len(window) > size:
                yield self._result(*window.popleft(), submit)
            if number % RESIZE_EVERY == 0:
                size = self._window()
        while window:
            yield self._result(*window.popleft(), submit)

    def _window(self) -> int:
        return max(2, PAGES_PER_THREAD * self.threads())

    def _result(
        self,
        item: Item,
        future: Future[Result] | None,
        again: Callable[[RawInput], Future[Result]] | None = None,
    ) -> Analysed | Item:
        """An item's outcome; a page whose workers died is tried ``again``, once:
        Dask blames every page a dying worker held, not only the one that killed it."""
        if not isinstance(item, RawInput):
            return item
        assert future is not None  # noqa: S101 (every page is submitted)
        source = item.document.source
        try:
            status, value = future.result()
        except KilledWorker:
            if again is not None:
                return self._result(item, again(item))
            return StageError(
                "the Dask workers analysing it died (killed, or out of memory)", source=source
            )
        except (CancelledError, OSError, TimeoutError) as exc:
            # the task's own errors come back as data: this is the cluster going away
            reason = getattr(exc, "reason", None) or str(exc).split("\n")[0] or type(exc).__name__
            raise ClusterError(
                f"lost the Dask scheduler at {self.address} ({reason}):"
                " the pages stored so far are kept, run again to resume"
            ) from exc
        except Exception as exc:  # e.g. a result that would not travel back
            message = f"analysis failed on a Dask worker: {type(exc).__name__}: {exc}"
            return StageError(message, source=source)
        return outcome(item, status, value)


@contextmanager
def connect(address: str, workers: int) -> Iterator[DaskCluster]:
    """A :class:`DaskCluster` on the scheduler at ``address``, or on a new
    LocalCluster of ``workers`` processes for ``local``; closed on leaving.
    Raises ClusterError E601 naming the address when it cannot be reached, has
    no worker, or its workers run another sayso."""
    if address != LOCAL:
        _check_address(address)
    with _quiet_dask():
        yield from _connected(address, workers)


def _connected(address: str, workers: int) -> Iterator[DaskCluster]:
    local: LocalCluster | None = None
    try:
        if address == LOCAL:
            local = _local_cluster(workers)
            client = Client(local, set_as_default=False)  # type: ignore[no-untyped-call]
        else:
            client = Client(  # type: ignore[no-untyped-call]
                address, timeout=CONNECT_TIMEOUT_S, set_as_default=False
            )
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        if local is not None:
            local.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        _check_workers(client, address)
        yield DaskCluster(client, address if local is None else local.scheduler_address)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if local is not None:
            local.close()


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask's client logs a lost scheduler with its traceback: sayso says it in
    one line of its own (E601), so the client's logs below CRITICAL are muted
    while connected (each of its loggers: Dask's configuration sets their levels)."""
    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"]
    loggers = [logging.getLogger(n) for n in ["distributed", *names]]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _check_address(address: str) -> None:
    """A scheduler's address, checked before a Client is made of it (a Client
    made of a bad one hangs on closing)."""
    try:
        parse_host_port(parse_address(address)[1])
    except ValueError as exc:
        raise ClusterError(
            f"not a Dask scheduler's address: {address} ({exc}); give tcp://HOST:8786, or local"
        ) from exc


def _local_cluster(workers: int) -> LocalCluster:
    # Processes, one thread each: the analysis holds the GIL. No dashboard (no
    # port to take, and bokeh is not a dependency); only Dask's errors logged.
    return LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )


def _check_workers(client: Client, address: str) -> None:
    """At least one worker, and every worker with this sayso."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        versions: dict[str, str] = client.run(_sayso_version)
    except ImportError as exc:  # raised by a worker that does not have sayso
        raise ClusterError(
            f"a Dask worker of {address} cannot run sayso ({exc}): install sayso"
            f" {__version__} on every worker"
        ) from exc
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"no Dask worker joined the scheduler at {address} within {CONNECT_TIMEOUT_S} s"
            f" (start one: dask worker {address})"
        ) from exc
    other = sorted(f"{worker} ({v})" for worker, v in versions.items() if v != __version__)
    if other:
        raise ClusterError(
            f"Dask workers of {address} run another sayso than {__version__}: {', '.join(other)}"
        )


def _sayso_version() -> str:
    return __version__
