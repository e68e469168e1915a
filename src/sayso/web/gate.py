"""The gate every request passes before any handler runs (a plain ASGI middleware,
outermost of the app's own).

In order, and all before a byte of the body is read:

1. **Host**: only the names the server answers to (``ServeSettings.allowed_hosts``);
   anything else is 400, so a DNS-rebound name cannot read or write.
2. **Origin**: a form post must come from a page of this server: its Origin
   (or, when a browser sends none, its Referer) must be this server's own.
   Cookies ignore ports, so this is what stops a page on another local port.
3. **Who**: API writes need the bearer token, form posts a logged-in session
   (the log-in form: any session), with back-off after wrong tokens.
4. **Size**: a declared Content-Length over the route's limit is 413 at once;
   a body that streams past it is cut off with 413.

On the way out it adds the security headers, ``Cache-Control: no-store`` on
every page and API answer, the session cookie of a new session, and answers
HEAD as GET without a body.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, Response

from sayso.web.security import SECURITY_HEADERS, Guard, set_session_cookie
from sayso.web.settings import ServeSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The routes that take a whole page (or several) in their body.
PAGE_ROUTES = frozenset({"/add", "/api/articles", "/api/articles/upload"})
# Form posts that need a session but no log-in.
SESSION_ONLY_ROUTES = frozenset({"/login", "/logout"})
Refusal = tuple[int, str, dict[str, str]]


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a body streams past its limit."""


class Gate:
    def __init__(self, app: ASGIApp, settings: ServeSettings, guard: Guard) -> None:
        self.app = app
        self.settings = settings
        self.guard = guard
        self.hosts = frozenset(h.lower() for h in settings.allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})
        head = scope["method"] == "HEAD"
        if head:  # answered as GET, without the body
            scope["method"] = "GET"
        request = Request(scope)
        state = {"started": False, "too_large": False}
        send = self._decorated(send, request, head, state)
        refusal = self._refusal(request)
        if refusal is not None:
            await _refusal_response(request, refusal)(scope, receive, send)
            return
        limit = self._body_limit(request)
        try:
            await self.app(scope, _capped(receive, limit, state), send)
        except BodyTooLarge:
            pass
        if state["too_large"] and not state["started"]:
            state["too_large"] = False  # let our own answer through
            await _too_large(request, limit)(scope, receive, send)

    # ------------------------------------------------------------ before

    def _refusal(self, request: Request) -> Refusal | None:
        if not self._host_allowed(request.headers.get("host", "")):
            return 400, "unknown Host: this server answers only to its own names", {}
        if request.method in SAFE_METHODS:
            return None
        limit = self._body_limit(request)
        try:
            if request.url.path.startswith("/api/"):
                self._check_bearer(request)
            else:
                self._check_form(request)
        except HTTPException as exc:
            return exc.status_code, str(exc.detail), dict(exc.headers or {})
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return 413, f"the request body is over its limit of {limit:,} bytes", {}
        return None

    def _host_allowed(self, host: str) -> bool:
        host = host.strip().lower()
        if host in self.hosts:
            return True
        name, _, port = host.rpartition(":")
        return bool(name) and port.isdigit() and name in self.hosts

    def _check_bearer(self, request: Request) -> None:
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        given = credentials.strip() if scheme.lower() == "bearer" else None
        self.guard.require_token(request, given)

    def _check_form(self, request: Request) -> None:
        if not _same_origin(request):
            raise HTTPException(403, "the form was not sent from this server's own page")
        session = self.guard.session(request)
        if session is None:
            raise HTTPException(403, "no session: reload the page and try again")
        path = request.url.path.rstrip("/") or "/"
        if path == "/login":
            self.guard.require_no_back_off(request)
        elif path not in SESSION_ONLY_ROUTES and not self.guard.logged_in(request):
            raise HTTPException(401, "log in with the server's token to make changes")

    def _body_limit(self, request: Request) -> int:
        path = request.url.path.rstrip("/")
        if path in PAGE_ROUTES:
            return self.settings.max_body_bytes
        return self.settings.max_form_bytes

    # ------------------------------------------------------------ after

    def _decorated(self, send: Send, request: Request, head: bool, state: dict[str, bool]) -> Send:
        dynamic = not request.url.path.startswith("/static/")

        async def decorated(message: Message) -> None:
            if state["too_large"]:
                return  # the app's answer to a body cut short: 413 replaces it
            if message["type"] == "http.response.start":
                state["started"] = True
                message["headers"] = self._headers(request, message, dynamic)
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        return decorated

    def _headers(
        self, request: Request, message: Message, dynamic: bool
    ) -> list[tuple[bytes, bytes]]:
        headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
        present = {name.lower() for name, _ in headers}
        extra = dict(SECURITY_HEADERS)
        if dynamic:
            extra["Cache-Control"] = "no-store"
        for name, value in extra.items():
            if name.lower().encode() not in present:
                headers.append((name.lower().encode(), value.encode()))
        new_session = request.scope["state"].get("new_session")
        if new_session is not None:
            cookie = Response()
            set_session_cookie(request, cookie, new_session)
            headers.extend(
                (name, value) for name, value in cookie.raw_headers if name == b"set-cookie"
            )
        return headers


def _same_origin(request: Request) -> bool:
    """The request comes from one of this server's pages: its Origin, or
    failing that its Referer, is this server (scheme, host and port)."""
    own = f"{request.url.scheme}://{request.headers.get('host', '').lower()}"
    origin = request.headers.get("origin")
    if origin is not None:
        return origin.lower() == own
    referer = request.headers.get("referer", "").lower()
    return referer == own or referer.startswith(own + "/")


def _capped(receive: Receive, limit: int, state: dict[str, bool]) -> Receive:
    seen = 0

    async def capped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                state["too_large"] = True
                raise BodyTooLarge
        return message

    return capped


def _too_large(request: Request, limit: int) -> Response:
    return _refusal_response(
        request, (413, f"the request body is over its limit of {limit:,} bytes", {})
    )


def _refusal_response(request: Request, refusal: Refusal) -> Response:
    status, message, headers = refusal
    if request.url.path.startswith("/api/") or status == 400:
        return JSONResponse({"detail": message}, status, headers=headers)
    from sayso.web.pages import render  # the pages import the gate's neighbours

    return render(request, "error.html", status, status=status, message=message, headers=headers)
