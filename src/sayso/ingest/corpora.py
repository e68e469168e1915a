"""Corpora in one file: JSON Lines and CSV exports of scrapers, and web archives
(WARC), each record a page of its own (issue 18).

A JSONL or CSV record carries ``text`` or ``html`` and any of a URL, an outlet,
a publication date, a title and a language, under the field names that
trafilatura, news-please and common scraper exports use (:data:`FIELDS`: the
one place they are mapped). A WARC file's response records of HTML are read
through warcio, with the record's target URI as the page's URL and its date as
the day it was published (a news crawl's date; a sidecar or ``--published``
says otherwise). The metadata goes where ``--published``, ``--outlet`` and
``--url`` put it (:class:`~sayso.ingest.pagemeta.PageMeta`); a field that is
not a date, an outlet's name or an http(s) URL is left out, never guessed.

Each record is named ``FILE#N`` (its number in the file, from 1), so a failure
names the record, and a re-run skips the records already stored (by content, as
for files). A record that cannot be used is an input error of its own; the
others go on.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

from sayso.errors import EmptyInput, InputError, UnreadableInput, UnsupportedInput
from sayso.ingest.pagemeta import PageMeta, check_outlet, check_url
from sayso.ingest.sources import CORPUS_SUFFIXES, RawInput, read_bytes

# The names each field goes by in scraper exports, first found first used.
FIELDS: Mapping[str, tuple[str, ...]] = {
    "html": ("html", "raw_html", "content_html", "html_content"),
    "text": ("text", "maintext", "content", "body", "article", "raw_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "outlet": ("outlet", "site", "sitename", "source_domain", "source", "hostname", "publisher"),
    "published": ("published", "date", "date_publish", "publish_date", "pubdate", "datetime"),
}
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def corpus_kind(path: str) -> str | None:
    """``jsonl``, ``csv`` or ``warc`` for a corpus file (gzipped or not), else None."""
    stem = path.lower().removesuffix(".gz")
    suffix = os.path.splitext(stem)[1]
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    return suffix[1:] if suffix in CORPUS_SUFFIXES else None


def read_corpus(path: str, *, max_bytes: int) -> Iterator[RawInput | InputError]:
    """Each record of a corpus file as an input ready for analysis, or the error
    that makes it unusable; an UnreadableInput for the file when it cannot be
    read at all."""
    kind = corpus_kind(path)
    if kind == "warc":
        yield from _warc_pages(path, max_bytes)
        return
    try:
        lines = _text_lines(path)
        records = _jsonl_records(lines) if kind == "jsonl" else _csv_records(lines)
        for number, record in records:
            name = f"{path}#{number}"
            if isinstance(record, str):
                yield UnreadableInput(record, source=name)
                continue
            try:
                yield _page(record, name, max_bytes)
            except InputError as exc:
                yield exc
    except (OSError, UnicodeDecodeError, csv.Error, EOFError) as exc:
        yield UnreadableInput(f"cannot read the corpus: {exc}", source=path)


def count_records(path: str) -> int | None:
    """How many records a corpus file holds, when a quick count can tell (the
    non-blank lines of JSON Lines; None for CSV, whose records may span lines,
    and WARC): a progress bar's total, read once before the run."""
    if corpus_kind(path) != "jsonl":
        return None
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, EOFError):
        return None  # read_corpus reports it


def _text_lines(path: str) -> Iterator[str]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from handle


def _jsonl_records(lines: Iterator[str]) -> Iterator[tuple[int, dict[str, Any] | str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not a JSON record: {exc.msg} at column {exc.colno}"
            continue
        yield number, record if isinstance(record, dict) else "not a JSON object"


def _csv_records(lines: Iterator[str]) -> Iterator[tuple[int, dict[str, Any] | str]]:
    csv.field_size_limit(64 * 1024 * 1024)
    for number, row in enumerate(csv.DictReader(lines), start=1):
        yield number, {str(k).strip().lower(): v for k, v in row.items() if k is not None}


def _field(record: Mapping[str, Any], name: str) -> str | None:
    for key in FIELDS[name]:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _page(record: Mapping[str, Any], name: str, max_bytes: int) -> RawInput:
    """One JSONL or CSV record as an input: its HTML, else its title and text."""
    html, text = _field(record, "html"), _field(record, "text")
    meta = record_meta(record)
    if html is not None:
        return read_bytes(html.encode("utf-8"), name, kind="html", max_bytes=max_bytes, meta=meta)
    if text is None:
        raise EmptyInput("no text or html field", source=name)
    title = _field(record, "title")
    page = f"{title.strip()}\n\n{text}" if title and not text.startswith(title.strip()) else text
    return read_bytes(page.encode("utf-8"), name, kind="text", max_bytes=max_bytes, meta=meta)


def record_meta(record: Mapping[str, Any]) -> PageMeta:
    """A record's date, outlet and URL, each left out when it is not one."""
    published = _field(record, "published")
    day = _ISO_DAY.match(published.strip()) if published else None
    return PageMeta(
        published=day.group(1) if day and _is_day(day.group(1)) else None,
        outlet=_checked(check_outlet, _field(record, "outlet")),
        url=_checked(check_url, _field(record, "url")),
    )


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _checked(check: Callable[[str], str], value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check(value)
    except ValueError:
        return None


def _warc_pages(path: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    """The HTML response records of a WARC file, as pages."""
    try:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
        from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency
        yield UnsupportedInput("reading WARC files needs the warcio package", source=path)
        return
    pages = 0
    try:
        with open(path, "rb") as handle:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                if record.format != "warc":  # warcio reads anything as an old ARC file
                    yield UnreadableInput("not a WARC file (no WARC/1.x record)", source=path)
                    return
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith(_HTML_TYPES):
                    continue
                name = f"{path}#{number}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                day = record.rec_headers.get_header("WARC-Date") or ""
                meta = record_meta({"url": url, "published": day})
                pages += 1
                try:
                    data = record.content_stream().read(max_bytes + 1)
                    yield read_bytes(data, name, kind="html", max_bytes=max_bytes, meta=meta)
                except InputError as exc:
                    yield exc
    except (OSError, ValueError, EOFError, ArchiveLoadFailed) as exc:
        yield UnreadableInput(f"cannot read the web archive: {exc}", source=path)
        return
    if not pages:
        yield EmptyInput("no HTML response records in the web archive", source=path)
