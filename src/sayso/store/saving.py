"""Writing one analysis inside a save's transaction, and taking a stored
document's articles out before a new analysis of it is written."""

from __future__ import annotations

import sqlite3

from sayso import link
from sayso.model import Analysis
from sayso.store import actors as actors_store
from sayso.store import failures, linking, rows
from sayso.store import search as search_store


def write(
    conn: sqlite3.Connection,
    analysis: Analysis,
    record_json: str,
    embedded: link.Embedded | None,
) -> None:
    article = analysis.article
    document = rows.document_row(analysis.document)
    conn.execute(rows.upsert_sql("documents", document), document)
    article_row = rows.article_row(article, record_json)
    conn.execute(rows.upsert_sql("articles", article_row), article_row)
    # Upsert by id: a re-analysed article replaces its rows rather than mixing old and new.
    for table in ("speakers", "entities", "accounts"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
    insert_all(conn, "speakers", [rows.speaker_row(article.id, s) for s in analysis.speakers])
    insert_all(conn, "entities", [rows.entity_row(article.id, e) for e in analysis.entities])
    insert_all(
        conn, "accounts", [rows.account_row(article.id, a, article.text) for a in analysis.accounts]
    )
    linking.link_article(conn, analysis, embedded)
    search_store.index_article(conn, article.id)
    failures.clear(conn, analysis.document.source, analysis.document.sha256)


def unlink_document(conn: sqlite3.Connection, sha256: str) -> None:
    """Take a stored document's articles out of the store's claims and events and
    delete their rows, before a new analysis of it is written. Reviews stay."""
    for (article_id,) in conn.execute(
        "SELECT ar.id FROM articles AS ar JOIN documents AS d ON d.id = ar.document_id"
        " WHERE d.sha256 = ?",
        (sha256,),
    ).fetchall():
        linking.unlink_article(conn, article_id)
        search_store.remove_article(conn, article_id)
        named = actors_store.count_sides(conn, article_id, -1)  # its speakers no longer count
        # ON DELETE CASCADE: speakers, entities, accounts, actor_articles
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        actors_store.refresh_sides(conn, named)


def insert_all(conn: sqlite3.Connection, table: str, table_rows: list[rows.Row]) -> None:
    if table_rows:
        conn.executemany(rows.insert_sql(table, table_rows[0]), table_rows)
