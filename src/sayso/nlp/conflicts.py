"""Conflicts: which war an article is about, and what sides mean in it.

One TOML file per conflict under ``data/sides/`` (Syria, Ukraine, Sudan, Gaza,
Yemen, Myanmar, the Sahel, Ethiopia): its name (as outlets.toml's alignment
uses it), the countries its towns are in, the sides that stand with another
there (Russia fights for the Syrian government), and the side a state's own
voice takes there (a state not listed is ``foreign``, no party to the war). The
war of an article is the one of the country most of its towns are in
(:func:`sayso.nlp.sides.home_countries`), or the one a user names with
``--conflict``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sayso.errors import ConfigError

CONFLICTS_DIR = "data/sides"


@dataclass(frozen=True, slots=True)
class Conflict:
    """One war: where it is fought and how its sides line up."""

    name: str
    countries: tuple[str, ...]  # ISO 3166 alpha-2; the first is its main one
    sides: dict[str, str]  # a side -> the side it stands with here
    states: dict[str, str]  # a state's own voice -> its side here

    @property
    def home(self) -> frozenset[str]:
        """The country the war is about, for an article said to be about it."""
        return frozenset(self.countries[:1])


@lru_cache(maxsize=1)
def conflicts() -> tuple[Conflict, ...]:
    """Every packaged conflict, by file name."""
    folder = resources.files("sayso").joinpath(CONFLICTS_DIR)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return tuple(_conflict(tomllib.loads(f.read_text("utf-8")), f.name) for f in files)


def _conflict(raw: dict[str, Any], where: str) -> Conflict:
    try:
        return Conflict(
            name=str(raw["name"]),
            countries=tuple(str(c) for c in raw["countries"]),
            sides={str(k): str(v) for k, v in raw.get("sides", {}).items()},
            states={str(k): str(v) for k, v in raw.get("states", {}).items()},
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"not a conflict file: {exc}", source=where) from exc


@lru_cache(maxsize=1)
def _by_country() -> dict[str, Conflict]:
    return {code: c for c in conflicts() for code in c.countries}


def war_in(country: str) -> Conflict | None:
    """The war fought in a country, if sayso knows one there."""
    return _by_country().get(country)


def conflict_named(name: str) -> Conflict:
    """The conflict of that name (``--conflict syria``); a ConfigError naming
    the known ones otherwise."""
    for conflict in conflicts():
        if conflict.name == name.strip().lower():
            return conflict
    known = ", ".join(c.name for c in conflicts())
    raise ConfigError(f"no conflict named {name!r} (known: {known})", source="--conflict")
