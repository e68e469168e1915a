"""The vocabulary as data: the word lists in ``sayso/data/lexicons/*.toml``.

Each key of those files names one list (``speech_verbs``, ``hedges``, ...); a
key holding a table (``[prep_cues]``) names a list per word. The packaged
files are read once; :func:`use` adds the words of user files (``--lexicon``)
to the lists they name, once per process, before analysis.

* :func:`words` and :func:`phrases` read a list now;
* :class:`WordList` is a set that reads its lists at each use, so that a module
  may hold one at import time and still see words added later; ``a | b`` of two
  is another;
* :func:`table` reads a table of lists.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from sayso.errors import ConfigError

_F = TypeVar("_F", bound=Callable[..., Any])

_generation = 0  # bumped whenever the extra files change
_extra: tuple[str, ...] = ()
_caches: list[Any] = []


def _parse(text: str, source: str) -> dict[str, tuple[str, ...] | dict[str, tuple[str, ...]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML in lexicon: {exc}", source=source) from exc
    found: dict[str, tuple[str, ...] | dict[str, tuple[str, ...]]] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            found[key] = {k: _strings(v, f"{key}.{k}", source) for k, v in value.items()}
        else:
            found[key] = _strings(value, key, source)
    return found


def _strings(value: Any, key: str, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"lexicon list {key!r} is not a list of strings", source=source)
    return tuple(value)


def packaged_files() -> list[str]:
    """The packaged lexicon files, by name."""
    folder = resources.files("sayso").joinpath("data/lexicons")
    return sorted(f.name for f in folder.iterdir() if f.name.endswith(".toml"))


@cache
def _packaged() -> dict[str, tuple[str, ...] | dict[str, tuple[str, ...]]]:
    folder = resources.files("sayso").joinpath("data/lexicons")
    lists: dict[str, tuple[str, ...] | dict[str, tuple[str, ...]]] = {}
    for name in packaged_files():
        source = f"sayso/data/lexicons/{name}"
        for key, value in _parse(folder.joinpath(name).read_text("utf-8"), source).items():
            if key in lists:
                raise ConfigError(f"lexicon list {key!r} is defined twice", source=source)
            lists[key] = value
    return lists


@cache
def _lists() -> dict[str, tuple[str, ...] | dict[str, tuple[str, ...]]]:
    lists = dict(_packaged())
    for path in _extra:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read lexicon: {exc}", source=path) from exc
        for key, value in _parse(text, path).items():
            old = lists.get(key)
            if old is None:
                raise ConfigError(f"unknown lexicon list {key!r}", source=path)
            if isinstance(old, dict) != isinstance(value, dict):
                kind = "a table" if isinstance(old, dict) else "a list"
                raise ConfigError(f"lexicon list {key!r} must be {kind}", source=path)
            if isinstance(old, dict) and isinstance(value, dict):
                merged = dict(old)
                for word, more in value.items():
                    merged[word] = _added(merged.get(word, ()), more)
                lists[key] = merged
            elif isinstance(old, tuple) and isinstance(value, tuple):
                lists[key] = _added(old, value)
    return lists


def _added(old: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return old + tuple(w for w in dict.fromkeys(more) if w not in old)


def generation() -> int:
    """Bumped whenever the user's lexicon files change: a cache key for what is
    built from the lists."""
    return _generation


def names() -> list[str]:
    """Every list's name."""
    return sorted(_packaged())


def phrases(name: str) -> tuple[str, ...]:
    """The list ``name``, in the order written (user additions last)."""
    value = _lists().get(name)
    if not isinstance(value, tuple):
        raise KeyError(f"no lexicon word list {name!r}")
    return value


def words(*names: str) -> frozenset[str]:
    """The words of one list or more, as a set."""
    return _union(names)


@cache
def _union(names: tuple[str, ...]) -> frozenset[str]:
    lists = _lists()
    for name in names:
        if name not in lists:
            raise KeyError(f"no lexicon list {name!r}")
    return frozenset(w for name in names for w in lists[name])  # a table gives its keys


def table(name: str) -> Mapping[str, frozenset[str]]:
    """A table of lists: ``prep_cues["warn"]`` is {"of", "about", "against"}."""
    return _table(name)


@cache
def _table(name: str) -> dict[str, frozenset[str]]:
    value = _lists().get(name)
    if not isinstance(value, dict):
        raise KeyError(f"no lexicon table {name!r}")
    return {key: frozenset(v) for key, v in value.items()}


def cached(func: _F) -> _F:
    """Cache what is built from the lists (a regex, a set); cleared by :func:`use`."""
    wrapped = cache(func)
    _caches.append(wrapped)
    return wrapped  # type: ignore[return-value]


def use(paths: Iterable[str | Path]) -> None:
    """Extend the packaged lists with these user files (and only these): a no-op when
    they are the files already in use. Raises ConfigError E301 naming a file that
    cannot be read, is not TOML, or names a list that does not exist."""
    global _extra, _generation
    wanted = tuple(str(p) for p in paths)
    if wanted == _extra:
        return
    previous = _extra
    _extra = wanted
    _clear()
    try:
        _lists()
    except ConfigError:
        _extra = previous
        _clear()
        raise


def _clear() -> None:
    global _generation
    _generation += 1
    for func in (_lists, _union, _table, *_caches):
        func.cache_clear()


class WordList(Set[str]):
    """A set read from the named lists at each use, plus ``fixed`` words."""

    __slots__ = ("_names", "_fixed", "_seen", "_words")

    def __init__(self, *names: str, fixed: Iterable[str] = ()) -> None:
        self._names = names
        self._fixed = frozenset(fixed)
        self._seen = -1
        self._words: frozenset[str] = frozenset()

    @property
    def current(self) -> frozenset[str]:
        if self._seen != _generation:
            self._words = _union(self._names) | self._fixed
            self._seen = _generation
        return self._words

    @classmethod
    def _from_iterable(cls, words: Iterable[Any]) -> frozenset[Any]:
        return frozenset(words)  # what "&", "-" and "^" make: a plain set

    def __contains__(self, word: object) -> bool:
        return word in self.current

    def __iter__(self) -> Iterator[str]:
        return iter(self.current)

    def __len__(self) -> int:
        return len(self.current)

    def __or__(self, other: Any) -> WordList:
        if isinstance(other, WordList):
            return WordList(*self._names, *other._names, fixed=self._fixed | other._fixed)
        if isinstance(other, Set):
            return WordList(*self._names, fixed=self._fixed | frozenset(other))
        return NotImplemented

    __ror__ = __or__

    def __hash__(self) -> int:
        return hash((self._names, self._fixed))

    def __repr__(self) -> str:
        return f"WordList({', '.join(map(repr, self._names))})"
