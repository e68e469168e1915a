"""The editable side dictionary: which side a speaker's words put them on."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sayso.errors import ConfigError
from sayso.model import UNKNOWN
from sayso.nlp import voices
from sayso.nlp.conflicts import Conflict, conflict_named, war_in

if TYPE_CHECKING:
    from sayso.extract.outlets import OutletDictionary

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

    def __init__(self, terms: list[Term], conflict: Conflict | None = None) -> None:
        self.terms = terms
        self.conflict = conflict  # the war every article is about (--conflict), if said

    @classmethod
    def load(cls, *extra: str | Path, conflict: str | None = None) -> SideDictionary:
        """The packaged defaults, extended (and overridden) by ``extra`` TOML
        files; ``conflict`` names the war every article is about (a ConfigError
        when sayso knows no war of that name)."""
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
        return cls(terms, conflict_named(conflict) if conflict else None)

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.side for t in self.terms))

    def side_of(self, *phrases: str | None) -> SideMatch:
        """The side the phrases point to, or unknown when no term matches. A
        term in a relative clause ("a seller who lost his stall in the Russian
        strike") says something of another thing than the speaker: it decides
        only as a generic term does, after every term of the phrase's head."""
        best: tuple[tuple[int, int, int, int], Term, str, bool] | None = None
        for order, phrase in enumerate(p for p in phrases if p):
            parts = _RELATIVE.split(phrase, maxsplit=1)
            head, clause = parts[0], parts[1] if len(parts) > 1 else ""
            for in_head, part in ((1, head), (0, clause)):
                words = _words(part)
                for term in self.terms:
                    strong = term.strong and bool(in_head)
                    for pos in _find(term.words, words):
                        # Strong terms first, then the head's, then longer terms,
                        # then the one nearest the head noun.
                        rank = (int(strong), in_head, len(term.words), pos - 1000 * order)
                        if best is None or rank > best[0]:
                            found = " ".join(words[pos : pos + len(term.words)])
                            best = (rank, term, found, strong)
        if best is None:
            return SideMatch(UNKNOWN, None)
        return SideMatch(best[1].side, best[2], best[3])


# Where a description's relative clause begins: what follows is said of
# something else ("who lost his stall in the Russian strike").
_RELATIVE = re.compile(r"[\s,]+(?:who|whom|whose|which|that)\s+", re.IGNORECASE)


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


def demonym_words() -> frozenset[str]:
    """The lower-cased adjectives of states ("syrian", "russian")."""
    return frozenset(w.lower() for w in _demonyms())


_NAME = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}")


def countries_named(phrase: str) -> set[str]:
    """The states a phrase names, by name or adjective ("Turkey's foreign
    minister", "a British minister", "a US military spokesman")."""
    from sayso.events.places import lookup  # the gazetteer loads only when asked

    found = {_demonyms()[w] for w in _words(phrase) if w in _demonyms()}
    for match in _NAME.finditer(phrase):
        words = match.group().split()
        for size in range(len(words), 0, -1):  # "Turkey's Foreign Ministry": Turkey
            name = re.sub(r"['’]s$", "", " ".join(words[:size]))
            entry = lookup(name, variants=False)
            if entry is not None and entry.kind == "country":
                found.add(entry.country)
                break
    return found


def war_home(sides: SideDictionary, place_names: list[str]) -> frozenset[str]:
    """The country of the war an article is about: the one ``--conflict``
    names, else :func:`home_countries`."""
    war = sides.conflict
    return war.home if war is not None else home_countries(place_names)


def home_countries(place_names: list[str]) -> frozenset[str]:
    """Where most of the article's towns and regions are: where its war is (a
    state it only names, "France said", is not; nor the capital a statement
    came from, "told journalists in Moscow")."""
    from sayso.events.gazetteer import fold
    from sayso.events.resolve import goes_by, lookup

    # another name of a town abroad ("Kazakh" for Petropavl) is no sign of where
    looked = [(name, lookup(name)) for name in place_names]
    found = [e if e is None or goes_by(e, fold(name)) else None for name, e in looked]
    # a town written two ways ("Al-Shaar", "Shaar") is one town
    distinct = {e.geonames_id: e for e in found if e is not None and e.kind != "country"}
    towns = list(distinct.values())
    # a capital is where statements come from ("told reporters in Moscow",
    # talks "in Astana"), unless the article names no other town
    away = [e for e in towns if not voices.is_capital(e.name) and e.geonames_id not in _capitals()]
    counts = Counter(e.country for e in (away or towns))
    most = max(counts.values(), default=0)
    tied = frozenset(code for code, n in counts.items() if n == most)
    # between countries tied for the most towns, the ones the article names
    # ("Sudan" over a namesake town in Yemen and "Washington"), else the ones
    # at war (Syria's eastern Ghouta over Astana, where talks are held)
    named = frozenset(e.country for e in found if e is not None and e.kind == "country")
    if not tied:  # no town: the war of a country it names ("Ukraine", "Russia": Ukraine's)
        homes = {war.home for code in named if (war := war_in(code)) is not None}
        homes = {home for home in homes if home & named}
        return homes.pop() if len(homes) == 1 else frozenset()
    at_war = frozenset(code for code in tied if war_in(code) is not None)
    return (tied & named) or at_war or tied


@cache
def _capitals() -> frozenset[int]:
    """The gazetteer ids of every country's capital (GeoNames' country list)."""
    from sayso.events.gazetteer import capitals
    from sayso.events.places import lookup

    found = (lookup(name, frozenset({iso})) for name, iso in capitals())
    return frozenset(e.geonames_id for e in found if e is not None and e.kind == "town")


def of_another_state(phrases: tuple[str | None, ...], home: frozenset[str]) -> bool:
    """A generic role qualified by a state the article is not about: Turkey's
    minister is never Syria's government."""
    named = {c for p in phrases if p for c in countries_named(p)}
    return bool(home) and bool(named) and not named & home


def states_speaking(phrases: tuple[str | None, ...]) -> set[str]:
    """The states the phrases name, or whose seats of power they name ("a State
    Department spokesperson", "the Kremlin": data/voices.toml)."""
    found = voices.states_of(phrases)
    for phrase in phrases:
        if phrase:
            found |= countries_named(phrase)
    return found


def foreign_voice(
    match: SideMatch,
    phrases: tuple[str | None, ...],
    home: frozenset[str],
    name: str | None = None,
) -> tuple[str, str] | None:
    """The side (and the evidence) of a speaker who speaks for a state or a
    party by name, capital or seat ("Assad", "Damascus", "the Kremlin": the
    article's own state for its own side, a foreign state for the side it takes
    in this war, :func:`foreign_side`), or who names a foreign state ("Turkey's
    minister"), when the dictionary's ``match`` gave no side of their own (none,
    or only a generic role's); else None."""
    if match.side != UNKNOWN and match.strong:
        return None
    voice = voices.voice_of(name, phrases)
    if voice is not None:
        side = voice.party_side or state_side(voice.speaks_for, home)
        if side is not None:
            return side, voice.evidence
    outlet = outlet_voice((name, *phrases), home)
    if outlet is not None:
        return outlet
    states = states_speaking(phrases)
    side = foreign_side(states, home)
    return (side, ", ".join(sorted(states))) if side is not None else None


def outlet_voice(phrases: tuple[str | None, ...], home: frozenset[str]) -> tuple[str, str] | None:
    """An outlet speaking in its own voice ("Al Masirah TV", "a SANA
    correspondent"'s affiliation): the side outlets.toml aligns it with in the
    article's war, if documented."""
    wars = {war.name if (war := war_in(code)) else None for code in home}
    conflict = wars.pop() if len(wars) == 1 else None
    if conflict is None:
        return None
    for phrase in (p for p in phrases if p):
        for name in (_THE.sub("", phrase), *_CORRESPONDENT.findall(phrase)):
            outlet = _outlets().find(name)
            side = outlet.side_in(conflict) if outlet is not None else None
            if outlet is not None and side is not None:
                return side, outlet.name
    return None


_THE = re.compile(r"^the\s+", re.IGNORECASE)
# "Orient's correspondent in the city", "the Al-Masirah reporter": the outlet's
_CORRESPONDENT = re.compile(
    r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})(?:['’]s)?\s+(?:correspondent|reporter)\b"
)


@lru_cache(maxsize=1)
def _outlets() -> OutletDictionary:
    from sayso.extract.outlets import OutletDictionary

    return OutletDictionary.load()


def outlet_state(outlet: str | None, home: frozenset[str]) -> tuple[str, str] | None:
    """For an official named by a generic role only ("the General Staff", "the
    Deputy Prime Minister") on a page of a national outlet of a foreign party to
    the war (a Turkish paper on Syria): that state's side; never a wire's."""
    found = _outlets().find(outlet)
    if found is None or found.ownership == "wire" or not found.country or found.country in home:
        return None
    if not any(found.country in _states_in(code) for code in home):
        return None  # no party to the war: its officials are someone else's
    side = foreign_side({found.country}, home)
    return (side, found.name) if side else None


def state_side(state: str, home: frozenset[str]) -> str | None:
    """The side a state's own voice takes in the war the article is about: its
    own side at home (data/sides/: Syria's is "government", Ukraine's
    "ukraine"), else the side it takes as a foreign state."""
    if state not in home:
        return foreign_side({state}, home)
    own = {_states_in(code).get(state) for code in home}
    return own.pop() if len(own) == 1 else None


def foreign_side(states: set[str], home: frozenset[str]) -> str | None:
    """The side a foreign state's voice takes in the war the article is about
    (data/sides/: in Syria, Russia and Iran stand with the government, the US,
    Britain, France with the coalition, Turkey on its own side; elsewhere
    ``foreign``); None when a state named is the article's own, or the war's
    country is not known, or the states named disagree."""
    if not home or not states or states & home:
        return None
    found = {_states_in(code).get(state, "foreign") for state in states for code in home}
    return found.pop() if len(found) == 1 else None


def _states_in(home: str) -> dict[str, str]:
    war = war_in(home)
    return war.states if war is not None else {}


def in_this_war(side: str, home: frozenset[str]) -> str:
    """The side a foreign state's side stands with in the war the article is
    about ("russia" in Syria is the government's); the side itself elsewhere,
    but a side only a war's file places is what it is elsewhere: a monitor is
    civil society's (``civilian``: "the Myanmar Civilian Casualty Monitor"),
    the US-led coalition a foreign power's."""
    plain = _UNPLACED.get(side, side)
    found = {war.sides.get(side, plain) if (war := war_in(code)) else plain for code in home}
    return found.pop() if len(found) == 1 else plain


# Sides that only a war's file places (data/sides/): what they are elsewhere.
_UNPLACED = {"monitor": "civilian", "coalition": "foreign"}
