"""Server-side fetching of a URL an analyst gives, without becoming a proxy into our network.

``sayso serve`` fetches pages by URL ("add a page by URL"). A naive ``urlopen`` turns that into
server-side request forgery with read-back: anyone who can submit a URL can make the server
fetch ``http://127.0.0.1:PORT/``, a cloud metadata service at 169.254.169.254 or an intranet
host, and then read the answer in the app. Odd spellings of an address (``2130706433``,
``0177.0.0.1``, ``127.1``, ``[::ffff:127.0.0.1]``) and redirects to such places do the same.

So every hop is checked here: http(s) only, no credentials in the URL, and every address the
host name resolves to must be public. The connection then goes to the very address that was
checked, never through a second DNS lookup, because a name can answer a public address to the
check and a private one to the connect (DNS rebinding). The Host header, TLS SNI and the
certificate check still use the host name. One deadline bounds the whole fetch, and the body is
read in chunks up to a size cap.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from sayso.errors import FetchRefused, InputTooLarge, UnreadableInput, UnsupportedInput

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

USER_AGENT = "sayso (news analysis)"
PAGE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml"}
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# Named non-public ranges that ipaddress does not flag on its own, or flags only as "not global".
_NETS = (
    ("100.64.0.0/10", "shared (CGNAT)"),
    ("198.18.0.0/15", "benchmarking"),
    ("192.0.0.0/24", "IETF protocol"),
    ("64:ff9b:1::/48", "local NAT64"),
    ("192.0.2.0/24", "documentation"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("2001:db8::/32", "documentation"),
)
_NAMED = tuple((ipaddress.ip_network(net), why) for net, why in _NETS)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_V4_COMPATIBLE = ipaddress.ip_network("::/96")
# Never a web server, not even on an intranet: refused even with allow_private.
_ALWAYS_REFUSED = frozenset({"unspecified", "multicast", "broadcast"})


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the final URL after redirects
    data: bytes
    content_type: str  # the media type, lower-case, without parameters


@dataclass(frozen=True, slots=True)
class _Target:
    """One hop that passed every check: where to connect, and what to ask for."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]  # the checked addresses: the only ones ever connected to


def _embedded_v4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries, and through which its traffic can go."""
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)
    if ip in _NAT64 or (ip in _V4_COMPATIBLE and int(ip) > 1):
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return []


def _classify(ip: IPAddress) -> str | None:
    """Why the address is not public, or None. Each property is checked on its own because
    ``is_global`` alone lets multicast through."""
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in _embedded_v4(ip):
            if (why := _classify(inner)) is not None:
                return f"{why} (embedded {inner})"
    flags = (
        (ip.is_unspecified, "unspecified"),
        (ip.is_loopback, "loopback"),
        (ip.is_multicast, "multicast"),
        (ip == ipaddress.IPv4Address("255.255.255.255"), "broadcast"),
        (ip.is_link_local, "link-local"),
        (ip.is_private, "private"),
        (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local, "site-local"),
    )
    for flag, why in flags:
        if flag:
            return why
    for net, why in _NAMED:
        if ip.version == net.version and ip in net:
            return why
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return None  # judged by the IPv4 address it stands for, checked above
    if ip.is_reserved:
        return "reserved"
    return None if ip.is_global else "non-public"


def _problem(address: str, allow_private: bool) -> str | None:
    """What is wrong with connecting to ``address`` ("a loopback address"), or None."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    why = _classify(ip)
    if why is None or (allow_private and why.partition(" ")[0] not in _ALWAYS_REFUSED):
        return None
    return f"a {why} address"


def check_address(address: str, *, allow_private: bool = False) -> None:
    """Raise FetchRefused unless the server may connect to ``address`` (an IP string)."""
    if (problem := _problem(address, allow_private)) is not None:
        raise FetchRefused(f"{address} refused: {problem}; the server fetches public ones only")


def _getaddrinfo(host: str, port: int) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def _literal(host: str) -> str | None:
    """The address an IP-literal host stands for, odd spellings (127.1, 0x7f.0.0.1) included."""
    with contextlib.suppress(ValueError):
        return str(ipaddress.ip_address(host))
    with contextlib.suppress(OSError):  # inet_aton reads them exactly as the OS would
        return socket.inet_ntoa(socket.inet_aton(host))
    return None


def _target(url: str, *, allow_private: bool, resolve: Resolver, source: str) -> _Target:
    """Check a URL against every rule and resolve its host once, or raise FetchRefused."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise FetchRefused(f"not a valid URL ({exc})", source=source) from None
    if parts.scheme not in ("http", "https"):
        scheme = parts.scheme or "none"
        raise FetchRefused(f"scheme {scheme!r} refused: http(s) only", source=source)
    if "@" in parts.netloc:
        raise FetchRefused("credentials (user@) in a URL are refused", source=source)
    if not host or any(c.isspace() or not c.isprintable() for c in host):
        raise FetchRefused(f"no usable host in {url!r}", source=source)
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    literal = _literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = list(dict.fromkeys(resolve(host, port)))
        except (OSError, UnicodeError, ValueError) as exc:
            why = _one_line(exc)
            raise UnreadableInput(f"cannot resolve {host}: {why}", source=source) from None
        if not addresses:
            raise UnreadableInput(f"{host} resolves to no address", source=source)
    for address in addresses:  # every one: the connect may use any of them
        if (problem := _problem(address, allow_private)) is not None:
            via = "" if address == host else f" it resolves to {address},"
            raise FetchRefused(f"{host} refused:{via} {problem}; public only", source=source)
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~") + (
        "?" + quote(parts.query, safe="/%:@!$&'()*+,;=~?") if parts.query else ""
    )
    return _Target(url, parts.scheme, host, port, path, tuple(addresses))


def _next_url(
    current: str, location: str, *, allow_private: bool, resolve: Resolver, source: str = ""
) -> _Target:
    """The next hop of a redirect, checked like the first one."""
    url = urljoin(current, location.strip())
    return _target(url, allow_private=allow_private, resolve=resolve, source=source or url)


class _Clock:
    """One deadline for the whole fetch: all hops, connects and reads."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def timed_out(self, source: str) -> UnreadableInput:
        return UnreadableInput(f"timed out after {self.seconds:g} s", source=source)

    def left(self, source: str) -> float:
        if self.expired():
            raise self.timed_out(source)
        return self.deadline - time.monotonic()


def _connect(addresses: tuple[str, ...], port: int, timeout: float | None) -> socket.socket:
    """A socket to the first checked address that answers; no name is resolved here."""
    error: OSError = OSError("no address")
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as exc:
            error = exc
    raise error


class _Pinned(http.client.HTTPConnection):
    """A connection to the checked addresses, whatever the host name resolves to by now."""

    addresses: tuple[str, ...] = ()
    live: socket.socket | None = None  # kept after close() hands the socket to the response

    def connect(self) -> None:
        self.sock = self.live = self._wrap(_connect(self.addresses, self.port, self.timeout))

    def _wrap(self, raw: socket.socket) -> socket.socket:
        return raw


class _PinnedTLS(_Pinned, http.client.HTTPSConnection):
    def _wrap(self, raw: socket.socket) -> socket.socket:
        # SNI and the certificate check use the host name, not the address connected to.
        return ssl.create_default_context().wrap_socket(raw, server_hostname=self.host)


def _cut(conn: _Pinned) -> None:
    """At the deadline: wake a read that a slow server keeps alive byte by byte."""
    if conn.live is not None:
        with contextlib.suppress(OSError):  # the base method: no TLS state is touched
            socket.socket.shutdown(conn.live, socket.SHUT_RDWR)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _read(
    conn: _Pinned, resp: http.client.HTTPResponse, clock: _Clock, max_bytes: int, source: str
) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        if conn.live is not None:
            conn.live.settimeout(clock.left(source))
        chunk = resp.read1(_CHUNK)  # at most one recv: the deadline holds between chunks
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise InputTooLarge(f"body passes {max_bytes} bytes", source=source)
        chunks.append(chunk)
    if clock.expired():  # the cut ends the stream like an EOF: it is not the whole body
        raise clock.timed_out(source)
    return b"".join(chunks)


def _answer(
    conn: _Pinned,
    resp: http.client.HTTPResponse,
    target: _Target,
    clock: _Clock,
    max_bytes: int,
    source: str,
) -> Fetched | str:
    """The page, or the Location of a redirect."""
    if resp.status in _REDIRECTS:
        location = resp.getheader("Location")
        if not location:
            raise UnreadableInput(f"HTTP {resp.status} redirect without a Location", source=source)
        return location
    if not 200 <= resp.status < 300:
        raise UnreadableInput(f"HTTP {resp.status} {resp.reason} from {target.url}", source=source)
    media = (resp.getheader("Content-Type") or "").split(";")[0].strip().lower()
    if media and media not in PAGE_TYPES:
        raise UnsupportedInput(f"content type {media} is not a web page", source=source)
    length = (resp.getheader("Content-Length") or "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise InputTooLarge(f"Content-Length {length} passes {max_bytes} bytes", source=source)
    return Fetched(target.url, _read(conn, resp, clock, max_bytes, source), media)


def _hop(target: _Target, clock: _Clock, max_bytes: int, source: str) -> Fetched | str:
    kind = _PinnedTLS if target.scheme == "https" else _Pinned
    conn = kind(target.host, target.port, timeout=clock.left(source))
    conn.addresses = target.addresses
    watchdog = threading.Timer(clock.left(source), _cut, (conn,))
    watchdog.daemon = True
    watchdog.start()
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Connection": "close"}
    try:
        conn.request("GET", target.path, headers=headers)
        with conn.getresponse() as resp:
            return _answer(conn, resp, target, clock, max_bytes, source)
    except (OSError, http.client.HTTPException) as exc:
        if clock.expired() or isinstance(exc, TimeoutError):
            raise clock.timed_out(source) from None
        why = _one_line(exc)
        raise UnreadableInput(f"cannot fetch {target.url}: {why}", source=source) from None
    finally:
        watchdog.cancel()
        conn.close()
        if conn.live is not None:
            conn.live.close()


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    max_bytes: int = 10_000_000,
    max_redirects: int = 5,
    resolve: Resolver | None = None,
) -> Fetched:
    """Fetch a page by URL under the rules above; every refusal raises a SaysoError."""
    resolver = resolve or _getaddrinfo
    clock = _Clock(timeout)
    target = _target(url, allow_private=allow_private, resolve=resolver, source=url)
    for hop in range(max_redirects + 1):
        answer = _hop(target, clock, max_bytes, url)
        if isinstance(answer, Fetched):
            return answer
        if hop == max_redirects:
            break
        target = _next_url(
            target.url, answer, allow_private=allow_private, resolve=resolver, source=url
        )
    raise FetchRefused(f"refused after {max_redirects} redirects: too many hops", source=url)
