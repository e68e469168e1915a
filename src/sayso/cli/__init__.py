"""The command line: parses arguments and calls the library, nothing more.

Exit codes are in :mod:`sayso.cli.common`. Each command's module is imported
when that command runs (or when the commands are listed), so that a command
that only reads the store starts without loading spaCy, the embedding model or
the web app (issue 20).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from sayso import __version__


class LazyGroup(click.Group):
    """A group whose commands are ``"module:attribute"`` names, imported on use."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


_COMMANDS = {
    "analyze": "sayso.cli.analyze_command:analyze",
    "ingest": "sayso.cli.store_commands:ingest",
    "accounts": "sayso.cli.store_commands:accounts",
    "failures": "sayso.cli.store_commands:failures",
    "claims": "sayso.cli.claim_commands:claims",
    "claim": "sayso.cli.claim_commands:claim",
    "events": "sayso.cli.event_commands:events",
    "actors": "sayso.cli.event_commands:actors",
    "relink": "sayso.cli.link_commands:relink",
    "serve": "sayso.cli.serve_commands:serve",
    "eval": "sayso.cli.eval_commands:eval_group",
}


@click.group(
    cls=LazyGroup,
    lazy=_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="sayso")
def cli() -> None:
    """sayso: who said what, on which side, in news pages.

    Turns HTML pages and scraped text into a sourced record of accounts
    (direct, partial, mixed and reported quotes) with speaker, side, cue,
    recipient and channel, each tied to character offsets in the article.
    """


__all__ = ["cli"]
