"""The command line: parses arguments and calls the library, nothing more.

Exit codes are in :mod:`sayso.cli.common`.
"""

from __future__ import annotations

import click

from sayso import __version__
from sayso.cli.claim_commands import claim, claims
from sayso.cli.common import (
    confidence_option,
    guarded,
    lexicon_option,
    meta_from,
    outlets_option,
    page_meta_options,
    settings_from,
    sides_option,
)
from sayso.cli.eval_clusters import clusters_command
from sayso.cli.eval_commands import eval_group
from sayso.cli.eval_corpus import claims_command as corpus_claims_command
from sayso.cli.eval_corpus import incidents_command, sides_command
from sayso.cli.eval_events import events_command
from sayso.cli.eval_extraction import extraction_command
from sayso.cli.eval_matching import claim_matching_command
from sayso.cli.eval_stance import stance_command
from sayso.cli.event_commands import actors, events
from sayso.cli.link_commands import relink
from sayso.cli.serve_commands import serve
from sayso.cli.store_commands import accounts, failures, ingest
from sayso.export import to_json
from sayso.export.report import render_report
from sayso.pipeline import analyze_path


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
@lexicon_option
@outlets_option
@confidence_option
@page_meta_options
@guarded
def analyze(
    source: str,
    as_json: bool,
    sides: tuple[str, ...],
    lexicons: tuple[str, ...],
    outlets: tuple[str, ...],
    min_confidence: float,
    published: str | None,
    outlet: str | None,
    url: str | None,
) -> None:
    """Analyse one page (a file, or - for stdin) and print its accounts.

    The page's date, outlet and URL come from its sidecar PAGE.meta.json if it
    has one, then from --published, --outlet and --url, then from the page."""
    meta = meta_from(published, outlet, url)
    settings = settings_from(sides, min_confidence, lexicons, outlets, meta)
    analysis = analyze_path(source, settings)
    click.echo(to_json(analysis) if as_json else render_report(analysis))


cli.add_command(ingest)
cli.add_command(accounts)
cli.add_command(failures)
cli.add_command(claims)
cli.add_command(claim)
cli.add_command(events)
cli.add_command(actors)
cli.add_command(relink)
cli.add_command(serve)
eval_group.add_command(claim_matching_command)
eval_group.add_command(stance_command)
eval_group.add_command(clusters_command)
eval_group.add_command(events_command)
eval_group.add_command(extraction_command)
eval_group.add_command(incidents_command)
eval_group.add_command(sides_command)
eval_group.add_command(corpus_claims_command)
cli.add_command(eval_group)

__all__ = ["cli"]
