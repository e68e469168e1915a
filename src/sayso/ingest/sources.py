"""Find the inputs and read each one into a :class:`RawInput`.

Every way an input can be wrong ends in one :class:`~sayso.errors.InputError`
subclass with a one-line reason, so the caller can report it and go on with
the other inputs.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import stat
import sys
import threading
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from sayso.errors import (
    DecodeFailure,
    EmptyInput,
    InputTooLarge,
    UnreadableInput,
    UnsupportedInput,
)
from sayso.ingest.decoding import decode_noting, normalise_newlines
from sayso.ingest.mojibake import repair_noting
from sayso.ingest.pagemeta import PageMeta, is_sidecar, read_sidecar
from sayso.model import Document, InputKind

STDIN = "-"
DEFAULT_MAX_BYTES = 10_000_000
READ_TIMEOUT_S = 60.0  # standard input that gives nothing for this long is an error

_KIND_BY_SUFFIX: dict[str, InputKind] = {".html": "html", ".htm": "html", ".txt": "text"}
_GZ = ".gz"
# Corpus files, read record by record (sayso.ingest.corpora): walked like pages.
CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".warc")
_GZIP_MAGIC = b"\x1f\x8b"
# Refused outright when named explicitly: sniffing them would only ever end
# in a less helpful BinaryInput.
_BINARY_SUFFIXES = frozenset(
    """.pdf .png .jpg .jpeg .gif .webp .bmp .tif .tiff .ico .svgz .heic
    .zip .tar .tgz .bz2 .xz .7z .rar .zst .jar .whl .epub
    .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf
    .mp3 .mp4 .m4a .wav .ogg .flac .avi .mov .mkv .webm
    .exe .dll .so .dylib .bin .class .pyc .o .a
    .db .sqlite .sqlite3 .woff .woff2 .ttf .otf""".split()
)
_EARLY = 2048
_HTML_START = ("<!doctype html", "<html")
_HTML_TAG = re.compile(r"<(?:html|head|body|p)[\s>/]", re.IGNORECASE)
_WHITESPACE = " \t\n\r\f\v\ufeff\u200b\xa0"


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input read and decoded, ready for extraction."""

    document: Document
    text: str
    notes: tuple[str, ...] = ()  # repairs made while decoding (stray bytes, mojibake)
    meta: PageMeta = PageMeta()  # what the user says of the page (sidecar, form)


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """Yield the inputs: files as given, directories walked in sorted order.

    Directories yield only ``.html``/``.htm``/``.txt`` pages and ``.jsonl``/
    ``.ndjson``/``.csv``/``.warc`` corpora (and their ``.gz`` variants),
    skipping hidden entries and ``.meta.json`` sidecars; ``-`` (stdin) is
    passed through.
    """
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def _walk(directory: str) -> Iterator[str]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        # Yielded so read_input reports it, rather than dropping it silently.
        yield directory
        return
    for entry in entries:
        if entry.name.startswith(".") or is_sidecar(entry.name):
            continue
        # Directory symlinks are not followed: they can loop.
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif _listed(entry.name) and _to_read(entry):
            # a FIFO, socket or device named like a page, or a link to nothing (or
            # to itself), is yielded too, so that read_input reports it with its
            # code rather than the walk dropping it silently
            yield entry.path


def _listed(name: str) -> bool:
    """A page (HTML, text) or a corpus (JSONL, CSV, WARC), gzipped or not."""
    stem = name.lower().removesuffix(_GZ)
    return _kind_by_suffix(name) is not None or os.path.splitext(stem)[1] in CORPUS_SUFFIXES


def _to_read(entry: os.DirEntry[str]) -> bool:
    """A regular file, or what read_input must report: a FIFO, socket or device
    (what reading would block on or never end), or a link to nothing or to itself."""
    try:
        mode = entry.stat().st_mode  # through a link
    except OSError:  # a missing target, or "Too many levels of symbolic links"
        return entry.is_symlink()
    return (
        stat.S_ISREG(mode)
        or stat.S_ISFIFO(mode)
        or stat.S_ISSOCK(mode)
        or (stat.S_ISCHR(mode) or stat.S_ISBLK(mode))
    )


def read_input(
    path: str, *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> RawInput:
    """Read, decompress and decode one input, with the metadata of its sidecar
    ``PAGE.meta.json`` if it has one; raise an InputError when it can't be used."""
    if path == STDIN:
        raw = _read_stream(stdin if stdin is not None else _stdin_buffer(), max_bytes)
        named_kind: InputKind | None = None
        meta = PageMeta()
    else:
        named_kind = _kind_of_path(path)
        raw = _read_file(path, max_bytes)
        meta = read_sidecar(path)
    return read_bytes(raw, path, kind=named_kind, max_bytes=max_bytes, meta=meta)


def read_bytes(
    raw: bytes,
    source: str,
    *,
    kind: InputKind | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    meta: PageMeta | None = None,
) -> RawInput:
    """Decompress and decode bytes already read (an upload, a fetched page, pasted
    text), and repair their mojibake; ``source`` names them in the record and in
    errors, ``kind`` None sniffs, ``meta`` is what the user says of the page."""
    if len(raw) > max_bytes:
        raise InputTooLarge(f"more than {max_bytes} bytes", source=source)
    data = _gunzip(raw, source, max_bytes) if raw.startswith(_GZIP_MAGIC) else raw
    if not data.strip():
        raise EmptyInput("empty input" if not data else "only whitespace", source=source)
    decoded, decoding_notes = decode_noting(data, source)
    notes = list(decoding_notes)
    text = repair_noting(normalise_newlines(decoded), notes)
    if not text.strip(_WHITESPACE):
        raise EmptyInput("only whitespace", source=source)
    digest = hashlib.sha256(data).hexdigest()
    document = Document(
        id=f"doc_{digest[:16]}",
        source=source,
        kind=kind or sniff_kind(text),
        sha256=digest,
        size=len(data),
    )
    return RawInput(document=document, text=text, notes=tuple(notes), meta=meta or PageMeta())


def sniff_kind(text: str) -> InputKind:
    """HTML when it starts like a page or has page tags early; text otherwise."""
    head = text[:_EARLY].lstrip(_WHITESPACE).lower()
    if head.startswith(_HTML_START) or _HTML_TAG.search(head):
        return "html"
    return "text"


def _kind_by_suffix(name: str) -> InputKind | None:
    stem = name.lower().removesuffix(_GZ)
    return _KIND_BY_SUFFIX.get(os.path.splitext(stem)[1])


def _kind_of_path(path: str) -> InputKind | None:
    """The kind the name promises; None means sniff. Binary suffixes are refused."""
    kind = _kind_by_suffix(path)
    suffix = os.path.splitext(path.lower().removesuffix(_GZ))[1]
    if kind is None and suffix in _BINARY_SUFFIXES:
        raise UnsupportedInput(
            f"{suffix} files are not supported (sayso reads HTML and plain text)",
            source=path,
        )
    return kind


def _stdin_buffer() -> BinaryIO:
    if sys.stdin is None:
        raise UnreadableInput("no standard input to read", source=STDIN)
    return sys.stdin.buffer


def _read_stream(stream: BinaryIO, max_bytes: int, timeout_s: float = READ_TIMEOUT_S) -> bytes:
    """Read standard input in a thread with a deadline: a pipe nobody writes to
    is an error after ``timeout_s`` seconds, not a hang."""
    result: list[bytes] = []
    failure: list[BaseException] = []

    def read() -> None:
        try:
            result.append(stream.read(max_bytes + 1))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            failure.append(exc)

    reader = threading.Thread(target=read, name="sayso-stdin", daemon=True)
    reader.start()
    reader.join(timeout_s)
    if reader.is_alive():
        raise UnreadableInput(
            f"standard input gave nothing to read within {timeout_s:g} s", source=STDIN
        )
    if failure:
        exc = failure[0]
        if not isinstance(exc, (OSError, ValueError)):  # ValueError: the stream is closed
            raise exc
        raise UnreadableInput(f"cannot read standard input: {exc}", source=STDIN) from exc
    raw = result[0]
    if len(raw) > max_bytes:
        raise InputTooLarge(f"more than {max_bytes} bytes on standard input", source=STDIN)
    return raw


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableInput("is a directory, not a file", source=path)
        if not stat.S_ISREG(info.st_mode):
            # opening a FIFO blocks until a writer comes; a device never ends
            raise UnreadableInput(f"not a regular file ({_file_type(info.st_mode)})", source=path)
        if info.st_size > max_bytes:
            raise InputTooLarge(f"{info.st_size} bytes, over the limit of {max_bytes}", source=path)
        # O_NONBLOCK: should the path become a FIFO after the stat, opening it
        # does not wait for a writer; fstat then refuses it
        with open(path, "rb", opener=_nonblocking) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UnreadableInput("not a regular file", source=path)
            # +1 so a file that grew after stat is still caught.
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableInput(_os_reason(exc), source=path) from exc
    if len(raw) > max_bytes:
        raise InputTooLarge(f"more than {max_bytes} bytes", source=path)
    return raw


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a file"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    return f"cannot read: {exc.strerror or exc}"


def _gunzip(raw: bytes, path: str, max_bytes: int) -> bytes:
    """Decompress at most ``max_bytes + 1`` bytes, so a gzip bomb costs nothing."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as archive:
            data = archive.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise DecodeFailure(f"broken gzip data: {exc}", source=path) from exc
    if len(data) > max_bytes:
        raise InputTooLarge(f"decompresses to more than {max_bytes} bytes", source=path)
    return data
