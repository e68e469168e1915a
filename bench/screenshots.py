"""Screenshots of the web app's main pages for the README (docs/screenshots/).

Ingests the example page and the small events corpus into a temporary store,
serves the app on a free local port and saves 1280x800 PNGs with headless
Chromium (Debian's /usr/bin/chromium, driven by Playwright).

    .venv/bin/python bench/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from sayso.batch import ingest_paths
from sayso.store import Store
from sayso.web import create_app
from sayso.web.server import BackgroundServer

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def build_store(db: Path) -> None:
    os.chdir(ROOT)  # sources stored as relative paths, as a user would give them
    with Store(db) as store:
        ingest_paths(["examples", "tests/data/events"], store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sayso.db"
        build_store(db)
        with Store(db) as store:
            article = next(a for a in store.articles() if "Aleppo" in (a.title or ""))
            claim = store.claims()[0]
            actor = next(a for a in store.actors() if a.name == "Rida al-Basha")
        pages = {
            "article": f"/articles/{article.article_id}",
            "claims": "/claims",
            "claim": f"/claims/{claim.claim_id}",
            "events": "/events",
            "actor": f"/actors/{actor.actor_id}",
            "search": "/search?q=regime",
        }
        with BackgroundServer(create_app(db)) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for name, path in pages.items():
                page.goto(url + path)
                if name == "events":
                    page.wait_for_selector("#map[data-ready]")
                page.screenshot(path=str(args.out / f"{name}.png"))
                print(args.out / f"{name}.png")
            browser.close()


if __name__ == "__main__":
    main()
