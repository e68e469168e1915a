"""The attacks on ``sayso serve`` of issue 13, each against a real server on
loopback: plain HTTP (httpx, raw sockets) and, for the cookie-tossing page on
another port, headless Chromium. A canary HTTP server on another loopback port
records every request, so a fetch the server must refuse is seen not to happen."""

from __future__ import annotations

import csv
import io
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from sayso.cli import cli
from sayso.errors import ConfigError
from sayso.store import Store
from sayso.web import create_app
from sayso.web.server import BackgroundServer
from sayso.web.settings import ServeSettings
from tests.web_support import (
    LOOPBACK_SPELLINGS,
    ROOT,
    TOKEN,
    LocalSite,
    built_db,
    db,
    reference_article,
)

__all__ = ["built_db", "db"]  # fixtures used by name

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAGE_TEXT = (
    "Talks resume in Geneva\n\n"
    "GENEVA \u2014 Negotiators met again on Tuesday after a week of delays.\n\n"
    "\u201cWe are ready to sign a ceasefire this week,\u201d said Lina Saleh, a spokeswoman "
    "for the United Nations mediation team, speaking to reporters outside the hall.\n"
)


@pytest.fixture
def canary() -> Iterator[LocalSite]:
    """A loopback site that records every request: a fetch refused is one it never sees."""
    body = f"<html><body><p>{PAGE_TEXT}</p></body></html>".encode()
    site = LocalSite(lambda path: (200, {"Content-Type": "text/html; charset=utf-8"}, body))
    yield site
    site.close()


def serve(db: Path, **limits: Any) -> BackgroundServer:
    return BackgroundServer(create_app(db, settings=ServeSettings(token=TOKEN, **limits)))


@pytest.fixture
def server(db: Path) -> Iterator[str]:
    with serve(db, login_free_failures=3) as url:
        yield url


def wait_for(http: httpx.Client, job_id: str, seconds: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job: dict[str, Any] = http.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed", "cancelled"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


def logged_in(url: str) -> tuple[httpx.Client, str]:
    """A browser-like client logged in through the form, and its CSRF token."""
    http = httpx.Client(base_url=url, headers={"Origin": url})
    page = http.get("/login")
    csrf = _csrf(page.text)
    done = http.post("/login", data={"csrf_token": csrf, "token": TOKEN, "reviewer": "Ana"})
    assert done.status_code == 303, done.text
    return http, _csrf(http.get("/add").text)


def _csrf(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


# ------------------------------------------------------------------ 1. SSRF


def test_add_by_url_fetches_no_loopback_address_in_any_spelling(
    server: str, canary: LocalSite
) -> None:
    with httpx.Client(base_url=server, headers=AUTH) as http:
        for spelling in [*LOOPBACK_SPELLINGS, "http://[::1]:{port}/"]:
            url = spelling.format(port=canary.port)
            started = http.post("/api/articles", json={"url": url})
            assert started.status_code == 202, url
            job = wait_for(http, started.json()["job_id"])
            assert job["status"] == "failed" and "[E108]" in job["errors"][0], (url, job)
    assert canary.requests == []


def test_an_upload_named_as_a_url_or_path_is_only_a_label(server: str, canary: LocalSite) -> None:
    evil_url = f"http://127.0.0.1:{canary.port}/steal"
    files = [
        ("files", (evil_url, PAGE_TEXT.encode())),
        ("files", ("/etc/hostname", PAGE_TEXT.replace("Tuesday", "Monday").encode())),
    ]
    with httpx.Client(base_url=server, headers=AUTH) as http:
        job = wait_for(http, http.post("/api/articles/upload", files=files).json()["job_id"])
        assert job["status"] == "done" and len(job["article_ids"]) == 2, job
        sources = {a["article_id"]: a["source"] for a in http.get("/api/articles").json()["items"]}
        for article_id in job["article_ids"]:
            assert sources[article_id].startswith("upload:"), sources[article_id]
            # the original is the uploaded bytes, whatever the name says
            original = http.get(f"/articles/{article_id}/original")
            assert original.status_code == 200 and "Lina Saleh" in original.text
            again = http.post(f"/api/articles/{article_id}/reanalyze")
            assert wait_for(http, again.json()["job_id"])["status"] == "done"
    assert canary.requests == []


# ------------------------------------------------------------------ 2. sessions and CSRF


def test_logout_revokes_the_session_and_login_renews_it(server: str, db: Path) -> None:
    http = httpx.Client(base_url=server, headers={"Origin": server})
    csrf_before = _csrf(http.get("/login").text)
    anonymous = http.cookies["sayso_session"]
    http.post("/login", data={"csrf_token": csrf_before, "token": TOKEN, "reviewer": "Ana"})
    session = http.cookies["sayso_session"]
    assert session != anonymous  # a session id planted before log-in is worth nothing
    csrf = _csrf(http.get("/add").text)
    assert csrf != csrf_before
    assert http.post("/logout", data={"csrf_token": csrf}).status_code == 303

    replay = httpx.Client(base_url=server, headers={"Origin": server})
    replay.cookies.set("sayso_session", session)
    account = _an_account(db)
    refused = replay.post(f"/accounts/{account}/review", data={"csrf_token": csrf, "side": "x"})
    assert refused.status_code in (401, 403)
    with Store(db) as store:
        assert store.reviews() == []


def test_form_posts_from_another_origin_are_refused(server: str, db: Path) -> None:
    http, csrf = logged_in(server)
    account = _an_account(db)
    for origin in ("http://127.0.0.1:1", "null", "http://evil.example"):
        forged = http.post(
            f"/accounts/{account}/review",
            data={"csrf_token": csrf, "side": "government"},
            headers={"Origin": origin},
        )
        assert forged.status_code == 403, origin
    with Store(db) as store:
        assert store.reviews() == []
    done = http.post(f"/accounts/{account}/review", data={"csrf_token": csrf, "side": "x"})
    assert done.status_code == 303


def _an_account(db: Path) -> str:
    with Store(db) as store:
        return store.accounts(article_id=reference_article(db))[0].account_id


# ------------------------------------------------------------------ 3. Host


def test_unknown_host_names_are_refused_before_any_handler(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    for path, method in (("/", "GET"), ("/api/articles", "GET"), ("/api/articles", "POST")):
        assert _raw(port, f"{method} {path}", f"evil.example:{port}").startswith("HTTP/1.1 400"), (
            path
        )
    assert _raw(port, "GET /", "127.0.0.1").startswith("HTTP/1.1 400") is False
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert _raw(port, "GET /api/articles", host).startswith("HTTP/1.1 200"), host


def _raw(port: str, request_line: str, host: str) -> str:
    with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as sock:
        sock.sendall(
            f"{request_line} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        return sock.recv(65536).decode("latin-1")


# ------------------------------------------------------------------ 4. bodies


def test_an_anonymous_large_body_is_refused_before_it_is_read(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    declared = 50_000_000
    for path, expected in (("/api/articles/upload", "401"), ("/add", "403")):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {declared}\r\n\r\n".encode()
            )
            sock.sendall(b"--x\r\n" + b"a" * 65_536)  # and nothing more of the 50 MB
            answer = sock.recv(65536).decode("latin-1")
        # the answer came while 99.9 % of the body was never sent: it was not read
        assert answer.split(" ")[1] == expected, answer[:200]


def test_bodies_over_the_limit_get_413(db: Path) -> None:
    with serve(db, max_body_bytes=200_000, max_form_bytes=10_000) as url:
        with httpx.Client(base_url=url, headers=AUTH) as http:
            declared = http.post("/api/articles", content=b"{" + b" " * 300_000 + b"}")
            assert declared.status_code == 413

            def stream() -> Iterator[bytes]:  # no Content-Length: cut while it streams
                yield b'{"text": "'
                for _ in range(50):
                    yield b"x" * 10_000
                yield b'"}'

            streamed = http.post(
                "/api/articles", content=stream(), headers={"Content-Type": "application/json"}
            )
            assert streamed.status_code == 413
            review = http.put("/api/accounts/x/review", json={"reviewer": "a" * 20_000})
            assert review.status_code == 413


# ------------------------------------------------------------------ 5. jobs


def test_a_runaway_page_is_stopped_and_the_next_job_runs(db: Path) -> None:
    prose = " ".join(
        f"Officials in district {i} said that the convoy had passed the river on the "
        f"morning of the {i % 28 + 1}th, and residents told reporters they heard shelling."
        for i in range(4_000)
    )
    with serve(db, page_time_limit_s=5.0) as url, httpx.Client(base_url=url, headers=AUTH) as http:
        runaway = http.post("/api/articles", json={"text": "A long report\n\n" + prose})
        small = http.post("/api/articles", json={"text": PAGE_TEXT})
        stopped = wait_for(http, runaway.json()["job_id"])
        assert stopped["status"] == "failed" and "[E109]" in stopped["errors"][0], stopped
        assert wait_for(http, small.json()["job_id"])["status"] == "done"


# ------------------------------------------------------------------ 6. CSV

FORMULAS = (
    "Spreadsheet trap in the council report\n\n"
    '\u201c=HYPERLINK("http://evil.example/x","click here")\u201d said Omar Haddad, '
    "a spokesman for the city council, on Monday.\n\n"
    "\u201c@SUM(1+1) is what the council owes us,\u201d said Lina Saleh, a spokeswoman for the "
    "United Nations mediation team, on Tuesday.\n"
)


def test_csv_exports_escape_formula_cells(db: Path) -> None:
    from sayso.batch import IngestSummary, ingest_raw
    from sayso.ingest import read_bytes
    from sayso.pipeline import Settings

    with Store(db) as store:
        raw = read_bytes(FORMULAS.encode(), "formulas.txt")
        ingest_raw(raw, store, Settings(), IngestSummary())
    with serve(db) as url, httpx.Client(base_url=url) as http:
        text = http.get("/api/export/accounts.csv").text
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    assert any(c.startswith("'@SUM(") for c in cells)
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


# ------------------------------------------------------------------ 7. log-in


def test_failed_logins_back_off_per_client(server: str) -> None:
    http = httpx.Client(base_url=server, headers={"Origin": server})
    csrf = _csrf(http.get("/login").text)
    form = {"csrf_token": csrf, "token": "wrong-token-guess-000", "reviewer": "Eve"}
    assert [http.post("/login", data=form).status_code for _ in range(3)] == [401] * 3
    throttled = http.post("/login", data=form)
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) >= 1
    # while it waits, even the right token is not tried, nor a bearer token
    assert http.post("/login", data={**form, "token": TOKEN}).status_code == 429
    bearer = http.post("/api/articles", json={"text": "x"}, headers=AUTH)
    assert bearer.status_code == 429


def test_a_short_token_is_refused_at_start(db: Path) -> None:
    with pytest.raises(ConfigError, match="at least 16"):
        create_app(db, token="short")
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--token", "hunter2"])
    assert result.exit_code == 3 and "[E301]" in result.output


# ------------------------------------------------------------------ 8. small things


def test_head_errors_caching_and_no_local_paths(server: str) -> None:
    with httpx.Client(base_url=server) as http:
        head = http.head("/")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-type"].startswith("text/html")
        assert http.head("/api/articles").status_code == 200
        missing = http.get("/no/such/page")
        assert missing.status_code == 404 and missing.headers["content-type"].startswith(
            "text/html"
        )
        assert http.get("/api/no/such").headers["content-type"] == "application/json"
        assert http.get("/").headers["cache-control"] == "no-store"
        assert http.get("/api/articles").headers["cache-control"] == "no-store"
        assert "no-store" not in http.get("/static/sayso.css").headers.get("cache-control", "")
        home = http.get("/").text
        assert str(ROOT) not in home and "aleppo-conscription.txt" in home


def test_the_paste_form_takes_a_page_over_one_megabyte(server: str) -> None:
    http, csrf = logged_in(server)
    text = "A long statement\n\n" + ("The council met again. " * 60_000)  # about 1.4 MB
    done = http.post("/add", data={"csrf_token": csrf, "text": text})
    assert done.status_code == 303 and done.headers["location"].startswith("/jobs/")
    job_id = done.headers["location"].rsplit("/", 1)[1]
    cancelled = http.post(f"/jobs/{job_id}/cancel", data={"csrf_token": csrf})
    assert cancelled.status_code == 303
    assert http.get(f"/api/jobs/{job_id}").json()["status"] == "cancelled"
