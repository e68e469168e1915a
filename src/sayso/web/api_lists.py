"""The JSON API's lists, a page at a time (issue 18): ``/api/articles``,
``/api/accounts``, ``/api/actors``, ``/api/claims``, ``/api/events``. Each
takes ``limit``, ``cursor``, ``sort`` and its filters, and answers datasette's
shape (:func:`sayso.web.listing.listed`); a cursor it did not give, or a sort
it does not have, is a 400 (``BadListRequest``, answered by the app)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request

from sayso.store.paged import ORDERS
from sayso.web import data
from sayso.web.api import EventFilters, Json, Text, vars_of
from sayso.web.context import open_store
from sayso.web.event_views import event_view
from sayso.web.listing import DEFAULT_LIMIT, Cursor, Limit, listed, sort_query

router = APIRouter(prefix="/api", tags=["api"])


ListResponses: dict[int | str, dict[str, Any]] = {
    400: {"description": "A cursor this list did not give, or a sort it does not have"}
}


@router.get(
    "/articles",
    summary="Stored articles a page at a time: {items, count, next, next_url}",
    responses=ListResponses,
)
def list_articles(
    request: Request,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    sort: Annotated[str | None, sort_query(ORDERS["articles"])] = None,
    outlet: Text = None,
) -> Json:
    """The articles in the order they were stored (``sort``: ``-stored``,
    ``published``, ``-published``); ``outlet``: one site's. Each page gives the
    cursor of the next (``next``, and ``next_url`` to fetch it)."""
    with open_store(request) as store:
        page = store.articles_page(limit=limit, cursor=cursor, sort=sort, outlet=outlet)
    return listed(request, page, data.article_items(page))


@router.get(
    "/accounts",
    summary="Accounts across the store, reviewed values applied, a page at a time",
    responses=ListResponses,
)
def list_accounts(
    request: Request,
    speaker: Text = None,
    side: Text = None,
    article_id: Text = None,
    include_rejected: bool = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    sort: Annotated[str | None, sort_query(ORDERS["accounts"])] = None,
) -> Json:
    """Accounts in article order, then by position (``sort=-stored``: the last
    stored article first), filtered by ``speaker`` (part of the name), ``side``,
    ``article_id``."""
    with open_store(request) as store:
        page = store.accounts_page(
            limit=limit,
            cursor=cursor,
            sort=sort,
            speaker=speaker,
            side=side,
            article_id=article_id,
            include_rejected=include_rejected,
        )
    return listed(request, page, [vars_of(r) for r in page.items])


@router.get(
    "/actors",
    summary="People and organisations, with aliases, side and account counts, a page at a time",
    responses=ListResponses,
)
def list_actors(
    request: Request,
    search: Text = None,
    side: Text = None,
    kind: Text = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    sort: Annotated[str | None, sort_query(ORDERS["actors"])] = None,
) -> Json:
    """Actors named by the most articles first; ``search`` matches any of their
    names, ``side`` and ``kind`` (``PERSON``, ``ORG``) their own. Each gives
    ``account_count``; its accounts are at ``/api/actors/{actor_id}``."""
    with open_store(request) as store:
        page = store.actors_page(
            limit=limit, cursor=cursor, sort=sort, search=search, side=side, kind=kind
        )
    return listed(request, page, data.actor_items(page))


@router.get(
    "/claims",
    summary="Claim clusters, largest first, with accounts by side, a page at a time",
    responses=ListResponses,
)
def list_claims(
    request: Request,
    search: Text = None,
    contested: bool = False,
    side: Text = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    sort: Annotated[str | None, sort_query(ORDERS["claims"])] = None,
) -> Json:
    """Claims with the most statements first; ``search``: those with a statement
    holding the text, ``contested``: those supported and denied, ``side``: those
    with a statement from that side."""
    with open_store(request) as store:
        page = store.claims_page(
            limit=limit, cursor=cursor, sort=sort, search=search, contested=contested, side=side
        )
    return listed(request, page, data.claim_items(page))


@router.get(
    "/events",
    summary="Events with their reports, most reported first, a page at a time",
    responses=ListResponses,
)
def list_events(
    request: Request,
    filters: EventFilters,
    context: bool = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    sort: Annotated[str | None, sort_query(ORDERS["events"])] = None,
) -> Json:
    """Each event's data, its conservative toll (``conservative_fatalities``, the
    lowest figure any source gives), ``fatalities_max`` and every source's figure
    (``tolls``). Background events (every report of them background or a
    cumulative toll) only with ``context=true``."""
    with open_store(request) as store:
        page = store.events_page(filters, limit=limit, cursor=cursor, sort=sort, context=context)
    return listed(request, page, [event_view(c) for c in page.items])
