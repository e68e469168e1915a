"""The store's lists a page at a time (issue 18): walking a list by cursors
gives every row once, in its order, for every order; filters keep only the rows
they name; counts are the rows; cursors that the list did not give are refused;
the figures the lists sort by are kept up to date by every write."""

from __future__ import annotations

import base64
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sayso.errors import BadListRequest
from sayso.store import AccountRow, Store
from sayso.store import figures as figures_store
from sayso.store.claims import ClaimSummary
from sayso.store.connect import open_store
from sayso.store.events import EventCluster
from sayso.store.paged import ORDERS
from sayso.store.paging import Page, encode, order_of
from tests.web_support import built_db, reingest_reference

__all__ = ["built_db"]  # fixtures used by name

Reader = Callable[..., Page[Any]]


@pytest.fixture
def store(built_db: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "paging.db"
    shutil.copy(built_db, copy)
    with Store(copy) as opened:
        yield opened


def _key(item: Any) -> str:
    if isinstance(item, tuple):  # an actor and the accounts it gave
        return str(item[0].actor_id)
    if isinstance(item, ClaimSummary):
        return item.claim_id
    if isinstance(item, AccountRow):
        return item.account_id
    if isinstance(item, EventCluster):
        return item.event_id
    return str(item.article_id)


def _reader(store: Store, name: str) -> Reader:
    readers: dict[str, Reader] = {
        "articles": store.articles_page,
        "accounts": store.accounts_page,
        "actors": store.actors_page,
        "claims": store.claims_page,
        "events": store.events_page,
    }
    return readers[name]


def _walk(read: Reader, limit: int, **kwargs: Any) -> tuple[list[str], list[int | None]]:
    """Every row's key, page after page, and each page's count."""
    keys: list[str] = []
    counts: list[int | None] = []
    cursor = None
    for _ in range(1000):
        page = read(limit=limit, cursor=cursor, **kwargs)
        keys += [_key(item) for item in page.items]
        counts.append(page.count)
        assert len(page.items) <= limit
        cursor = page.next
        if cursor is None:
            return keys, counts
    raise AssertionError("the walk did not end")


def _everything(store: Store, name: str) -> list[str]:
    """The list as the non-paged reads give it, in today's default order."""
    if name == "articles":
        return [a.article_id for a in store.articles()]
    if name == "accounts":
        return [a.account_id for a in store.accounts()]
    if name == "actors":
        return [a.actor_id for a in store.actors()]
    if name == "claims":
        return [c.claim_id for c in store.claims()]
    return [e.event_id for e in store.events() if not e.context]


CASES = [(name, order.name) for name, orders in ORDERS.items() for order in orders]


@pytest.mark.parametrize(("name", "sort"), CASES)
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_paging_walks_every_row_once_in_order(
    store: Store, name: str, sort: str, limit: int
) -> None:
    read = _reader(store, name)
    whole = read(limit=1000, sort=sort)
    assert whole.next is None and whole.sort == sort
    keys, counts = _walk(read, limit, sort=sort)
    expected = [_key(item) for item in whole.items]
    assert keys == expected  # the same rows, the same order, none twice
    assert len(set(keys)) == len(keys)
    assert set(keys) == set(_everything(store, name))
    assert counts and all(c == len(keys) for c in counts)
    if sort == ORDERS[name][0].name:
        assert keys == _everything(store, name)  # the default is today's order


@pytest.mark.parametrize(
    ("name", "sort", "value"),
    [
        ("claims", "-statements", lambda c: -len(c.statements)),
        ("claims", "statements", lambda c: len(c.statements)),
        ("events", "-reports", lambda e: -len(e.reports)),
        ("events", "date", lambda e: e.date_start or ""),
        ("articles", "published", lambda a: a.published or ""),
        ("actors", "-articles", lambda a: -a[0].articles),
        ("actors", "-accounts", lambda a: -a[1]),
        ("actors", "name", lambda a: a[0].name),
    ],
)
def test_orders_sort_by_what_they_say(
    store: Store, name: str, sort: str, value: Callable[[Any], Any]
) -> None:
    items = _reader(store, name)(limit=1000, sort=sort).items
    values = [value(item) for item in items]
    assert values == sorted(values) and len(values) > 1


def test_reversed_orders_are_the_reverse(store: Store) -> None:
    for name, one, other in [
        ("articles", "stored", "-stored"),
        ("accounts", "stored", "-stored"),
        ("claims", "-statements", "statements"),
        ("claims", "stored", "-stored"),
        ("events", "-reports", "reports"),
    ]:
        read = _reader(store, name)
        forward = [_key(i) for i in read(limit=1000, sort=one).items]
        backward = [_key(i) for i in read(limit=1000, sort=other).items]
        assert forward == backward[::-1], (name, one)


def test_account_filters_keep_only_matching_rows(store: Store) -> None:
    article = store.articles()[0].article_id
    for filters in (
        {"side": "government"},
        {"speaker": "basha"},
        {"article_id": article},
        {"side": "opposition", "include_rejected": True},
    ):
        keys, counts = _walk(store.accounts_page, 2, **filters)
        expected = [a.account_id for a in store.accounts(**filters)]
        assert keys == expected and expected, filters
        assert counts[0] == len(expected)
    rows = store.accounts_page(limit=1000, side="government").items
    assert rows and all(r.side == "government" for r in rows)


@pytest.mark.parametrize(
    "filters",
    [{"place": "Kherson"}, {"type": "protest"}, {"since": "2030-01-01"}, {"actor": "army"}],
)
def test_event_filters_match_store_events(store: Store, filters: dict[str, str]) -> None:
    keys, counts = _walk(store.events_page, 2, filters=filters, context=True)
    expected = {e.event_id for e in store.events(**_as_kwargs(filters))}
    assert set(keys) == expected and len(keys) == len(expected)
    assert counts[0] == len(keys)


def _as_kwargs(filters: dict[str, str]) -> dict[str, str]:
    return {("type_" if k == "type" else k): v for k, v in filters.items()}


def test_background_events_only_with_context(store: Store) -> None:
    every = store.events_page(limit=1000, context=True).items
    default = store.events_page(limit=1000).items
    background = [e for e in every if e.context]
    assert background and not any(e.context for e in default)
    assert len(default) + len(background) == len(every)
    assert store.count_events(background=True) == len(background)
    assert store.count_events(background=None) == len(every)


def test_claim_and_actor_and_article_filters(store: Store) -> None:
    claims = store.claims()
    side = claims[0].statements[0].side
    found = store.claims_page(limit=1000, side=side).items
    assert {c.claim_id for c in found} == {
        c.claim_id for c in claims if side in {s.side for s in c.statements}
    }
    word = claims[0].statements[0].text.split()[-1]
    searched = store.claims_page(limit=1000, search=word.upper()).items
    assert [c.claim_id for c in searched] == [c.claim_id for c in store.claims(search=word)]
    assert store.claims_page(limit=1000, contested=True).items == []  # none contested yet
    actors = store.actors_page(limit=1000, search="al-Basha").items
    assert [a.name for a, _ in actors] == ["Rida al-Basha"]
    people = store.actors_page(limit=1000, kind="person").items
    assert people and all(a.kind == "PERSON" for a, _ in people)
    outlets = {a.outlet for a in store.articles() if a.outlet}
    outlet = sorted(outlets)[0]
    page = store.articles_page(limit=1000, outlet=outlet)
    assert page.items and all(a.outlet == outlet for a in page.items)
    assert page.count == len(page.items)


def _forged(payload: object) -> str:
    raw = json.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor!",
        "AAAA",
        "x" * 5000,
        _forged(["-stored", [3]]),  # another order's
        _forged(["stored", [1, 2]]),  # too many values
        _forged(["stored", [True]]),
        _forged({"stored": 1}),
    ],
)
def test_cursors_the_list_did_not_give_are_refused(store: Store, cursor: str) -> None:
    with pytest.raises(BadListRequest, match="E405"):
        store.articles_page(limit=2, cursor=cursor)


def test_bad_sorts_and_limits_are_refused(store: Store) -> None:
    with pytest.raises(BadListRequest, match="no sort 'size'"):
        store.claims_page(sort="size")
    for limit in (0, 1001):
        with pytest.raises(BadListRequest, match="limit"):
            store.events_page(limit=limit)


def test_a_tampered_cursor_only_starts_elsewhere(store: Store) -> None:
    order = order_of(ORDERS["articles"], "stored")
    page = store.articles_page(limit=1000, cursor=encode(order, [-5]))
    assert [a.article_id for a in page.items] == [a.article_id for a in store.articles()]


def _figures(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("claim_figures", "claim_sides", "event_figures", "actor_figures")
        }
    finally:
        conn.close()


def _recomputed(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The figures computed afresh from every claim, event and actor."""
    copy = path.with_name("recomputed.db")
    copy.unlink(missing_ok=True)
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    source.backup(target)  # with what is still in the WAL
    source.close()
    target.close()
    conn = open_store(str(copy))
    conn.execute("BEGIN")
    for table in ("claim_figures", "claim_sides", "event_figures", "actor_figures"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute(
        "INSERT INTO list_stale SELECT 'claim', id FROM claims UNION ALL"
        " SELECT 'event', id FROM event_clusters UNION ALL SELECT 'actor', id FROM actors"
    )
    figures_store.refresh(conn)
    conn.execute("COMMIT")
    conn.close()
    return _figures(copy)


def test_figures_follow_reviews_and_reanalysis(store: Store) -> None:
    path = Path(store.path)
    assert _figures(path) == _recomputed(path)
    accounts = [a for a in store.accounts() if a.claim_id]
    target = accounts[0].claim_id
    mover = next(a for a in accounts if a.claim_id != target)
    store.review(mover.account_id, reviewer="ana", claim_id=target, stance="denies")
    first = next(a for a in accounts if a.claim_id == target)
    store.review(first.account_id, reviewer="ana", stance="supports")
    assert _figures(path) == _recomputed(path)
    contested = store.claims_page(limit=1000, contested=True)
    assert [c.claim_id for c in contested.items] == [target] and contested.count == 1
    store.review(accounts[-1].account_id, reviewer="ana", rejected=True)
    assert _figures(path) == _recomputed(path)
    store.clear_review(mover.account_id, reviewer="ana")
    assert _figures(path) == _recomputed(path)
    assert reingest_reference(path).stored == 1  # replace: rows out, rows in
    assert _figures(path) == _recomputed(path)
    store.relink()
    assert _figures(path) == _recomputed(path)
    assert not sqlite3.connect(path).execute("SELECT 1 FROM list_stale").fetchall()


def test_a_schema_7_store_gains_its_figures(store: Store) -> None:
    path = Path(store.path)
    before = _figures(path)
    store.close()
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE claim_figures; DROP TABLE claim_sides; DROP TABLE event_figures;"
        " DROP TABLE actor_figures; DROP TABLE list_stale;"
        " DELETE FROM migrations WHERE name = '0011_list_figures'; PRAGMA user_version = 7;"
    )
    conn.close()
    with Store(path) as reopened:
        assert reopened.claims_page(limit=1000).count == len(reopened.claims())
    assert _figures(path) == before
