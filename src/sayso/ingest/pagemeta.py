"""What a user says about a page: its date, outlet and URL.

Three places give it, most trusted first: a sidecar file ``PAGE.meta.json``
beside the page, the options ``--published --outlet --url`` (or the web app's
form), then what the page itself says. Each field is taken from the first
place that gives it (:meth:`PageMeta.over`).

A sidecar is a JSON object with any of the keys ``published`` (``YYYY-MM-DD``),
``outlet`` and ``url`` (``http(s)://...``)::

    {"published": "2016-04-27", "outlet": "SANA", "url": "https://sana.sy/en/?p=1"}

A sidecar that cannot be read or says something else is that page's
:class:`~sayso.errors.BadSidecar` (E111), naming the sidecar: the page fails
rather than being analysed with metadata the user did not mean.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date

from sayso.errors import BadSidecar

SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 65_536
MAX_OUTLET = 200
MAX_URL = 2000
_KEYS = ("published", "outlet", "url")
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_PAGE_SUFFIXES = (".html", ".htm", ".txt")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """A page's date (ISO ``YYYY-MM-DD``), outlet and URL as a user gives them;
    None where not given."""

    published: str | None = None
    outlet: str | None = None
    url: str | None = None

    def over(self, other: PageMeta) -> PageMeta:
        """This metadata, with ``other``'s fields where this one gives none."""
        return PageMeta(
            published=self.published or other.published,
            outlet=self.outlet or other.outlet,
            url=self.url or other.url,
        )

    def __bool__(self) -> bool:
        return bool(self.published or self.outlet or self.url)


def check_published(value: str) -> str:
    """An ISO date ``YYYY-MM-DD`` as given; ValueError when it is not one."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a date of the calendar") from None


def check_outlet(value: str) -> str:
    """An outlet's name, spaces collapsed; ValueError when empty or too long."""
    name = " ".join(value.split())
    if not name:
        raise ValueError("an outlet's name cannot be empty")
    if len(name) > MAX_OUTLET:
        raise ValueError(f"an outlet's name is at most {MAX_OUTLET} characters")
    return name


def check_url(value: str) -> str:
    """An http(s) URL as given; ValueError otherwise."""
    url = value.strip()
    if len(url) > MAX_URL or not _URL.match(url):
        raise ValueError(f"{value[:80]!r} is not an http(s) URL")
    return url


def page_meta(
    published: str | None = None, outlet: str | None = None, url: str | None = None
) -> PageMeta:
    """Checked metadata from optional strings (empty ones are not given);
    ValueError naming the first field that is wrong."""
    published = (published or "").strip() or None
    outlet = (outlet or "").strip() or None
    url = (url or "").strip() or None
    return PageMeta(
        published=check_published(published) if published else None,
        outlet=check_outlet(outlet) if outlet else None,
        url=check_url(url) if url else None,
    )


def sidecar_paths(path: str) -> tuple[str, ...]:
    """Where a page's sidecar may be: ``a.txt.meta.json``, then ``a.meta.json``
    (for ``a.txt``, ``a.txt.gz`` and the other page suffixes)."""
    names = [path + SIDECAR_SUFFIX]
    stem = path.removesuffix(".gz") if path.lower().endswith(".gz") else path
    root, suffix = os.path.splitext(stem)
    if suffix.lower() in _PAGE_SUFFIXES and root and not root.endswith(os.sep):
        names.append(root + SIDECAR_SUFFIX)
    if stem != path:
        names.insert(1, stem + SIDECAR_SUFFIX)
    return tuple(dict.fromkeys(names))


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(path: str) -> PageMeta:
    """The metadata of the sidecar beside the page ``path`` (none: empty
    metadata); BadSidecar (E111), with the page as source, when one is there
    but cannot be used."""
    for candidate in sidecar_paths(path):
        if os.path.lexists(candidate):
            return _parse_sidecar(candidate, path)
    return PageMeta()


def _parse_sidecar(sidecar: str, page: str) -> PageMeta:
    name = os.path.basename(sidecar)

    def bad(reason: str) -> BadSidecar:
        return BadSidecar(f"bad sidecar {name}: {reason}", source=page)

    try:
        with open(sidecar, "rb") as handle:
            raw = handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        raise bad(f"cannot read it ({exc.strerror or exc})") from exc
    if len(raw) > MAX_SIDECAR_BYTES:
        raise bad(f"more than {MAX_SIDECAR_BYTES} bytes")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(f"not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise bad("not a JSON object with published, outlet, url")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise bad(f"unknown keys {unknown} (it may have published, outlet, url)")
    for key in _KEYS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise bad(f"{key} must be a string or null")
    try:
        return page_meta(data.get("published"), data.get("outlet"), data.get("url"))
    except ValueError as exc:
        raise bad(str(exc)) from exc
