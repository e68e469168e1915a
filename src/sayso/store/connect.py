"""Opening a store's connection: SQLite's settings, sayso's SQL functions, and
the check that the file is a sayso store this version can read, then its
pending migrations (see :mod:`sayso.store.migrations`)."""

from __future__ import annotations

import sqlite3
import time

from sayso.errors import StoreBusy, StoreError
from sayso.events.places import fold
from sayso.store import migrations

# A writer waits for its turn: SQLite's busy handler waits BUSY_TIMEOUT_S for
# the lock, and begin_write() asks again until WRITER_WAIT_S have passed. Saves
# hold the lock for their writes only (tens of milliseconds); a relink holds it
# for the whole store.
BUSY_TIMEOUT_S = 30.0
WRITER_WAIT_S = 900.0


def open_store(path: str, *, migrate: bool = True) -> sqlite3.Connection:
    """A connection to the store at ``path``, checked and (unless not ``migrate``) migrated."""
    try:
        # isolation_level=None: transactions are ours, explicit, one per save.
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the database: {exc}", source=path) from exc
    conn.create_function("sayso_contains", 2, _contains, deterministic=True)
    conn.create_function("sayso_casefold", 1, _casefold, deterministic=True)
    conn.create_function("sayso_fold", 1, _fold, deterministic=True)
    try:
        prepare(conn, path, migrate=migrate)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot use the database: {exc}", source=path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def begin_write(conn: sqlite3.Connection, path: str, wait_s: float = WRITER_WAIT_S) -> None:
    """``BEGIN IMMEDIATE``, waiting for another writer's turn to end (another
    ingest, the web app's imports and reviews) for up to ``wait_s`` seconds."""
    deadline = time.monotonic() + wait_s
    pause = 0.05
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise StoreError(f"database error: {exc}", source=path) from exc
            if time.monotonic() + pause > deadline:
                raise StoreBusy(
                    f"another writer kept the store for over {wait_s:.0f} s ({exc}); try again",
                    source=path,
                ) from exc
        time.sleep(pause)
        pause = min(pause * 2, 2.0)


def _busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def prepare(conn: sqlite3.Connection, path: str, *, migrate: bool = True) -> None:
    """Check the file is ours (or empty) and not newer, then run its pending migrations."""
    ours = migrations.schema_version()
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    if app_id != migrations.APPLICATION_ID and (app_id != 0 or tables > 0):
        raise StoreError("not a sayso database (it holds other data)", source=path)
    if version > ours:
        raise StoreError(
            f"written by a newer sayso (schema {version}; this version reads {ours})",
            source=path,
        )
    if not migrate:
        if tables == 0 or migrations.pending(conn):
            raise StoreError("the store needs migrating: open it for writing first", source=path)
        conn.execute("PRAGMA foreign_keys = ON")
        return
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.migrate(conn)


def _contains(haystack: str | None, needle: str | None) -> bool:
    # Python's casefold, because SQLite's LIKE and lower() fold ASCII only.
    if haystack is None or needle is None:
        return False
    return needle.casefold() in haystack.casefold()


def _casefold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None


def _fold(value: str | None) -> str | None:
    # The events list's actor filter matches names as actors are stored: folded.
    return fold(value) if value is not None else None
