"""The store's queries look rows up by index (issue 21): every list, page and
search-index write is run on a small built store with its SQL traced, and each
statement's ``EXPLAIN QUERY PLAN`` may scan only the tables allowed for it (the
driving table of a full list). The claims, actors and events lists issue a
bounded number of queries, whatever the number of rows. The paged lists (issue
18) read their first page and a deep page by walking the index of their order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sayso.batch import ingest_paths
from sayso.store import Store
from sayso.store import events as events_store
from sayso.store import search as search_store
from sayso.store.paged import ORDERS
from sayso.store.paging import Page

DATA = Path(__file__).parent / "data"
PAGES = [DATA / "claims", DATA / "events"]

# Scans allowed, per case: the driving table of a full list, walked once.
FULL_ACCOUNTS = {"ac"}  # every account (through reviewed_accounts)
# every statement, grouped by claim; the claims in order; every keyed part (rivals)
FULL_CLAIMS = {"st", "claims", "pk"}
FULL_ACTORS = {"a", "actor_aliases"}  # every actor with its count; every alias
FULL_EVENTS = {"event_clusters", "ev"}  # every event; every report
ARTICLES = {"ar"}  # the articles list
# Store.claim: an id or a prefix of one (LIKE, case-insensitive: no index serves it).
CLAIM_PREFIX = {"claims"}


def _scans(conn: sqlite3.Connection, sql: str) -> list[str]:
    """The tables a statement's plan scans (rather than searches): ``SCAN x``
    (with or without an index to walk); a virtual table counts when it is read
    without a constraint (FTS5 MATCH and rowid lookups have one)."""
    out = []
    for *_, detail in conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall():
        if not detail.startswith("SCAN ") or detail == "SCAN CONSTANT ROW":
            continue
        name = detail.split()[1]
        if name.startswith("(") or name.endswith("_config"):  # a subquery; FTS5's own
            continue
        if "VIRTUAL TABLE INDEX" in detail and not detail.endswith(":"):
            continue
        out.append(name)
    return out


def _traced(conn: sqlite3.Connection, work: Callable[[], object]) -> list[str]:
    """The data statements ``work`` runs on the connection, parameters expanded."""
    found: list[str] = []
    conn.set_trace_callback(found.append)
    try:
        work()
    finally:
        conn.set_trace_callback(None)
    verbs = ("SELECT", "INSERT", "DELETE", "UPDATE", "WITH")
    return [s for s in found if s.lstrip().upper().startswith(verbs)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("plans") / "plans.db"
    store = Store(path)
    summary = ingest_paths([str(p) for p in PAGES], store)
    assert summary.ok, summary.failed
    accounts = [a for a in store.accounts() if a.claim_id]
    store.review(accounts[0].account_id, reviewer="ana", stance="denies", side="government")
    store.review(accounts[1].account_id, reviewer="ana", claim_id=accounts[0].claim_id)
    yield store
    store.close()


def _cases(store: Store) -> dict[str, tuple[Callable[[], object], set[str]]]:
    conn = store._connection()
    article = store.articles()[1].article_id
    actor = store.actors()[0].actor_id
    claim = store.claims()[0].claim_id

    def index_write() -> None:
        conn.execute("SAVEPOINT plan")
        search_store.index_article(conn, article)  # deletes its rows by key, writes them again
        conn.execute("ROLLBACK TO plan")
        conn.execute("RELEASE plan")

    return {
        "accounts": (lambda: store.accounts(), FULL_ACCOUNTS),
        "accounts, filtered": (
            lambda: store.accounts(speaker="a", side="government", limit=5),
            FULL_ACCOUNTS,
        ),
        "one article's accounts": (lambda: store.accounts(article_id=article), set()),
        "one article": (lambda: store.article(article), set()),
        "articles": (lambda: store.articles(), ARTICLES),
        "claims": (lambda: store.claims(search="the"), FULL_CLAIMS),
        "one claim": (lambda: store.claim(claim), CLAIM_PREFIX),
        "actors": (lambda: store.actors(), FULL_ACTORS),
        "one actor": (lambda: store.actor(actor), set()),
        "one actor's accounts": (lambda: store.actor_accounts(actor), set()),
        "every actor's accounts": (lambda: store.accounts_by_actor(), FULL_ACCOUNTS),
        "events": (lambda: store.events(), FULL_EVENTS),
        "events at a place": (
            lambda: store.events(place="Kherson", actor="army"),
            {"event_clusters"},  # the reports: by the events' ids
        ),
        "event candidates (linking)": (
            lambda: events_store.candidates(conn, [703448, 698740]),
            set(),
        ),
        "search": (lambda: store.search("said army", {"kind": "account"}), set()),
        "search index write and delete": (index_write, set()),
    }


CASES = [
    "accounts",
    "accounts, filtered",
    "one article's accounts",
    "one article",
    "articles",
    "claims",
    "one claim",
    "actors",
    "one actor",
    "one actor's accounts",
    "every actor's accounts",
    "events",
    "events at a place",
    "event candidates (linking)",
    "search",
    "search index write and delete",
]


@pytest.mark.parametrize("case", CASES)
def test_queries_look_rows_up_rather_than_scan(built: Store, case: str) -> None:
    conn = built._connection()
    work, allowed = _cases(built)[case]
    statements = _traced(conn, work)
    assert statements, f"{case}: ran no query"
    for sql in statements:
        scanned = set(_scans(conn, sql)) - allowed
        assert not scanned, f"{case}: scans {sorted(scanned)} in {' '.join(sql.split())[:200]}"


def test_every_case_is_listed(built: Store) -> None:
    assert sorted(_cases(built)) == sorted(CASES)


def test_the_index_write_deletes_and_inserts_by_key(built: Store) -> None:
    conn = built._connection()
    work, _ = _cases(built)["search index write and delete"]
    statements = _traced(conn, work)
    deletes = [s for s in statements if s.startswith("DELETE FROM search_index")]
    assert deletes and all("WHERE rowid = " in s for s in deletes)
    assert any(s.startswith("INSERT INTO search_keys") for s in statements)


@pytest.mark.parametrize(
    ("name", "most"),
    [("claims", 3), ("actors", 2), ("events", 2), ("every actor's accounts", 1)],
)
def test_lists_issue_a_bounded_number_of_queries(built: Store, name: str, most: int) -> None:
    conn = built._connection()
    work, _ = _cases(built)[name]
    statements = _traced(conn, work)
    assert len(statements) <= most, statements


def test_the_search_keys_match_the_index(built: Store) -> None:
    conn = built._connection()
    index = conn.execute(
        "SELECT rowid, kind, item_id, article_id FROM search_index ORDER BY rowid"
    ).fetchall()
    keys = conn.execute(
        "SELECT fts_rowid, kind, item_id, article_id FROM search_keys ORDER BY fts_rowid"
    ).fetchall()
    assert index and index == keys


# ------------------------------------------------------------------ paged lists (issue 18)

PAGED = [(name, order.name) for name, orders in ORDERS.items() for order in orders]


def _page_plan(store: Store, name: str, sort: str, cursor: str | None) -> list[str]:
    """The plan of the query that reads a page of the list (the one with LIMIT)."""
    readers: dict[str, Callable[..., Page[Any]]] = {
        "articles": store.articles_page,
        "accounts": store.accounts_page,
        "actors": store.actors_page,
        "claims": store.claims_page,
        "events": store.events_page,
    }
    conn = store._connection()
    statements = _traced(conn, lambda: readers[name](limit=2, sort=sort, cursor=cursor))
    [sql] = [s for s in statements if "LIMIT" in s]
    return [str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]


def _first_cursor(store: Store, name: str, sort: str) -> str:
    pages = {
        "articles": store.articles_page,
        "accounts": store.accounts_page,
        "actors": store.actors_page,
        "claims": store.claims_page,
        "events": store.events_page,
    }
    cursor = pages[name](limit=2, sort=sort).next
    assert cursor, f"{name} has one page only: no deep page to plan"
    return cursor


@pytest.mark.parametrize(("name", "sort"), PAGED)
def test_first_and_deep_pages_walk_an_index(built: Store, name: str, sort: str) -> None:
    """The first page walks the index of its order from the start (or the
    table in rowid order); a deep page searches that index from the cursor's
    key. Neither sorts the whole list."""
    first = _page_plan(built, name, sort, None)
    deep = _page_plan(built, name, sort, _first_cursor(built, name, sort))
    for plan in (first, deep):
        assert not any(step == "USE TEMP B-TREE FOR ORDER BY" for step in plan), plan
        assert not any(step.startswith("SCAN") for step in plan[1:]), plan  # only the driver
    driver = first[0]
    assert driver.startswith("SCAN ") and ("USING INDEX" in driver or driver == "SCAN ar"), first
    assert deep[0].startswith("SEARCH ") and ("INDEX" in deep[0] or "PRIMARY KEY" in deep[0]), deep
    assert ">" in deep[0] or "<" in deep[0], deep  # a range from the cursor's key
