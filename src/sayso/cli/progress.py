"""The one progress bar of the CLI: on stderr, off when stderr is not a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def progress_bar(*, disable: bool = False) -> Progress:
    """A transient bar with a count and the elapsed time, written to stderr."""
    console = Console(stderr=True)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=disable or not console.is_terminal,
        transient=True,
    )


@contextmanager
def counting(label: str, *, disable: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A progress bar for a run that reports ``(done, total)`` as it goes: the
    callback to hand it."""
    with progress_bar(disable=disable) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance
