"""The outlet dictionary: news outlets by name, alias and web domain.

The packaged ``sayso/data/outlets.toml`` lists outlets with their country,
ownership and, where it is well documented, the side each speaks for in a
conflict; users extend it with ``--outlets FILE`` (the same format), as side
dictionaries are extended with ``--sides FILE``. An outlet in a user file
whose name or an alias matches a packaged outlet replaces it.

    >>> outlets = OutletDictionary.load()
    >>> outlets.find("Syrian Arab News Agency").name
    'SANA'
    >>> outlets.by_domain("https://www.enabbaladi.net/archives/1").side_in("syria")
    'opposition'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import urlsplit

from sayso.errors import ConfigError

Ownership = Literal["state", "public", "private", "wire", "monitor"]
OWNERSHIPS: frozenset[str] = frozenset({"state", "public", "private", "wire", "monitor"})
PACKAGED = "sayso/data/outlets.toml"
_KEYS = frozenset({"name", "aliases", "domains", "country", "ownership", "alignment"})
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
_PUNCT = re.compile(r"[-‐‑–—_.'’`]+")


@dataclass(frozen=True, slots=True)
class Outlet:
    """One news outlet, agency or monitor."""

    name: str  # canonical: what an article's site_name becomes
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166 alpha-2
    ownership: Ownership | None = None
    alignment: tuple[tuple[str, str], ...] = ()  # (conflict, side), e.g. ("syria", "government")

    def side_in(self, conflict: str) -> str | None:
        """The side this outlet speaks for in ``conflict``, None when none is documented."""
        return dict(self.alignment).get(conflict.lower())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


_WITH = re.compile(r"\s+(?:with|and|&)\s+", re.IGNORECASE)


def name_key(name: str) -> str:
    """A name as looked up: case, hyphens, dots, apostrophes and a leading "the"
    do not matter ("Al-Masdar News" = "al masdar news")."""
    words = _PUNCT.sub(" ", name.casefold()).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def host_of(url_or_host: str) -> str:
    """The lower-case host of a URL (or of a bare host), without "www."."""
    text = url_or_host.strip()
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    return host.lower().removeprefix("www.")


class OutletDictionary:
    """Outlets from the packaged file plus any user files, looked up by name or domain."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = tuple(outlets)
        self._by_name: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for name in outlet.names:
                self._by_name.setdefault(name_key(name), outlet)
            for domain in outlet.domains:
                self._by_domain.setdefault(domain, outlet)

    @classmethod
    def load(cls, *extra: str | Path) -> OutletDictionary:
        """The packaged outlets, extended (and overridden) by ``extra`` TOML files."""
        outlets = list(_packaged())
        for path in extra:
            try:
                text = Path(path).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                message = f"cannot read outlet dictionary: {exc}"
                raise ConfigError(message, source=str(path)) from exc
            user = parse_outlets(text, str(path))
            replaced = {name_key(n) for o in user for n in o.names}
            outlets = [o for o in outlets if not replaced & {name_key(n) for n in o.names}] + user
        return cls(outlets)

    def __len__(self) -> int:
        return len(self.outlets)

    def find(self, name: str | None) -> Outlet | None:
        """The outlet with this name or alias (see :func:`name_key`), or None."""
        if not name:
            return None
        # a byline's outlet with its agency: "DAILY SABAH WITH AA", "X and agencies"
        first = _WITH.split(name, maxsplit=1)[0]
        return self._by_name.get(name_key(name)) or self._by_name.get(name_key(first))

    def by_domain(self, url: str | None) -> Outlet | None:
        """The outlet whose domain the URL (or host) is on, a subdomain included."""
        host = host_of(url) if url else ""
        while host:
            found = self._by_domain.get(host)
            if found is not None:
                return found
            _, _, host = host.partition(".")
            if "." not in host:
                return None
        return None

    def canonical(self, name: str | None) -> str | None:
        """The canonical name of a known outlet; an unknown name as given, stripped."""
        if name is None or not name.strip():
            return None
        found = self.find(name)
        return found.name if found is not None else " ".join(name.split())


@cache
def _packaged() -> tuple[Outlet, ...]:
    text = resources.files("sayso").joinpath("data/outlets.toml").read_text("utf-8")
    return tuple(parse_outlets(text, PACKAGED))


def parse_outlets(text: str, where: str) -> list[Outlet]:
    """The outlets of one TOML text; ConfigError (E301) naming ``where`` and the
    entry when it is not valid."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"outlet dictionary is not valid TOML: {exc}", source=where) from exc
    unknown = set(data) - {"outlet"}
    if unknown:
        raise ConfigError(
            f"unknown keys {sorted(unknown)}: outlets are [[outlet]] tables", source=where
        )
    entries = data.get("outlet", [])
    if not isinstance(entries, list):
        raise ConfigError("`outlet` must be an array of tables ([[outlet]])", source=where)
    outlets = [_outlet(entry, number, where) for number, entry in enumerate(entries, 1)]
    seen: dict[str, str] = {}
    for outlet in outlets:
        for name in outlet.names:
            other = seen.setdefault(name_key(name), outlet.name)
            if other != outlet.name:
                raise ConfigError(
                    f"the name {name!r} is both {other!r} and {outlet.name!r}", source=where
                )
    return outlets


def _outlet(entry: Any, number: int, where: str) -> Outlet:
    if not isinstance(entry, dict):
        raise ConfigError(f"outlet {number} is not a table", source=where)
    label = f"outlet {number} ({entry.get('name')!r})"
    unknown = set(entry) - _KEYS
    if unknown:
        raise ConfigError(f"{label} has unknown keys {sorted(unknown)}", source=where)
    name = entry.get("name")
    if not isinstance(name, str) or not name_key(name):
        raise ConfigError(f"outlet {number} needs a `name` (a string)", source=where)
    aliases = _strings(entry.get("aliases", []), f"{label} aliases", where)
    domains = tuple(
        d.lower().removeprefix("www.")
        for d in _strings(entry.get("domains", []), f"{label} domains", where)
    )
    for domain in domains:
        if not _DOMAIN.match(domain):
            raise ConfigError(f"{label}: {domain!r} is not a domain", source=where)
    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or not _COUNTRY.match(country)):
        raise ConfigError(f'{label}: country must be ISO 3166 alpha-2 ("SY")', source=where)
    ownership = entry.get("ownership")
    if ownership is not None and ownership not in OWNERSHIPS:
        raise ConfigError(
            f"{label}: ownership must be one of {', '.join(sorted(OWNERSHIPS))}", source=where
        )
    alignment = entry.get("alignment", {})
    if not isinstance(alignment, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in alignment.items()
    ):
        raise ConfigError(f"{label}: alignment must map conflicts to sides", source=where)
    return Outlet(
        name=" ".join(name.split()),
        aliases=aliases,
        domains=domains,
        country=country,
        ownership=cast(Ownership | None, ownership),
        alignment=tuple(sorted((k.lower(), v) for k, v in alignment.items())),
    )


def _strings(value: Any, what: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{what} must be a list of strings", source=where)
    return tuple(" ".join(v.split()) for v in value)
