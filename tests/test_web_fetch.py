"""sayso.web.fetch: the server fetches public pages only, and never becomes a proxy into its own
network (SSRF). Everything runs over real HTTP on loopback, against a canary server that records
every request it receives, so a refusal can be shown to have sent nothing."""

from __future__ import annotations

import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from sayso.errors import SaysoError
from sayso.web import fetch as fetch_module
from sayso.web.fetch import Fetched, check_address, fetch
from tests.web_support import LOOPBACK_SPELLINGS

PAGE = b"<!doctype html><title>canary</title><p>Officials said nothing happened.</p>"
PUBLIC = "93.184.216.34"  # never connected to: the tests pin every connect to the canary


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet tests
        pass

    def do_GET(self) -> None:  # the http.server name
        with self.server.lock:
            self.server.requests.append((self.path, dict(self.headers.items())))
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        try:
            self._route(parts.path, query)
        except OSError:
            pass  # the client hung up on purpose (size cap, deadline)

    def _send(self, status: int, body: bytes, ctype: str | None, **headers: str) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _route(self, path: str, query: dict[str, str]) -> None:
        if path == "/":
            self._send(200, PAGE, "text/html; charset=UTF-8")
        elif path == "/hop":
            self._send(302, b"", "text/plain", Location=query["to"])
        elif path == "/chain":
            n = int(query["n"])
            if n:
                self._send(302, b"", None, Location=f"/chain?n={n - 1}")
            else:
                self._send(200, PAGE, "text/html")
        elif path == "/png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/plain":
            self._send(200, b"just text", None)
        elif path == "/huge":  # says how big it is, then would send it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "20000000")
            self.end_headers()
            self.wfile.write(b"x" * 1000)
        elif path == "/stream":  # no Content-Length: chunked, or up to the close
            chunked = query.get("mode") == "chunked"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header(
                "Transfer-Encoding" if chunked else "Connection", "chunked" if chunked else "close"
            )
            self.end_headers()
            for _ in range(200):
                data = b"y" * 1000
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
            self.close_connection = True
        elif path == "/trickle":  # headers a byte at a time: only an overall deadline ends it
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(100):
                self.wfile.write(b"X-Slow: y\r\n")
                self.wfile.flush()
                time.sleep(0.1)
            self.close_connection = True
        else:
            self._send(404, b"no such page", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], family: socket.AddressFamily) -> None:
        self.address_family = family
        self.lock = threading.Lock()
        self.requests: list[tuple[str, dict[str, str]]] = []
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up its own name (getfqdn): for ::1 that is a DNS query.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "localhost", int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class Canary:
    def __init__(self, host: str = "127.0.0.1", family: socket.AddressFamily = socket.AF_INET):
        self.server = _Server((host, 0), family)
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        with self.server.lock:
            return list(self.server.requests)

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    server = Canary()
    yield server
    server.close()


@pytest.fixture
def connects(canary: Canary, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Record each address the fetcher connects to, and send the connection to the canary
    instead: made-up public hosts can then be fetched without leaving loopback."""
    real = socket.create_connection
    seen: list[tuple[str, int]] = []

    def to_canary(address: tuple[str, int], timeout: float | None = None) -> socket.socket:
        seen.append(address)
        return real(("127.0.0.1", canary.port), timeout)

    monkeypatch.setattr(socket, "create_connection", to_canary)
    return seen


def public(host: str, port: int) -> list[str]:
    return [PUBLIC]


def no_lookup(host: str, port: int) -> list[str]:
    raise AssertionError(f"{host} should not have been resolved")


def refused(call: Callable[[], object], code: str) -> str:
    with pytest.raises(SaysoError) as info:
        call()
    message = str(info.value)
    assert f"[{code}]" in message, message
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.mark.parametrize("template", LOOPBACK_SPELLINGS)
def test_loopback_in_any_spelling_is_refused_before_any_request(
    canary: Canary, template: str
) -> None:
    url = template.format(port=canary.port)
    message = refused(lambda: fetch(url, timeout=2), "E108")
    assert message.startswith(url)  # the source is the URL the analyst gave
    assert canary.requests == []


@pytest.mark.parametrize(
    "template", [t for t in LOOPBACK_SPELLINGS if "0.0.0.0" not in t and "ffff" not in t]
)
def test_the_same_spellings_do_reach_the_canary_when_private_is_allowed(
    canary: Canary, template: str
) -> None:
    """The refusals above are real: each spelling is a way to the canary."""
    fetched = fetch(template.format(port=canary.port), allow_private=True, timeout=3)
    assert fetched.data == PAGE and canary.paths == ["/"]


def test_ipv6_loopback_is_refused() -> None:
    try:
        server = Canary("::1", socket.AF_INET6)
    except OSError:
        pytest.skip("no IPv6 loopback here")
    try:
        refused(lambda: fetch(f"http://[::1]:{server.port}/", timeout=2), "E108")
        assert server.requests == []
        fetched = fetch(f"http://[::1]:{server.port}/", allow_private=True, timeout=3)
        assert fetched.data == PAGE and server.paths == ["/"]
    finally:
        server.close()


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "100.64.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "0.0.0.0",
        "127.0.0.1",
        "198.18.0.1",
        "192.0.2.1",
        "240.0.0.1",
        "::",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "2001:db8::1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "64:ff9b::7f00:1",
        "64:ff9b::a00:1",
        "2002:7f00:1::",
        "2002:a9fe:a9fe::",
        "2001:0:4136:e378:8000:63bf:80ff:fffe",
        "not-an-address",
    ],
)
def test_check_address_refuses_non_public_addresses(address: str) -> None:
    message = refused(lambda: check_address(address), "E108")
    assert address in message


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "2606:4700::1111", "1.1.1.1", "::ffff:93.184.216.34"]
)
def test_check_address_accepts_public_addresses(address: str) -> None:
    check_address(address)


def test_allow_private_lets_private_through_but_never_multicast_or_unspecified() -> None:
    for address in ["10.0.0.1", "127.0.0.1", "::1", "169.254.169.254", "::ffff:192.168.1.1"]:
        check_address(address, allow_private=True)
    for address in ["224.0.0.1", "0.0.0.0", "::", "255.255.255.255", "ff02::1"]:
        refused(partial(check_address, address, allow_private=True), "E108")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1:{port}/",
        "gopher://127.0.0.1:{port}/_GET",
        "http://user:pw@example.com/",
        "http://user@example.com/",
        "https://:pw@example.com/",
        "http:///no-host",
        "javascript:alert(1)",
        "//example.com/",
        "http://[::1/",
    ],
)
def test_schemes_credentials_and_bad_urls_are_refused(canary: Canary, url: str) -> None:
    url = url.format(port=canary.port)
    refused(lambda: fetch(url, allow_private=True, resolve=no_lookup, timeout=2), "E108")
    assert canary.requests == []


def test_a_private_fetch_returns_the_page(canary: Canary) -> None:
    fetched = fetch(canary.url(), allow_private=True, timeout=3)
    assert fetched == Fetched(canary.url(), PAGE, "text/html")
    [(path, headers)] = canary.requests
    assert path == "/"
    assert headers["User-Agent"] == "sayso (news analysis)"
    assert headers["Accept-Encoding"] == "identity"
    assert headers["Host"] == f"127.0.0.1:{canary.port}"


def test_a_missing_content_type_is_accepted(canary: Canary) -> None:
    fetched = fetch(canary.url("/plain"), allow_private=True, timeout=3)
    assert (fetched.data, fetched.content_type) == (b"just text", "")


def test_redirects_are_followed_to_the_final_url(canary: Canary) -> None:
    url = canary.url("/hop?to=" + canary.url("/chain?n=1"))
    fetched = fetch(url, allow_private=True, timeout=3)
    assert fetched.url == canary.url("/chain?n=0") and fetched.data == PAGE
    assert canary.paths[1:] == ["/chain?n=1", "/chain?n=0"]


def test_more_redirects_than_allowed_are_refused(canary: Canary) -> None:
    assert fetch(canary.url("/chain?n=2"), allow_private=True, max_redirects=2).data == PAGE
    message = refused(
        lambda: fetch(canary.url("/chain?n=3"), allow_private=True, max_redirects=2), "E108"
    )
    assert "redirect" in message
    assert canary.paths[-3:] == ["/chain?n=3", "/chain?n=2", "/chain?n=1"]  # never n=0


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:{port}/",
        "http://2130706433/",
        "http://[::1]/",
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "http://user:pw@example.org/",
        "gopher://example.org/",
        "http://0x7f.1/",
    ],
)
def test_each_redirect_hop_is_checked_again(canary: Canary, location: str) -> None:
    location = location.format(port=canary.port)
    refused(
        lambda: fetch_module._next_url(
            "https://news.example/a", location, allow_private=False, resolve=public
        ),
        "E108",
    )


def test_a_redirect_to_a_public_url_passes_the_check() -> None:
    hop = fetch_module._next_url(
        "http://news.example/a/b", "https://example.org/x", allow_private=False, resolve=public
    )
    assert (hop.url, hop.host, hop.port, hop.addresses) == (
        "https://example.org/x",
        "example.org",
        443,
        (PUBLIC,),
    )
    relative = fetch_module._next_url(
        "http://news.example/a/b", "../c?d=1", allow_private=False, resolve=public
    )
    assert (relative.url, relative.path) == ("http://news.example/c?d=1", "/c?d=1")


def test_a_public_page_redirecting_to_loopback_is_refused_at_the_hop(
    canary: Canary, connects: list[tuple[str, int]]
) -> None:
    target = canary.url("/")
    url = f"http://news.example/hop?to={target}"
    message = refused(lambda: fetch(url, resolve=public, timeout=3), "E108")
    assert "127.0.0.1" in message
    assert canary.paths == [f"/hop?to={target}"]  # the hop, never the loopback page
    assert connects == [(PUBLIC, 80)]


def test_every_resolved_address_is_checked(connects: list[tuple[str, int]]) -> None:
    def mixed(host: str, port: int) -> list[str]:
        return [PUBLIC, "10.0.0.1"]

    refused(lambda: fetch("http://mixed.example/", resolve=mixed, timeout=2), "E108")
    assert connects == []


def test_dns_rebinding_connects_to_the_checked_address_with_one_lookup_per_hop(
    canary: Canary, connects: list[tuple[str, int]]
) -> None:
    calls: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return [PUBLIC] if len(calls) == 1 else ["127.0.0.1"]

    fetched = fetch("http://rebind.example/", resolve=rebinding, timeout=3)
    assert fetched.data == PAGE and calls == ["rebind.example"]
    assert connects == [(PUBLIC, 80)]  # the checked address, not a fresh (loopback) answer
    assert canary.requests[0][1]["Host"] == "rebind.example"

    # A redirect is a new hop: one new lookup, checked again, so the rebinding shows and stops.
    calls.clear()
    refused(lambda: fetch("http://rebind.example/hop?to=/", resolve=rebinding), "E108")
    assert calls == ["rebind.example", "rebind.example"] and len(canary.requests) == 2


def test_one_lookup_per_hop_on_a_redirect_chain(
    canary: Canary, connects: list[tuple[str, int]]
) -> None:
    calls: list[str] = []

    def counting(host: str, port: int) -> list[str]:
        calls.append(host)
        return [PUBLIC]

    fetched = fetch("http://news.example:8080/chain?n=3", resolve=counting, timeout=3)
    assert fetched.url == "http://news.example:8080/chain?n=0"
    assert len(calls) == 4 and connects == [(PUBLIC, 8080)] * 4


def test_a_body_over_the_cap_by_content_length_is_refused_unread(canary: Canary) -> None:
    message = refused(
        lambda: fetch(canary.url("/huge"), allow_private=True, max_bytes=100_000, timeout=3), "E105"
    )
    assert "20000000" in message


@pytest.mark.parametrize("mode", ["chunked", "close"])
def test_a_streamed_body_over_the_cap_is_cut(canary: Canary, mode: str) -> None:
    url = canary.url(f"/stream?mode={mode}")
    refused(lambda: fetch(url, allow_private=True, max_bytes=50_000, timeout=3), "E105")
    assert len(fetch(url, allow_private=True, max_bytes=200_000, timeout=3).data) == 200_000


def test_a_binary_content_type_is_refused(canary: Canary) -> None:
    message = refused(lambda: fetch(canary.url("/png"), allow_private=True, timeout=3), "E106")
    assert "image/png" in message


def test_an_http_error_status_is_unreadable(canary: Canary) -> None:
    message = refused(lambda: fetch(canary.url("/nope"), allow_private=True, timeout=3), "E101")
    assert "404" in message


def test_a_closed_port_is_unreadable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused(lambda: fetch(f"http://127.0.0.1:{port}/", allow_private=True, timeout=2), "E101")


def _timed_refusal(url: str) -> float:
    start = time.monotonic()
    message = refused(lambda: fetch(url, allow_private=True, timeout=1), "E101")
    assert "timed out" in message
    return time.monotonic() - start


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)  # connections queue, nothing is ever read or sent
        assert _timed_refusal(f"http://127.0.0.1:{silent.getsockname()[1]}/") < 2.0


def test_one_deadline_bounds_a_server_that_trickles(canary: Canary) -> None:
    assert _timed_refusal(canary.url("/trickle")) < 2.0


@pytest.fixture
def tls_listener(tmp_path: Path) -> Iterator[tuple[int, list[str | None]]]:
    """A TLS server with a self-signed certificate that records the SNI it is sent."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=secure.example",
            "-days",
            "1",
        ],
        check=True,
        capture_output=True,
        timeout=20,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []

    def record_sni(_sock: ssl.SSLObject, name: str | None, _ctx: ssl.SSLContext) -> None:
        names.append(name)

    context.sni_callback = record_sni
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)

    def serve() -> None:
        try:
            conn, _ = listener.accept()
            with conn:
                context.wrap_socket(conn, server_side=True).close()
        except (OSError, ssl.SSLError):
            pass  # the client rejects the certificate, as it should

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], names
    thread.join(5)
    listener.close()


def test_https_uses_the_host_name_for_sni_and_checks_the_certificate(
    tls_listener: tuple[int, list[str | None]],
) -> None:
    port, names = tls_listener

    def loopback(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    url = f"https://secure.example:{port}/"
    message = refused(lambda: fetch(url, allow_private=True, resolve=loopback, timeout=3), "E101")
    assert "CERTIFICATE_VERIFY_FAILED" in message  # self-signed: not trusted
    assert names == ["secure.example"]
