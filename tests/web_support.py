"""Shared by the web tests: a store built from the reference page and the small
events corpus (built once per session, copied for tests that write), and an
article whose text holds markup."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sayso.batch import IngestSummary, ingest_paths, ingest_raw
from sayso.ingest import read_bytes
from sayso.pipeline import Settings
from sayso.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ["tests/data/reference/aleppo-conscription.txt", "tests/data/events"]
TOKEN = "test-token-5b1e-9c2d-a7f0"  # at least 16 characters, as serve requires
# Article text is untrusted: a page that holds markup must show it as text.
HOSTILE = (
    "Officials reject the claims about the market\n\n"
    "The mayor said the report was false and that nothing had happened at the market.\n\n"
    "\u201cThe shelling <script>window.__pwned = 1</script> never reached the market,\u201d "
    "said Omar Haddad, a spokesman for the city council, on Monday.\n"
)


@contextmanager
def at_root() -> Iterator[None]:
    """Work from the repository's root: sources are stored as the relative paths
    a user would give."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "pristine.db"
    with at_root(), Store(db) as store:
        summary = ingest_paths(CORPUS, store)
        raw = read_bytes(HOSTILE.encode(), "hostile.txt")
        ingest_raw(raw, store, Settings(), summary)
    assert not summary.failed and summary.stored == 6, summary.as_dict()
    return db


@pytest.fixture
def db(built_db: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the built store for one test, free to change."""
    copy = tmp_path / "sayso.db"
    shutil.copy(built_db, copy)
    yield copy


def hostile_article(db: Path) -> str:
    with Store(db) as store:
        return next(a.article_id for a in store.articles() if a.source == "hostile.txt")


def reference_article(db: Path) -> str:
    with Store(db) as store:
        return next(a.article_id for a in store.articles() if "aleppo" in a.source)


def reingest_reference(db: Path) -> IngestSummary:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with Store(db) as store:
            return ingest_paths([CORPUS[0]], store, replace=True)
    finally:
        os.chdir(cwd)


# A page to paste into the app.
PAGE_TEXT = (
    "Talks resume in Geneva\n\n"
    "GENEVA — Negotiators met again on Tuesday after a week of delays.\n\n"
    "\u201cWe are ready to sign a ceasefire this week,\u201d said Lina Saleh, a spokeswoman "
    "for the United Nations mediation team, speaking to reporters outside the hall.\n\n"
    "The government delegation said it would study the proposal before Friday.\n"
)


# Every way to write "this machine" in a URL: sayso serve must fetch none of them.
LOOPBACK_SPELLINGS = [
    "http://127.0.0.1:{port}/",
    "http://localhost:{port}/",
    "http://LocalHost:{port}/",
    "http://0.0.0.0:{port}/",
    "http://2130706433:{port}/",
    "http://127.1:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://0x7f.0.0.1:{port}/",
    "http://0x7f000001:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
]

# What a local site answers to a GET of a path: status, headers, body.
Answer = tuple[int, dict[str, str], bytes]


class LocalSite:
    """A small HTTP site on a free loopback port, in a thread, that records the
    path of every request: a page to fetch, an attacker's page, a canary."""

    def __init__(self, answer: Callable[[str], Answer]) -> None:
        self.requests: list[str] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                site.requests.append(self.path)
                status, headers, body = answer(self.path)
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# Every event is drawn on the map: as its own marker or counted in a cluster's
# icon (those fading out after a zoom are not counted).
ALL_DRAWN = """() => {
  const map = document.getElementById('map');
  const single = map.querySelectorAll('path.event-marker').length;
  const clustered = [...map.querySelectorAll('.marker-cluster')]
    .filter((c) => getComputedStyle(c).opacity !== '0')
    .reduce((n, c) => n + Number(c.textContent.trim()), 0);
  return single + clustered === Number(map.getAttribute('data-markers'));
}"""
