"""The editable side dictionary: which side a speaker's words put them on."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sayso.errors import ConfigError
from sayso.model import UNKNOWN

# "rebel-controlled east" describes territory, not the speaker: drop such words
# before matching, or a resident who fled it would be read as a rebel.
_TERRITORY = re.compile(r"\b[\w'’-]+-(?:controlled|held|run|occupied|besieged)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Term:
    side: str
    words: tuple[str, ...]  # lower-cased; the last may end in "*"
    strong: bool


@dataclass(frozen=True, slots=True)
class SideMatch:
    side: str
    evidence: str | None  # the words that decided, as written in the phrase
    strong: bool = True  # False when only a generic ("weak") term decided


class SideDictionary:
    """Terms per side, from the packaged defaults plus any user files."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms

    @classmethod
    def load(cls, *extra: str | Path) -> SideDictionary:
        """The packaged defaults, extended (and overridden) by ``extra`` TOML files."""
        default = resources.files("sayso").joinpath("data/sides.toml").read_text("utf-8")
        terms = _parse(default, "sayso/data/sides.toml")
        for path in extra:
            try:
                text = Path(path).read_text("utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read side dictionary: {exc}", source=str(path)) from exc
            user = _parse(text, str(path))
            moved = {t.words for t in user}
            terms = [t for t in terms if t.words not in moved] + user
        return cls(terms)

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.side for t in self.terms))

    def side_of(self, *phrases: str | None) -> SideMatch:
        """The side the phrases point to, or unknown when no term matches."""
        best: tuple[tuple[int, int, int], Term, str] | None = None
        for order, phrase in enumerate(p for p in phrases if p):
            words = _words(phrase)
            for term in self.terms:
                for pos in _find(term.words, words):
                    # Strong terms first, then longer terms, then the one nearest the head noun.
                    rank = (int(term.strong), len(term.words), pos - 1000 * order)
                    if best is None or rank > best[0]:
                        best = (rank, term, " ".join(words[pos : pos + len(term.words)]))
        if best is None:
            return SideMatch(UNKNOWN, None)
        return SideMatch(best[1].side, best[2], best[1].strong)


def _words(phrase: str) -> list[str]:
    """Lower-cased words; a term's trailing "*" (prefix match) is kept."""
    phrase = _TERRITORY.sub(" ", phrase.lower().replace("’", "'"))
    return re.findall(r"[\w'.-]+\*?", phrase)


def _find(term: tuple[str, ...], words: list[str]) -> list[int]:
    hits = []
    for i in range(len(words) - len(term) + 1):
        if all(_word_matches(t, w) for t, w in zip(term, words[i : i + len(term)], strict=True)):
            hits.append(i)
    return hits


def _word_matches(term_word: str, word: str) -> bool:
    word = word.strip(".'")
    if term_word.endswith("*"):
        return word.startswith(term_word[:-1])
    return word == term_word.strip(".") or word.removesuffix("'s") == term_word


def _parse(text: str, where: str) -> list[Term]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"side dictionary is not valid TOML: {exc}", source=where) from exc
    terms: list[Term] = []
    for side, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"[{side}] must be a table with `terms`", source=where)
        for key, strong in (("terms", True), ("weak", False)):
            values = table.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ConfigError(f"[{side}] {key} must be a list of strings", source=where)
            terms.extend(Term(side, tuple(_words(v)), strong) for v in values if _words(v))
    return terms


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    raw = resources.files("sayso").joinpath("data/places/demonyms.toml").read_text("utf-8")
    return {word: code for code, words in tomllib.loads(raw).items() for word in words}


_NAME = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}")


def countries_named(phrase: str) -> set[str]:
    """The states a phrase names, by name or adjective ("Turkey's foreign
    minister", "a British minister", "a US military spokesman")."""
    from sayso.events.places import lookup  # the gazetteer loads only when asked

    found = {_demonyms()[w] for w in _words(phrase) if w in _demonyms()}
    for match in _NAME.finditer(phrase):
        name = re.sub(r"['’]s$", "", match.group())
        entry = lookup(name, variants=False)
        if entry is not None and entry.kind == "country":
            found.add(entry.country)
    return found


def home_countries(place_names: list[str]) -> frozenset[str]:
    """Where most of the article's towns and regions are: where its war is (a
    state it only names, "France said", is not; nor the capital a statement
    came from, "told journalists in Moscow")."""
    from sayso.events.places import lookup

    found = (lookup(name) for name in place_names)
    counts = Counter(e.country for e in found if e is not None and e.kind != "country")
    most = max(counts.values(), default=0)
    return frozenset(code for code, n in counts.items() if n == most)


def of_another_state(phrases: tuple[str | None, ...], home: frozenset[str]) -> bool:
    """A generic role qualified by a state the article is not about: Turkey's
    minister is never Syria's government."""
    named = {c for p in phrases if p for c in countries_named(p)}
    return bool(home) and bool(named) and not named & home


@lru_cache(maxsize=1)
def _alliances() -> dict[str, dict[str, str]]:
    return {
        code: {k: v for k, v in sides.items() if isinstance(v, str)}
        for code, sides in _alliances_raw().items()
    }


# Institutions that speak for a state, by ISO code: "a State Department
# spokesperson", "the White House", "Britain's Foreign Office".
_INSTITUTIONS = {
    ("state", "department"): "US",
    ("white", "house"): "US",
    ("pentagon",): "US",
    ("foreign", "office"): "GB",
    ("downing", "street"): "GB",
    ("elysee",): "FR",
    ("élysée",): "FR",
    ("kremlin",): "RU",
}


def states_speaking(phrases: tuple[str | None, ...]) -> set[str]:
    """The states the phrases name, or whose institutions they name."""
    found: set[str] = set()
    for phrase in phrases:
        if not phrase:
            continue
        found |= countries_named(phrase)
        words = _words(phrase)
        for term, code in _INSTITUTIONS.items():
            if _find(term, words):
                found.add(code)
    return found


def foreign_voice(
    match: SideMatch, phrases: tuple[str | None, ...], home: frozenset[str]
) -> tuple[str, str] | None:
    """The side (and the states named, as evidence) of a speaker who speaks for
    a foreign state (:func:`foreign_side`), when the dictionary's ``match`` gave
    no side of their own (none, or only a generic role's); else None."""
    if match.side != UNKNOWN and match.strong:
        return None
    states = states_speaking(phrases)
    side = foreign_side(states, home)
    return (side, ", ".join(sorted(states))) if side is not None else None


def foreign_side(states: set[str], home: frozenset[str]) -> str | None:
    """The side a foreign state's voice takes in the war the article is about
    (alliances.toml: in Syria, Russia and Iran stand with the government, the US,
    Britain, France with the coalition, Turkey on its own side; elsewhere
    ``foreign``); None when a state named is the article's own, or the war's
    country is not known, or the states named disagree."""
    if not home or not states or states & home:
        return None
    found = {_states_in(code).get(state, "foreign") for state in states for code in home}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=64)
def _states_in(home: str) -> dict[str, str]:
    table = _alliances_raw().get(home, {})
    states = table.get("states", {}) if isinstance(table, dict) else {}
    return {str(k): str(v) for k, v in states.items()}


@lru_cache(maxsize=1)
def _alliances_raw() -> dict[str, Any]:
    raw = resources.files("sayso").joinpath("data/alliances.toml").read_text("utf-8")
    return tomllib.loads(raw)


def in_this_war(side: str, home: frozenset[str]) -> str:
    """The side a foreign state's side stands with in the war the article is
    about ("russia" in Syria is the government's); the side itself elsewhere."""
    found = {_alliances().get(code, {}).get(side, side) for code in home}
    return found.pop() if len(found) == 1 else side
