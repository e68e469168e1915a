"""The web app: ``create_app(db_path, token)`` gives a FastAPI app with the
analyst's pages, the JSON API under ``/api/`` (OpenAPI at ``/api/openapi.json``)
and its own static assets (htmx, Leaflet, the offline world map): nothing is
loaded from another site."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from sayso import __version__
from sayso.errors import BadListRequest
from sayso.store import Store
from sayso.web import api, api_lists, pages
from sayso.web.data import side_colour, source_label
from sayso.web.gate import Gate
from sayso.web.jobs import Jobs
from sayso.web.security import Guard
from sayso.web.settings import ServeSettings

DEFAULT_HOST = "127.0.0.1"  # only this machine, unless the analyst says otherwise
DEFAULT_PORT = 8000


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("sayso.web").joinpath(name)))


def create_app(
    db_path: str | Path, token: str | None = None, settings: ServeSettings | None = None
) -> FastAPI:
    """The app over the store at ``db_path`` (created when missing). Writes
    (adding pages, reviews) need the token (``settings.token``, or ``token``);
    without one they are refused. ``settings`` holds every limit (web/settings.py)."""
    settings = settings or ServeSettings(token=token or None)
    Store(db_path).close()  # fail now, not on the first request, if it is no sayso store
    jobs = Jobs(str(db_path), settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()

    app = FastAPI(
        title="sayso",
        version=__version__,
        summary="Who said what, on which side: accounts, claims, events and actors.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load assets from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    guard = Guard(settings)
    app.state.db_path = str(db_path)
    app.state.settings = settings
    app.state.guard = guard
    app.state.jobs = jobs
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_package_dir("templates")),
        autoescape=True,  # every template, whatever its name: article text is untrusted
    )
    environment.globals.update(
        side_colour=side_colour,
        source_label=source_label,
        csrf_token=guard.csrf_token,
        version=__version__,
        guard=guard,
    )
    app.state.templates = Jinja2Templates(env=environment)
    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")
    app.include_router(api_lists.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    # Outermost of the app's own: Host, Origin, auth and size are checked before
    # any handler runs or any body is read.
    app.add_middleware(Gate, settings=settings, guard=guard)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(BadListRequest, _bad_list)  # type: ignore[arg-type]
    jobs.start()
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    message = (
        "No such page." if exc.status_code == 404 and exc.detail == "Not Found" else exc.detail
    )
    return pages.render(
        request,
        "error.html",
        exc.status_code,
        status=exc.status_code,
        message=str(message),
        headers=exc.headers,
    )


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": jsonable(exc.errors())}, 422)
    return pages.render(request, "error.html", 422, status=422, message="The request is not valid.")


async def _bad_list(request: Request, exc: BadListRequest) -> Response:
    """A cursor a list did not give, a sort it does not have: 400, saying which."""
    return await _http_error(request, StarletteHTTPException(400, exc.message))


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)
