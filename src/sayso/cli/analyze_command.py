"""`sayso analyze`: one page, its accounts printed."""

from __future__ import annotations

import click

from sayso.cli.common import (
    confidence_option,
    conflict_option,
    guarded,
    lexicon_option,
    meta_from,
    outlets_option,
    page_meta_options,
    settings_from,
    sides_option,
)


@click.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the whole record as JSON.")
@sides_option
@conflict_option
@lexicon_option
@outlets_option
@confidence_option
@page_meta_options
@guarded
def analyze(
    source: str,
    as_json: bool,
    sides: tuple[str, ...],
    conflict: str | None,
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
    from sayso.export import to_json
    from sayso.export.report import render_report
    from sayso.pipeline import analyze_path

    meta = meta_from(published, outlet, url)
    settings = settings_from(sides, min_confidence, lexicons, outlets, meta, conflict)
    analysis = analyze_path(source, settings)
    click.echo(to_json(analysis) if as_json else render_report(analysis))
