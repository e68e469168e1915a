"""Who speaks for a state or a party without naming it: "Damascus denied",
"the Kremlin said", "Zelensky told reporters", "Hemedti vowed".

The bundled ``data/voices.toml`` lists, by state, its capitals (the name alone
is the speaker), its seats of power (words anywhere in the speaker's
description) and its leaders and ministers; and, by party, the people who
speak for it. No network: the lists ship with sayso.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sayso.events.gazetteer import fold as fold_name

VOICES_FILE = "data/voices.toml"
PARTY = "party:"  # a voice of a party that is no state: "party:rsf"

# what may follow a capital standing alone: "Kiev, for its part, said"
_ASIDE = re.compile(r"\s*,?\s*(?:for\s+its\s+part|in\s+turn|meanwhile|however)\s*,?\s*$")


@dataclass(frozen=True, slots=True)
class Voice:
    """Whom a speaker speaks for: a state's code ("RU") or "party:SIDE"; and
    the words that said so, as evidence."""

    speaks_for: str
    evidence: str

    @property
    def party_side(self) -> str | None:
        return self.speaks_for.removeprefix(PARTY) if self.speaks_for.startswith(PARTY) else None


@dataclass(frozen=True, slots=True)
class _Voices:
    capitals: dict[str, str]  # folded capital -> code
    seats: tuple[tuple[tuple[str, ...], str], ...]  # folded words -> code
    names: dict[str, str]  # folded name -> code or "party:SIDE"


def fold(text: str) -> str:
    """The gazetteer's folding, one space between words: "Erdoğan" and
    "erdogan" are one."""
    return " ".join(fold_name(text).split())


@lru_cache(maxsize=1)
def _voices() -> _Voices:
    raw = tomllib.loads(resources.files("sayso").joinpath(VOICES_FILE).read_text("utf-8"))
    capitals: dict[str, str] = {}
    seats: list[tuple[tuple[str, ...], str]] = []
    names: dict[str, str] = {}
    for code, spec in raw.get("states", {}).items():
        capitals.update({fold(c): code for c in spec.get("capitals", ())})
        seats += [(tuple(fold(s).split()), code) for s in spec.get("seats", ())]
        names.update({fold(n): code for n in spec.get("names", ())})
    for side, spec in raw.get("parties", {}).items():
        names.update({fold(n): PARTY + side for n in spec.get("names", ())})
    return _Voices(capitals, tuple(seats), names)


def voice_of(name: str | None, phrases: tuple[str | None, ...]) -> Voice | None:
    """The state or party a speaker speaks for by their name ("Assad"), by a
    capital that is the whole speaker ("Damascus"), or by a seat of power in
    their description ("a State Department spokesperson"); None if none."""
    voices = _voices()
    if name:
        found = _by_name(fold(name), voices.names)
        if found is not None:
            return Voice(found, name)
    for phrase in (p for p in phrases if p):
        bare = _ASIDE.sub("", fold(phrase)).removeprefix("the ")
        if bare in voices.capitals:
            return Voice(voices.capitals[bare], phrase)
        words = bare.split()
        for seat, code in voices.seats:
            if _contains(words, seat):
                return Voice(code, " ".join(seat))
    return None


def _by_name(key: str, names: dict[str, str]) -> str | None:
    """A full name, a name ending in a listed full name ("Bashar Assad" by
    "Assad"), or a last word that is a listed surname ("al-Burhan")."""
    words = key.split()
    tails = [" ".join(words[start:]) for start in range(len(words))]
    if words:
        tails.append(re.sub(r"^(?:al|el|ad|ar|as)-", "", words[-1]))
    return next((names[tail] for tail in tails if tail in names), None)


def _contains(words: list[str], seat: tuple[str, ...]) -> bool:
    size = len(seat)
    return any(tuple(words[i : i + size]) == seat for i in range(len(words) - size + 1))


def is_capital(name: str) -> bool:
    """A capital of voices.toml ("Moscow", "Kyiv"), which may stand for its state."""
    return fold(name) in _voices().capitals


def states_of(phrases: tuple[str | None, ...]) -> set[str]:
    """The states whose seats of power the phrases name ("the White House")."""
    words = [fold(p).split() for p in phrases if p]
    return {code for seat, code in _voices().seats if any(_contains(w, seat) for w in words)}
