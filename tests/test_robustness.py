"""One odd page never breaks sayso: quote marks and letters inserted, deleted
and mixed around the cues of real pages give an analysis or one of sayso's own
input errors, never a bug (a StageError, E110, is a bug caught)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.errors import InputError, StageError
from sayso.ingest import read_bytes
from sayso.pipeline import analyze_input

DATA = Path(__file__).parent / "data"
PAGES = [
    (DATA / "reference" / "aleppo-conscription.txt").read_text(encoding="utf-8"),
    *(p.read_text(encoding="utf-8") for p in sorted((DATA / "conflict").glob("*.txt"))[:4]),
]
# Where a mutation lands: around cues and quote marks, where the rules look.
HOT = re.compile(r"said|says|told|according to|\u201c|\u201d|\u2018|\u2019|\"|:")
PIECES = ["\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "u", "a", ".", ",", " ", "\n", ":"]
EXAMPLES = int(os.environ.get("SAYSO_FUZZ_EXAMPLES", "25"))


@st.composite
def mutated_pages(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(PAGES))
    spots = [m.start() for m in HOT.finditer(text)]
    for _ in range(draw(st.integers(1, 5))):
        at = min(len(text), max(0, draw(st.sampled_from(spots)) + draw(st.integers(-3, 8))))
        piece = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=0, max_size=3)))
        cut = draw(st.integers(0, 2))
        text = text[:at] + piece + text[at + cut :]
    return text


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_pages())
def test_mutated_pages_give_an_analysis_or_an_input_error(text: str) -> None:
    try:
        analysis = analyze_input(read_bytes(text.encode("utf-8"), "mutated.txt"))
    except StageError as exc:  # a bug in a stage, caught: the test must still fail
        raise AssertionError(f"{exc}\n--- page ---\n{text}") from exc
    except InputError:
        return
    for account in analysis.accounts:
        assert 0 <= account.content.start < account.content.end <= len(analysis.article.text)


def test_a_quote_mark_inside_a_cue_verb() -> None:
    """Found by the test above: 'she s“aid.' opened a quote inside the tag verb,
    and the span between the verb and that quote ran backwards (ValueError)."""
    page = (DATA / "conflict" / "03-sudan-el-obeid-power.txt").read_text(encoding="utf-8")
    assert 'lose everything," she said.' in page
    mutated = page.replace('lose everything," she said.', 'lose everything," she s\u201caid.')
    analysis = analyze_input(read_bytes(mutated.encode("utf-8"), "mutated.txt"))
    texts = {a.content.text(analysis.article.text) for a in analysis.accounts}
    assert any(t.startswith("If the power doesn't come back") for t in texts), texts


def test_the_stray_letter_between_two_quotes() -> None:
    page = (
        "Talks resume in Geneva\n\n"
        "\u201cWe came back to sign,\u201d he said.u\u201cWhat we need now is time,\u201d "
        "said Lina Saleh, a spokeswoman for the United Nations team.\n"
    )
    analysis = analyze_input(read_bytes(page.encode("utf-8"), "stray.txt"))
    texts = {a.content.text(analysis.article.text) for a in analysis.accounts}
    assert "What we need now is time," in texts


def test_a_headline_quote_of_quote_marks_alone() -> None:
    """Found by the test above: a headline "Speaker: “‘““ ..." gave an account
    of no characters (from the headline rule) and an empty partial quote that
    broke the statements stage (IndexError)."""
    page = PAGES[0]
    title, rest = page.split("\n", 1)
    for mutated in (
        "Pro-regime journalist: \u201c\u2018\u201c\u201ca large number\u2019 of men now fighting",
        "Pro-regime journalist: \u201c\u2018\u201c\u201c",
    ):
        analysis = analyze_input(read_bytes(f"{mutated}\n{rest}".encode(), "mutated.txt"))
        assert len(analysis.accounts) >= 14
        assert all(a.content.start < a.content.end for a in analysis.accounts)
