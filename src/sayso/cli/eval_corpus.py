"""`sayso eval incidents|sides|claims DIR`: a blind gold corpus (article pages and
a gold.json), ingested as `sayso ingest` does, scored as a user reads the store."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sayso.cli.common import guarded

_FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)
_json_option = click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")


def _print(title: str, rows: list[tuple[str, str]]) -> None:
    table = Table(title=title)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for row in rows:
        table.add_row(*row)
    Console(width=100).print(table)


def _run(as_json: bool, work: Callable[[], Any], show: Callable[[dict[str, Any]], None]) -> None:
    @guarded
    def run() -> None:
        figures = work().as_dict()
        if as_json:
            click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        else:
            show(figures)

    run()


@click.command("incidents")
@click.argument("folder", type=_FOLDER)
@_json_option
def incidents_command(folder: Path, as_json: bool) -> None:
    """Main incident place and toll, cross-article linking, tolls side by side.

    FOLDER holds article pages and a gold.json (format: tests/data/incidents/README.md).
    """

    def show(f: dict[str, Any]) -> None:
        link, side = f["linking"], f["side_by_side"]
        _print(
            f"incidents: {folder}",
            [
                ("articles", str(f["articles"])),
                ("main incident at the right place", f"{f['main_place']:.3f}"),
                ("its toll among the article's figures", f"{f['main_toll']:.3f}"),
                (
                    "linking precision / recall / F1",
                    f"{link['precision']:.3f} / {link['recall']:.3f} / {link['f1']:.3f}",
                ),
                ("tolls side by side", f"{side['shown']} of {side['of']} ({side['share']:.3f})"),
                (
                    "stored events / most articles in one",
                    f"{f['events']} / {f['largest_event_articles']}",
                ),
            ],
        )

    def work() -> Any:
        from sayso.eval.incidents import evaluate  # loads spaCy: only when scoring

        return evaluate(folder)

    _run(as_json, work, show)


@click.command("sides")
@click.argument("folders", type=_FOLDER, nargs=-1, required=True)
@_json_option
def sides_command(folders: tuple[Path, ...], as_json: bool) -> None:
    """Speaker and side of every gold account, per conflict and overall.

    Each FOLDER holds article pages and a gold.json with its accounts.
    """

    def show(f: dict[str, Any]) -> None:
        table = Table(title="sides: " + ", ".join(str(p) for p in folders))
        for name in ("conflict", "gold", "found", "side right", "unknown", "wrong", "speaker"):
            table.add_column(name, justify="left" if name == "conflict" else "right")
        for name, t in [*f["conflicts"].items(), ("all", f["overall"])]:
            table.add_row(
                name,
                str(t["gold"]),
                str(t["found"]),
                f"{t['side_right']:.2f}",
                f"{t['side_unknown']:.2f}",
                f"{t['side_wrong']:.2f}",
                f"{t['speaker_right']:.2f}",
            )
        Console(width=110).print(table)

    def work() -> Any:
        from sayso.eval.sides import evaluate

        return evaluate(list(folders))

    _run(as_json, work, show)


@click.command("claims")
@click.argument("folder", type=_FOLDER)
@_json_option
def claims_command(folder: Path, as_json: bool) -> None:
    """Claims across articles: pairwise P/R/F1 on gold propositions, rivals found,
    the largest claim's share, claims at one place."""

    def show(f: dict[str, Any]) -> None:
        p = f["pairwise"]
        _print(
            f"claims: {folder}",
            [
                ("gold statements (matched to an account)", f"{f['statements']} ({f['matched']})"),
                (
                    "pairwise precision / recall / F1",
                    f"{p['precision']:.3f} / {p['recall']:.3f} / {p['f1']:.3f}",
                ),
                ("rivals found", _found(f["rivals"])),
                ("largest claim's share of statements", f"{f['largest_claim_share']:.3f}"),
                (
                    "claims of 2+ articles at one place",
                    _found(f["multi_article_claims_at_one_place"]),
                ),
                (
                    "incidents where two reports share a claim",
                    _found(f["incidents_with_a_shared_claim"]),
                ),
            ],
        )

    def work() -> Any:
        from sayso.eval.claim_gold import evaluate

        return evaluate(folder)

    _run(as_json, work, show)


def _found(r: dict[str, Any]) -> str:
    return f"{r['found']} of {r['of']} ({r['share']:.3f})"
