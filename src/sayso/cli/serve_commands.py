"""`sayso serve`: the analyst's web app and JSON API over a store."""

from __future__ import annotations

import click

from sayso.cli.common import (
    conflict_option,
    db_option,
    guarded,
    lexicon_option,
    outlets_option,
    settings_from,
    sides_option,
)
from sayso.web.app import DEFAULT_HOST, DEFAULT_PORT
from sayso.web.security import TOKEN_ENV
from sayso.web.settings import MIN_TOKEN_LENGTH, ServeSettings


@click.command("serve")
@db_option
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    show_envvar=True,
    help=f"The token that writes (adding pages, reviews) need, at least {MIN_TOKEN_LENGTH} "
    "characters; without it the app is read-only.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Another host name the server answers to (besides 127.0.0.1, localhost, [::1] "
    "and --host), e.g. behind a reverse proxy; repeatable. Others get 400.",
)
@click.option(
    "--allow-private-fetch",
    is_flag=True,
    help="Let 'add a page by URL' fetch loopback, private and link-local addresses "
    "(an intranet). Off by default: the server fetches public addresses only.",
)
@sides_option
@conflict_option
@lexicon_option
@outlets_option
@click.option(
    "--page-time-limit",
    type=click.FloatRange(1, None),
    default=ServeSettings().page_time_limit_s,
    show_default=True,
    help="Seconds one added page may take to analyse before it is stopped ([E109]).",
)
def serve(
    db: str,
    host: str,
    port: int,
    token: str | None,
    allowed_hosts: tuple[str, ...],
    allow_private_fetch: bool,
    sides: tuple[str, ...],
    conflict: str | None,
    lexicons: tuple[str, ...],
    outlets: tuple[str, ...],
    page_time_limit: float,
) -> None:
    """Serve the web app (articles, people, claims, events, search, review) and
    its JSON API (/api/, schema at /api/openapi.json) over the store.

    Binds to 127.0.0.1 unless --host says otherwise: the app is for this machine.
    The threat model and every defence: docs/security.md.
    """

    @guarded
    def run() -> None:
        import uvicorn

        from sayso.web import create_app

        settings = ServeSettings(
            token=token or None,
            # pages added in the app: the same words and outlets
            analysis=settings_from(sides, 0.0, lexicons, outlets, conflict=conflict),
            allow_private_fetch=allow_private_fetch,
            page_time_limit_s=page_time_limit,
        ).with_host(host, allowed_hosts)
        app = create_app(db, settings=settings)
        mode = "writes need the token" if token else "read-only (no --token)"
        click.echo(f"sayso serving {db} at http://{host}:{port}/ ({mode})", err=True)
        # No proxy headers: X-Forwarded-For from a local client would choose the
        # client address that log-in back-off counts by.
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)

    run()
