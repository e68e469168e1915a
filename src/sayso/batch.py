"""Ingest many inputs into a store: one transaction per document, resumable.

Identity is the content hash: a document already stored is skipped before any
analysis, so an interrupted run picks up where it stopped and a re-run stores
nothing twice. A failing input is recorded and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sayso.errors import InputError
from sayso.export import to_dict
from sayso.ingest import expand_paths, read_input
from sayso.pipeline import Settings, analyze_input
from sayso.store import Store

Outcome = str  # "stored" | "duplicate" | "failed"


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    accounts: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "failed": [{"source": s, "error": m} for s, m in self.failed],
            "accounts": self.accounts,
        }


def ingest_one(path: str, store: Store, settings: Settings, summary: IngestSummary) -> Outcome:
    """Read, analyse and store one input, recording the outcome in ``summary``."""
    summary.read += 1
    try:
        raw = read_input(path, max_bytes=settings.max_bytes)
        if store.has_document(raw.document.sha256):
            summary.duplicates += 1
            return "duplicate"
        analysis = analyze_input(raw, settings)
        if not store.save(analysis, to_dict(analysis), claims=settings.claims):
            summary.duplicates += 1
            return "duplicate"
    except InputError as exc:
        summary.failed.append((path, str(exc) if exc.source else f"{path}: {exc}"))
        return "failed"
    summary.stored += 1
    summary.accounts += len(analysis.accounts)
    return "stored"


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    *,
    on_item: Callable[[str, Outcome], None] | None = None,
) -> IngestSummary:
    """Ingest every file under ``paths`` (files, directories, "-")."""
    settings = settings or Settings()
    summary = IngestSummary()
    for path in expand_paths(paths):
        outcome = ingest_one(path, store, settings, summary)
        if on_item is not None:
            on_item(path, outcome)
    return summary
