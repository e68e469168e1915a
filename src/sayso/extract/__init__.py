"""Page -> Article: the clean text with its title, byline, dateline, date, outlet, bios.

Metadata is taken, field by field, from what the user gives (a sidecar, the
options, the web form: :class:`~sayso.ingest.PageMeta`) before what the page
says (its date and outlet lines, HTML metadata); outlet names are mapped to
their canonical names through the outlet dictionary.
"""

from __future__ import annotations

import py3langid
import trafilatura

from sayso.errors import EmptyInput
from sayso.extract.html import extract_html
from sayso.extract.meta import (
    PageFacts,
    date_from_url,
    read_body_lines,
    read_text_page,
    year_from_url,
)
from sayso.extract.outlets import OutletDictionary
from sayso.extract.text import CleanText
from sayso.ingest.pagemeta import PageMeta
from sayso.model import Article, AuthorBio, Document, Span, stable_id

__all__ = ["EXTRACTOR_VERSION", "build_article", "detect_language"]

EXTRACTOR_VERSION = f"extract@0.1+trafilatura-{trafilatura.__version__}"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for too little text."""
    if sum(ch.isalpha() for ch in text) < 20:
        return None
    lang, _score = py3langid.classify(text)
    return str(lang)


def build_article(
    document: Document,
    text: str,
    meta: PageMeta | None = None,
    outlets: OutletDictionary | None = None,
) -> Article:
    """Extract the article of one decoded page; ``meta`` is what the user says of
    it (it comes first), ``outlets`` the outlet dictionary (the packaged one)."""
    meta = meta or PageMeta()
    outlets = outlets or OutletDictionary.load()
    if document.kind == "html":
        parts = extract_html(text, source=document.source)
        clean, facts = read_body_lines(parts.body, parts.title, parts.authors, outlets)
        site = outlets.find(parts.site_name) or outlets.by_domain(parts.url)
        own = PageMeta(
            published=parts.published or facts.published,
            outlet=site.name if site else parts.site_name or facts.outlet,
            url=parts.url,
        )
    else:
        clean, facts = read_text_page(text, outlets)
        own = PageMeta(published=facts.published, outlet=facts.outlet)
    return _assemble(document, clean, _page_meta(meta, own, facts, outlets))


def _page_meta(
    given: PageMeta, own: PageMeta, facts: PageFacts, outlets: OutletDictionary
) -> PageMeta:
    """The user's fields first, then the page's; an outlet by the user's URL comes
    before the page's own name for it, a date in a URL after the page's date."""
    url = given.url or own.url
    by_url = outlets.by_domain(given.url) if given.url else None
    year = year_from_url(url)
    published = given.published or own.published or facts.wire_date(year) or date_from_url(url)
    outlet = given.outlet or (by_url.name if by_url else None) or own.outlet
    return PageMeta(published=published, outlet=outlets.canonical(outlet), url=url)


def _assemble(document: Document, clean: CleanText, meta: PageMeta) -> Article:
    if not clean.paragraphs:
        raise EmptyInput("no article text left after cleaning", source=document.source)
    title = clean.title
    head = f"{title}\n\n" if title else ""
    body = "\n\n".join(clean.paragraphs)
    text = head + body
    body_span = Span(len(head), len(text))
    dateline = None
    if clean.dateline:
        start = body_span.start
        dateline = Span(start, start + len(clean.dateline))
    bios = tuple(
        AuthorBio(
            author=b.author, name_as_written=b.name_as_written, text=b.text, language=b.language
        )
        for b in clean.bios
    )
    return Article(
        id=stable_id("art", document.sha256, EXTRACTOR_VERSION),
        document_id=document.id,
        source=document.source,
        text=text,
        title=title,
        title_span=Span(0, len(title)) if title else None,
        body_span=body_span,
        authors=clean.authors,
        dateline=dateline,
        published=meta.published,
        language=detect_language(body),
        site_name=meta.outlet,
        url=meta.url,
        bios=bios,
        removed=clean.removed,
        extractor=EXTRACTOR_VERSION,
    )
