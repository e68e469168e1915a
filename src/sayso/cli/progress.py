"""The progress bars of the CLI: on stderr, off when stderr is not a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


def progress_bar(*, disable: bool = False) -> Progress:
    """A transient bar with a count and the elapsed time, written to stderr."""
    return _progress(TimeElapsedColumn(), disable=disable)


def ingest_bar(*, disable: bool = False) -> Progress:
    """The bar of ``sayso ingest``: what a run of 100,000 pages needs to be
    watched, its pages per second, the time left (when the total is known) and
    the failures so far (a task field, ``failed``)."""
    return _progress(
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[failed]} failed"),
        disable=disable,
    )


def _progress(*columns: ProgressColumn, disable: bool) -> Progress:
    console = Console(stderr=True)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        *columns,
        console=console,
        disable=disable or not console.is_terminal,
        transient=True,
    )


class RateColumn(ProgressColumn):
    """Pages per second, over rich's recent window (30 s): the pace now, not
    the average since a slow start (models loading)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("– pages/s" if speed is None else f"{speed:.2f} pages/s")


@contextmanager
def counting(label: str, *, disable: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A progress bar for a run that reports ``(done, total)`` as it goes: the
    callback to hand it."""
    with progress_bar(disable=disable) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance
