"""`sayso serve`: the analyst's web app and JSON API over a store."""

from __future__ import annotations

import click

from sayso.cli.common import db_option, guarded
from sayso.web.app import DEFAULT_HOST, DEFAULT_PORT
from sayso.web.security import TOKEN_ENV


@click.command("serve")
@db_option
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    show_envvar=True,
    help="The token that writes (adding pages, reviews) need; without it the app is read-only.",
)
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the web app (articles, people, claims, events, search, review) and
    its JSON API (/api/, schema at /api/openapi.json) over the store.

    Binds to 127.0.0.1 unless --host says otherwise: the app is for this machine.
    """

    @guarded
    def run() -> None:
        import uvicorn

        from sayso.web import create_app

        app = create_app(db, token=token)
        mode = "writes need the token" if token else "read-only (no --token)"
        click.echo(f"sayso serving {db} at http://{host}:{port}/ ({mode})", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")

    run()
