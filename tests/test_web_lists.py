"""The API lists and the list pages a page at a time (issue 18): the API's
datasette-like ``{items, count, next, next_url}``, walked to the end by its
``next_url``; the pages' "1–2 of N", next-page links and sortable headers;
cursors the list did not give answered 400, not with a traceback."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sayso.store import Store
from sayso.web import create_app, pages
from tests.web_support import built_db

__all__ = ["built_db"]  # fixtures used by name

BROWSER = {"base_url": "http://127.0.0.1", "headers": {"Origin": "http://127.0.0.1"}}
# Each API list, the key of its items, and the same list read whole from the store.
LISTS = {
    "/api/articles": "article_id",
    "/api/accounts": "account_id",
    "/api/actors": "actor_id",
    "/api/claims": "claim_id",
    "/api/events": "event_id",
}


@pytest.fixture(scope="module")
def http(built_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(built_db), **BROWSER) as found:
        yield found


def _whole(db: Path, path: str) -> list[str]:
    with Store(db) as store:
        if path == "/api/articles":
            return [a.article_id for a in store.articles()]
        if path == "/api/accounts":
            return [a.account_id for a in store.accounts()]
        if path == "/api/actors":
            return [a.actor_id for a in store.actors()]
        if path == "/api/claims":
            return [c.claim_id for c in store.claims()]
        return [e.event_id for e in store.events() if not e.context]


def _walk(http: TestClient, url: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every item of an API list by following ``next_url``, and every page."""
    items: list[dict[str, Any]] = []
    answers = []
    while url:
        answer = http.get(url)
        assert answer.status_code == 200, answer.text
        found = answer.json()
        answers.append(found)
        items += found["items"]
        url = found["next_url"]
    return items, answers


@pytest.mark.parametrize("path", sorted(LISTS))
def test_api_lists_walk_to_the_end_by_next_url(http: TestClient, built_db: Path, path: str) -> None:
    items, answers = _walk(http, f"{path}?limit=2")
    keys = [item[LISTS[path]] for item in items]
    assert keys == _whole(built_db, path)  # each once, in the default order
    for found in answers:
        assert set(found) == {"items", "count", "next", "next_url"}
        assert found["count"] == len(keys) and len(found["items"]) <= 2
        assert (found["next"] is None) == (found["next_url"] is None)
        if found["next_url"]:
            assert "limit=2" in found["next_url"] and found["next"] in found["next_url"]
    assert len(answers) == -(-len(keys) // 2)


def test_api_lists_keep_their_sort_and_filters_across_pages(http: TestClient) -> None:
    every, _ = _walk(http, "/api/events?limit=1000&sort=-date&context=true")
    items, answers = _walk(http, "/api/events?limit=1&sort=-date&context=true")
    assert [e["event_id"] for e in items] == [e["event_id"] for e in every]
    kherson, _ = _walk(http, "/api/events?limit=1&place=kherson")
    assert kherson and all("Kherson" in (e["place"] or "") for e in kherson)
    claims, _ = _walk(http, "/api/claims?limit=1&sort=statements")
    sizes = [c["statements"] for c in claims]
    assert sizes == sorted(sizes)
    government, _ = _walk(http, "/api/accounts?limit=3&side=government")
    assert government and all(a["side"] == "government" for a in government)
    people, _ = _walk(http, "/api/actors?limit=1&kind=PERSON&sort=name")
    names = [a["name"] for a in people]
    assert names == sorted(names) and all(a["kind"] == "PERSON" for a in people)
    for actor in people:
        accounts = http.get(f"/api/actors/{actor['actor_id']}").json()["accounts"]
        assert len(accounts) == actor["account_count"] and "accounts" not in actor


@pytest.mark.parametrize("path", sorted(LISTS))
@pytest.mark.parametrize("cursor", ["garbage!", "AAAA", "WyJ4IixbMV1d"])
def test_api_lists_answer_400_to_a_cursor_they_did_not_give(
    http: TestClient, path: str, cursor: str
) -> None:
    answer = http.get(path, params={"cursor": cursor})
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/json"
    assert "cursor" in answer.json()["detail"] and "E405" not in answer.json()["detail"]


def test_api_lists_refuse_unknown_sorts_and_limits(http: TestClient) -> None:
    answer = http.get("/api/claims", params={"sort": "size"})
    assert answer.status_code == 400 and "-statements" in answer.json()["detail"]
    for limit in (0, 1001, "x"):
        assert http.get("/api/articles", params={"limit": limit}).status_code == 422
    # a cursor of another order is refused too: it would start the walk anywhere
    first = http.get("/api/articles", params={"limit": 1}).json()
    other = http.get("/api/articles", params={"cursor": first["next"], "sort": "-stored"})
    assert other.status_code == 400 and "'stored'" in other.json()["detail"]


def test_the_list_pages_show_a_page_at_a_time(
    http: TestClient, built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PAGE_ROWS", 2)
    for path, marker, api in (
        ("/", "data-article", "/api/articles"),
        ("/claims", "data-claim", "/api/claims"),
        ("/events", "data-event", "/api/events"),
        ("/actors", "data-actor", "/api/actors"),
    ):
        whole = _whole(built_db, api)
        seen: list[str] = []
        url: str | None = path
        while url:
            markup = http.get(url).text
            rows = re.findall(rf'<tr {marker}="([^"]+)"', markup)
            assert 1 <= len(rows) <= 2, (url, rows)
            start = len(seen) + 1
            summary = f"{start:,}–{start + len(rows) - 1:,} of {len(whole):,}"
            assert summary in markup, (url, summary)
            seen += rows
            found = re.search(r'<a rel="next" class="next" href="([^"]+)"', markup)
            url = html.unescape(found.group(1)) if found else None
        assert seen == whole, path


def test_sortable_headers_link_to_their_orders(http: TestClient) -> None:
    markup = http.get("/claims").text
    assert 'href="/claims?sort=statements"' in markup  # the default's reverse
    assert "▼" in markup  # the list is sorted by statements, most first
    ascending = http.get("/claims?sort=statements&search=the").text
    assert 'href="/claims?search=the"' in ascending  # back to the default, filter kept
    assert 'name="sort" value="statements"' in ascending  # the filter form keeps the order
    events = http.get("/events?sort=-date&context=1").text
    rows = re.findall(r'<tr data-event="([^"]+)"', events)
    assert rows == [
        e["event_id"] for e in http.get("/api/events?sort=-date&context=1").json()["items"]
    ]
    assert http.get("/actors?sort=nope").status_code == 400
    bad = http.get("/claims?cursor=garbage")
    assert bad.status_code == 400 and "text/html" in bad.headers["content-type"]
    assert "cursor" in bad.text and "Traceback" not in bad.text


def test_list_pages_keep_the_gate(http: TestClient) -> None:
    """Paging adds query parameters, nothing else: a Host the server does not
    answer to is still refused before any list is read."""
    for path in ("/claims?limit=2", "/api/claims?limit=2", "/?cursor=x"):
        answer = http.get(path, headers={"Host": "evil.example"})
        assert answer.status_code == 400, path
    assert http.get("/api/claims").headers["cache-control"] == "no-store"
