"""Page -> Article: the clean text with its title, byline, dateline, date, bios."""

from __future__ import annotations

import py3langid
import trafilatura

from sayso.errors import EmptyInput
from sayso.extract.html import extract_html
from sayso.extract.text import CleanText, clean_body_lines, clean_plain_text
from sayso.model import Article, AuthorBio, Document, Span, stable_id

__all__ = ["EXTRACTOR_VERSION", "build_article", "detect_language"]

EXTRACTOR_VERSION = f"extract@0.1+trafilatura-{trafilatura.__version__}"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for too little text."""
    if sum(ch.isalpha() for ch in text) < 20:
        return None
    lang, _score = py3langid.classify(text)
    return str(lang)


def build_article(document: Document, text: str) -> Article:
    """Extract the article of one decoded page."""
    if document.kind == "html":
        parts = extract_html(text, source=document.source)
        clean = clean_body_lines(parts.body, title=parts.title, authors=parts.authors)
        return _assemble(document, clean, parts.published, parts.site_name, parts.url)
    return _assemble(document, clean_plain_text(text), None, None, None)


def _assemble(
    document: Document,
    clean: CleanText,
    published: str | None,
    site_name: str | None,
    url: str | None,
) -> Article:
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
        published=published,
        language=detect_language(body),
        site_name=site_name,
        url=url,
        bios=bios,
        removed=clean.removed,
        extractor=EXTRACTOR_VERSION,
    )
