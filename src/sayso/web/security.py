"""Who may write, and proof that a form came from our own page.

Reading needs nothing. Writing (adding pages, reviewing accounts) needs the
token the server was started with (``--token`` or ``SAYSO_TOKEN``, at least 16
characters); a server started without one refuses every write.

- The JSON API takes it as ``Authorization: Bearer TOKEN``. No cookie is read
  there, so a page elsewhere cannot make the browser write for it.
- The pages' forms: the analyst logs in once with the token and a name. The
  browser then holds only a random session id (HttpOnly, SameSite=Strict,
  ``__Host-`` under HTTPS); the session lives on the server, expires, and is
  revoked by logging out. Each session has its own CSRF token (synchronizer
  pattern), which every form carries; cookies ignore ports, so a page on
  another port of this host can set our cookies, but it cannot learn a session's
  CSRF token, and its requests fail the Origin check (web/gate.py) first.
- Failed log-ins and bearer tokens back off per client: after a few, each
  further try waits twice as long (429 with Retry-After).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace

from fastapi import HTTPException, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sayso.web.settings import ServeSettings

SESSION_COOKIE = "sayso_session"
SECURE_SESSION_COOKIE = "__Host-sayso_session"  # under HTTPS: no subdomain or path can set it
CSRF_FIELD = "csrf_token"
TOKEN_ENV = "SAYSO_TOKEN"

bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")


@dataclass(frozen=True, slots=True)
class Session:
    """One browser's session: its id (the cookie), its CSRF token, and the
    reviewer's name once logged in."""

    session_id: str
    csrf: str
    expires: float
    reviewer: str | None = None

    @property
    def logged_in(self) -> bool:
        return self.reviewer is not None


class Sessions:
    """Server-side sessions, safe from any thread. Anonymous sessions (a log-in
    form's CSRF token) are bounded and the oldest go first; a flood of them
    never evicts a logged-in one."""

    def __init__(self, ttl_s: float, max_anonymous: int) -> None:
        self.ttl_s = ttl_s
        self.max_anonymous = max_anonymous
        self._anonymous: OrderedDict[str, Session] = OrderedDict()
        self._logged_in: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        with self._lock:
            found = self._logged_in.get(session_id) or self._anonymous.get(session_id)
            if found is not None and found.expires <= time.time():
                self._drop(session_id)
                return None
            return found

    def new(self) -> Session:
        session = self._fresh()
        with self._lock:
            self._anonymous[session.session_id] = session
            while len(self._anonymous) > self.max_anonymous:
                self._anonymous.popitem(last=False)
        return session

    def log_in(self, previous: Session | None, reviewer: str) -> Session:
        """A new session id for the logged-in analyst (the old one is revoked:
        a session id planted before log-in is worth nothing after it)."""
        if previous is not None:
            self.revoke(previous.session_id)
        session = replace(self._fresh(), reviewer=reviewer)
        with self._lock:
            self._purge_expired()
            self._logged_in[session.session_id] = session
        return session

    def revoke(self, session_id: str) -> None:
        with self._lock:
            self._drop(session_id)

    def _fresh(self) -> Session:
        return Session(
            session_id=secrets.token_urlsafe(32),
            csrf=secrets.token_urlsafe(32),
            expires=time.time() + self.ttl_s,
        )

    def _drop(self, session_id: str) -> None:
        self._logged_in.pop(session_id, None)
        self._anonymous.pop(session_id, None)

    def _purge_expired(self) -> None:
        now = time.time()
        for session_id in [k for k, s in self._logged_in.items() if s.expires <= now]:
            del self._logged_in[session_id]


class Throttle:
    """Back-off per client after failed token checks: ``free`` failures, then
    each one doubles the wait (1 s, 2 s, 4 s ...) up to ``max_delay_s``."""

    def __init__(self, free: int, max_delay_s: float) -> None:
        self.free = free
        self.max_delay_s = max_delay_s
        self._failures: dict[str, tuple[int, float]] = {}  # client: (count, time of the last)
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> float:
        """Seconds the client must still wait before its next try (0: may try now)."""
        with self._lock:
            count, last = self._failures.get(client, (0, 0.0))
        if count < self.free:
            return 0.0
        delay = min(self.max_delay_s, 2.0 ** (count - self.free))
        return max(0.0, last + delay - time.monotonic())

    def failed(self, client: str) -> None:
        with self._lock:
            count, _ = self._failures.get(client, (0, 0.0))
            self._failures[client] = (count + 1, time.monotonic())
            if len(self._failures) > 100_000:  # a bound on memory, whatever the clients
                self._failures.pop(next(iter(self._failures)))

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class Guard:
    """The write token (None: writes are refused), the sessions and the checks
    that use them."""

    def __init__(self, settings: ServeSettings) -> None:
        self.token = settings.token
        self.sessions = Sessions(settings.session_ttl_s, settings.max_sessions)
        self.throttle = Throttle(settings.login_free_failures, settings.login_max_delay_s)

    @property
    def writable(self) -> bool:
        return bool(self.token)

    def token_matches(self, given: str | None) -> bool:
        if not self.token or not given:
            return False
        return hmac.compare_digest(given.encode(), self.token.encode())

    def require_no_back_off(self, request: Request) -> None:
        """429 with Retry-After while the client must wait after wrong tokens."""
        wait = self.throttle.retry_after(client_of(request))
        if wait > 0:
            raise HTTPException(
                429,
                f"too many wrong tokens: wait {wait:.0f} s",
                headers={"Retry-After": str(int(wait) + 1)},
            )

    def check_token(self, request: Request, given: str | None) -> bool:
        """Compare a token that a client offers, with back-off: 429 while the
        client must wait, False (and one more failure) when it is wrong."""
        self.require_no_back_off(request)
        if self.token_matches(given):
            self.throttle.succeeded(client_of(request))
            return True
        self.throttle.failed(client_of(request))
        return False

    def require_bearer(
        self, request: Request, credentials: HTTPAuthorizationCredentials | None
    ) -> None:
        """For the JSON API's writes (checked by the gate before the body, and here)."""
        self.require_token(request, credentials.credentials if credentials is not None else None)

    def require_token(self, request: Request, given: str | None) -> None:
        """403 when writes are off, 429 while the client backs off, 401 unless
        ``given`` is the token."""
        if not self.writable:
            raise HTTPException(403, "writes are disabled: start sayso serve with --token")
        if not self.check_token(request, given):
            raise HTTPException(
                401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"}
            )

    def session(self, request: Request) -> Session | None:
        """The request's live session, if its cookie names one."""
        cached: Session | None = getattr(request.state, "session", None)
        if cached is not None:
            return cached
        found = self.sessions.get(request.cookies.get(session_cookie(request)))
        if found is not None:
            request.state.session = found
        return found

    def logged_in(self, request: Request) -> bool:
        found = self.session(request)
        return self.writable and found is not None and found.logged_in

    def reviewer(self, request: Request) -> str:
        found = self.session(request)
        return (found.reviewer if found else None) or "analyst"

    def csrf_token(self, request: Request) -> str:
        """The CSRF token for this request's forms: its session's, or a new
        anonymous session's (its cookie is set by the gate on the way out)."""
        found = self.session(request)
        if found is None:
            found = self.sessions.new()
            request.state.session = found
            request.state.new_session = found
        return found.csrf

    def require_form(self, request: Request, csrf: str | None, *, login: bool = True) -> Session:
        """For the pages' forms: the session's CSRF token first (403), then the log-in (401)."""
        found = self.session(request)
        if found is None or not csrf or not hmac.compare_digest(csrf.encode(), found.csrf.encode()):
            raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page")
        if login and not (self.writable and found.logged_in):
            raise HTTPException(401, "log in with the server's token to make changes")
        return found

    def log_in(self, request: Request, response: Response, reviewer: str) -> None:
        session = self.sessions.log_in(self.session(request), reviewer[:100])
        set_session_cookie(request, response, session)

    def log_out(self, request: Request, response: Response) -> None:
        found = self.session(request)
        if found is not None:
            self.sessions.revoke(found.session_id)
        response.delete_cookie(session_cookie(request), path="/")


def session_cookie(request: Request) -> str:
    return SECURE_SESSION_COOKIE if request.url.scheme == "https" else SESSION_COOKIE


def set_session_cookie(request: Request, response: Response, session: Session) -> None:
    response.set_cookie(
        session_cookie(request),
        session.session_id,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


# Every asset is ours: no CDN, no inline script, nothing framed or framing.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
