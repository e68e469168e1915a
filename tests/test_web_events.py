"""The event pages of issue 15 against a real server on loopback: one incident
reported by two outlets with different tolls (tests/data/web-events, ingested by
sayso's own batch ingest with the pages' sidecars), its page with every source's
toll side by side, the events list and its background filter, the clustered
map's assets, a 404 for an unknown event, and a hostile title shown as text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sayso.batch import ingest_paths
from sayso.store import Store
from sayso.web import create_app
from sayso.web.server import BackgroundServer
from tests.web_support import ALL_DRAWN, at_root

ROOT = Path(__file__).resolve().parent.parent
PAGES = "tests/data/web-events"
SANA = "tests/data/web-events/01-sana.txt"  # "killing 12", outlet SANA (sidecar)
ENAB = "tests/data/web-events/02-observatory.txt"  # "killed 20", outlet Enab Baladi
HOSTILE = "tests/data/web-events/03-local.txt"  # a headline that holds a <script>
PWNED = "<script>window.__pwned = 1</script>"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web-events") / "sayso.db"
    with at_root(), Store(db) as store:
        summary = ingest_paths([PAGES], store)
    assert not summary.failed and summary.stored == 3, summary.as_dict()
    return db


@pytest.fixture(scope="module")
def articles(store_path: Path) -> dict[str, str]:
    """Article id by source."""
    with Store(store_path) as store:
        return {a.source: a.article_id for a in store.articles()}


@pytest.fixture(scope="module")
def http(store_path: Path) -> Iterator[httpx.Client]:
    with BackgroundServer(create_app(store_path)) as url, httpx.Client(base_url=url) as client:
        yield client


def _event_of(http: httpx.Client, *article_ids: str, context: bool = False) -> dict[str, Any]:
    """The one event that every one of these articles reports."""
    events: list[dict[str, Any]] = http.get("/api/events", params={"context": context}).json()[
        "items"
    ]
    found = [e for e in events if set(article_ids) <= {r["article_id"] for r in e["reports"]}]
    assert len(found) == 1, [(e["event_id"], e["place"], e["tolls_line"]) for e in events]
    return found[0]


def _text(markup: str) -> str:
    """A page's text, tags dropped and entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _cell(row: str, name: str) -> str:
    """The text of a row's cell of this class."""
    match = re.search(rf'<td class="{name}[^"]*">(.*?)</td>', row, re.S)
    assert match, f"no {name} cell in {row}"
    return _text(match.group(1))


def _element(markup: str, element_id: str) -> str:
    match = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', markup, re.S)
    assert match, f"no #{element_id}"
    return match.group(2)


def test_two_outlets_tolls_side_by_side_on_the_event_page(
    http: httpx.Client, articles: dict[str, str]
) -> None:
    sana, enab = articles[SANA], articles[ENAB]
    event = _event_of(http, sana, enab)
    # the API: the cluster's data, the conservative toll and the highest
    found = http.get(f"/api/events/{event['event_id']}")
    assert found.status_code == 200 and found.headers["content-type"] == "application/json"
    data = found.json()
    assert data["event_id"] == event["event_id"] and "Douma" in _douma(data["place"])
    assert data["conservative_fatalities"] == 12 and data["fatalities_max"] == 20
    by_outlet = {(t["number"], t["outlet"]) for t in data["tolls"]}
    assert {(12, "SANA"), (20, "Enab Baladi")} <= by_outlet
    assert data["tolls_disagree"] is True
    assert data["date_start"] == "2016-03-09" and data["country"] == "SY"
    assert all("/" not in r["source"] for r in data["reports"])  # a name, not a path

    page = http.get(f"/events/{event['event_id']}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    # the line that shows the disagreement at a glance: each figure with its outlet
    tolls = _text(_element(page.text, "tolls"))
    assert tolls.startswith("tolls: ")
    assert re.search(r"\b12 \(SANA\b", tolls) and re.search(r"\b20 \(Enab Baladi\b", tolls), tolls
    assert tolls.index("12 (SANA") < tolls.index("20 (Enab Baladi")  # lowest first
    assert "sources disagree" in tolls
    facts = _text(_element(page.text, "event-facts"))
    assert "2016-03-09" in facts and "SY" in facts and (data["sub_event_type"] or "—") in facts
    assert "12–20" in facts  # conservative figure and its range
    # the reports side by side: each outlet's row with its figure and a link to its article
    rows = re.findall(r'<tr data-article="(art_\w+)"[^>]*>(.*?)</tr>', page.text, re.S)
    # the figure itself, in bold, before any note (civilians, injured)
    figures = {
        (_cell(row, "outlet").split()[0], _cell(row, "figure").split()[0]) for _, row in rows
    }
    assert ("SANA", "12") in figures and ("Enab", "20") in figures, figures
    assert {sana, enab} <= {article_id for article_id, _ in rows}
    assert f'href="/articles/{sana}"' in page.text and f'href="/articles/{enab}"' in page.text
    assert "according to" in page.text and "Syrian Observatory for Human Rights" in page.text
    # the article page the link goes to is there
    assert http.get(f"/articles/{sana}").status_code == 200


def _douma(place: str | None) -> str:
    """GeoNames writes Douma as "Dūmā"."""
    return "Douma" if place and place.casefold() in ("douma", "dūmā", "duma") else str(place)


def test_events_list_links_each_event_and_shows_conservative_toll_and_range(
    http: httpx.Client, articles: dict[str, str]
) -> None:
    event = _event_of(http, articles[SANA], articles[ENAB])
    page = http.get("/events")
    assert page.status_code == 200
    rows = dict(re.findall(r'<tr data-event="([^"]+)"[^>]*>(.*?)</tr>', page.text, re.S))
    assert event["event_id"] in rows
    row = rows[event["event_id"]]
    assert f'href="/events/{event["event_id"]}"' in row
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert _text(cells[1]) == (event["sub_event_type"] or "")  # the sub-event column
    assert "2016-03-09" in _text(cells[3])  # the date
    fatalities = _text(cells[6])
    assert fatalities.startswith("12 12–20"), fatalities  # conservative, then the range
    assert "12 SANA" in fatalities and "20 Enab Baladi" in fatalities
    for event_id, row in rows.items():  # a date, or a word for its absence, in every row
        assert _text(re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[3]), event_id


def test_background_events_only_on_request(http: httpx.Client, articles: dict[str, str]) -> None:
    """ "More than 270,000 people have been killed in Syria since 2011" is a
    cumulative toll: a background event, not listed unless context=1 asks."""
    every = http.get("/api/events", params={"context": "true"}).json()["items"]
    background = [e for e in every if e["context"]]
    assert background, [(e["place"], e["tolls_line"]) for e in every]
    assert all(all(r["context"] for r in e["reports"]) for e in background)
    default = {e["event_id"] for e in http.get("/api/events").json()["items"]}
    assert default == {e["event_id"] for e in every if not e["context"]}
    listed = set(re.findall(r'<tr data-event="([^"]+)"', http.get("/events").text))
    asked = http.get("/events", params={"context": "1"}).text
    assert listed == default
    assert set(re.findall(r'<tr data-event="([^"]+)"', asked)) == {e["event_id"] for e in every}
    assert 'data-query="context=1"' in asked  # and the map shows them too
    # a background event still has its own page
    assert http.get(f"/events/{background[0]['event_id']}").status_code == 200


def test_unknown_event_is_404_html_for_pages_json_for_api(http: httpx.Client) -> None:
    page = http.get("/events/evc_0000000000000000")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no event evc_0000000000000000" in page.text
    api = http.get("/api/events/evc_0000000000000000")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    assert api.json() == {"detail": "no event evc_0000000000000000"}


def test_a_title_with_script_is_shown_as_text(http: httpx.Client, articles: dict[str, str]) -> None:
    events = http.get("/api/events", params={"context": "true"}).json()["items"]
    hostile = next(
        (e for e in events if articles[HOSTILE] in {r["article_id"] for r in e["reports"]}), None
    )
    assert hostile is not None, "the hostile page reports no event"
    for path in (f"/events/{hostile['event_id']}", "/events"):
        markup = http.get(path).text
        assert PWNED not in markup, path
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in markup, path
    json_page = http.get(f"/api/events/{hostile['event_id']}").json()
    assert any(PWNED in (r["title"] or "") for r in json_page["reports"])  # data kept as is


def test_pages_load_only_own_scripts_under_the_csp(
    http: httpx.Client, articles: dict[str, str]
) -> None:
    event = _event_of(http, articles[SANA], articles[ENAB])
    for path in ("/events", f"/events/{event['event_id']}"):
        page = http.get(path)
        csp = page.headers["content-security-policy"]
        scripts = csp.split("script-src")[1].split(";")[0]
        assert scripts.strip() == "'self'", csp
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)[^>]*>", page.text), path
        assert not re.search(r'(src|href)="(https?:)?//', page.text), path
    events = http.get("/events").text
    for asset in (
        "/static/vendor/leaflet.markercluster.js",
        "/static/vendor/MarkerCluster.css",
        "/static/vendor/MarkerCluster.Default.css",
        "/static/map.js",
    ):
        assert f'"{asset}"' in events, asset
        assert http.get(asset).status_code == 200, asset
    plugin = http.get("/static/vendor/leaflet.markercluster.js").text
    assert "MarkerClusterGroup" in plugin
    mapjs = http.get("/static/map.js").text
    assert "markerClusterGroup" in mapjs and "/events/" in mapjs and "innerHTML" not in mapjs
    static = ROOT / "src/sayso/web/static"
    assert "MIT" in (static / "licenses/leaflet.markercluster.LICENSE").read_text()
    notice = (static / "NOTICE.md").read_text()
    assert "leaflet.markercluster" in notice and "1.5.3" in notice


# ------------------------------------------------------------------ the map, in a browser

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's, driven by Playwright), as tests/test_web_e2e.py
    uses it; skipped where either is missing."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def test_map_clusters_markers_and_popups_give_tolls_and_link(
    browser: Any, http: httpx.Client, articles: dict[str, str]
) -> None:
    event = _event_of(http, articles[SANA], articles[ENAB])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    base = str(http.base_url).rstrip("/")
    try:
        page.goto(f"{base}/events")
        page.wait_for_selector("#map[data-ready]")
        assert page.get_attribute("#map", "data-clustered") == "true"
        everything = int(page.get_attribute("#map", "data-markers") or 0)
        assert everything >= 2
        page.wait_for_function(ALL_DRAWN)
        # the incident alone on the map: its popup gives each source's toll and links to it
        day = event["date_start"]
        page.goto(f"{base}/events?type={event['type']}&since={day}&until={day}")
        page.wait_for_selector("#map[data-ready]")
        popups: dict[str, str] = {}
        opens: dict[str, int] = {}  # the marker whose popup links there
        for _ in range(8):  # zoom into clusters until the markers show
            if not page.locator("#map .marker-cluster").count():
                break
            page.locator("#map .marker-cluster").first.click()
            page.wait_for_timeout(700)
        markers = page.locator("#map path.event-marker")
        for at in range(markers.count()):
            markers.nth(at).dispatch_event("click")
            page.wait_for_selector(".leaflet-popup-content")
            link = page.get_attribute(".leaflet-popup-content a", "href") or ""
            popups[link] = page.inner_text(".leaflet-popup-content")
            opens[link] = at
        text = popups.get(f"/events/{event['event_id']}")
        assert text is not None, popups
        assert "12 (SANA" in text and "20 (Enab Baladi" in text and day in text, text
        markers.nth(opens[f"/events/{event['event_id']}"]).dispatch_event("click")
        page.click(f".leaflet-popup-content a[href='/events/{event['event_id']}']")
        page.wait_for_url(f"**/events/{event['event_id']}")
        assert "tolls: 12 (SANA" in page.inner_text("#tolls")
    finally:
        context.close()
    assert errors == []
