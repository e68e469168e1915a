"""Numbered schema migrations, recorded in the ``migrations`` table (as
sqlite-utils does): ``schema.sql`` is a preamble (the ``migrations`` table)
and migrations, each under a line ``-- migration NNNN_name (schema V)``.

Opening a store runs the migrations its table does not list, in order, in one
``BEGIN IMMEDIATE`` transaction, records each with the time, and sets
``PRAGMA user_version`` to the schema version of the last. A store from before
the table (schema 1 to 5, which recorded nothing) is first given a baseline:
the migrations its ``user_version`` says it has are recorded as applied
"before migrations". ``user_version`` stays the truth: a migration recorded
above it (a store set back to an older schema) runs again. The statements are
``IF NOT EXISTS``, so running one a store partly has is harmless.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources

from sayso.store import search as search_store

APPLICATION_ID = 0x53415953  # PRAGMA application_id: "SAYS" in ASCII
BASELINE = "before migrations"
# The last migration of the stores made before the migrations table existed.
_LEGACY = 5
_MARK = re.compile(r"^-- migration (\d{4})_(\w+) \(schema (\d+)\).*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    name: str  # NNNN_name
    schema_version: int  # PRAGMA user_version once it is applied
    statements: tuple[str, ...]


def _index_articles(conn: sqlite3.Connection) -> None:
    """A store from before search indexes what it holds; writing the index needs
    ``search_keys``, so a store without it yet is indexed by 0008 instead."""
    has_keys = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_keys'"
    ).fetchone()
    if has_keys and conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None:
        search_store.rebuild(conn)


def _key_search(conn: sqlite3.Connection) -> None:
    """Index a store whose index is empty (one from before search); drop the rows
    of claims no longer stored (a store of schema 5 left them)."""
    if conn.execute("SELECT 1 FROM search_keys LIMIT 1").fetchone() is None:
        _index_articles(conn)
    search_store.remove_stale_claims(conn)


# The columns 0009 adds, by table: (name, SQL type and default).
_INCIDENT_COLUMNS = {
    "events": (
        ("incident", "TEXT"),
        ("main", "INTEGER NOT NULL DEFAULT 0"),
        ("context", "INTEGER NOT NULL DEFAULT 0"),
        ("sub_event_type", "TEXT"),
        ("civilians", "INTEGER"),
        ("fatalities_max", "INTEGER"),
        ("date_inferred", "INTEGER NOT NULL DEFAULT 0"),
    ),
    "event_clusters": (
        ("sub_event_type", "TEXT"),
        ("context", "INTEGER NOT NULL DEFAULT 0"),
        ("weekday", "INTEGER"),
    ),
    # what the user said of a page added through the web app (sayso.store.jobs)
    "originals": (("meta", "TEXT"),),
    "job_inputs": (("meta", "TEXT"),),
}


def _add_columns(conn: sqlite3.Connection, tables: dict[str, tuple[tuple[str, str], ...]]) -> None:
    """Add the columns the store lacks (ADD COLUMN has no IF NOT EXISTS)."""
    for table, columns in tables.items():
        have = {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}
        for name, sql_type in columns:
            if name not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}")


def _add_incident_columns(conn: sqlite3.Connection) -> None:
    """Add the columns of 0009 that the store lacks."""
    _add_columns(conn, _INCIDENT_COLUMNS)


def _add_summed_tolls(conn: sqlite3.Connection) -> None:
    """Add the column of 0012 (an incident's dead summed over the sides an
    article counts apart) where the store lacks it."""
    _add_columns(conn, {"events": (("fatalities_summed", "INTEGER"),)})


def _add_claim_parts(conn: sqlite3.Connection) -> None:
    """Give each statement its part: a store from before parts gets one part per
    cluster (the statements it holds), until ``sayso relink`` groups it afresh;
    count each actor's speakers by side."""
    have = {str(row[1]) for row in conn.execute("PRAGMA table_info(statements)")}
    for name in ("part_id", "part_stance"):
        if name not in have:
            conn.execute(f"ALTER TABLE statements ADD COLUMN {name} TEXT")
    conn.execute("CREATE INDEX IF NOT EXISTS statements_part ON statements(part_id)")
    conn.execute(
        "INSERT OR IGNORE INTO claim_parts"
        " (id, article_id, claim_id, text, vector, size, polarity, words, places, keys, context)"
        " SELECT id, article_id, id, text, vector, size, polarity, words, '', '', '' FROM claims"
    )
    conn.execute(
        "UPDATE statements SET part_id = claim_id, part_stance = stance WHERE part_id IS NULL"
    )
    conn.execute("DELETE FROM part_keys")  # parts from clusters have no keys
    conn.execute("DELETE FROM actor_sides")
    conn.execute(
        "INSERT INTO actor_sides (actor_id, side, speakers)"
        " SELECT aa.actor_id, s.side, COUNT(*) FROM actor_articles AS aa JOIN speakers AS s"
        " ON s.article_id = aa.article_id AND s.entity_id = aa.entity_id"
        " WHERE s.side != 'unknown' GROUP BY aa.actor_id, s.side"
    )


def _compute_figures(conn: sqlite3.Connection) -> None:
    """Compute the lists' figures of every claim, event and actor (0011 noted
    them all stale)."""
    from sayso.store import figures  # it reads claims: imported when needed

    figures.refresh(conn)


# Work a migration does after its statements, in Python.
_AFTER: dict[str, Callable[[sqlite3.Connection], None]] = {
    "0004_reviews_and_search": _index_articles,
    "0008_search_keys_and_indexes": _key_search,
    "0009_incidents": _add_incident_columns,
    "0010_parts_and_sides": _add_claim_parts,
    "0011_list_figures": _compute_figures,
    "0012_summed_tolls": _add_summed_tolls,
}


def _statements(sql: str) -> tuple[str, ...]:
    out, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        raise ValueError(f"schema.sql ends in an incomplete statement: {buffer.strip()[:60]}")
    return tuple(out)


@cache
def parse() -> tuple[tuple[str, ...], tuple[Migration, ...]]:
    """The preamble's statements and the migrations of ``schema.sql``, in order."""
    sql = resources.files("sayso.store").joinpath("schema.sql").read_text(encoding="utf-8")
    marks = list(_MARK.finditer(sql))
    preamble = _statements(sql[: marks[0].start()])
    migrations = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(sql)
        number, name, version = int(mark.group(1)), mark.group(2), int(mark.group(3))
        if number != i + 1:
            raise ValueError(f"schema.sql: migration {number} is out of order")
        body = sql[mark.end() : end]
        migrations.append(Migration(number, f"{number:04d}_{name}", version, _statements(body)))
    return preamble, tuple(migrations)


def schema_version() -> int:
    """The schema version of the last migration: this sayso's ``user_version``."""
    return parse()[1][-1].schema_version


def applied(conn: sqlite3.Connection) -> set[str]:
    """The names of the migrations a store records (none before the table)."""
    try:
        return {str(r[0]) for r in conn.execute("SELECT name FROM migrations")}
    except sqlite3.OperationalError:
        return set()


def pending(conn: sqlite3.Connection) -> list[Migration]:
    """The migrations to run: those not recorded, and those recorded above the
    store's ``user_version`` (a store set back to an older schema runs them again)."""
    done = applied(conn)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return [m for m in parse()[1] if m.name not in done or m.schema_version > version]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Bring the store up to date; the names of the migrations it ran. The
    caller has checked the file is a sayso store (or empty) and not newer."""
    if not pending(conn):
        return []
    preamble, migrations = parse()
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the lock: another process may have migrated meanwhile.
        legacy = not applied(conn) and _holds_tables(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for statement in preamble:
            conn.execute(statement)
        if legacy:
            conn.executemany(
                "INSERT OR IGNORE INTO migrations (name, applied_at) VALUES (?, ?)",
                [
                    (m.name, BASELINE)
                    for m in migrations
                    if m.number <= _LEGACY and m.schema_version <= version
                ],
            )
        conn.executemany(
            "DELETE FROM migrations WHERE name = ?",
            [(m.name,) for m in migrations if m.schema_version > version],
        )
        done = applied(conn)
        ran = []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for migration in migrations:
            if migration.name in done:
                continue
            for statement in migration.statements:
                conn.execute(statement)
            if migration.name in _AFTER:
                _AFTER[migration.name](conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (migration.name, now)
            )
            ran.append(migration.name)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {migrations[-1].schema_version}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return ran


def _holds_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name != 'migrations'"
    ).fetchone()
    return bool(row[0])
