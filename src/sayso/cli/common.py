"""What every command shares: error handling, exit codes, common options.

Exit codes: 0 all went well; 1 some input failed (the others were processed);
2 a usage error; 3 sayso cannot run (no model, bad side dictionary, bad
database); 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sayso.errors import InputError, SaysoError

if TYPE_CHECKING:
    from sayso.ingest.pagemeta import PageMeta
    from sayso.pipeline import Settings

# The analysis modules are imported by the commands that analyse, when they run:
# a command that only reads the store starts without them (issue 20).

REPO_ROOT = Path(__file__).resolve().parents[3]  # the parent of src/

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
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


def settings_from(
    sides: tuple[str, ...],
    min_confidence: float,
    lexicons: tuple[str, ...] = (),
    outlets: tuple[str, ...] = (),
    page_meta: PageMeta | None = None,
    conflict: str | None = None,
) -> Settings:
    """The analysis settings; the --lexicon files are applied here, in this process
    (a bad one is a ConfigError now), and carried in the settings for the web app's
    workers, which apply them again. ``outlets`` are --outlets files, ``page_meta``
    what --published, --outlet and --url say of every page, ``conflict`` the war
    --conflict names."""
    from sayso.extract.outlets import OutletDictionary
    from sayso.ingest.pagemeta import PageMeta
    from sayso.nlp.lexicons import use as use_lexicons
    from sayso.nlp.sides import SideDictionary
    from sayso.pipeline import Settings

    use_lexicons(lexicons)
    return Settings(
        sides=SideDictionary.load(*sides, conflict=conflict),
        outlets=OutletDictionary.load(*outlets),
        min_confidence=min_confidence,
        lexicons=lexicons,
        page_meta=page_meta or PageMeta(),
    )


def _checked(check: str) -> Callable[..., str | None]:
    """A click callback: the value through ``sayso.ingest.pagemeta``'s function
    ``check``, a usage error (exit 2) if it fails."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        from sayso.ingest import pagemeta

        try:
            return str(getattr(pagemeta, check)(value))
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


def page_meta_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--published, --outlet and --url: what the user says of every page of the run
    (a page's own PAGE.meta.json sidecar comes first)."""
    for option in reversed(
        (
            click.option(
                "--published",
                metavar="YYYY-MM-DD",
                callback=_checked("check_published"),
                help="The pages' publication date (a page's sidecar PAGE.meta.json comes "
                "first; then this; then the page's own date line).",
            ),
            click.option(
                "--outlet",
                metavar="NAME",
                callback=_checked("check_outlet"),
                help="The outlet that published the pages (mapped to its name in the "
                "outlet dictionary when known).",
            ),
            click.option(
                "--url",
                metavar="URL",
                callback=_checked("check_url"),
                help="The page's http(s) URL (its domain also names the outlet when known).",
            ),
        )
    ):
        func = option(func)
    return func


def meta_from(published: str | None, outlet: str | None, url: str | None) -> PageMeta:
    from sayso.ingest.pagemeta import PageMeta

    return PageMeta(published=published, outlet=outlet, url=url)


sides_option = click.option(
    "--sides",
    "sides",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A side dictionary (TOML) that extends the defaults; repeatable.",
)


def _known_conflict(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from sayso.errors import ConfigError
    from sayso.nlp.conflicts import conflict_named

    try:
        return conflict_named(value).name
    except ConfigError as exc:
        raise click.BadParameter(exc.message) from None


conflict_option = click.option(
    "--conflict",
    metavar="NAME",
    callback=_known_conflict,
    help="The war every page is about (syria, ukraine, sudan, gaza, yemen, myanmar, "
    "sahel, ethiopia: src/sayso/data/sides/), when its towns do not say; it decides "
    "the side a state's or an outlet's voice takes.",
)
lexicon_option = click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Words (TOML, the keys of sayso/data/lexicons/*.toml) added to the word lists; "
    "repeatable.",
)
outlets_option = click.option(
    "--outlets",
    "outlets",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True),
    help="An outlet dictionary (TOML, as sayso/data/outlets.toml) that extends the "
    "packaged one; repeatable.",
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
existing_db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False, exists=True),
    help="The SQLite database file.",
)


# Emergent's training file under the datasets folder: claim matching and stance.
EMERGENT_CSV = Path("emergent") / "train.csv"


def dataset_file(given: Path | None, name: Path, what: str) -> Path:
    """The data file to score on: ``given``, else the first of
    :func:`dataset_candidates` that exists; exits 2 naming where it looked."""
    candidates = [given] if given is not None else dataset_candidates(name)
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        looked = " or ".join(str(path.resolve()) for path in candidates)
        click.echo(
            f"error: no {what} at {looked}; pass --data FILE or set SAYSO_DATA "
            f"(its {name.as_posix()} is used)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    return found


def dataset_candidates(name: Path) -> list[Path]:
    """Where a dataset (a path under datasets/) is looked for, in order:
    $SAYSO_DATA/NAME, else ../shared/datasets/NAME from the current folder, then
    from the repository root."""
    if env := os.environ.get("SAYSO_DATA"):
        return [Path(env) / name]
    relative = Path("..") / "shared" / "datasets" / name
    cwd = Path.cwd() / relative
    repo = REPO_ROOT / relative
    return [cwd] if cwd.resolve() == repo.resolve() else [cwd, repo]


# --data for the commands that read Emergent (stance, claim matching, clusters).
emergent_data_option = click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The Emergent CSV (claimId, claimHeadline, articleId, articleHeadline, "
    "articleHeadlineStance). Default: $SAYSO_DATA/emergent/train.csv, "
    "else ../shared/datasets/emergent/train.csv.",
)
