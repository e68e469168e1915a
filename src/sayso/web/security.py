"""Who may write, and proof that a form came from our own page.

Reading needs nothing. Writing (adding pages, reviewing accounts) needs the
token the server was started with (``--token`` or ``SAYSO_TOKEN``); a server
started without one refuses every write.

- The JSON API takes it as ``Authorization: Bearer TOKEN``. No cookie is read
  there, so a page on another site cannot make the browser write for it.
- The pages' forms: the analyst logs in once with the token and a name (the
  reviewer recorded with their corrections); the browser then keeps an
  HttpOnly, SameSite=Strict cookie holding a keyed hash of the token, never the
  token itself. Every form also carries a CSRF token that must equal the one
  in the ``sayso_csrf`` cookie (double submit), checked before anything else.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import quote, unquote

from fastapi import HTTPException, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

AUTH_COOKIE = "sayso_auth"
REVIEWER_COOKIE = "sayso_reviewer"
CSRF_COOKIE = "sayso_csrf"
CSRF_FIELD = "csrf_token"
TOKEN_ENV = "SAYSO_TOKEN"

bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")


@dataclass(frozen=True, slots=True)
class Guard:
    """The write token (None: writes are refused) and the checks that use it."""

    token: str | None

    @property
    def writable(self) -> bool:
        return bool(self.token)

    def _session_value(self) -> str:
        assert self.token
        return hmac.new(self.token.encode(), b"sayso-session", hashlib.sha256).hexdigest()

    def token_matches(self, given: str | None) -> bool:
        if not self.token or not given:
            return False
        return hmac.compare_digest(given.encode(), self.token.encode())

    def require_bearer(self, credentials: HTTPAuthorizationCredentials | None) -> None:
        """For the JSON API's writes: 403 when writes are off, 401 without the token."""
        if not self.writable:
            raise HTTPException(403, "writes are disabled: start sayso serve with --token")
        if credentials is None or not self.token_matches(credentials.credentials):
            raise HTTPException(
                401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"}
            )

    def logged_in(self, request: Request) -> bool:
        cookie = request.cookies.get(AUTH_COOKIE)
        if not self.writable or not cookie:
            return False
        return hmac.compare_digest(cookie.encode(), self._session_value().encode())

    def log_in(self, response: Response, reviewer: str) -> None:
        response.set_cookie(
            AUTH_COOKIE, self._session_value(), httponly=True, samesite="strict", path="/"
        )
        response.set_cookie(
            REVIEWER_COOKIE, quote(reviewer[:100]), httponly=True, samesite="strict", path="/"
        )

    @staticmethod
    def log_out(response: Response) -> None:
        response.delete_cookie(AUTH_COOKIE, path="/")
        response.delete_cookie(REVIEWER_COOKIE, path="/")

    @staticmethod
    def reviewer(request: Request) -> str:
        return unquote(request.cookies.get(REVIEWER_COOKIE) or "") or "analyst"

    def require_form(self, request: Request, csrf: str | None, *, login: bool = True) -> None:
        """For the pages' forms: the CSRF token first (403), then the login (401)."""
        check_csrf(request, csrf)
        if login and not self.logged_in(request):
            raise HTTPException(401, "log in with the server's token to make changes")


def csrf_token(request: Request) -> str:
    """The browser's CSRF token: its cookie's, or a new one (set by the middleware)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing:
        return existing
    token: str | None = getattr(request.state, "csrf", None)
    if token is None:
        token = secrets.token_urlsafe(32)
        request.state.csrf = token
    return token


def check_csrf(request: Request, given: str | None) -> None:
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not given or not hmac.compare_digest(cookie.encode(), given.encode()):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page")


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Called on every response: give the browser its CSRF cookie once."""
    token = getattr(request.state, "csrf", None)
    if token and not request.cookies.get(CSRF_COOKIE):
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")


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
