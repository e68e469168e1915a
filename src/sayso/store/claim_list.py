"""The claims list a page at a time (see :mod:`sayso.store.paging`), in the
orders ``claim_figures`` keeps (:mod:`sayso.store.figures`), and the claims of
a page read with their statements and rivals in a few queries."""

from __future__ import annotations

import sqlite3
from typing import Any

from sayso.model import UNKNOWN
from sayso.store import claims as claims_store
from sayso.store.claims import ClaimStatement, ClaimSummary
from sayso.store.paging import Key, Order, Page, Query, bounded_count, order_of, read_page
from sayso.store.rivals import RivalClaim, rival_ids

CLAIM_ORDERS = (
    Order(
        "-statements",
        (Key("cf.statements", True), Key("cf.position")),
        "the most statements first, then the order claims were started (the default)",
    ),
    Order(
        "statements",
        (Key("cf.statements"), Key("cf.position", True)),
        "the fewest statements first",
    ),
    Order("stored", (Key("cf.position"),), "the order claims were started"),
    Order("-stored", (Key("cf.position", True),), "the last started first"),
)
_TABLES = "claim_figures AS cf CROSS JOIN claims AS c ON c.id = cf.claim_id"
# A claim's statements: those linked to it, and those of accounts a review moved to it.
_OWN = """rs.statement_rowid IN (SELECT rowid FROM statements WHERE claim_id = {claim}
                             UNION SELECT s.rowid FROM statements AS s
                                   JOIN reviews AS r ON r.account_id = s.account_id
                                   WHERE r.claim_id = {claim})
  AND rs.claim_id = {claim}"""
_FILTERS = {
    "contested": "cf.contested = 1",
    "side": "EXISTS (SELECT 1 FROM claim_sides AS cs"
    " WHERE cs.claim_id = cf.claim_id AND cs.side = :side)",
    "search": "EXISTS (SELECT 1 FROM reviewed_statements AS rs WHERE "
    + _OWN.format(claim="cf.claim_id")
    + " AND rs.rejected = 0 AND instr(sayso_casefold(rs.text), :search) > 0)",
}


def claims_page(
    conn: sqlite3.Connection,
    *,
    limit: int,
    cursor: str | None = None,
    sort: str | None = None,
    search: str | None = None,
    contested: bool = False,
    side: str | None = None,
) -> Page[ClaimSummary]:
    """Claims with their statements and rivals; ``search`` keeps those with a
    statement holding the text, ``contested`` those one statement supports and
    another denies, ``side`` those with a statement from that side."""
    order = order_of(CLAIM_ORDERS, sort)
    params: dict[str, Any] = {
        "contested": contested or None,
        "side": side.casefold() if side else None,
        "search": search.casefold() if search else None,
    }
    where = tuple(_FILTERS[name] for name in _FILTERS if params[name])
    rows, following = read_page(
        conn, Query("cf.claim_id", _TABLES, where, params), order, limit, cursor
    )
    items = read_summaries(conn, [str(r[0]) for r in rows], rivals=True)
    count: int | None
    if search or side:
        count = bounded_count(
            conn, f"SELECT COUNT(*) FROM {_TABLES} WHERE {' AND '.join(where)}", params
        )
    else:
        sql = "SELECT COUNT(*) FROM claim_figures AS cf" + (
            " WHERE cf.contested = 1" if contested else ""
        )
        count = int(conn.execute(sql).fetchone()[0])
    return Page(items, count, following, order.name)


def read_summaries(
    conn: sqlite3.Connection, claim_ids: list[str], *, rivals: bool = False
) -> list[ClaimSummary]:
    """These claims (those stored, in this order) with their statements, and
    with their rivals when ``rivals``: a few queries, whatever their number
    (at most 999 ids)."""
    if not claim_ids:
        return []
    names = [f"c{i}" for i in range(len(claim_ids))]
    params: dict[str, Any] = dict(zip(names, claim_ids, strict=True))
    marks = f"({', '.join(':' + n for n in names)})"
    texts = dict(conn.execute(f"SELECT id, text FROM claims WHERE id IN {marks}", params))
    where = _OWN.replace("= {claim}", "IN {claim}").format(claim=marks)
    grouped: dict[str, list[ClaimStatement]] = {}
    sql = claims_store.STATEMENTS_SQL.format(where=where)
    for row in conn.execute(sql, {**params, "unknown": UNKNOWN}).fetchall():
        grouped.setdefault(row[-1], []).append(claims_store.statement_of(list(row)))
    found = [ClaimSummary(c, texts[c], grouped.get(c, [])) for c in claim_ids if c in texts]
    if rivals:
        _add_rivals(conn, found)
    return found


def _add_rivals(conn: sqlite3.Connection, claims: list[ClaimSummary]) -> None:
    """Each claim's rivals, with the sides that support each."""
    ids = {c.claim_id: sorted(rival_ids(conn, c.claim_id).get(c.claim_id, set())) for c in claims}
    others = sorted({other for found in ids.values() for other in found})
    known = {c.claim_id: c for c in read_summaries(conn, others)} if others else {}
    for claim in claims:
        claim.rivals = [
            RivalClaim(other, known[other].text, claims_store.supporting(known[other].statements))
            for other in ids[claim.claim_id]
            if other in known
        ]
