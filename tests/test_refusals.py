"""Pages refused or mangled for no good reason (issue 20): each goes in, or is
refused with a code that names it, and the others of the run go on."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from sayso.batch import ingest_paths
from sayso.errors import BinaryInput
from sayso.extract import build_article
from sayso.ingest.decoding import REPLACEMENT, decode_noting
from sayso.model import Document
from sayso.pipeline import analyze_path
from sayso.store import Store

from .conftest import REFERENCE


def _document(name: str = "page.txt") -> Document:
    return Document(id="doc_test", source=name, kind="text", sha256="0" * 64, size=0)


def test_a_page_of_one_paragraph_is_its_own_body() -> None:
    raw = (
        "The army said on Monday that it had taken the town after two days of fighting,"
        ' and a spokesman told reporters that "the operation is over."\n'
    )
    article = build_article(_document(), raw)
    assert article.title is None
    assert article.text.startswith("The army said on Monday")


def test_a_long_first_line_is_a_paragraph_not_a_title() -> None:
    first = "Rescuers said on Tuesday " + "that the shelling went on all night, " * 8 + "and more."
    article = build_article(_document(), f"{first}\n\nA second paragraph follows it here.\n")
    assert article.title is None and article.text.startswith("Rescuers said")


def test_a_page_of_short_english_quotes_is_english() -> None:
    rng = random.Random(7)
    quotes = [
        '"We will not leave," she said.',
        '"It is over," he said.',
        '"Nobody came," said Ali.',
    ]
    raw = "Voices\n\n" + "\n\n".join(rng.choice(quotes) for _ in range(2000))
    assert build_article(_document(), raw).language == "en"


def test_utf8_with_stray_bytes_is_repaired_and_noted_never_read_in_another_code_page() -> None:
    data = bytearray(REFERENCE.read_bytes())
    for i in range(40):
        data.insert(500 + i * 97, 0xFF)
    text, notes = decode_noting(bytes(data), "stray.txt")
    assert text.count(REPLACEMENT) == 40
    assert "“" in text and "тА" not in text  # the quote marks, not a Cyrillic guess
    assert notes == ("40 bytes that are not UTF-8 replaced by U+FFFD",)


def test_control_bytes_are_checked_in_the_whole_file() -> None:
    page = ("Plain English prose about the war. " * 3000).encode() + b"\x00\x01\x02" * 2000
    assert len(page) > 65_536 * 1.5
    with pytest.raises(BinaryInput):
        decode_noting(page, "late-binary.txt")


def test_zero_width_marks_do_not_hide_accounts(tmp_path: Path) -> None:
    clean = REFERENCE.read_text("utf-8")
    marked = "".join(
        ch + ("\u200b" if i % 7 == 3 and ch.isalpha() else "") for i, ch in enumerate(clean)
    )
    marked = marked.replace("“", "\u200e“", 3)
    page = tmp_path / "marked.txt"
    page.write_text(marked, "utf-8")
    expected = analyze_path(str(REFERENCE))
    analysis = analyze_path(str(page))
    assert "\u200b" not in analysis.article.text and "\u200e" not in analysis.article.text
    assert len(analysis.accounts) == len(expected.accounts) == 15


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_links_to_nothing_or_to_themselves_are_reported_and_the_rest_stored(
    tmp_path: Path,
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text(REFERENCE.read_text("utf-8"), "utf-8")
    (pages / "dangling.txt").symlink_to(pages / "nowhere.txt")
    (pages / "loop-a.txt").symlink_to(pages / "loop-b.txt")
    (pages / "loop-b.txt").symlink_to(pages / "loop-a.txt")
    with Store(tmp_path / "store.db") as store:
        summary = ingest_paths([str(pages)], store)
        assert store.counts()["documents"] == 1
    failed = {Path(path).name: message for path, message in summary.failed}
    assert set(failed) == {"dangling.txt", "loop-a.txt", "loop-b.txt"}
    assert all("[E101]" in message for message in failed.values()), failed
