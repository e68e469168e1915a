"""Reading inputs: kinds, gzip, directories, stdin, charsets and every error."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.errors import (
    BinaryInput,
    DecodeFailure,
    EmptyInput,
    InputError,
    InputTooLarge,
    UnreadableInput,
    UnsupportedInput,
)
from sayso.ingest import RawInput, expand_paths, read_bytes, read_input, sniff_kind, sources
from sayso.ingest.mojibake import repair_mojibake

PAGE = (
    b"<!DOCTYPE html><html><body>"
    b"<p>\xe2\x80\x9cWe will stay,\xe2\x80\x9d he said.</p></body></html>"
)


def write(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


# --- kinds and identity ------------------------------------------------------


def test_html_file_reads_with_hash_identity(tmp_path: Path) -> None:
    raw = read_input(write(tmp_path / "a.html", PAGE))
    digest = hashlib.sha256(PAGE).hexdigest()
    assert raw.document.kind == "html"
    assert raw.document.sha256 == digest
    assert raw.document.id == f"doc_{digest[:16]}"
    assert raw.document.size == len(PAGE)
    assert raw.document.source == str(tmp_path / "a.html")
    assert "\u201cWe will stay,\u201d" in raw.text


def test_txt_extension_is_text_even_with_tags(tmp_path: Path) -> None:
    assert read_input(write(tmp_path / "a.txt", b"<html>not really</html>")).document.kind == "text"


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    assert read_input(write(tmp_path / "page.php", PAGE)).document.kind == "html"
    assert read_input(write(tmp_path / "notes.md", b"He said so.")).document.kind == "text"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("\ufeff  <!doctype html><title>x</title>", "html"),
        ("<HTML lang=en>", "html"),
        ("<div>intro</div>\n<p>body</p>", "html"),
        ("Plain words. <not a tag>", "text"),
        ("AMMAN: When the rebels came...", "text"),
    ],
)
def test_sniff_kind(text: str, kind: str) -> None:
    assert sniff_kind(text) == kind


def test_newlines_normalised(tmp_path: Path) -> None:
    raw = read_input(write(tmp_path / "a.txt", b"one\r\ntwo\rthree\n"))
    assert raw.text == "one\ntwo\nthree\n"


# --- gzip --------------------------------------------------------------------


def test_gzip_html_by_name(tmp_path: Path) -> None:
    packed = gzip.compress(PAGE)
    raw = read_input(write(tmp_path / "a.html.gz", packed))
    assert raw.document.kind == "html"
    # Identity is the decompressed content, so a page and its .gz are the same document.
    assert raw.document.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert raw.document.size == len(PAGE)


def test_gzip_detected_by_magic_not_name(tmp_path: Path) -> None:
    raw = read_input(write(tmp_path / "download", gzip.compress(PAGE)))
    assert raw.document.kind == "html"
    assert "We will stay" in raw.text


def test_broken_gzip_is_decode_failure(tmp_path: Path) -> None:
    truncated = gzip.compress(PAGE * 50)[:40]
    with pytest.raises(DecodeFailure, match="gzip"):
        read_input(write(tmp_path / "a.html.gz", truncated))


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    bomb = gzip.compress(b"a" * 5_000_000)
    path = write(tmp_path / "bomb.txt.gz", bomb)
    assert len(bomb) < 100_000
    with pytest.raises(InputTooLarge, match="decompresses"):
        read_input(path, max_bytes=1_000_000)


# --- errors ------------------------------------------------------------------


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no such file") as info:
        read_input(str(tmp_path / "nope.html"))
    assert info.value.source == str(tmp_path / "nope.html")
    assert "[E101]" in str(info.value)


def test_directory_as_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="directory"):
        read_input(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_is_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"text")
    os.chmod(path, 0)
    with pytest.raises(UnreadableInput, match="permission"):
        read_input(path)


def test_permission_error_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", b"text")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", denied, raising=False)
    with pytest.raises(UnreadableInput, match="permission denied"):
        read_input(path)


@pytest.mark.parametrize("data", [b"", b"  \n\t \r\n", b"\xef\xbb\xbf  \n", gzip.compress(b"")])
def test_empty_or_whitespace_is_empty(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(EmptyInput):
        read_input(write(tmp_path / "a.txt", data))


def test_file_over_limit_is_too_large(tmp_path: Path) -> None:
    with pytest.raises(InputTooLarge, match="over the limit"):
        read_input(write(tmp_path / "big.txt", b"x" * 101), max_bytes=100)


def test_file_at_limit_is_fine(tmp_path: Path) -> None:
    assert read_input(write(tmp_path / "ok.txt", b"x" * 100), max_bytes=100).document.size == 100


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def",
        bytes(range(32)) * 20,
        b"\x89PNG\r\n\x1a\nrest of a png",
        b"%PDF-1.7\n%text-looking header",
    ],
)
def test_binary_content_is_binary(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(BinaryInput):
        read_input(write(tmp_path / "blob", data))


@pytest.mark.parametrize(
    "name", ["report.pdf", "photo.JPG", "archive.zip", "memo.docx", "x.pdf.gz"]
)
def test_binary_extension_is_unsupported(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsupportedInput, match="not supported"):
        read_input(write(tmp_path / name, b"whatever"))


def test_undecodable_is_decode_failure(tmp_path: Path) -> None:
    # Invalid UTF-8 and undefined in cp1252 (0x81, 0x8d, 0x8f, 0x90, 0x9d).
    data = b"\x81\x8d\x8f\x90\x9d" * 40
    with pytest.raises(DecodeFailure):
        read_input(write(tmp_path / "a.txt", data))


def test_bad_utf16_after_bom_is_decode_failure(tmp_path: Path) -> None:
    with pytest.raises(DecodeFailure, match="byte-order mark"):
        read_input(write(tmp_path / "a.txt", b"\xff\xfeA\x00B"))


# --- charsets ----------------------------------------------------------------


def test_meta_charset_cp1252(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"></head>'
        "<body><p>\u201cNa\u00efve,\u201d said Jos\u00e9 \u2014 caf\u00e9.</p></body></html>"
    ).encode("cp1252")
    raw = read_input(write(tmp_path / "a.html", page))
    assert "\u201cNa\u00efve,\u201d said Jos\u00e9 \u2014 caf\u00e9." in raw.text


def test_meta_http_equiv_latin1_reads_as_cp1252(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        "</head><body><p>El ni\u00f1o dijo \u201chola\u201d.</p></body></html>"
    ).encode("cp1252")
    raw = read_input(write(tmp_path / "a.html", page))
    assert "El ni\u00f1o dijo \u201chola\u201d." in raw.text


def test_wrong_declared_charset_falls_through(tmp_path: Path) -> None:
    page = '<meta charset="utf-8"><p>caf\u00e9</p>'.encode("cp1252") + b" plain text after"
    raw = read_input(write(tmp_path / "a.html", page))
    assert "caf\u00e9" in raw.text


def test_undeclared_cp1252_text(tmp_path: Path) -> None:
    text = "The minister\u2019s aide said the caf\u00e9 was closed \u2013 for now."
    raw = read_input(write(tmp_path / "a.txt", text.encode("cp1252")))
    assert raw.text == text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom_decides(tmp_path: Path, encoding: str) -> None:
    text = "\u201cYes,\u201d she said in \u0627\u0644\u0639\u0631\u0628\u064a\u0629."
    raw = read_input(write(tmp_path / "a.txt", text.encode(encoding)))
    assert raw.text == text


# --- stdin and directories ---------------------------------------------------


def test_stdin_bytesio() -> None:
    raw = read_input("-", stdin=io.BytesIO(PAGE))
    assert raw.document.source == "-"
    assert raw.document.kind == "html"
    assert read_input("-", stdin=io.BytesIO(b"Just text.")).document.kind == "text"


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"He said so.\r\n")))
    assert read_input("-").text == "He said so.\n"


def test_undeclared_koi8r_is_not_read_as_cp1252(tmp_path: Path) -> None:
    # Long enough for charset_normalizer to be confident (short text is not).
    text = "Привет, как дела? Это тест. Мы говорим по-русски каждый день.\n" * 5
    raw = read_input(write(tmp_path / "ru.txt", text.encode("koi8_r")))
    assert raw.text == text


def test_stdin_gzip_and_limit() -> None:
    assert read_input("-", stdin=io.BytesIO(gzip.compress(PAGE))).document.kind == "html"
    with pytest.raises(InputTooLarge):
        read_input("-", stdin=io.BytesIO(b"x" * 11), max_bytes=10)


def test_expand_paths_recursion_order_and_filter(tmp_path: Path) -> None:
    for name in [
        "b.html",
        "a.txt",
        "c.pdf",
        "d.json",
        ".hidden.html",
        "sub/z.htm",
        "sub/y.TXT.gz",
        "sub/deeper/x.html.gz",
        ".git/config.txt",
        "A.htm",
    ]:
        write(tmp_path / name, b"x")
    found = [os.path.relpath(p, tmp_path) for p in expand_paths([str(tmp_path)])]
    assert found == [
        "A.htm",
        "a.txt",
        "b.html",
        os.path.join("sub", "deeper", "x.html.gz"),
        os.path.join("sub", "y.TXT.gz"),
        os.path.join("sub", "z.htm"),
    ]
    assert found == [os.path.relpath(p, tmp_path) for p in expand_paths([str(tmp_path)])]


def test_expand_paths_keeps_files_and_stdin_as_given(tmp_path: Path) -> None:
    explicit = write(tmp_path / "c.pdf", b"x")
    missing = str(tmp_path / "missing.html")
    assert list(expand_paths(["-", explicit, missing])) == ["-", explicit, missing]


# --- properties --------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_give_raw_input_or_input_error(data: bytes) -> None:
    try:
        raw = read_input("-", stdin=io.BytesIO(data), max_bytes=1024)
    except InputError:
        return
    assert isinstance(raw, RawInput)
    assert raw.text.strip()
    assert "\r" not in raw.text


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_utf8_text_round_trips_modulo_newlines(text: str) -> None:
    try:
        raw = read_input("-", stdin=io.BytesIO(text.encode("utf-8")))
    except (BinaryInput, EmptyInput):
        return  # control characters, or only exotic whitespace
    expected = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if any("U+FFFD" in note for note in raw.notes):
        # a few stray control characters in a long text: each became U+FFFD
        expected = "".join("\ufffd" if _stray_control(c) else c for c in expected)
    # what ftfy judges mojibake is repaired, and noted: "Ü¤" reads as "ܤ"
    repaired = repair_mojibake(expected)[0]
    assert raw.text == repaired
    assert any("mojibake" in note for note in raw.notes) == (repaired != expected)


def _stray_control(ch: str) -> bool:
    return (ord(ch) < 0x20 and ch not in "\t\n\r\f\v") or ord(ch) == 0x7F


# --- nearly text: repaired, not refused -----------------------------------------

NEWS = (
    "The council met on Monday. \u201cWe will rebuild the market,\u201d said Omar Haddad, "
    "a spokesman for the city council, in Aleppo. Traders said they would return. "
) * 8


def test_a_few_stray_bytes_are_replaced_with_a_note() -> None:
    data = bytearray(NEWS.encode("utf-8"))
    data[100] = 0x00  # a NUL
    data[300] = 0xFF  # not UTF-8
    raw = read_bytes(bytes(data), "flipped.txt")
    assert raw.text.count("\ufffd") == 2
    assert raw.notes == (
        "1 bytes that are not UTF-8 replaced by U+FFFD",
        "1 stray control characters replaced by U+FFFD",
    )
    assert "Omar Haddad" in raw.text


def test_cp1252_quotes_are_still_read_as_cp1252() -> None:
    page = NEWS.replace("\u201c", "\u201c").encode("cp1252")
    raw = read_bytes(page, "legacy.txt")
    assert "\u201cWe will rebuild" in raw.text and raw.notes == ()


def test_mostly_binary_is_still_refused() -> None:
    with pytest.raises(BinaryInput):
        read_bytes(NEWS.encode("utf-8")[:300] + b"\x00" * 40, "blob.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableInput, match=r"not a regular file \(a FIFO\)") as caught:
        read_input(str(fifo))
    assert caught.value.code == "E101"
    assert list(expand_paths([str(tmp_path)])) == [str(fifo)]  # walked, not skipped


def test_a_character_device_is_refused() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with pytest.raises(UnreadableInput, match="character device"):
        read_input("/dev/zero")


def test_silent_stdin_times_out() -> None:
    read, write = os.pipe()  # nobody writes: a read would wait forever
    stream = os.fdopen(read, "rb")
    try:
        with pytest.raises(UnreadableInput, match="within"):
            sources._read_stream(stream, 100, timeout_s=0.2)
    finally:
        os.close(write)  # the reader left waiting sees the end; only then can the stream close
        stream.close()
