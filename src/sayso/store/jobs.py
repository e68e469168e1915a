"""The web app's import jobs and the originals of the pages it added.

Jobs live in the store, not in the server's memory, so that a restart loses
none: a job found ``queued`` or ``running`` is taken up again at its ``done``
position. The originals are the bytes of every page added through the web app,
kept so that a page can be analysed again from exactly what was given: the web
app never re-reads a page from a path or a URL.

What the user said of a page on the add form (its publication date, outlet
and URL) is kept with the page and with its original, so that it reaches the
analysis and a later re-analysis: in the ``meta`` column (migration 0009), a
JSON object ``{"published": ..., "outlet": ..., "page_url": ...}`` or NULL when
nothing was said; :func:`fields_json` and :func:`fields_of` write and read it.

Every function takes an open connection; :class:`~sayso.store.Store` wraps
each write in its own short transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

FINISHED = ("done", "failed", "cancelled")
UNFINISHED = ("queued", "running")
KEEP_FINISHED = 500  # finished jobs kept for their status pages, the newest
_JSON_FIELDS = ("article_ids", "errors", "summary")
_FIELDS = frozenset({"status", "step", "done", "total", *_JSON_FIELDS})
_JOB_COLUMNS = (
    "id, status, step, done, total, replace_rows, article_ids, errors, summary,"
    " created_at, updated_at"
)


@dataclass(frozen=True, slots=True)
class PageFields:
    """What the user said of a page on the add form; None where nothing."""

    published: str | None = None  # ISO date
    outlet: str | None = None
    page_url: str | None = None  # the page's URL as the user gives it (not one to fetch)

    def __bool__(self) -> bool:
        return bool(self.published or self.outlet or self.page_url)


@dataclass(frozen=True, slots=True)
class Original:
    """A page as it was added: its label, how it came, and its bytes."""

    sha256: str
    name: str
    kind: str  # paste, upload, url
    url: str | None
    data: bytes
    fields: PageFields = PageFields()


@dataclass(frozen=True, slots=True)
class JobInputRow:
    """One page of a job as stored; ``data`` is None once the job is over."""

    position: int
    name: str
    kind: str  # paste, upload, url, stored
    url: str | None
    sha256: str | None
    data: bytes | None
    fields: PageFields = PageFields()


def fields_json(fields: PageFields) -> str | None:
    """The ``meta`` column's value for what the user said of a page."""
    if not fields:
        return None
    packed = {"published": fields.published, "outlet": fields.outlet, "page_url": fields.page_url}
    return json.dumps(packed, ensure_ascii=False, sort_keys=True)


def fields_of(value: str | None) -> PageFields:
    """What the user said of a page, from a ``meta`` column's value."""
    try:
        data = json.loads(value) if value else {}
    except json.JSONDecodeError:
        data = {}
    if not isinstance(data, dict):
        return PageFields()

    def text(key: str) -> str | None:
        found = data.get(key)
        return found if isinstance(found, str) and found else None

    return PageFields(published=text("published"), outlet=text("outlet"), page_url=text("page_url"))


def now() -> str:
    """UTC, ISO 8601, to the microsecond: jobs are ordered by it."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def keep_original(
    conn: sqlite3.Connection,
    sha256: str,
    name: str,
    kind: str,
    data: bytes,
    url: str | None,
    fields: PageFields | None = None,
) -> None:
    """Keep a page's bytes; a page already kept stays as it was first kept."""
    conn.execute(
        "INSERT OR IGNORE INTO originals (sha256, name, kind, url, data, stored_at, meta)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (sha256, name, kind, url, data, now(), fields_json(fields or PageFields())),
    )


def read_original(conn: sqlite3.Connection, sha256: str) -> Original | None:
    row = conn.execute(
        "SELECT sha256, name, kind, url, data, meta FROM originals WHERE sha256 = ?", (sha256,)
    ).fetchone()
    if row is None:
        return None
    return Original(
        sha256=row[0],
        name=row[1],
        kind=row[2],
        url=row[3],
        data=bytes(row[4]),
        fields=fields_of(row[5]),
    )


def insert_job(
    conn: sqlite3.Connection,
    job_id: str,
    inputs: Sequence[JobInputRow],
    *,
    replace: bool,
    step: str,
) -> None:
    """Store a new queued job and its pages; drop the oldest finished jobs past
    :data:`KEEP_FINISHED`."""
    stamp = now()
    conn.execute(
        f"INSERT INTO jobs ({_JOB_COLUMNS})"
        " VALUES (?, 'queued', ?, 0, ?, ?, '[]', '[]', '{}', ?, ?)",
        (job_id, step, len(inputs), int(replace), stamp, stamp),
    )
    conn.executemany(
        "INSERT INTO job_inputs (job_id, position, name, kind, url, sha256, data, meta)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (job_id, i.position, i.name, i.kind, i.url, i.sha256, i.data, fields_json(i.fields))
            for i in inputs
        ],
    )
    marks = ", ".join("?" * len(FINISHED))
    # ON DELETE CASCADE takes their inputs along.
    conn.execute(
        f"DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE status IN ({marks})"
        " ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)",
        (*FINISHED, KEEP_FINISHED),
    )


def update_job(conn: sqlite3.Connection, job_id: str, fields: dict[str, Any]) -> bool:
    """Set some of a job's fields (lists and dicts as JSON); False when no such job."""
    unknown = set(fields) - _FIELDS
    if unknown:
        raise ValueError(f"a job has no fields {sorted(unknown)}")
    values = {k: json.dumps(v) if k in _JSON_FIELDS else v for k, v in fields.items()}
    values["updated_at"] = now()
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    cursor = conn.execute(
        f"UPDATE jobs SET {assignments} WHERE id = :job_id", {**values, "job_id": job_id}
    )
    return cursor.rowcount > 0


def read_job(conn: sqlite3.Connection, job_id: str) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return _job(row) if row is not None else None


def read_jobs(conn: sqlite3.Connection, status: str | None = None) -> list[dict[str, Any]]:
    """Jobs oldest first, all or those with one status."""
    where, params = ("WHERE status = ?", (status,)) if status is not None else ("", ())
    found = conn.execute(
        f"SELECT {_JOB_COLUMNS} FROM jobs {where} ORDER BY created_at, rowid", params
    ).fetchall()
    return [_job(row) for row in found]


def read_inputs(conn: sqlite3.Connection, job_id: str) -> list[JobInputRow]:
    found = conn.execute(
        "SELECT position, name, kind, url, sha256, data, meta FROM job_inputs WHERE job_id = ?"
        " ORDER BY position",
        (job_id,),
    ).fetchall()
    rows = []
    for row in found:
        rows.append(
            JobInputRow(
                position=row[0],
                name=row[1],
                kind=row[2],
                url=row[3],
                sha256=row[4],
                data=bytes(row[5]) if row[5] is not None else None,
                fields=fields_of(row[6]),
            )
        )
    return rows


def drop_finished_inputs(conn: sqlite3.Connection) -> int:
    """Forget the bytes of finished jobs' pages (those analysed are in ``originals``);
    how many pages lost theirs."""
    marks = ", ".join("?" * len(FINISHED))
    cursor = conn.execute(
        "UPDATE job_inputs SET data = NULL WHERE data IS NOT NULL AND job_id IN"
        f" (SELECT id FROM jobs WHERE status IN ({marks}))",
        FINISHED,
    )
    return cursor.rowcount


def _job(row: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "job_id": row[0],
        "status": row[1],
        "step": row[2],
        "done": row[3],
        "total": row[4],
        "replace": bool(row[5]),
        "article_ids": json.loads(row[6]),
        "errors": json.loads(row[7]),
        "summary": json.loads(row[8]),
        "created_at": row[9],
        "updated_at": row[10],
    }
