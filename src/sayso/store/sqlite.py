"""The SQLite store: one transaction per document, so a killed run loses nothing.

Each :meth:`Store.save` is ``BEGIN IMMEDIATE ... COMMIT`` and rolls back on
any exception (``KeyboardInterrupt`` included). Documents are unique by
sha256, so a re-run skips everything already committed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from sayso.errors import StoreError
from sayso.model import UNKNOWN, Analysis
from sayso.store import actors as actors_store
from sayso.store import claims as claims_store
from sayso.store import events as events_store
from sayso.store import rows
from sayso.store.claims import ClaimSummary

SCHEMA_VERSION = 3  # 2 added fingerprints, claims and statements; 3 events and actors
# PRAGMA application_id marks the file as ours: "SAYS" in ASCII.
APPLICATION_ID = 0x53415953
_BUSY_TIMEOUT_S = 10.0

_ACCOUNTS_SQL = """
SELECT ac.id, ac.article_id, d.source, ar.title, ac.kind, ac.content,
       COALESCE(sp.name, sp.group_name, ac.speaker_text), ac.speaker_text,
       sp.descriptor, COALESCE(sp.side, :unknown), ac.cue, ac.recipient, ac.channel,
       ac.confidence, ac.content_start, ac.content_end
FROM accounts AS ac
JOIN articles AS ar ON ar.id = ac.article_id
JOIN documents AS d ON d.id = ar.document_id
LEFT JOIN speakers AS sp ON sp.article_id = ac.article_id AND sp.id = ac.speaker_id
WHERE (:speaker IS NULL
       OR sayso_contains(sp.name, :speaker)
       OR sayso_contains(sp.group_name, :speaker)
       OR sayso_contains(ac.speaker_text, :speaker))
  AND (:side IS NULL OR sayso_casefold(COALESCE(sp.side, :unknown)) = :side)
ORDER BY ar.rowid, ac.content_start, ac.content_end, ac.id
LIMIT :limit
"""

_COUNTED_TABLES = ("documents", "articles", "accounts", "speakers", "entities")


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One stored account, flattened with its speaker and source for listing."""

    account_id: str
    article_id: str
    source: str
    title: str | None
    kind: str
    content: str
    speaker: str | None  # canonical name, else group, else as written
    speaker_as_written: str | None
    descriptor: str | None
    side: str
    cue: str | None
    recipient: str | None
    channel: str | None
    confidence: float
    content_start: int
    content_end: int


class Store:
    """A sayso database file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = _open(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def has_document(self, sha256: str) -> bool:
        return self._query_one("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)) is not None

    def save(
        self, analysis: Analysis, record: dict[str, Any] | None = None, *, claims: bool = True
    ) -> bool:
        """Store one analysis; False (storing nothing) when its document is already in.

        ``record`` is the serialised form kept in ``articles.record``; without
        it the dataclasses are serialised as they are. ``claims=False`` skips the
        claim clusters (and their sentence embeddings, the slowest step of a save).
        """
        if analysis.article.document_id != analysis.document.id:
            raise StoreError(
                f"article {analysis.article.id} names document {analysis.article.document_id}, "
                f"not {analysis.document.id}",
                source=self.path,
            )
        record_json = rows.to_json(record if record is not None else rows.default_record(analysis))
        prepared = claims_store.prepare(analysis) if claims else None
        conn = self._connection()
        self._execute(conn, "BEGIN IMMEDIATE")
        try:
            if self.has_document(analysis.document.sha256):
                conn.execute("ROLLBACK")
                return False
            _write(conn, analysis, record_json, prepared)
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"cannot save {analysis.document.source}: {exc}", source=self.path
                ) from exc
            raise
        return True

    def accounts(
        self, *, speaker: str | None = None, side: str | None = None, limit: int | None = None
    ) -> list[AccountRow]:
        """Stored accounts in article order, then by position in the article."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        params = {
            "speaker": speaker,
            "side": side.casefold() if side is not None else None,
            "unknown": UNKNOWN,
            "limit": -1 if limit is None else limit,  # SQLite: a negative LIMIT means none
        }
        found = self._execute(self._connection(), _ACCOUNTS_SQL, params).fetchall()
        return [AccountRow(*row) for row in found]

    def claims(self, *, search: str | None = None, contested: bool = False) -> list[ClaimSummary]:
        """Claim clusters, largest first, with their statements and sources."""
        try:
            found = claims_store.read_claims(self._connection(), search)
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}", source=self.path) from exc
        return [c for c in found if c.contested or not contested]

    def claim(self, claim_id: str) -> ClaimSummary | None:
        """One claim cluster by id (a unique prefix of it will do), or None."""
        rows_found = self._execute(
            self._connection(),
            "SELECT id, text FROM claims WHERE id = ? OR id LIKE ? ORDER BY id = ? DESC",
            (claim_id, claim_id.replace("%", "") + "%", claim_id),
        ).fetchall()
        if not rows_found or (len(rows_found) > 1 and rows_found[0][0] != claim_id):
            return None
        try:
            return claims_store.read_claim(self._connection(), rows_found[0][0], rows_found[0][1])
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}", source=self.path) from exc

    def events(
        self,
        *,
        type_: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        actor: str | None = None,
    ) -> list[events_store.EventCluster]:
        """Stored events with their reports, most reported first (see
        :mod:`sayso.store.events`); filters are case-insensitive."""
        try:
            return events_store.read_events(
                self._connection(), type_=type_, place=place, since=since, until=until, actor=actor
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read events: {exc}", source=self.path) from exc

    def actors(self, *, search: str | None = None) -> list[actors_store.ActorRow]:
        """People and organisations across the store, under one name each, named by
        the most articles first; ``search`` matches any of their names."""
        try:
            return actors_store.read_actors(self._connection(), search)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read actors: {exc}", source=self.path) from exc

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, articles, accounts, speakers, entities."""
        result: dict[str, int] = {}
        for table in _COUNTED_TABLES:
            row = self._query_one(f"SELECT COUNT(*) FROM {table}", ())
            result[table] = int(row[0]) if row else 0
        return result

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is closed", source=self.path)
        return self._conn

    def _query_one(self, sql: str, params: tuple[object, ...]) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._execute(self._connection(), sql, params).fetchone()
        return row

    def _execute(
        self, conn: sqlite3.Connection, sql: str, params: tuple[object, ...] | dict[str, Any] = ()
    ) -> sqlite3.Cursor:
        try:
            return conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}", source=self.path) from exc


def _open(path: str) -> sqlite3.Connection:
    try:
        # isolation_level=None: transactions are ours, explicit, one per save.
        conn = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the database: {exc}", source=path) from exc
    try:
        _prepare(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot use the database: {exc}", source=path) from exc
    except BaseException:
        conn.close()
        raise
    conn.create_function("sayso_contains", 2, _contains, deterministic=True)
    conn.create_function("sayso_casefold", 1, _casefold, deterministic=True)
    return conn


def _prepare(conn: sqlite3.Connection, path: str) -> None:
    """Check the file is ours (or empty), then create the tables when new."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or tables > 0):
        raise StoreError("not a sayso database (it holds other data)", source=path)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"written by a newer sayso (schema {version}; this version reads {SCHEMA_VERSION})",
            source=path,
        )
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    if tables == 0 or version < SCHEMA_VERSION:
        _create(conn)  # every statement is IF NOT EXISTS: an older store gains the new tables


def _create(conn: sqlite3.Connection) -> None:
    schema = resources.files("sayso.store").joinpath("schema.sql").read_text(encoding="utf-8")
    # One transaction, so a half-created schema is never left behind.
    conn.executescript(
        f"BEGIN IMMEDIATE;\n{schema}\n"
        f"PRAGMA application_id = {APPLICATION_ID};\n"
        f"PRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;"
    )


def _write(
    conn: sqlite3.Connection,
    analysis: Analysis,
    record_json: str,
    prepared: claims_store.Prepared | None,
) -> None:
    article = analysis.article
    document = rows.document_row(analysis.document)
    conn.execute(rows.upsert_sql("documents", document), document)
    article_row = rows.article_row(article, record_json)
    conn.execute(rows.upsert_sql("articles", article_row), article_row)
    # Upsert by id: a re-analysed article replaces its rows rather than mixing old and new.
    for table in ("speakers", "entities", "accounts"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
    _insert_all(conn, "speakers", [rows.speaker_row(article.id, s) for s in analysis.speakers])
    _insert_all(conn, "entities", [rows.entity_row(article.id, e) for e in analysis.entities])
    _insert_all(
        conn, "accounts", [rows.account_row(article.id, a, article.text) for a in analysis.accounts]
    )
    events_store.link(conn, analysis)
    actors_store.link(conn, analysis)
    if prepared is not None:
        claims_store.link(conn, analysis, prepared)


def _insert_all(conn: sqlite3.Connection, table: str, table_rows: list[rows.Row]) -> None:
    if table_rows:
        conn.executemany(rows.insert_sql(table, table_rows[0]), table_rows)


def _rollback(conn: sqlite3.Connection) -> None:
    # The original error matters more than a failed rollback.
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _contains(haystack: str | None, needle: str | None) -> bool:
    # Python's casefold, because SQLite's LIKE and lower() fold ASCII only.
    if haystack is None or needle is None:
        return False
    return needle.casefold() in haystack.casefold()


def _casefold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None
