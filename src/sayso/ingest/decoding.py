"""Turn raw bytes into text, or say clearly why they are not text.

Order of trust: a byte-order mark, then the charset the HTML declares, then
strict UTF-8, then UTF-8 with a few stray bytes, then charset_normalizer (when
installed and confident), then cp1252 when the result reads like text.
Guessing past that would hand the extractor mojibake, so it stops with
:class:`DecodeFailure`.

A page that is nearly all text loses nothing it need not: a few stray bytes
(a flipped bit, a NUL, an invalid UTF-8 sequence in a UTF-8 page) become
U+FFFD with a note in the record, rather than the whole page being refused.
Only what is really binary or undecodable is refused.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

from sayso.errors import BinaryInput, DecodeFailure

# Longest marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common binary formats, so the message can name the format.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
# The WHATWG encoding standard reads these labels as windows-1252; pages that
# say latin-1 routinely contain cp1252 quotes and dashes.
_AS_CP1252 = frozenset({"latin_1", "iso8859_1", "ascii", "cp1252"})
# A page cannot truly be UTF-16 if its meta tag is readable as ASCII.
_IGNORED_DECLARED = frozenset({"utf_16", "utf_16_le", "utf_16_be", "utf_32"})

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_CONTROL_BYTES = bytes(b for b in range(0x20) if chr(b) not in _ALLOWED_CONTROLS) + b"\x7f"
_BAD_CONTROL = re.compile(f"[{re.escape(_CONTROL_BYTES.decode('ascii'))}]")  # the same, decoded
_SAMPLE = 65_536
_MAX_CONTROL_SHARE = 0.05
_MIN_PRINTABLE_SHARE = 0.95
_MAX_CHAOS = 0.1
_MIN_COHERENCE = 0.2
_CHAOS_SLACK = 0.02
_COHERENCE_SLACK = 0.1
# Stray bytes a page may hold and still be read (with U+FFFD in their place):
# at most this share of it, and only in a page at least _MIN_STRAY_LENGTH long.
_MAX_STRAY_SHARE = 0.005
# ... and up to this share in a page that shows it is UTF-8 (more valid
# multi-byte characters than invalid bytes): a legacy code page's guess at
# such a page is mojibake all through ("тАЬ" for every quote mark).
_MAX_EVIDENT_STRAY_SHARE = 0.05
_MIN_STRAY_LENGTH = 200
REPLACEMENT = "\ufffd"


def decode(data: bytes, source: str) -> str:
    """Decode ``data``; raise BinaryInput or DecodeFailure when it is not text."""
    return decode_noting(data, source)[0]


def decode_noting(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Decode ``data``, with a note for each repair made on the way (stray bytes
    replaced); raise BinaryInput or DecodeFailure when it is not text."""
    notes: list[str] = []
    bom = _bom(data)
    if bom is not None:
        text = _decode_bom(data[len(bom[0]) :], bom[1], source)
    else:
        _refuse_binary_bytes(data, source)
        text = _decode_unmarked(data, source, notes)
    text = _refuse_binary_text(text, source, notes)
    return text, tuple(notes)


def _few(count: int, length: int) -> bool:
    """Few enough strays, in a long enough page, to repair rather than refuse."""
    return length >= _MIN_STRAY_LENGTH and count <= _MAX_STRAY_SHARE * length


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bom(data: bytes) -> tuple[bytes, str] | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return mark, encoding
    return None


def _decode_bom(body: bytes, encoding: str, source: str) -> str:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeFailure(
            f"starts with a {encoding} byte-order mark but is not valid {encoding} "
            f"(byte {exc.start})",
            source=source,
        ) from exc


def _refuse_binary_bytes(data: bytes, source: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"binary content: looks like {what}", source=source)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if b"\x00" in data and not _few(controls, len(data)):
        raise BinaryInput("binary content: contains NUL bytes", source=source)
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise BinaryInput(f"binary content: {controls} control bytes", source=source)


def _refuse_binary_text(text: str, source: str, notes: list[str]) -> str:
    """After decoding (a BOM can make NULs legal bytes), the characters must be
    text; a few stray control characters are replaced, with a note."""
    controls = len(_BAD_CONTROL.findall(text))  # the whole text, not its start
    if controls == 0:
        return text
    if _few(controls, len(text)):
        repaired = _BAD_CONTROL.sub(REPLACEMENT, text)
        notes.append(f"{controls} stray control characters replaced by U+FFFD")
        return repaired
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise BinaryInput("binary content: control characters in the decoded text", source=source)
    return text


def _decode_unmarked(data: bytes, source: str, notes: list[str]) -> str:
    attempts: tuple[Callable[[bytes], str | None], ...] = (
        _decode_declared,
        _decode_utf8,
        lambda d: _decode_utf8_repaired(d, notes, needs_utf8_evidence=True),
        _decode_normalizer,
        _decode_cp1252,
        lambda d: _decode_utf8_repaired(d, notes, needs_utf8_evidence=False),
    )
    for attempt in attempts:
        text = attempt(data)
        if text is not None:
            return text
    raise DecodeFailure("not UTF-8 and no confident guess at its encoding", source=source)


def _decode_utf8_repaired(
    data: bytes, notes: list[str], *, needs_utf8_evidence: bool
) -> str | None:
    """UTF-8 with a few invalid bytes, each replaced by U+FFFD (and noted).

    Before the guessers, only for a page that shows it is UTF-8 (it holds more
    valid multi-byte characters than invalid bytes): a cp1252 page, whose curly
    quotes are invalid UTF-8, has no valid multi-byte characters and is left to
    them. After them, as the last resort, any page with few invalid bytes."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    if invalid <= 0 or len(data) < _MIN_STRAY_LENGTH:
        return None
    share = _MAX_EVIDENT_STRAY_SHARE if needs_utf8_evidence else _MAX_STRAY_SHARE
    if invalid > share * len(data):
        return None
    if needs_utf8_evidence:
        ascii_only = len(text.encode("ascii", errors="ignore"))
        multibyte = len(text) - ascii_only - text.count(REPLACEMENT)
        if multibyte <= invalid:
            return None
    notes.append(f"{invalid} bytes that are not UTF-8 replaced by U+FFFD")
    return text


def declared_charset(data: bytes) -> str | None:
    """The Python codec name of the HTML ``<meta charset>``, if any and known."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name.replace("-", "_")
    except (LookupError, UnicodeDecodeError):
        return None
    if name in _IGNORED_DECLARED:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _decode_declared(data: bytes) -> str | None:
    # A wrong declaration is common (UTF-8 pages saved as cp1252): fall through.
    encoding = declared_charset(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_normalizer(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: only a better guess than cp1252
        return None
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    if best.chaos > _MAX_CHAOS or best.coherence < _MIN_COHERENCE:
        return None
    # On short input charset_normalizer ranks the Latin code pages almost at
    # random (cp1250, mac_latin2...), while English news in a legacy encoding
    # is nearly always cp1252: take cp1252 whenever it is about as good.
    if any(_cp1252_as_good(match, best) for match in matches):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("cp1252")
    return str(best)


def _cp1252_as_good(match: CharsetMatch, best: CharsetMatch) -> bool:
    return (
        "cp1252" in match.could_be_from_charset
        and match.chaos <= best.chaos + _CHAOS_SLACK
        and match.coherence >= best.coherence - _COHERENCE_SLACK
    )


def _decode_cp1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if looks_like_text(text) else None


def looks_like_text(text: str) -> bool:
    """Mostly printable characters, with some letters in it."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    printable = sum(1 for ch in sample if ch.isprintable() or ch in _ALLOWED_CONTROLS)
    has_letters = any(ch.isalpha() for ch in sample)
    return has_letters and printable >= _MIN_PRINTABLE_SHARE * len(sample)
