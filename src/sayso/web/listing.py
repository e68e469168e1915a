"""What the API lists and the list pages share: a page of a list as the API
answers it (datasette's shape: ``items``, ``count``, ``next``, ``next_url``),
and the list pages' pager: where the page is in the list ("1–50 of 11,468"),
the next page's link with its cursor, and the links of sortable columns.

A list's position in the list is not in its cursor (keyset pagination knows
where it is, not how far): the pages carry it as ``start``, a number shown and
never used to find rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query, Request

from sayso.store.paging import DEFAULT_LIMIT, MAX_LIMIT, Order, Page

PAGE_ROWS = 50  # rows of a list page
Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page (at most {MAX_LIMIT})")
]
Cursor = Annotated[
    str | None,
    Query(max_length=4000, description="the `next` of the previous page: where this one starts"),
]
Json = dict[str, Any]
__all__ = ["DEFAULT_LIMIT", "PAGE_ROWS", "Cursor", "Limit", "Pager", "listed", "pager"]


def sort_query(orders: Sequence[Order]) -> Any:
    """The ``sort`` query parameter of a list, documented with its orders."""
    names = ", ".join(f"`{o.name}` ({o.help})" for o in orders)
    return Query(max_length=40, description=f"the order: {names}")


def listed(request: Request, page: Page[Any], items: list[Json]) -> Json:
    """A page of an API list: its items, the list's count (null when counting
    would be slow), and the next page's cursor and URL (null on the last page)."""
    following = page.next
    url = str(request.url.include_query_params(cursor=following)) if following else None
    return {"items": items, "count": page.count, "next": following, "next_url": url}


@dataclass(frozen=True, slots=True)
class SortLink:
    """A sortable column's header link: to its order, or to the reverse when
    the list is in that order already."""

    href: str
    arrow: str  # "▼", "▲" on the column the list is sorted by, else ""


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a list page is, for its template."""

    start: int  # the position of its first row (1-based)
    end: int  # of its last row (start - 1 when the page is empty)
    count: int | None  # rows in the list; None: not counted (too slow)
    next_href: str | None
    first_href: str | None  # back to the first page, when this one is not
    sort: str
    sorts: dict[str, SortLink]  # by the column's default order's name

    @property
    def summary(self) -> str:
        """ "1–50 of 11,468", "51–73 of 73", "no rows", "1–50 of many"."""
        if self.count == 0 or self.end < self.start:
            return "none"
        total = f"{self.count:,}" if self.count is not None else "many"
        return f"{self.start:,}–{self.end:,} of {total}"


def pager(
    request: Request, page: Page[Any], orders: Sequence[Order], pairs: Sequence[tuple[str, str]]
) -> Pager:
    """The pager of a list page. ``pairs``: the sortable columns' orders, each
    (order, its reverse); a header links to the first, or to the second when
    the list is in the first."""
    start = _start(request)
    params = {k: v for k, v in request.query_params.items() if k not in ("cursor", "start")}
    path = request.url.path
    following = None
    if page.next:
        query = {**params, "cursor": page.next, "start": str(start + len(page.items))}
        following = f"{path}?{urlencode(query)}"
    first = f"{path}?{urlencode(params)}" if "cursor" in request.query_params else None
    filters = {k: v for k, v in params.items() if k != "sort"}
    default = orders[0].name
    sorts = {}
    for one, other in pairs:
        target, arrow = one, ""
        if page.sort == one:
            target, arrow = other, ("▼" if one.startswith("-") else "▲")
        elif page.sort == other:
            arrow = "▼" if other.startswith("-") else "▲"
        query = {**filters, "sort": target} if target != default else filters
        sorts[one] = SortLink(f"{path}?{urlencode(query)}" if query else path, arrow)
    end = start + len(page.items) - 1
    return Pager(start, end, page.count, following, first, page.sort, sorts)


def _start(request: Request) -> int:
    try:
        value = int(request.query_params.get("start", "1"))
    except ValueError:
        return 1
    return value if 1 <= value <= 10**9 and "cursor" in request.query_params else 1
