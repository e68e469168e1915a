"""`sayso eval attribution`: score the attribution on PolNeAR."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sayso.cli.common import confidence_option, dataset_candidates, guarded
from sayso.cli.progress import counting
from sayso.eval.golden import total
from sayso.eval.polnear import EvalReport, evaluate
from sayso.eval.polnear_rules import score_rules
from sayso.nlp.rules import check_names
from sayso.pipeline import Settings

EXIT_NO_DATA = 2


def data_candidates() -> list[Path]:
    """Where the data is looked for when --data is not given, in order."""
    return dataset_candidates(Path("polnear"))


def has_split(data_dir: Path, split: str) -> bool:
    return (data_dir / split / "text").is_dir() and (data_dir / split / "attributions").is_dir()


@click.group("eval")
def eval_group() -> None:
    """Score sayso against annotated corpora."""


@eval_group.command()
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    help="The PolNeAR folder (holding train/ and dev/). "
    "Default: $SAYSO_DATA/polnear, else ../shared/datasets/polnear.",
)
@click.option("--split", default="dev", show_default=True, help="train or dev.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--without",
    "without",
    multiple=True,
    metavar="RULE",
    help="Switch this attribution rule off (repeatable; see docs/schema.md for the names).",
)
@click.option(
    "--by-rule",
    is_flag=True,
    help="A row per rule: its accounts, their precision and the loose F1 lost without it "
    "(one run per rule: slow; use --limit).",
)
@confidence_option
def attribution(
    data: Path | None,
    split: str,
    limit: int | None,
    as_json: bool,
    without: tuple[str, ...],
    by_rule: bool,
    min_confidence: float,
) -> None:
    """Score the accounts against PolNeAR's attributions (content, speaker)."""
    candidates = [data] if data is not None else data_candidates()
    found = next((d for d in candidates if has_split(d, split)), None)
    if found is None:
        looked = " or ".join(str(d.resolve()) for d in candidates)
        click.echo(
            f"error: no PolNeAR {split} split at {looked} (expected {split}/text and "
            f"{split}/attributions there); pass --data DIR or set SAYSO_DATA "
            "(its polnear/ folder is used)",
            err=True,
        )
        sys.exit(EXIT_NO_DATA)

    @guarded
    def run() -> None:
        check_names(without)
        if by_rule:
            _by_rule(found, split, limit, min_confidence, as_json)
            return
        report = _run(found, split, limit, Settings(min_confidence=min_confidence), without)
        if as_json:
            click.echo(json.dumps(report.as_dict(), indent=2))
        else:
            _print_report(report, found)

    run()


def _run(
    data_dir: Path, split: str, limit: int | None, settings: Settings, without: tuple[str, ...]
) -> EvalReport:
    with counting(f"PolNeAR {split}") as advance:
        return evaluate(
            data_dir, split, limit=limit, progress=advance, settings=settings, without=without
        )


def _by_rule(
    data_dir: Path, split: str, limit: int | None, min_confidence: float, as_json: bool
) -> None:
    with counting(f"PolNeAR {split}, by rule") as advance:
        report = score_rules(data_dir, split, limit, advance, min_confidence)
    figures = report.as_dict()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    table = Table(
        title=f"PolNeAR {split}: {report.articles} articles, loose F1 {figures['f1']:.3f}"
    )
    for column in ("rule", "matches", "precision", "F1 without", "F1 lost"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for row in figures["rules"]:
        table.add_row(
            row["rule"],
            str(row["matches"]),
            _pct(row["precision"]),
            _pct(row["f1_without"]),
            f"{row['f1_lost']:+.3f}",
        )
    Console(width=100).print(table)


def _pct(value: float) -> str:
    return f"{value:.3f}"


def _print_report(report: EvalReport, data_dir: Path) -> None:
    figures = report.as_dict()
    table = Table(
        title=f"PolNeAR {report.split}: {report.articles} articles ({data_dir.resolve()})"
    )
    table.add_column("figure")
    for subset in ("all", "speech"):
        table.add_column(f"{subset} cues", justify="right")
    every: dict[str, Any] = figures["all"]
    speech: dict[str, Any] = figures["speech"]

    def row(label: str, *path: str, fmt: bool = True) -> None:
        cells = []
        for fig in (every, speech):
            value: Any = fig
            for key in path:
                value = value[key]
            cells.append(_pct(value) if fmt else str(value))
        table.add_row(label, *cells)

    row("gold attributions", "gold", fmt=False)
    row("  direct", "direct", fmt=False)
    row("  indirect", "indirect", fmt=False)
    for level in ("loose", "strict"):
        row(f"predicted ({level})", level, "predicted", fmt=False)
        row(f"precision ({level})", level, "precision")
        row(f"recall ({level})", level, "recall")
        row(f"F1 ({level})", level, "f1")
        row(f"direct recall ({level})", level, "direct_recall")
        row(f"indirect recall ({level})", level, "indirect_recall")
    row("speaker accuracy (loose)", "speaker", "accuracy")
    row("  scored", "speaker", "scored", fmt=False)
    row("  matched, no gold source", "speaker", "no_gold_source", fmt=False)
    row("canonical speaker accuracy", "canonical_speaker", "accuracy")
    row("  scored", "canonical_speaker", "scored", fmt=False)
    Console(width=100).print(table)
    click.echo(f"{report.pages_per_second:.2f} pages/s ({report.seconds:.1f} s of analysis)")


@eval_group.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def pages(paths: tuple[str, ...], as_json: bool) -> None:
    """Score pages against the hand-made gold records beside them (PAGE.gold.json).

    The gold format is that of tests/data/reference/aleppo-conscription.gold.json.
    Exits 1 if a page that should be analysed could not be.
    """
    from sayso.eval.golden import score_pages
    from sayso.ingest import expand_paths

    @guarded
    def run() -> None:
        results = score_pages([Path(p) for p in expand_paths(paths)])
        if as_json:
            pages = [dataclasses.asdict(r) for r in results]
            click.echo(json.dumps({"pages": pages, "total": total(results)}, indent=2))
        else:
            _print_pages(results)
        if any(r.figures is None for r in results):
            sys.exit(1)

    run()


def _print_pages(results: list[Any]) -> None:
    keys = ("recall", "precision", "kind", "speaker", "side", "perfect")
    table = Table("page", "quotes", *keys)
    table.columns[0].no_wrap = True
    for r in results:
        name = Path(r.page).name
        if r.figures:
            table.add_row(name, str(r.quotes), *(f"{r.figures[k]:.2f}" for k in keys))
        else:
            note = "refused as expected" if r.figures == {} else f"error: {r.error}"
            table.add_row(name, "", note, *([""] * (len(keys) - 1)))
    overall = total(results)
    if overall:  # precision is per page only: the total row leaves it out
        figures = [f"{overall[k]:.2f}" if k in overall else "" for k in keys]
        table.add_row("all quotes", str(int(overall["quotes"])), *figures, style="bold")
    Console(width=140).print(table)


def _add_eval_commands() -> None:
    """The other scorers, each in a module of its own."""
    from sayso.cli.eval_clusters import clusters_command
    from sayso.cli.eval_corpus import claims_command, incidents_command, sides_command
    from sayso.cli.eval_events import events_command
    from sayso.cli.eval_extraction import extraction_command
    from sayso.cli.eval_matching import claim_matching_command
    from sayso.cli.eval_stance import stance_command

    for command in (
        claim_matching_command,
        stance_command,
        clusters_command,
        events_command,
        extraction_command,
        incidents_command,
        sides_command,
        claims_command,
    ):
        eval_group.add_command(command)


_add_eval_commands()
