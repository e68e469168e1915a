"""Ingest many inputs into a store: one transaction per document, resumable.

Identity is the content hash: a document already stored is skipped before any
analysis, so an interrupted run picks up where it stopped and a re-run stores
nothing twice. A failing input is recorded and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sayso.errors import DaskMissing, InputError, SaysoError, StageError
from sayso.export import to_dict
from sayso.ingest import RawInput, expand_paths, read_input
from sayso.ingest.corpora import corpus_kind, read_corpus
from sayso.link.claims import Embedded
from sayso.model import Analysis
from sayso.pipeline import Settings, analyze_input
from sayso.store import Store
from sayso.store.failures import error_code

if TYPE_CHECKING:
    from sayso.cluster import DaskCluster
    from sayso.pool import Analysed

Outcome = str  # "stored" | "reanalyzed" | "duplicate" | "failed"
# The packages of the optional extra sayso[dask] (sayso.cluster imports them).
_DASK_MODULES = ("dask", "distributed")
DASK_INSTALL = "pip install 'sayso[dask]'"


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    accounts: int = 0
    reanalyzed: int = 0  # of ``stored``: documents already in, analysed again
    article_ids: list[str] = field(default_factory=list)  # the articles stored

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "failed": [{"source": s, "code": error_code(m), "error": m} for s, m in self.failed],
            "accounts": self.accounts,
            "reanalyzed": self.reanalyzed,
        }


def _failed(
    summary: IngestSummary, store: Store, source: str, sha256: str | None, exc: InputError
) -> Outcome:
    """Record one input's failure: in the run's summary, and in the store (its
    ``failures``, until a later run stores it)."""
    message = str(exc) if exc.source else f"{source}: {exc}"
    summary.failed.append((source, message))
    store.record_failure(source, sha256, message)
    return "failed"


def ingest_one(
    path: str, store: Store, settings: Settings, summary: IngestSummary, *, replace: bool = False
) -> Outcome:
    """Read, analyse and store one input, recording the outcome in ``summary``.
    ``replace``: a document already stored is analysed again and its rows rewritten
    (analysts' reviews of its accounts stay)."""
    summary.read += 1
    try:
        raw = read_input(path, max_bytes=settings.max_bytes)
    except InputError as exc:
        return _failed(summary, store, path, None, exc)
    return ingest_raw(raw, store, settings, summary, replace=replace)


def ingest_raw(
    raw: RawInput,
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    *,
    replace: bool = False,
) -> Outcome:
    """Analyse and store one input already read (see :func:`ingest_one`)."""
    source = raw.document.source
    known = store.has_document(raw.document.sha256)
    if known and not replace:
        summary.duplicates += 1
        return "duplicate"
    try:
        analysis = analyze_input(raw, settings)
    except InputError as exc:
        return _failed(summary, store, source, raw.document.sha256, exc)
    return _store(raw, analysis, store, settings, summary, replace, known)


def _store(
    raw: RawInput,
    analysis: Analysis,
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    replace: bool,
    known: bool,
    record: dict[str, object] | None = None,
    embedded: Embedded | None = None,
) -> Outcome:
    """Store an analysis of ``raw`` (its record and embedded statements, when an
    analysing process made them already) and count the outcome; ``known``: its
    document was stored already (a re-analysis)."""
    source = raw.document.source
    try:
        if not _save(store, analysis, settings, replace, source, record, embedded):
            summary.duplicates += 1
            return "duplicate"
    except InputError as exc:
        return _failed(summary, store, source, raw.document.sha256, exc)
    summary.stored += 1
    summary.accounts += len(analysis.accounts)
    summary.article_ids.append(analysis.article.id)
    if known:
        summary.reanalyzed += 1
        return "reanalyzed"
    return "stored"


def _save(
    store: Store,
    analysis: Analysis,
    settings: Settings,
    replace: bool,
    source: str,
    record: dict[str, object] | None = None,
    embedded: Embedded | None = None,
) -> bool:
    """Store an analysis (False: its document was there already). A bug while
    linking it to the store is that page's failure (the transaction rolled back),
    not the run's; a store that cannot be written still stops the run."""
    try:
        return store.save(
            analysis,
            record if record is not None else to_dict(analysis),
            claims=settings.claims,
            replace=replace,
            embedded=embedded,
        )
    except SaysoError:
        raise
    except Exception as exc:
        raise StageError(f"stage store failed: {type(exc).__name__}: {exc}", source=source) from exc


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    *,
    on_item: Callable[[str, Outcome, IngestSummary], None] | None = None,
    replace: bool = False,
    workers: int = 1,
    cluster: DaskCluster | None = None,
) -> IngestSummary:
    """Ingest every file under ``paths`` (files, directories, "-"), and every
    record of the corpus files among them (JSONL, CSV, WARC): the one ingest
    loop. ``replace`` analyses again the documents already stored; ``on_item`` is
    told each outcome (a progress bar); ``settings.strict`` stops at the first
    failed page. ``workers`` above 1: pages are analysed in that many processes
    (:mod:`sayso.pool`) and stored here, in order; the store is the same.
    ``cluster`` (:func:`open_cluster`): pages are analysed on its Dask workers
    instead, and stored here in the same way."""
    settings = settings or Settings()
    summary = IngestSummary()
    if cluster is not None:
        return _ingest_on_cluster(paths, store, settings, summary, on_item, replace, cluster)
    if workers > 1:
        return _ingest_pooled(paths, store, settings, summary, on_item, replace, workers)
    for path in expand_paths(paths):
        for source, outcome in _ingest_path(path, store, settings, summary, replace):
            if on_item is not None:
                on_item(source, outcome, summary)
            if outcome == "failed" and settings.strict:
                return summary
    return summary


def _ingest_path(
    path: str, store: Store, settings: Settings, summary: IngestSummary, replace: bool
) -> Iterator[tuple[str, Outcome]]:
    """Ingest a file, or each record of a corpus file (JSONL, CSV, WARC: see
    :mod:`sayso.ingest.corpora`), naming each outcome's input."""
    if corpus_kind(path) is None:
        yield path, ingest_one(path, store, settings, summary, replace=replace)
        return
    for record in read_corpus(path, max_bytes=settings.max_bytes):
        summary.read += 1
        if isinstance(record, InputError):
            source = record.source or path
            yield source, _failed(summary, store, source, None, record)
        else:
            source = record.document.source
            yield source, ingest_raw(record, store, settings, summary, replace=replace)


def _ingest_pooled(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    on_item: Callable[[str, Outcome, IngestSummary], None] | None,
    replace: bool,
    workers: int,
) -> IngestSummary:
    from sayso.pool import Pool, analysed

    pool = Pool(workers, settings)
    try:
        items = analysed(_inputs(paths, store, settings, summary, replace), pool)
        return _store_analysed(items, store, settings, summary, on_item, replace)
    finally:
        pool.close()


def _ingest_on_cluster(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    on_item: Callable[[str, Outcome, IngestSummary], None] | None,
    replace: bool,
    cluster: DaskCluster,
) -> IngestSummary:
    items = cluster.analysed(_inputs(paths, store, settings, summary, replace), settings)
    return _store_analysed(items, store, settings, summary, on_item, replace)


def _store_analysed(
    items: Iterator[Analysed | RawInput | InputError | str],
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    on_item: Callable[[str, Outcome, IngestSummary], None] | None,
    replace: bool,
) -> IngestSummary:
    """The one writer of a run analysed elsewhere (a pool, a Dask cluster):
    each item stored, or its failure recorded, in the order read."""
    from sayso.pool import Analysed

    for item in items:
        if isinstance(item, Analysed):
            source = item.raw.document.source
            known = replace and store.has_document(item.raw.document.sha256)
            outcome = _store(
                item.raw,
                item.analysis,
                store,
                settings,
                summary,
                replace,
                known,
                item.record,
                item.embedded,
            )
        elif isinstance(item, InputError):
            source = item.source or ""
            outcome = _failed(summary, store, source, None, item)
        elif isinstance(item, str):  # the source of a document already stored
            source, outcome = item, "duplicate"
            summary.duplicates += 1
        else:  # the analysers send every page back, analysed or failed
            raise TypeError(f"a page came back unanalysed: {item.document.source}")
        if on_item is not None:
            on_item(source, outcome, summary)
        if outcome == "failed" and settings.strict:
            break
    return summary


def _inputs(
    paths: Sequence[str], store: Store, settings: Settings, summary: IngestSummary, replace: bool
) -> Iterator[RawInput | InputError | str]:
    """Every input read, in order: a page to analyse, the error that kept one
    from being read, or the source of a document already stored."""
    for path in expand_paths(paths):
        records: Iterable[RawInput | InputError]
        if corpus_kind(path) is None:
            try:
                records = [read_input(path, max_bytes=settings.max_bytes)]
            except InputError as exc:
                records = [exc]
        else:
            records = read_corpus(path, max_bytes=settings.max_bytes)
        for record in records:
            summary.read += 1
            if isinstance(record, RawInput) and not replace:
                if store.has_document(record.document.sha256):
                    yield record.document.source
                    continue
            yield record


def open_cluster(address: str, workers: int) -> AbstractContextManager[DaskCluster]:
    """The Dask cluster to analyse on (see :mod:`sayso.cluster`): the scheduler at
    ``address``, or a LocalCluster of ``workers`` processes here for ``local``.
    Raises DaskMissing E602, naming the install command, without Dask."""
    try:
        from sayso.cluster import connect
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in _DASK_MODULES:
            raise
        raise DaskMissing(
            f"--dask needs Dask distributed, which is not installed: {DASK_INSTALL}"
        ) from exc
    return connect(address, workers)
