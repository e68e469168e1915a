"""What each page shows, as plain JSON-ready data: the API returns it as it is
and the page templates render the same dicts, so a page and its JSON twin
never disagree."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sayso.export.events import CSV_COLUMNS, csv_row, geojson
from sayso.export.table import to_csv
from sayso.nlp.sides import SideDictionary
from sayso.store import AccountRow, Store
from sayso.store.actors import ActorRow
from sayso.store.articles import ActorAccount, ArticleAccount, ArticleSummary
from sayso.store.claims import ClaimSummary
from sayso.store.events import EventCluster
from sayso.store.paging import Page
from sayso.store.reviews import STANCES

# Colours of the usual sides; any other side gets one from the palette by hash.
SIDE_COLOURS = {
    "government": "#c0392b",
    "opposition": "#1e8449",
    "civilian": "#2471a3",
    "international": "#7d3c98",
    "armed group": "#a04000",
    "russia": "#b03a2e",
    "ukraine": "#d4ac0d",
    "unknown": "#7f8c8d",
}
_PALETTE = ("#117a65", "#884ea0", "#ca6f1e", "#2e4053", "#b7950b", "#943126", "#1f618d")


def side_colour(side: str | None) -> str:
    name = (side or "unknown").casefold()
    if name in SIDE_COLOURS:
        return SIDE_COLOURS[name]
    digest = hashlib.sha256(name.encode()).digest()
    return _PALETTE[digest[0] % len(_PALETTE)]


def known_sides(store: Store) -> list[str]:
    """The side dictionary's sides, then any other side stored or reviewed."""
    sides = list(SideDictionary.load().sides)
    for account in store.accounts(include_rejected=True):
        if account.side not in sides:
            sides.append(account.side)
    if "unknown" not in sides:
        sides.append("unknown")
    return sides


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text: plain, or inside one account's quoted piece."""

    text: str
    start: int
    account_id: str | None = None
    side: str | None = None


def segments(text: str, accounts: list[ArticleAccount]) -> list[Segment]:
    """The article text cut at every account piece's edges; where pieces
    overlap, the innermost (shortest) wins. Rejected accounts are not marked."""
    pieces = [(s, e, a) for a in accounts if not a.rejected for s, e in a.pieces if e > s]
    edges = sorted({0, len(text), *(p[0] for p in pieces), *(p[1] for p in pieces)})
    out: list[Segment] = []
    for start, end in zip(edges, edges[1:], strict=False):
        covering = [p for p in pieces if p[0] <= start and end <= p[1]]
        owner = min(covering, key=lambda p: p[1] - p[0])[2] if covering else None
        if out and out[-1].account_id == (owner.account_id if owner else None):
            last = out[-1]
            out[-1] = dataclasses.replace(last, text=last.text + text[start:end])
            continue
        out.append(
            Segment(
                text[start:end],
                start,
                owner.account_id if owner else None,
                owner.side if owner else None,
            )
        )
    return out


def article_data(store: Store, article_id: str) -> dict[str, Any] | None:
    view = store.article(article_id)
    if view is None:
        return None
    data = view.as_dict()
    data["link"] = original_link(view.url, view.source)
    data["source"] = source_label(view.source)
    data["sides"] = sorted({a.side for a in view.accounts if not a.rejected})
    return data


def source_label(source: str) -> str:
    """A source as the app shows it: a URL or a label (``upload:x.html``) as it
    is, a local file by its name alone, so that no page shows the server's paths."""
    if "://" in source or source.startswith(("upload:", "paste:")):
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def original_link(url: str | None, source: str) -> str | None:
    """Where the original is: its URL, else the source when it is one."""
    for candidate in (url, source):
        if candidate and candidate.lower().startswith(("http://", "https://")):
            return candidate
    return None


def article_items(page: Page[ArticleSummary]) -> list[dict[str, Any]]:
    """A page of the articles list, as the API and the page show it."""
    items = [dataclasses.asdict(a) for a in page.items]
    for item in items:
        item["source"] = source_label(item["source"])
    return items


def actor_items(page: Page[tuple[ActorRow, int]]) -> list[dict[str, Any]]:
    """A page of the actors list: each actor with ``account_count``, the
    accounts it gave (the accounts themselves are on the actor's own page: a
    much-quoted actor gave thousands)."""
    return [{**actor.as_dict(), "account_count": given} for actor, given in page.items]


def actor_data(store: Store, actor_id: str) -> dict[str, Any] | None:
    found = store.actor(actor_id)
    return _with_accounts(found, store.actor_accounts(actor_id)) if found is not None else None


def _with_accounts(actor: ActorRow, accounts: list[ActorAccount]) -> dict[str, Any]:
    return {**actor.as_dict(), "accounts": [dataclasses.asdict(x) for x in accounts]}


def claim_items(page: Page[ClaimSummary]) -> list[dict[str, Any]]:
    """A page of the claims list: each claim by side and stance, with its sides."""
    out = []
    for claim in page.items:
        data = claim.as_dict()
        data["sides"] = sorted(claim.by_side())
        out.append(data)
    return out


def claim_data(store: Store, claim_id: str) -> dict[str, Any] | None:
    claim = store.claim(claim_id)
    if claim is None:
        return None
    data = claim.as_dict()
    data["stances"] = list(STANCES)
    return data


EVENT_FILTERS = ("type", "place", "since", "until", "actor")


def event_clusters(store: Store, filters: Mapping[str, str | None]) -> list[EventCluster]:
    """The stored events the list's filters ask for (background included)."""
    f = {k: (filters.get(k) or None) for k in EVENT_FILTERS}
    return store.events(
        type_=f["type"], place=f["place"], since=f["since"], until=f["until"], actor=f["actor"]
    )


def _incidents(store: Store, filters: dict[str, str | None]) -> list[EventCluster]:
    """The events, without background (as ``sayso events`` lists them)."""
    return [c for c in event_clusters(store, filters) if not c.context]


def events_geojson(store: Store, filters: dict[str, str | None]) -> dict[str, object]:
    return geojson(_incidents(store, filters))


def events_csv(store: Store, filters: dict[str, str | None]) -> str:
    return to_csv((csv_row(c) for c in _incidents(store, filters)), CSV_COLUMNS)


ACCOUNT_COLUMNS = tuple(f.name for f in dataclasses.fields(AccountRow))


def accounts_jsonl(store: Store, include_rejected: bool) -> Iterator[str]:
    """One JSON object per line: the accounts with reviewed values, marked reviewed."""
    for row in store.accounts(include_rejected=include_rejected):
        yield json.dumps(dataclasses.asdict(row), ensure_ascii=False) + "\n"


def accounts_csv(store: Store, include_rejected: bool) -> str:
    rows = store.accounts(include_rejected=include_rejected)
    return to_csv((dataclasses.asdict(row) for row in rows), ACCOUNT_COLUMNS)
