"""The web app through FastAPI's TestClient: pages and their JSON API, reviews,
re-analysis, search, exports, imports, and security (escaping, tokens, CSRF)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sayso.cli import cli
from sayso.store import SCHEMA_VERSION, Store
from sayso.web import DEFAULT_HOST, create_app
from sayso.web.server import free_port
from sayso.web.settings import ServeSettings
from tests.web_support import (
    ROOT,
    TOKEN,
    Answer,
    LocalSite,
    built_db,
    db,
    hostile_article,
    reference_article,
    reingest_reference,
)

__all__ = ["built_db", "db"]  # fixtures used by name


# As a browser on this machine: a Host the server answers to, and the Origin a
# browser sends with every form post from the app's own pages.
BROWSER = {"base_url": "http://127.0.0.1", "headers": {"Origin": "http://127.0.0.1"}}


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN), **BROWSER) as found:
        yield found


@pytest.fixture
def intranet(db: Path) -> Iterator[TestClient]:
    """A server that may fetch pages from private addresses (--allow-private-fetch),
    as the local test site is on loopback."""
    settings = ServeSettings(token=TOKEN, allow_private_fetch=True)
    with TestClient(create_app(db, settings=settings), **BROWSER) as found:
        yield found


@pytest.fixture
def readonly(built_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(built_db), **BROWSER) as found:
        yield found


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def login(client: TestClient, reviewer: str = "Ana Analyst") -> str:
    """Log in through the form; the CSRF token the pages now carry."""
    page = client.get("/login")
    token = csrf_of(page.text)
    done = client.post(
        "/login",
        data={"csrf_token": token, "token": TOKEN, "reviewer": reviewer, "next": "/"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    # logging in gives a new session, with a CSRF token of its own
    return csrf_of(client.get("/add").text)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def account_by(client: TestClient, article_id: str, speaker: str) -> dict[str, Any]:
    article = client.get(f"/api/articles/{article_id}").json()
    return next(a for a in article["accounts"] if a["speaker"] == speaker)


# ------------------------------------------------------------------ reading


def test_article_api_gives_accounts_with_sides(readonly: TestClient, built_db: Path) -> None:
    article = readonly.get(f"/api/articles/{reference_article(built_db)}").json()
    sides = {a["speaker"]: a["side"] for a in article["accounts"]}
    assert sides["Rida al-Basha"] == "government"
    assert sides["Abu Khaled"] == "civilian"
    assert sides["Yazan al-Halabi"] == "opposition"
    text = article["text"]
    for account in article["accounts"]:
        assert text[account["start"] : account["end"]] == account["content"]
    assert any("Akismet" in line for line in article["chrome"])  # page chrome, apart
    assert article["bios"] and article["bios"][0]["language"] == "ar"


def test_article_page_highlights_accounts_by_side(readonly: TestClient, built_db: Path) -> None:
    article_id = reference_article(built_db)
    html = readonly.get(f"/articles/{article_id}").text
    accounts = readonly.get(f"/api/articles/{article_id}").json()["accounts"]
    marked = dict(
        re.findall(r'<mark class="account"[^>]*data-account="([^"]+)" data-side="([^"]+)"', html)
    )
    assert marked == {a["account_id"]: a["side"] for a in accounts}
    assert "original file: aleppo-conscription.txt" in html  # its name: no server path
    assert 'id="chrome"' in html and 'id="bios"' in html
    original = readonly.get(f"/articles/{article_id}/original")
    assert original.status_code == 200 and "Abu Khaled" in original.text
    assert original.headers["content-type"].startswith("text/plain")


def test_script_in_article_text_is_shown_as_text(readonly: TestClient, built_db: Path) -> None:
    article_id = hostile_article(built_db)
    html = readonly.get(f"/articles/{article_id}").text
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    found = readonly.get("/search", params={"q": "shelling"}).text
    assert "<script>window" not in found and "&lt;script&gt;" in found
    assert "script-src 'self'" in readonly.get("/").headers["content-security-policy"]


def test_claim_api_groups_accounts_by_side_and_stance(readonly: TestClient) -> None:
    claims = readonly.get("/api/claims").json()["items"]
    biggest = claims[0]
    claim = readonly.get(f"/api/claims/{biggest['claim_id']}").json()
    assert set(claim["by_side"]) >= {"government", "opposition"}
    # the pro-regime journalist holds the conscription claim for only some of the men
    speakers = {s["speaker"] for s in claim["by_side"]["government"]["partly"]}
    assert "Rida al-Basha" in speakers
    assert claim["independent_sources"]["opposition"] >= 2
    html = readonly.get(f"/claims/{biggest['claim_id']}").text
    assert 'data-side="government"' in html and 'data-side="opposition"' in html


def test_events_filter_and_geojson(readonly: TestClient) -> None:
    kherson = readonly.get("/api/events", params={"place": "Kherson"}).json()["items"]
    assert len(kherson) == 1 and len(kherson[0]["reports"]) >= 3
    figures = {f["number"] for f in kherson[0]["fatalities"]}
    assert {7, 9} <= figures
    protests = readonly.get("/api/events", params={"type": "PROTEST", "place": "Odesa"}).json()[
        "items"
    ]
    assert protests and all(e["type"] == "PROTEST" for e in protests)
    late = readonly.get("/api/events", params={"since": "2030-01-01"}).json()["items"]
    assert late == []
    geo = readonly.get("/api/export/events.geojson", params={"place": "Kherson"}).json()
    assert [f["properties"]["location"] for f in geo["features"]] == ["Kherson"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 46 < lat < 47.5 and 32 < lon < 33.5
    assert readonly.get("/api/events", params={"since": "not a date"}).status_code == 422


def test_events_show_whose_word_they_rest_on(readonly: TestClient) -> None:
    [conscription] = readonly.get("/api/events", params={"type": "COERCE"}).json()["items"]
    assert conscription["status"] == "partly confirmed"
    assert conscription["confirmed_by"] == ["Rida al-Basha"]
    html = readonly.get("/events", params={"type": "COERCE"}).text
    assert "partly confirmed" in html and "alleged by opposition" in html


def test_actor_api_lists_accounts_across_articles(readonly: TestClient) -> None:
    actors = readonly.get("/api/actors", params={"search": "al-Basha"}).json()["items"]
    assert [a["name"] for a in actors] == ["Rida al-Basha"]
    actor = readonly.get(f"/api/actors/{actors[0]['actor_id']}").json()
    assert actor["side"] == "government"
    assert len(actor["accounts"]) >= 3
    assert all(a["side"] == "government" for a in actor["accounts"])


def test_search_with_facets(readonly: TestClient) -> None:
    found = readonly.get("/api/search", params={"q": "regime"}).json()
    kinds = {f["value"] for f in found["facets"]["kind"]}
    assert kinds == {"account", "article", "claim"}
    sides = {f["value"]: f["count"] for f in found["facets"]["side"]}
    opposition = readonly.get("/api/search", params={"q": "regime", "side": "opposition"}).json()
    assert opposition["total"] == sides["opposition"] > 0
    assert {h["side"] for h in opposition["hits"]} == {"opposition"}
    drone = readonly.get("/api/search", params={"q": "drone", "outlet": "Black Sea Wire"}).json()
    assert drone["total"] > 0 and {h["outlet"] for h in drone["hits"]} == {"Black Sea Wire"}
    every = readonly.get("/api/search", params={"q": "Kherson"}).json()
    day = every["facets"]["date"][0]
    dated = readonly.get("/api/search", params={"q": "Kherson", "date": day["value"]}).json()
    assert {h["date"] for h in dated["hits"]} == {day["value"]}
    assert dated["total"] == day["count"] < every["total"]
    # FTS syntax in the query is taken as words, never as a query language
    for odd in ['"', "AND OR (", "regime*)", "NEAR(a b)"]:
        assert readonly.get("/api/search", params={"q": odd}).status_code == 200


# ------------------------------------------------------------------ security


def test_default_host_is_loopback() -> None:
    assert DEFAULT_HOST == "127.0.0.1"
    serve = cli.get_command(click.Context(cli), "serve")  # a lazily loaded command
    assert serve is not None
    params = {p.name: p.default for p in serve.params}
    assert params["host"] == "127.0.0.1" and params["port"] == 8000
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert "SAYSO_TOKEN" in result.output


def test_api_writes_need_the_token(client: TestClient, readonly: TestClient, db: Path) -> None:
    account = account_by(client, reference_article(db), "Abu Khaled")["account_id"]
    body = {"reviewer": "x", "side": "opposition"}
    assert client.put(f"/api/accounts/{account}/review", json=body).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert (
        client.put(f"/api/accounts/{account}/review", json=body, headers=wrong).status_code == 401
    )
    assert client.post("/api/articles", json={"text": "x"}).status_code == 401
    assert client.delete(f"/api/accounts/{account}/review").status_code == 401
    # a server started without a token refuses every write
    assert (
        readonly.put(f"/api/accounts/{account}/review", json=body, headers=AUTH).status_code == 403
    )
    assert client.put(f"/api/accounts/{account}/review", json=body, headers=AUTH).status_code == 200


def test_forms_need_login_and_csrf(client: TestClient, db: Path) -> None:
    account = account_by(client, reference_article(db), "Abu Khaled")["account_id"]
    url = f"/accounts/{account}/review"
    # no session at all: refused before the body is read
    assert client.post(url, data={"side": "government"}).status_code == 403
    csrf = csrf_of(client.get("/login").text)
    # a session, but not logged in: refused before the body (and its CSRF token) is read
    assert client.post(url, data={"side": "government"}).status_code == 401
    assert client.post(url, data={"csrf_token": csrf, "side": "government"}).status_code == 401
    bad = client.post("/login", data={"csrf_token": csrf, "token": "wrong", "reviewer": "A"})
    assert bad.status_code == 401
    csrf = login(client)
    forged = client.post(url, data={"csrf_token": "forged", "side": "government"})
    assert forged.status_code == 403
    assert client.post(url, data={"side": "government"}).status_code == 403  # no CSRF token
    with Store(db) as store:
        assert store.reviews() == []
    done = client.post(url, data={"csrf_token": csrf, "side": "government"}, follow_redirects=False)
    assert done.status_code == 303
    with Store(db) as store:
        (review,) = store.reviews()
    assert (review.side, review.reviewer) == ("government", "Ana Analyst")


# ------------------------------------------------------------------ reviews


def test_review_survives_reanalysis_and_reaches_exports(client: TestClient, db: Path) -> None:
    article_id = reference_article(db)
    khaled = account_by(client, article_id, "Abu Khaled")
    basha = account_by(client, article_id, "Rida al-Basha")
    body = {"reviewer": "Ana", "speaker": "Abu Khaled al-Halabi", "side": "opposition",
            "stance": "denies"}  # fmt: skip
    done = client.put(f"/api/accounts/{khaled['account_id']}/review", json=body, headers=AUTH)
    assert done.status_code == 200 and done.json()["reviewer"] == "Ana"
    reject = {"reviewer": "Ana", "rejected": True}
    client.put(f"/api/accounts/{basha['account_id']}/review", json=reject, headers=AUTH)

    summary = reingest_reference(db)
    assert summary.reanalyzed == 1 and not summary.failed

    after = client.get(f"/api/articles/{article_id}").json()["accounts"]
    reviewed = next(a for a in after if a["account_id"] == khaled["account_id"])
    assert (reviewed["speaker"], reviewed["side"], reviewed["stance"]) == (
        "Abu Khaled al-Halabi", "opposition", "denies")  # fmt: skip
    assert reviewed["reviewed"] and reviewed["analysed"]["side"] == "civilian"
    assert next(a for a in after if a["account_id"] == basha["account_id"])["rejected"]
    html = client.get(f"/articles/{article_id}").text
    marked = re.findall(r'<mark class="account"[^>]*data-account="([^"]+)"', html)
    assert khaled["account_id"] in marked and basha["account_id"] not in marked
    assert "badge-reviewed" in html

    lines = [json.loads(x) for x in client.get("/api/export/accounts.jsonl").text.splitlines()]
    row = next(x for x in lines if x["account_id"] == khaled["account_id"])
    assert (row["side"], row["reviewed"], row["reviewer"]) == ("opposition", True, "Ana")
    assert basha["account_id"] not in {x["account_id"] for x in lines}
    everything = client.get("/api/export/accounts.jsonl", params={"include_rejected": True}).text
    assert basha["account_id"] in everything
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/accounts.csv").text)))
    assert next(r for r in rows if r["account_id"] == khaled["account_id"])["side"] == "opposition"
    cli_rows = json.loads(
        CliRunner()
        .invoke(cli, ["accounts", "--db", str(db), "--side", "opposition", "--json"])
        .output
    )
    assert khaled["account_id"] in {r["account_id"] for r in cli_rows}
    history = client.get(f"/api/accounts/{khaled['account_id']}/review").json()["history"]
    assert history[0]["reviewer"] == "Ana"


def test_review_moves_a_statement_between_claims_and_makes_it_contested(
    client: TestClient, db: Path
) -> None:
    claims = client.get("/api/claims").json()["items"]
    assert client.get("/api/claims", params={"contested": True}).json()["items"] == []
    target = claims[0]["claim_id"]
    khaled = account_by(client, reference_article(db), "Abu Khaled")
    assert khaled["claim_id"] != target
    body = {"reviewer": "Ana", "claim_id": target, "stance": "denies"}
    client.put(f"/api/accounts/{khaled['account_id']}/review", json=body, headers=AUTH)
    claim = client.get(f"/api/claims/{target}").json()
    denied = claim["by_side"]["civilian"]["denies"]
    assert [s["account_id"] for s in denied] == [khaled["account_id"]] and denied[0]["reviewed"]
    contested = client.get("/api/claims", params={"contested": True}).json()["items"]
    assert [c["claim_id"] for c in contested] == [target]
    bad = client.put(f"/api/accounts/{khaled['account_id']}/review",
                     json={"reviewer": "Ana", "stance": "maybe"}, headers=AUTH)  # fmt: skip
    assert bad.status_code == 422
    missing = client.put("/api/accounts/acc_nope/review", json=body, headers=AUTH)
    assert missing.status_code == 404


def test_reanalysis_leaves_claims_and_events_as_they_were(db: Path) -> None:
    conn = sqlite3.connect(db)
    query = {
        "claims": "SELECT id, size FROM claims ORDER BY id",
        "events": "SELECT id, size FROM event_clusters ORDER BY id",
        "statements": "SELECT COUNT(*) FROM statements",
        "search": "SELECT kind, COUNT(*) FROM search_index GROUP BY kind ORDER BY kind",
    }
    before = {k: conn.execute(q).fetchall() for k, q in query.items()}
    reingest_reference(db)
    after = {k: conn.execute(q).fetchall() for k, q in query.items()}
    conn.close()
    assert after == before


def test_a_v3_store_gains_reviews_and_search(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.executescript(
        "DROP TABLE reviews; DROP TABLE review_log; DROP TABLE search_index;"
        " PRAGMA user_version = 3;"
    )
    conn.close()
    with Store(db) as store:
        found = store.search("conscription")
    assert {"article", "account"} <= {h.kind for h in found.hits}
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    conn.close()


# ------------------------------------------------------------------ adding pages


def wait_for(client: TestClient, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed", "cancelled"):
            return job
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


PAGE = (
    "<html><head><title>Talks resume in Geneva</title></head><body><article>"
    "<h1>Talks resume in Geneva</h1><p>GENEVA — Negotiators met again on Tuesday.</p>"
    "<p>\u201cWe are ready to sign a ceasefire this week,\u201d said Lina Saleh, a spokeswoman "
    "for the United Nations mediation team, speaking to reporters outside the hall.</p>"
    "<p>The government delegation said it would study the proposal before Friday.</p>"
    "</article></body></html>"
)


@pytest.fixture
def local_site() -> Iterator[str]:
    def answer(path: str) -> Answer:
        if path != "/talks.html":
            return 404, {}, b"no such page"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode()

    site = LocalSite(answer)
    yield site.url
    site.close()


def test_add_page_by_text_url_and_upload(intranet: TestClient, local_site: str) -> None:
    client = intranet
    started = client.post("/api/articles", json={"text": PAGE}, headers=AUTH)
    assert started.status_code == 202
    job = wait_for(client, started.json()["job_id"])
    assert job["status"] == "done" and job["done"] == job["total"] == 1
    article = client.get(f"/api/articles/{job['article_ids'][0]}").json()
    assert "Lina Saleh" in {a["speaker"] for a in article["accounts"]}

    url = f"{local_site}/talks.html"
    by_url = client.post("/api/articles", json={"url": url}, headers=AUTH)
    fetched = wait_for(client, by_url.json()["job_id"])
    assert fetched["status"] == "done"
    assert fetched["article_ids"] == job["article_ids"]  # the same page: stored once
    assert fetched["summary"]["duplicates"] == 1

    odesa = (ROOT / "tests/data/events/04-odesa-protest.html").read_bytes()
    files = [("files", ("odesa.html", odesa)), ("files", ("empty.txt", b"  \n "))]
    upload = client.post("/api/articles/upload", files=files, headers=AUTH)
    mixed = wait_for(client, upload.json()["job_id"])
    assert (mixed["status"], mixed["done"], mixed["total"]) == ("done", 2, 2)
    assert len(mixed["article_ids"]) == 1 and mixed["summary"]["duplicates"] == 1
    assert len(mixed["errors"]) == 1 and "empty.txt: [E102]" in mixed["errors"][0]


def test_add_page_url_failures_are_reported(intranet: TestClient, local_site: str) -> None:
    client = intranet
    for url, reason in [
        (f"{local_site}/missing.html", "404"),
        (f"http://127.0.0.1:{free_port()}/closed", "cannot fetch"),
    ]:
        job = wait_for(client, client.post(
            "/api/articles", json={"url": url}, headers=AUTH).json()["job_id"])  # fmt: skip
        assert job["status"] == "failed" and reason in job["errors"][0]
    page = client.get(f"/jobs/{job['job_id']}")
    assert "cannot fetch" in page.text and 'class="error"' in page.text
    assert client.post("/api/articles", json={"url": "file:///etc/passwd"},
                       headers=AUTH).status_code == 422  # fmt: skip


def test_add_page_form_shows_progress_page(client: TestClient) -> None:
    csrf = login(client)
    done = client.post("/add", data={"csrf_token": csrf, "text": PAGE}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/jobs/")
    job_id = done.headers["location"].rsplit("/", 1)[1]
    wait_for(client, job_id)
    status = client.get(f"/jobs/{job_id}/status")
    assert status.status_code == 286  # htmx: stop polling
    assert 'data-status="done"' in status.text and "/articles/art_" in status.text
    assert client.post("/add", data={"csrf_token": csrf}).status_code == 422


def test_static_assets_are_served_locally(readonly: TestClient) -> None:
    for path in ("/static/vendor/htmx.min.js", "/static/vendor/leaflet.js",
                 "/static/countries-50m.json", "/static/map.js"):  # fmt: skip
        assert readonly.get(path).status_code == 200, path
    for page in ("/", "/events", "/claims", "/actors", "/search?q=x", "/add", "/login"):
        html = readonly.get(page).text
        assert not re.search(r'(src|href)="(https?:)?//', html), page
    world = readonly.get("/static/countries-50m.json").json()
    assert len(world["objects"]["countries"]["geometries"]) > 200
    assert (ROOT / "src/sayso/web/static/NOTICE.md").read_text().count("Natural Earth") >= 1
