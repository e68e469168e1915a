"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright): the reference page and the small events corpus, served by uvicorn
on a free local port. Skipped, with the reason, where Chromium or Playwright is
missing; .ci/run installs both."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sayso.store import Store
from sayso.web import create_app
from sayso.web.server import BackgroundServer
from tests.web_support import (
    ALL_DRAWN,
    PAGE_TEXT,
    TOKEN,
    Answer,
    LocalSite,
    built_db,
    hostile_article,
    reference_article,
    reingest_reference,
)

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "no /usr/bin/chromium (apt-get install chromium; .ci/run does)", allow_module_level=True
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the playwright package is not installed (pip install -e '.[dev]')",
)
Page = Any  # playwright's Page

ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
__all__ = ["built_db"]


@pytest.fixture(scope="module")
def store_path(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("e2e") / "sayso.db"
    shutil.copy(built_db, copy)
    return copy


@pytest.fixture(scope="module")
def base_url(store_path: Path) -> Iterator[str]:
    with BackgroundServer(create_app(store_path, token=TOKEN)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page: Page, base_url: str, next_path: str) -> None:
    page.goto(f"{base_url}/login?next={next_path}")
    page.fill("#reviewer", "Ana Analyst")
    page.fill("#token", TOKEN)
    page.click("#login-submit")
    page.wait_for_url(f"{base_url}{next_path}")


def test_article_page_highlights_accounts_by_side(
    page: Page, base_url: str, store_path: Path
) -> None:
    article_id = reference_article(store_path)
    with Store(store_path) as store:
        accounts = store.accounts(article_id=article_id)
    page.goto(f"{base_url}/articles/{article_id}")
    marks = page.locator("mark.account")
    ids = set(marks.evaluate_all("ms => ms.map(m => m.dataset.account)"))
    assert ids == {a.account_id for a in accounts}
    basha = next(a for a in accounts if a.speaker == "Rida al-Basha" and a.kind == "direct")
    halabi = next(a for a in accounts if a.speaker == "Yazan al-Halabi")
    mark = page.locator(f'mark[data-account="{basha.account_id}"]')
    assert mark.get_attribute("data-side") == "government"
    colour = mark.evaluate("m => getComputedStyle(m).borderBottomColor")
    other = page.locator(f'mark[data-account="{halabi.account_id}"]').first
    assert other.get_attribute("data-side") == "opposition"
    assert other.evaluate("m => getComputedStyle(m).borderBottomColor") != colour
    mark.first.click()
    card = page.locator(f"#{basha.account_id}")
    assert "selected" in (card.get_attribute("class") or "")
    assert card.is_visible()
    text = card.inner_text()
    for part in ("Rida al-Basha", "government", "al-Mayadeen correspondent", "confidence"):
        assert part in text
    assert page.locator("#bios").is_visible() and "Akismet" in page.locator("#chrome").inner_text()


def test_claim_page_shows_accounts_by_side(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/claims")
    page.locator("#claims tbody tr a").first.click()
    page.wait_for_url("**/claims/clm_*")
    government = page.locator('section.side-column[data-side="government"]')
    opposition = page.locator('section.side-column[data-side="opposition"]')
    assert "Rida al-Basha" in government.inner_text()
    assert "Rida al-Basha" not in opposition.inner_text()
    assert "Abdel Munam Zein a-Din" in opposition.inner_text()
    # the pro-regime journalist holds the conscription claim for only some of the men
    assert government.locator("h4").first.inner_text().lower() == "partly"


def test_events_filter_and_map_markers(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/events")
    page.wait_for_selector("#map[data-ready]")
    everything = int(page.get_attribute("#map", "data-markers") or 0)
    assert everything >= 2
    # every event drawn: as its own marker or counted in a cluster's icon
    page.wait_for_function(ALL_DRAWN)
    assert page.locator("#map path").count() > 100  # the countries are drawn
    page.fill('input[name="place"]', "Kherson")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**/events?*place=Kherson*")
    page.wait_for_selector("#map[data-ready]")
    assert page.locator("path.event-marker").count() == 1
    rows = page.locator("#events tbody tr")
    assert rows.count() == 1 and "Kherson" in rows.first.inner_text()


def test_search_with_facets(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.fill('header input[name="q"]', "conscription")
    page.press('header input[name="q"]', "Enter")
    page.wait_for_url("**/search?q=conscription")
    hits = page.locator("#hits .hit")
    assert hits.count() >= 3
    page.click('a.facet[data-facet="side"][data-value="civilian"]')
    page.wait_for_url("**side=civilian*")
    sides = page.locator("#hits .hit .pill").all_inner_texts()
    assert sides and set(sides) == {"civilian"}


def test_correction_survives_reingest(page: Page, base_url: str, store_path: Path) -> None:
    article_id = reference_article(store_path)
    with Store(store_path) as store:
        khaled = next(a for a in store.accounts(article_id=article_id) if a.speaker == "Abu Khaled")
    log_in(page, base_url, f"/articles/{article_id}")
    card = page.locator(f"#{khaled.account_id}")
    card.locator("details.review summary").click()
    card.locator('select[name="side"]').select_option("opposition")
    card.locator('select[name="stance"]').select_option("denies")
    card.locator("form.review-form button[type=submit]").first.click()
    page.wait_for_load_state()

    def shown() -> tuple[str | None, str, str]:
        mark = page.locator(f'mark[data-account="{khaled.account_id}"]').first
        card = page.locator(f"#{khaled.account_id}")
        return (
            mark.get_attribute("data-side"),
            card.locator(".side").inner_text(),
            card.inner_text(),
        )

    side, card_side, text = shown()
    assert (side, card_side) == ("opposition", "opposition") and "reviewed" in text
    assert reingest_reference(store_path).reanalyzed == 1
    page.reload()
    side, card_side, text = shown()
    assert (side, card_side) == ("opposition", "opposition") and "reviewed" in text
    assert "denies" in page.locator(f"#{khaled.account_id} .stance-value").inner_text()
    # and through the app's own re-analysis, with its progress page
    page.click("#reanalyze")
    page.wait_for_selector('#job-status[data-status="done"]', timeout=60_000)
    page.click(f'#job-articles a[href="/articles/{article_id}"]')
    side, card_side, text = shown()
    assert (side, card_side) == ("opposition", "opposition") and "reviewed" in text


def test_script_in_article_is_shown_as_text(page: Page, base_url: str, store_path: Path) -> None:
    page.goto(f"{base_url}/articles/{hostile_article(store_path)}")
    assert page.evaluate("() => window.__pwned") is None
    assert "<script>window.__pwned = 1</script>" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text script").count() == 0


def test_add_a_page_by_pasting_text(page: Page, base_url: str) -> None:
    log_in(page, base_url, "/add")
    page.fill("#text", PAGE_TEXT)
    page.click("#add-submit")
    page.wait_for_selector('#job-status[data-status="done"]', timeout=60_000)
    page.locator("#job-articles a").first.click()
    page.wait_for_url("**/articles/art_*")
    assert "Lina Saleh" in page.locator("aside").inner_text()


def test_a_page_on_another_local_port_cannot_write(
    page: Page, base_url: str, store_path: Path
) -> None:
    """Cookie tossing: cookies ignore ports, so a page served from another port
    of 127.0.0.1 can set this server's cookies (here its CSRF cookie and a
    session id of its own, by Set-Cookie) and auto-post a review form."""
    article_id = reference_article(store_path)
    with Store(store_path) as store:
        account = store.accounts(article_id=article_id)[0]
    log_in(page, base_url, f"/articles/{article_id}")
    target = f"{base_url}/accounts/{account.account_id}/review"
    attacker = LocalSite(lambda path: _attacker_page(path, target))
    try:
        for path in ("/csrf-cookie", "/session-cookie"):
            with page.expect_response(target) as answer:
                page.goto(f"{attacker.url}{path}")
            assert answer.value.status in (401, 403), path
    finally:
        attacker.close()
    with Store(store_path) as store:
        assert account.account_id not in {r.account_id for r in store.reviews()}


def _attacker_page(path: str, target: str) -> Answer:
    """A page that sets one of our cookies and posts a review form to ``target``."""
    form = (
        f'<form method="post" action="{target}">'
        '<input name="csrf_token" value="forged-by-attacker">'
        '<input name="side" value="government"></form>'
        "<script>document.forms[0].submit()</script>"
    )
    if path == "/csrf-cookie":  # the old double-submit cookie, forged
        cookie = "sayso_csrf=forged-by-attacker; Path=/"
    else:  # the attacker's own session in place of the analyst's
        cookie = "sayso_session=attacker-session; Path=/"
    return 200, {"Content-Type": "text/html", "Set-Cookie": cookie}, form.encode()
