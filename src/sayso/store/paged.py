"""The store's lists a page at a time: :class:`PagedReads`, which
:class:`~sayso.store.Store` takes its ``*_page`` methods from (kept apart so
that neither module grows past its job). Each returns a
:class:`~sayso.store.paging.Page`: rows, the list's count, the next page's
cursor. The orders each list takes are in :data:`ORDERS`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sayso.store import claim_list, event_list, lists
from sayso.store.accounts import AccountRow
from sayso.store.actors import ActorRow
from sayso.store.articles import ActorAccount, ArticleSummary
from sayso.store.claims import ClaimSummary
from sayso.store.events import EventCluster
from sayso.store.paging import DEFAULT_LIMIT, Order, Page

_T = TypeVar("_T")

# Every list's orders, its default first: the web app and the docs list them.
ORDERS: dict[str, tuple[Order, ...]] = {
    "articles": lists.ARTICLE_ORDERS,
    "accounts": lists.ACCOUNT_ORDERS,
    "actors": lists.ACTOR_ORDERS,
    "claims": claim_list.CLAIM_ORDERS,
    "events": event_list.EVENT_ORDERS,
}


class PagedReads:
    """Paged reads over a store's read connection (see :mod:`sayso.store.paging`)."""

    def _read(self, func: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        raise NotImplementedError  # Store's: wraps SQLite's errors in StoreError

    def articles_page(
        self,
        *,
        limit: int = DEFAULT_LIMIT,
        cursor: str | None = None,
        sort: str | None = None,
        outlet: str | None = None,
    ) -> Page[ArticleSummary]:
        """Stored articles, in the order they were stored unless ``sort`` says
        (``stored``, ``-stored``, ``published``, ``-published``)."""
        return self._read(lists.articles_page, limit=limit, cursor=cursor, sort=sort, outlet=outlet)

    def accounts_page(
        self,
        *,
        limit: int = DEFAULT_LIMIT,
        cursor: str | None = None,
        sort: str | None = None,
        speaker: str | None = None,
        side: str | None = None,
        article_id: str | None = None,
        include_rejected: bool = False,
    ) -> Page[AccountRow]:
        """Accounts as :meth:`Store.accounts` lists them (``stored``, ``-stored``)."""
        return self._read(
            lists.accounts_page,
            limit=limit,
            cursor=cursor,
            sort=sort,
            speaker=speaker,
            side=side,
            article_id=article_id,
            include_rejected=include_rejected,
        )

    def actors_page(
        self,
        *,
        limit: int = DEFAULT_LIMIT,
        cursor: str | None = None,
        sort: str | None = None,
        search: str | None = None,
        side: str | None = None,
        kind: str | None = None,
    ) -> Page[tuple[ActorRow, int]]:
        """Actors, each with how many accounts it gave (``-articles``,
        ``-accounts``, ``name``)."""
        return self._read(
            lists.actors_page,
            limit=limit,
            cursor=cursor,
            sort=sort,
            search=search,
            side=side,
            kind=kind,
        )

    def actors_accounts(self, actor_ids: list[str]) -> dict[str, list[ActorAccount]]:
        """The accounts of some actors (a page's), by actor."""
        return self._read(lists.actors_accounts, actor_ids)

    def claims_page(
        self,
        *,
        limit: int = DEFAULT_LIMIT,
        cursor: str | None = None,
        sort: str | None = None,
        search: str | None = None,
        contested: bool = False,
        side: str | None = None,
    ) -> Page[ClaimSummary]:
        """Claims with statements and rivals (``-statements``, ``statements``,
        ``stored``, ``-stored``)."""
        return self._read(
            claim_list.claims_page,
            limit=limit,
            cursor=cursor,
            sort=sort,
            search=search,
            contested=contested,
            side=side,
        )

    def events_page(
        self,
        filters: Mapping[str, str | None] | None = None,
        *,
        limit: int = DEFAULT_LIMIT,
        cursor: str | None = None,
        sort: str | None = None,
        context: bool = False,
    ) -> Page[EventCluster]:
        """Events with their reports (``-reports``, ``reports``, ``-date``, ``date``);
        ``filters`` as :meth:`Store.events` takes them."""
        return self._read(
            event_list.events_page,
            filters or {},
            limit=limit,
            cursor=cursor,
            sort=sort,
            context=context,
        )

    def count_events(
        self, filters: Mapping[str, str | None] | None = None, *, background: bool | None = None
    ) -> int | None:
        """How many events the filters keep: background ones alone (True),
        none of them (False) or every event (None)."""
        return self._read(event_list.count_events, filters or {}, background)

    def event(self, event_id: str) -> EventCluster | None:
        """One event with its reports, or None."""
        page = self.events_page({"event": event_id}, limit=1, context=True)
        return page.items[0] if page.items else None
