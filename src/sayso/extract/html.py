"""HTML pages through trafilatura (body, metadata) and htmldate (original date)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import htmldate
import trafilatura

from sayso.errors import EmptyInput

_TITLE_TAIL = re.compile(r"\s+(?:\||–|—|-|::|·|»)\s+(?P<tail>[^|–—:·»]{2,60})$")


@dataclass(frozen=True, slots=True)
class HtmlParts:
    title: str | None
    authors: tuple[str, ...]
    body: str
    published: str | None
    site_name: str | None
    url: str | None


def strip_site_tail(title: str, site_name: str | None) -> str:
    """ "Headline | Site Name" -> "Headline" (also " - Site" and " — Site")."""
    match = _TITLE_TAIL.search(title)
    if not match:
        return title
    tail = match.group("tail").strip().lower()
    site = (site_name or "").strip().lower()
    # Cut a tail that names the site, or any short tail after a pipe (a site name by form).
    if (site and (tail in site or site in tail)) or ("|" in match.group(0) and len(tail) < 40):
        return title[: match.start()].strip()
    return title


def split_authors(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    names = re.split(r"\s*(?:;|,|\band\b|&)\s*", raw)
    return tuple(n.strip() for n in names if n.strip())


def extract_html(html: str, *, source: str) -> HtmlParts:
    """Body and metadata of one HTML page, precision first, no comments."""
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        favor_precision=True,
        include_tables=False,
        with_metadata=True,
    )
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        raise EmptyInput("no article text found in the HTML page", source=source)
    site_name = getattr(doc, "sitename", None)
    title = getattr(doc, "title", None)
    return HtmlParts(
        title=strip_site_tail(title, site_name) if title else None,
        authors=split_authors(getattr(doc, "author", None)),
        body=body,
        published=_original_date(html),
        site_name=site_name,
        url=getattr(doc, "url", None),
    )


def _original_date(html: str) -> str | None:
    # No extensive search: a date guessed from free text is worse than "unknown".
    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return str(found) if found else None
