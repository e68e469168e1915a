"""Reading a list a page at a time, as datasette does: keyset pagination.

Each list has a few named orders (:class:`Order`), each a tuple of sort keys
that an index of the store gives in order, the last keys making every row's
key unique. A page is the first ``limit`` rows after a cursor: the cursor holds
the order's name and the sort key of the last row shown, so the next page is
found by the index from that key, never by skipping rows (``OFFSET``), and a
row stored meanwhile neither repeats nor hides a row of the walk.

A cursor is opaque and url-safe: base64url of ``[order, [key values]]``. One
that does not decode, or was made for another order, is a
:class:`~sayso.errors.BadListRequest` (the web app's 400), never a traceback.
Its values are bound as parameters: a tampered cursor can only start the list
somewhere else.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sayso.errors import BadListRequest

T = TypeVar("T")
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
# A count the store does not keep (a filter no index serves) may take this long;
# past it the count is unknown (None), as datasette's count time limit does.
COUNT_BUDGET_S = 0.15
_CURSOR = re.compile(r"^[A-Za-z0-9_-]{1,4000}$")
KeyValue = int | float | str


@dataclass(frozen=True, slots=True)
class Key:
    """One sort key: an SQL expression over the list's tables that is never NULL."""

    sql: str
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Order:
    """A named order of a list (``-`` in front: largest first, as datasette's
    ``_sort_desc``); its keys end in ones unique per row."""

    name: str
    keys: tuple[Key, ...]
    help: str


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: its rows, the list's count (None when counting would
    take longer than :data:`COUNT_BUDGET_S`), the cursor of the next page (None
    on the last) and the order it is in."""

    items: list[T]
    count: int | None
    next: str | None
    sort: str


def order_of(orders: Sequence[Order], name: str | None) -> Order:
    """The order named (the first, the list's default, when none is)."""
    if not name:
        return orders[0]
    for order in orders:
        if order.name == name:
            return order
    known = ", ".join(o.name for o in orders)
    raise BadListRequest(f"no sort {name!r} for this list; it sorts by {known}")


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadListRequest(f"limit must be 1 to {MAX_LIMIT}, not {limit}")
    return limit


def encode(order: Order, values: Sequence[KeyValue]) -> str:
    """The cursor that starts a page after the row with these key values."""
    raw = json.dumps([order.name, list(values)], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(order: Order, cursor: str) -> tuple[KeyValue, ...]:
    """The key values a cursor holds; BadListRequest when it is not one of this
    order's cursors."""
    if not _CURSOR.match(cursor):
        raise BadListRequest("the cursor is not one this list gave (bad characters)")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError) as exc:
        raise BadListRequest("the cursor is not one this list gave (it does not decode)") from exc
    if not (isinstance(found, list) and len(found) == 2 and isinstance(found[1], list)):
        raise BadListRequest("the cursor is not one this list gave (wrong shape)")
    name, values = found
    if name != order.name:
        raise BadListRequest(f"the cursor was made for the sort {name!r}, not {order.name!r}")
    if len(values) != len(order.keys) or not all(_is_key_value(v) for v in values):
        raise BadListRequest("the cursor is not one this list gave (wrong values)")
    return tuple(values)


def _is_key_value(value: object) -> bool:
    return isinstance(value, int | float | str) and not isinstance(value, bool)


def order_by(order: Order) -> str:
    return ", ".join(f"{k.sql} {'DESC' if k.descending else 'ASC'}" for k in order.keys)


def after(order: Order, values: Sequence[KeyValue], params: dict[str, Any]) -> str:
    """The WHERE term for the rows after these key values, its parameters added
    to ``params``. It opens with a bound on the first key alone (``k1 >= v1``)
    so that the index on the keys starts the walk there."""
    names = [f"_key{i}" for i in range(len(order.keys))]
    params.update(zip(names, values, strict=True))

    def rest(at: int) -> str:
        key, name = order.keys[at], names[at]
        beyond = f"{key.sql} {'<' if key.descending else '>'} :{name}"
        if at == len(order.keys) - 1:
            return beyond
        return f"({beyond} OR ({key.sql} = :{name} AND {rest(at + 1)}))"

    first = order.keys[0]
    return f"{first.sql} {'<=' if first.descending else '>='} :{names[0]} AND {rest(0)}"


@dataclass(frozen=True, slots=True)
class Query:
    """A list's query: its columns, tables and filters, with their parameters."""

    columns: str
    tables: str
    where: tuple[str, ...]
    params: dict[str, Any]


def read_page(
    conn: sqlite3.Connection, query: Query, order: Order, limit: int, cursor: str | None
) -> tuple[list[tuple[Any, ...]], str | None]:
    """A page of the query's rows (its columns only) and the next page's cursor."""
    check_limit(limit)
    params = dict(query.params)
    where = list(query.where)
    if cursor:
        where.append(after(order, decode(order, cursor), params))
    keys = ", ".join(k.sql for k in order.keys)
    sql = (
        f"SELECT {query.columns}, {keys} FROM {query.tables}"
        f" WHERE {' AND '.join(where) or '1'} ORDER BY {order_by(order)} LIMIT :_limit"
    )
    params["_limit"] = limit + 1  # one more: is there a next page?
    rows = conn.execute(sql, params).fetchall()
    width = len(order.keys)
    shown = [tuple(r[:-width]) for r in rows[:limit]]
    following = encode(order, rows[limit - 1][-width:]) if len(rows) > limit else None
    return shown, following


def bounded_count(
    conn: sqlite3.Connection, sql: str, params: dict[str, Any], budget_s: float = COUNT_BUDGET_S
) -> int | None:
    """``SELECT COUNT(*) ...``, or None when it runs past ``budget_s`` (SQLite
    interrupts it): a count no index serves is not worth a slow page."""
    deadline = time.monotonic() + budget_s
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        row = conn.execute(sql, params).fetchone()
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            return None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    return int(row[0]) if row else 0
