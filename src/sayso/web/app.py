"""The web app: ``create_app(db_path, token)`` gives a FastAPI app with the
analyst's pages, the JSON API under ``/api/`` (OpenAPI at ``/api/openapi.json``)
and its own static assets (htmx, Leaflet, the offline world map): nothing is
loaded from another site."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

import jinja2
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sayso import __version__
from sayso.store import Store
from sayso.web import api, pages
from sayso.web.data import side_colour
from sayso.web.jobs import Jobs
from sayso.web.security import SECURITY_HEADERS, Guard, csrf_token, set_csrf_cookie

DEFAULT_HOST = "127.0.0.1"  # only this machine, unless the analyst says otherwise
DEFAULT_PORT = 8000


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("sayso.web").joinpath(name)))


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """The app over the store at ``db_path`` (created when missing). Writes
    (adding pages, reviews) need ``token``; without one they are refused."""
    Store(db_path).close()  # fail now, not on the first request, if it is no sayso store
    app = FastAPI(
        title="sayso",
        version=__version__,
        summary="Who said what, on which side: accounts, claims, events and actors.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load assets from a CDN
        redoc_url=None,
    )
    app.state.db_path = str(db_path)
    app.state.guard = Guard(token or None)
    app.state.jobs = Jobs(str(db_path))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_package_dir("templates")),
        autoescape=True,  # every template, whatever its name: article text is untrusted
    )
    templates = Jinja2Templates(env=environment)
    environment.globals.update(side_colour=side_colour, csrf_token=csrf_token, version=__version__)
    environment.globals["guard"] = app.state.guard
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.middleware("http")(_headers)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    return app


async def _headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    set_csrf_cookie(request, response)
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    return pages.render(
        request, "error.html", exc.status_code, status=exc.status_code, message=str(exc.detail)
    )


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": jsonable(exc.errors())}, 422)
    return pages.render(request, "error.html", 422, status=422, message="The request is not valid.")


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)
