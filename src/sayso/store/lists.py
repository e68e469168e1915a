"""The articles, accounts and actors lists a page at a time (see
:mod:`sayso.store.paging`): their orders, filters and counts.

Every order is one an index gives (articles by rowid or by publication date,
accounts by their article's rowid, actors by the figures kept in
``actor_figures``), so the first page and a page deep in the list cost the same.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sayso.events.places import fold
from sayso.model import UNKNOWN
from sayso.store import articles as articles_store
from sayso.store.accounts import _ACCOUNTS_SQL, _FILTERS, AccountRow, _row
from sayso.store.actors import ActorRow
from sayso.store.articles import ArticleSummary
from sayso.store.paging import Key, Order, Page, Query, bounded_count, order_of, read_page

# ------------------------------------------------------------------ articles

ARTICLE_ORDERS = (
    Order("stored", (Key("ar.rowid"),), "the order they were stored (the default)"),
    Order("-stored", (Key("ar.rowid", True),), "the last stored first"),
    Order(
        "-published",
        (Key("COALESCE(ar.published, '')", True), Key("ar.rowid", True)),
        "the latest published first (undated last)",
    ),
    Order(
        "published",
        (Key("COALESCE(ar.published, '')"), Key("ar.rowid")),
        "the earliest published first (undated first)",
    ),
)
_ARTICLE_COLUMNS = """ar.id, ar.title, d.source, ar.url, ar.site_name, ar.published,
       (SELECT COUNT(*) FROM reviewed_accounts AS ra
        WHERE ra.article_id = ar.id AND ra.rejected = 0),
       d.stored_at"""
# CROSS JOIN: the articles drive the walk, in their index's order.
_ARTICLE_TABLES = "articles AS ar CROSS JOIN documents AS d ON d.id = ar.document_id"


def articles_page(
    conn: sqlite3.Connection,
    *,
    limit: int,
    cursor: str | None = None,
    sort: str | None = None,
    outlet: str | None = None,
) -> Page[ArticleSummary]:
    """Stored articles; ``outlet``: those of that site name (as stored)."""
    order = order_of(ARTICLE_ORDERS, sort)
    where = ("ar.site_name = :outlet",) if outlet else ()
    params = {"outlet": outlet}
    query = Query(_ARTICLE_COLUMNS, _ARTICLE_TABLES, where, params)
    rows, following = read_page(conn, query, order, limit, cursor)
    count_sql = f"SELECT COUNT(*) FROM articles AS ar WHERE {' AND '.join(where) or '1'}"
    count = int(conn.execute(count_sql, params).fetchone()[0])  # by index, filtered or not
    return Page([ArticleSummary(*r) for r in rows], count, following, order.name)


# ------------------------------------------------------------------ accounts

_ACCOUNT_KEYS = ("ar.rowid", "ra.content_start", "ra.content_end", "ra.id")
ACCOUNT_ORDERS = (
    Order(
        "stored",
        tuple(Key(k) for k in _ACCOUNT_KEYS),
        "article order, then position in the article (the default)",
    ),
    Order("-stored", tuple(Key(k, True) for k in _ACCOUNT_KEYS), "the last stored article first"),
)
# The columns of Store.accounts (sayso.store.accounts), from its SQL.
_ACCOUNT_COLUMNS = _ACCOUNTS_SQL.split("FROM reviewed_accounts", 1)[0].removeprefix("\nSELECT ")
# The articles in rowid order drive the walk (NOT INDEXED: else SQLite may take
# another index of theirs and sort every account); one article's, by its key.
_ACCOUNT_TABLES = """articles AS ar {indexed}
CROSS JOIN reviewed_accounts AS ra ON ra.article_id = ar.id
CROSS JOIN documents AS d ON d.id = ar.document_id"""
# Accounts, less those a review rejected (whose account is still stored).
_UNFILTERED_COUNT = """
SELECT (SELECT COUNT(*) FROM accounts)
     - (SELECT COUNT(*) FROM reviews AS rv WHERE rv.rejected = 1 AND EXISTS
          (SELECT 1 FROM accounts AS ac
           WHERE ac.article_id = rv.article_id AND ac.id = rv.account_id))
"""


def accounts_page(
    conn: sqlite3.Connection,
    *,
    limit: int,
    cursor: str | None = None,
    sort: str | None = None,
    speaker: str | None = None,
    side: str | None = None,
    article_id: str | None = None,
    include_rejected: bool = False,
) -> Page[AccountRow]:
    """Stored accounts with reviews applied, filtered as :meth:`Store.accounts` is."""
    order = order_of(ACCOUNT_ORDERS, sort)
    params: dict[str, Any] = {
        "speaker": speaker,
        "side": side.casefold() if side is not None else None,
        "unknown": UNKNOWN,
        "article": article_id,
    }
    where = [_FILTERS[name] for name in _FILTERS if params[name] is not None]
    if not include_rejected:
        where.append("ra.rejected = 0")
    if article_id is not None:
        where.append("ar.id = :article")
    tables = _ACCOUNT_TABLES.format(indexed="" if article_id is not None else "NOT INDEXED")
    query = Query(_ACCOUNT_COLUMNS, tables, tuple(where), params)
    rows, following = read_page(conn, query, order, limit, cursor)
    count: int | None
    if speaker is None and side is None and article_id is None:
        sql = "SELECT COUNT(*) FROM accounts" if include_rejected else _UNFILTERED_COUNT
        count = int(conn.execute(sql).fetchone()[0])
    else:
        terms = " AND ".join(w for w in where if not w.startswith("ar."))
        sql = f"SELECT COUNT(*) FROM reviewed_accounts AS ra WHERE {terms}"
        count = bounded_count(conn, sql, params)
    return Page([_row(list(r)) for r in rows], count, following, order.name)


# ------------------------------------------------------------------ actors

ACTOR_ORDERS = (
    Order(
        "-articles",
        (Key("af.articles", True), Key("af.name"), Key("af.actor_id")),
        "named by the most articles first (the default)",
    ),
    Order(
        "-accounts",
        (Key("af.accounts", True), Key("af.name"), Key("af.actor_id")),
        "the most accounts given first",
    ),
    Order("name", (Key("af.name"), Key("af.actor_id")), "by name"),
)
_ACTOR_TABLES = "actor_figures AS af CROSS JOIN actors AS a ON a.id = af.actor_id"
_ACTOR_FILTERS = {
    "search": "EXISTS (SELECT 1 FROM actor_aliases AS al"
    " WHERE al.actor_id = af.actor_id AND instr(al.alias, :search) > 0)",
    "side": "sayso_casefold(a.side) = :side",
    "kind": "sayso_casefold(a.kind) = :kind",
}


def actors_page(
    conn: sqlite3.Connection,
    *,
    limit: int,
    cursor: str | None = None,
    sort: str | None = None,
    search: str | None = None,
    side: str | None = None,
    kind: str | None = None,
) -> Page[tuple[ActorRow, int]]:
    """Actors named by at least one article, each with the number of accounts
    it gave; ``search`` matches any of its names, ``side`` and ``kind``
    (PERSON, ORG) its own."""
    order = order_of(ACTOR_ORDERS, sort)
    params = {
        "search": fold(search) if search else None,
        "side": side.casefold() if side else None,
        "kind": kind.casefold() if kind else None,
    }
    where = tuple(_ACTOR_FILTERS[k] for k in _ACTOR_FILTERS if params[k])
    columns = "a.id, a.name, a.kind, a.side, af.articles, af.accounts"
    rows, following = read_page(
        conn, Query(columns, _ACTOR_TABLES, where, params), order, limit, cursor
    )
    aliases = _aliases(conn, [str(r[0]) for r in rows])
    items = [
        (ActorRow(r[0], r[1], r[2], r[3], tuple(aliases.get(r[0], ())), r[4]), int(r[5]))
        for r in rows
    ]
    count: int | None
    if where:
        sql = f"SELECT COUNT(*) FROM {_ACTOR_TABLES} WHERE {' AND '.join(where)}"
        count = bounded_count(conn, sql, params)
    else:
        count = int(conn.execute("SELECT COUNT(*) FROM actor_figures").fetchone()[0])
    return Page(items, count, following, order.name)


def _aliases(conn: sqlite3.Connection, actor_ids: list[str]) -> dict[str, list[str]]:
    if not actor_ids:
        return {}
    marks = ", ".join("?" * len(actor_ids))
    out: dict[str, list[str]] = {}
    for owner, alias in conn.execute(
        f"SELECT actor_id, alias FROM actor_aliases WHERE actor_id IN ({marks})"
        " ORDER BY actor_id, alias",
        actor_ids,
    ):
        out.setdefault(owner, []).append(alias)
    return out


def actors_accounts(
    conn: sqlite3.Connection, actor_ids: list[str]
) -> dict[str, list[articles_store.ActorAccount]]:
    """The accounts of these actors (a page's), as :meth:`Store.actor_accounts` lists them."""
    return articles_store.accounts_by_actor(conn, actor_ids=actor_ids)
