"""Every limit and switch of ``sayso serve`` in one frozen object, so that the
server, its checks and its jobs read the same numbers (and tests can lower them)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sayso.errors import ConfigError
from sayso.pipeline import Settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
MIN_TOKEN_LENGTH = 16  # about 95 bits from `secrets.token_urlsafe(12)`; guessing is hopeless


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """What ``sayso serve`` allows. Defaults are the safe ones."""

    token: str | None = field(default=None, repr=False)  # writes need it; None: read-only
    # Host names (with an optional :port) the server answers to; every other
    # Host header gets 400 before any handler runs (DNS rebinding).
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    allow_private_fetch: bool = False  # fetch URLs on loopback, private and link-local nets
    # The analysis of every page added through the app: sides (`serve --sides`),
    # minimum confidence, claims, and the size of one page. The CLI builds it once.
    analysis: Settings = field(default_factory=Settings)
    max_body_bytes: int = 25_000_000  # one upload request, all its files together
    max_form_bytes: int = 65_536  # every other form and JSON body (log-in, review)
    fetch_timeout_s: float = 15.0  # the whole fetch of one URL, redirects included
    max_redirects: int = 5
    page_time_limit_s: float = 300.0  # one page's analysis, then it is stopped (E109)
    worker_start_limit_s: float = 300.0  # loading the models in a job worker
    max_queued_jobs: int = 20  # jobs waiting to run; one more is refused (E501)
    workers: int = 1  # jobs run one at a time by default: analysis is CPU-bound
    session_ttl_s: float = 8 * 3600.0  # a log-in lasts a working day
    max_sessions: int = 10_000  # anonymous sessions included: the oldest go first
    login_free_failures: int = 5  # failed log-ins per client before back-off starts
    login_max_delay_s: float = 60.0  # the back-off doubles up to this (1 try a minute)

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < MIN_TOKEN_LENGTH:
            raise ConfigError(
                f"the token is {len(self.token)} characters long; use at least "
                f"{MIN_TOKEN_LENGTH} (for example: python3 -c "
                "'import secrets; print(secrets.token_urlsafe(24))')"
            )

    @property
    def writable(self) -> bool:
        return bool(self.token)

    @property
    def max_page_bytes(self) -> int:
        """One page, pasted, uploaded or fetched: the analysis's own limit."""
        return self.analysis.max_bytes

    def with_host(self, host: str, extra_hosts: tuple[str, ...] = ()) -> ServeSettings:
        """These settings answering also to ``host`` (what --host binds) and ``extra_hosts``."""
        added = [h for h in (_bracketed(host), *extra_hosts) if h and h not in self.allowed_hosts]
        return replace(self, allowed_hosts=(*self.allowed_hosts, *added))


def _bracketed(host: str) -> str:
    """An IPv6 address as a Host header writes it: ``[::1]``."""
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host
