"""The SQLite store: one transaction per document, so a killed run loses nothing.

Each :meth:`Store.save` is ``BEGIN IMMEDIATE ... COMMIT`` and rolls back on
any exception (``KeyboardInterrupt`` included). Documents are unique by
sha256, so a re-run skips everything already committed; ``replace=True``
re-analyses a stored document, rewriting its rows in one transaction while the
analysts' reviews of its accounts stay.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sayso import link
from sayso.errors import StoreError
from sayso.model import Analysis
from sayso.store import actors as actors_store
from sayso.store import articles as articles_store
from sayso.store import claims as claims_store
from sayso.store import connect, figures, linking, migrations, rows, saving
from sayso.store import events as events_store
from sayso.store import failures as failures_store
from sayso.store import jobs as jobs_store
from sayso.store import relink as relink_store
from sayso.store import reviews as reviews_store
from sayso.store import search as search_store
from sayso.store.accounts import AccountRow, read_accounts
from sayso.store.claims import ClaimSummary
from sayso.store.paged import PagedReads
from sayso.store.relink import RelinkSummary

__all__ = ["SCHEMA_VERSION", "AccountRow", "Store"]

# PRAGMA user_version: 2 added fingerprints, claims and statements; 3 events and
# actors; 4 reviews and search; 5 the web app's originals and import jobs; 6 the
# search index's keys (search_keys), which every writer keeps. The migrations that
# made them are in schema.sql (see sayso.store.migrations).
SCHEMA_VERSION = migrations.schema_version()
APPLICATION_ID = migrations.APPLICATION_ID

_T = TypeVar("_T")
_COUNTED_TABLES = ("documents", "articles", "accounts", "speakers", "entities")


class Store(PagedReads):
    """A sayso database file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = connect.open_store(self.path)
        self._writer: sqlite3.Connection | None = None  # a reader's, for its writes

    @classmethod
    def reader(cls, path: str | Path) -> Store:
        """A store that reads through a query-only connection, opened without
        migrating (the file must be a sayso store, not newer); its writes go
        through a normal connection opened on the first one. For a long-lived
        store per thread (the web app's): SQLite connections stay in their thread."""
        store = cls.__new__(cls)
        store.path = str(path)
        store._conn = connect.open_store(store.path, migrate=False)
        store._conn.execute("PRAGMA query_only = ON")
        store._writer = None
        return store

    @property
    def closed(self) -> bool:
        return self._conn is None

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
        if self._writer is not None:
            linking.forget(self._writer)
            self._writer.close()
            self._writer = None
        if self._conn is not None:
            linking.forget(self._conn)
            self._conn.close()
            self._conn = None

    def has_document(self, sha256: str) -> bool:
        return self._query_one("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)) is not None

    def save(
        self,
        analysis: Analysis,
        record: dict[str, Any] | None = None,
        *,
        claims: bool = True,
        replace: bool = False,
        embedded: link.Embedded | None = None,
    ) -> bool:
        """Store one analysis; False (storing nothing) when its document is already in.

        ``record`` is the serialised form kept in ``articles.record``; without
        it the dataclasses are serialised as they are. ``claims=False`` skips the
        claim clusters (and their sentence embeddings, the slowest step of a save).
        ``replace=True`` stores a new analysis of a document already in: its old
        rows leave their claims and events, then the new ones are written, all in
        one transaction; reviews, keyed by account id, apply to the new rows.
        ``embedded``: the statements already embedded (by an analysing process).
        """
        if analysis.article.document_id != analysis.document.id:
            raise StoreError(
                f"article {analysis.article.id} names document {analysis.article.document_id}, "
                f"not {analysis.document.id}",
                source=self.path,
            )
        record_json = rows.to_json(record if record is not None else rows.default_record(analysis))
        if claims and embedded is None:
            embedded = link.embed_statements(analysis)
        elif not claims:
            embedded = None
        conn = self._write_connection()
        connect.begin_write(conn, self.path)
        try:
            found = conn.execute(
                "SELECT 1 FROM documents WHERE sha256 = ?", (analysis.document.sha256,)
            ).fetchone()
            if found is not None:
                if not replace:
                    conn.execute("ROLLBACK")
                    return False
                saving.unlink_document(conn, analysis.document.sha256)
            saving.write(conn, analysis, record_json, embedded)
            figures.refresh(conn)  # the lists' figures of what it touched
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"cannot save {analysis.document.source}: {exc}", source=self.path
                ) from exc
            raise
        return True

    def relink(self, progress: Callable[[int, int], None] | None = None) -> RelinkSummary:
        """Compute every claim, event and actor link again from the stored analyses,
        in the order they were stored, in one transaction (see
        :mod:`sayso.store.relink`); reviews stay."""

        def relink(conn: sqlite3.Connection) -> RelinkSummary:
            linking.forget(conn)  # its links are deleted, then made again
            return relink_store.relink(conn, progress)

        return self._transaction(relink)

    def accounts(
        self,
        *,
        speaker: str | None = None,
        side: str | None = None,
        limit: int | None = None,
        article_id: str | None = None,
        include_rejected: bool = False,
    ) -> list[AccountRow]:
        """Stored accounts in article order, then by position in the article, with
        analysts' reviews applied; accounts a review rejected are left out unless
        ``include_rejected``."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        return self._read(
            read_accounts,
            speaker=speaker,
            side=side,
            limit=limit,
            article_id=article_id,
            include_rejected=include_rejected,
        )

    def articles(self) -> list[articles_store.ArticleSummary]:
        """Every stored article, in the order they were stored."""
        return self._read(articles_store.list_articles)

    def article_of_document(self, sha256: str) -> str | None:
        return self._read(articles_store.article_of_document, sha256)

    def document_sha256(self, document_id: str) -> str | None:
        row = self._query_one("SELECT sha256 FROM documents WHERE id = ?", (document_id,))
        return str(row[0]) if row else None

    def article(self, article_id: str) -> articles_store.ArticleView | None:
        """One article with its text, chrome, bios and accounts (reviews applied)."""
        return self._read(articles_store.read_article, article_id)

    def actor_accounts(self, actor_id: str) -> list[articles_store.ActorAccount]:
        """The accounts an actor gave, across the articles that name them."""
        return self._read(articles_store.actor_accounts, actor_id)

    def accounts_by_actor(self) -> dict[str, list[articles_store.ActorAccount]]:
        """:meth:`actor_accounts` of every actor, in one query."""
        return self._read(articles_store.accounts_by_actor)

    def search(
        self, text: str, filters: dict[str, str | None] | None = None
    ) -> search_store.SearchResult:
        """Articles, accounts and claims holding the words of ``text`` (FTS5),
        with facets; see :func:`sayso.store.search.search`."""
        return self._read(search_store.search, text, filters)

    def review(self, account_id: str, *, reviewer: str, **fields: Any) -> reviews_store.Review:
        """Store an analyst's correction of an account (``speaker``, ``side``,
        ``stance``, ``claim_id``, ``rejected``), replacing an earlier one."""

        def write(conn: sqlite3.Connection) -> reviews_store.Review:
            review = reviews_store.make_review(conn, account_id, reviewer=reviewer, **fields)
            reviews_store.save(conn, review)
            search_store.index_article(conn, review.article_id)
            return review

        return self._transaction(write)

    def clear_review(self, account_id: str, *, reviewer: str) -> bool:
        """Drop an account's review (the analysis's values stand again)."""

        def write(conn: sqlite3.Connection) -> bool:
            article_id = reviews_store.clear(conn, account_id, reviewer)
            if article_id is not None:
                search_store.index_article(conn, article_id)
            return article_id is not None

        return self._transaction(write)

    def reviews(self, *, article_id: str | None = None) -> list[reviews_store.Review]:
        return self._read(reviews_store.read, article_id=article_id)

    def review_history(self, account_id: str) -> list[dict[str, object]]:
        return self._read(reviews_store.history, account_id)

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

    def actor(self, actor_id: str) -> actors_store.ActorRow | None:
        """One actor by id, or None."""
        found = self._read(actors_store.read_actors, actor_id=actor_id)
        return found[0] if found else None

    def keep_original(
        self,
        sha256: str,
        name: str,
        kind: str,
        data: bytes,
        url: str | None = None,
        fields: jobs_store.PageFields | None = None,
    ) -> None:
        """Keep the bytes of a page added through the web app, with what the user
        said of it (see :mod:`sayso.store.jobs`)."""
        self._transaction(
            lambda c: jobs_store.keep_original(c, sha256, name, kind, data, url, fields)
        )

    def original(self, sha256: str) -> jobs_store.Original | None:
        return self._read(jobs_store.read_original, sha256)

    def save_job(
        self, job_id: str, inputs: list[jobs_store.JobInputRow], *, replace: bool, step: str
    ) -> None:
        self._transaction(
            lambda c: jobs_store.insert_job(c, job_id, inputs, replace=replace, step=step)
        )

    def update_job(self, job_id: str, **fields: Any) -> bool:
        return self._transaction(lambda c: jobs_store.update_job(c, job_id, fields))

    def job(self, job_id: str) -> dict[str, Any] | None:
        return self._read(jobs_store.read_job, job_id)

    def jobs(self, status: str | None = None) -> list[dict[str, Any]]:
        return self._read(jobs_store.read_jobs, status)

    def job_inputs(self, job_id: str) -> list[jobs_store.JobInputRow]:
        return self._read(jobs_store.read_inputs, job_id)

    def drop_finished_inputs(self) -> int:
        return self._transaction(jobs_store.drop_finished_inputs)

    def record_failure(self, source: str, sha256: str | None, message: str) -> None:
        """Keep an input's failure (its coded message) until it is stored."""
        self._transaction(lambda c: failures_store.record(c, source, sha256, message))

    def failures(self) -> list[failures_store.Failure]:
        """The inputs whose last try failed, oldest first."""
        return self._read(failures_store.read)

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, articles, accounts, speakers, entities."""
        result: dict[str, int] = {}
        for table in _COUNTED_TABLES:
            row = self._query_one(f"SELECT COUNT(*) FROM {table}", ())
            result[table] = int(row[0]) if row else 0
        return result

    def _read(self, func: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        try:
            return func(self._connection(), *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}", source=self.path) from exc

    def _transaction(self, func: Callable[[sqlite3.Connection], _T]) -> _T:
        conn = self._write_connection()
        connect.begin_write(conn, self.path)
        try:
            result = func(conn)
            figures.refresh(conn)  # the lists' figures of what it touched
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"database error: {exc}", source=self.path) from exc
            raise
        return result

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is closed", source=self.path)
        return self._conn

    def _write_connection(self) -> sqlite3.Connection:
        conn = self._connection()
        if conn.execute("PRAGMA query_only").fetchone()[0]:
            if self._writer is None:
                self._writer = connect.open_store(self.path)
            return self._writer
        return conn

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


def _rollback(conn: sqlite3.Connection) -> None:
    # The original error matters more than a failed rollback.
    linking.forget(conn)  # what linking read and wrote in the transaction is gone
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
