"""Issue 19: long pages are parsed in pieces and read as one; special files are
refused without hanging the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sayso.ingest import read_bytes
from sayso.nlp.parse import parse, pieces
from sayso.pipeline import Settings, analyze_input

FILLER = (
    "The shelling went on through the night in the eastern districts, and aid "
    "convoys could not reach the area for the {n} day in a row. Roads out of the "
    "city were closed, water was short and the market stayed shut."
)


def _page() -> str:
    paragraphs = [
        "Shelling empties the eastern districts",
        "GENEVA — Ahmed Haddad, a spokesman for the Red Cross, said on Monday that "
        "the wards of the main hospital were full.",
    ]
    paragraphs += [FILLER.format(n=f"{n}th") for n in range(4, 90)]
    paragraphs.append("“We have no more beds and no more fuel for the generators,” he said.")
    return "\n\n".join(paragraphs) + "\n"


PIECE = 5_000


def _analysis(text: str, piece_chars: int):  # type: ignore[no-untyped-def]
    raw = read_bytes(text.encode("utf-8"), "long.txt", kind="text")
    return analyze_input(raw, Settings(piece_chars=piece_chars, claims=False))


def test_pieces_make_up_the_text_and_cut_after_paragraphs() -> None:
    text = _page()
    parts = list(pieces(text, PIECE))
    assert len(parts) >= 3 and "".join(parts) == text
    assert all(len(p) <= PIECE for p in parts)
    assert all(p.endswith("\n") for p in parts[:-1])
    doc = parse(text, PIECE)
    assert doc.text == text
    assert {t.idx for t in doc} >= {text.index("“We have")}


def test_pieces_without_paragraphs_cut_after_sentences() -> None:
    text = " ".join(FILLER.format(n=f"{n}th") for n in range(60))
    parts = list(pieces(text, 2_000))
    assert "".join(parts) == text and all(len(p) <= 2_000 for p in parts)
    assert all(p.endswith(". ") for p in parts[:-1])


def test_a_quote_in_a_later_piece_is_the_speaker_of_an_earlier_one() -> None:
    text = _page()
    quote = "We have no more beds and no more fuel for the generators,"
    assert text.index(quote) > 3 * PIECE  # the quote is pieces away from the name
    analysis = _analysis(text, PIECE)
    article = analysis.article.text
    assert article.endswith(text.strip()[-60:])
    account = next(a for a in analysis.accounts if quote in a.content.text(article))
    speakers = {s.id: s for s in analysis.speakers}
    assert speakers[account.speaker_id].name == "Ahmed Haddad"
    # every span is an offset in the one article text
    assert account.content.text(article).strip("“”, ") == quote.rstrip(",")
    assert account.speaker_mention is not None
    assert account.speaker_mention.text(article) == "he"
    assert article.index(quote) >= account.content.start
    for a in analysis.accounts:
        assert 0 <= a.content.start <= a.content.end <= len(article)


def test_one_piece_and_many_give_the_same_accounts() -> None:
    text = _page()

    def key(analysis):  # type: ignore[no-untyped-def]
        speakers = {s.id: s.name for s in analysis.speakers}
        return [
            (a.kind, a.content, a.cue, a.speaker_mention, speakers.get(a.speaker_id or ""))
            for a in analysis.accounts
        ]

    assert key(_analysis(text, PIECE)) == key(_analysis(text, 1_000_000))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_among_the_inputs_is_refused_and_the_others_stored(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(
        "Fighting resumes\n\n“We will stay,” said Ahmed Haddad, a farmer.\n", encoding="utf-8"
    )
    os.mkfifo(pages / "in-dir.txt")
    named = tmp_path / "named.txt"
    os.mkfifo(named)
    sayso = Path(sys.executable).with_name("sayso")
    run = subprocess.run(
        [
            str(sayso),
            "ingest",
            "--db",
            str(tmp_path / "t.db"),
            "--no-claims",
            str(pages),
            str(named),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    out = run.stdout + run.stderr
    assert "in-dir.txt: [E101] not a regular file (a FIFO)" in out
    assert "named.txt: [E101] not a regular file (a FIFO)" in out
    assert "stored 1" in out
