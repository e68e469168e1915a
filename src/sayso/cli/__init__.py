"""The command line: parses arguments and calls the library, nothing more.

Exit codes: 0 all went well; 1 some input failed (the others were processed);
2 a usage error; 3 sayso cannot run (no model, bad side dictionary, bad
database); 130 interrupted.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

from sayso import __version__
from sayso.errors import InputError, SaysoError
from sayso.export import to_dict, to_json
from sayso.export.report import render_report
from sayso.nlp.sides import SideDictionary
from sayso.pipeline import Settings, analyze_path

EXIT_INPUT_FAILED = 1
EXIT_CANNOT_RUN = 3
EXIT_INTERRUPTED = 130
DEFAULT_DB = "sayso.db"


def _fail(exc: SaysoError, code: int) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(code)


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into one clear line and an exit code, no traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            _fail(exc, EXIT_INPUT_FAILED)
        except SaysoError as exc:
            _fail(exc, EXIT_CANNOT_RUN)
        except KeyboardInterrupt:
            click.echo("interrupted: everything committed so far is kept", err=True)
            sys.exit(EXIT_INTERRUPTED)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def _settings(sides: tuple[str, ...], min_confidence: float) -> Settings:
    return Settings(sides=SideDictionary.load(*sides), min_confidence=min_confidence)


sides_option = click.option(
    "--sides",
    "sides",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A side dictionary (TOML) that extends the defaults; repeatable.",
)
confidence_option = click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Drop accounts whose confidence is below this.",
)
db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The SQLite database file (created if missing).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sayso")
def cli() -> None:
    """sayso: who said what, on which side, in news pages.

    Turns HTML pages and scraped text into a sourced record of accounts
    (direct, partial, mixed and reported quotes) with speaker, side, cue,
    recipient and channel, each tied to character offsets in the article.
    """


@cli.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the whole record as JSON.")
@sides_option
@confidence_option
@guarded
def analyze(source: str, as_json: bool, sides: tuple[str, ...], min_confidence: float) -> None:
    """Analyse one page (a file, or - for stdin) and print its accounts."""
    analysis = analyze_path(source, _settings(sides, min_confidence))
    click.echo(to_json(analysis) if as_json else render_report(analysis))


from sayso.cli.eval_commands import eval_group  # noqa: E402
from sayso.cli.store_commands import accounts, ingest  # noqa: E402  (registers on cli)

cli.add_command(ingest)
cli.add_command(accounts)
cli.add_command(eval_group)

__all__ = ["cli", "json", "to_dict"]
