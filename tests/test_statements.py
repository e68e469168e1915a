"""Statements of one article: their stance, what a partial quote claims, and
which statement elaborates the one before it."""

from __future__ import annotations

import pytest

from sayso.extract import build_article
from sayso.model import Analysis, Document
from sayso.pipeline import Settings, analyze_article


def _analyse(body: str, title: str = "Talks resume") -> Analysis:
    doc = Document(id="doc_test", source="test.txt", kind="text", sha256="0" * 64, size=0)
    return analyze_article(doc, build_article(doc, f"{title}\n\n{body}"), Settings())


def _spoken(body: str) -> list[tuple[str, str, str | None]]:
    """(text, stance, evidence) of each account's statement."""
    analysis = _analyse(body)
    text = analysis.article.text
    return [
        (s.span.text(text), s.stance, s.stance_evidence)
        for s in analysis.statements
        if s.account_id is not None
    ]


@pytest.mark.parametrize(
    ("body", "evidence"),
    [
        (
            "A local official said that the men were sent to the front, including both "
            "volunteers and reservists.",
            "including both",
        ),
        (
            "The commander said that only some of the prisoners were released on Sunday.",
            "only some",
        ),
        (
            "The ministry said that those who had not registered were detained at the border.",
            "those who had not",
        ),
    ],
)
def test_a_restricted_claim_is_partly_supported(body: str, evidence: str) -> None:
    restricted = [(stance, found) for _, stance, found in _spoken(body) if stance == "partly"]
    assert restricted == [("partly", evidence)]


def test_what_comes_before_a_restriction_is_a_core_statement_in_full() -> None:
    """ "..., including both volunteers and reservists": the men were sent to the
    front, all of them; only who they were is restricted."""
    analysis = _analyse(
        "A local official said that the men were sent to the front, including both "
        "volunteers and reservists."
    )
    text = analysis.article.text
    restricted, core = [s for s in analysis.statements if s.account_id is not None]
    assert restricted.stance == "partly" and restricted.account_id == core.account_id
    assert (core.span.text(text), core.stance, core.core_of) == (
        "the men were sent to the front",
        "supports",
        restricted.id,
    )
    only_some = _spoken("The commander said that only some of the prisoners were freed.")
    assert [stance for _, stance, _ in only_some] == ["partly"]  # nothing before "only"


@pytest.mark.parametrize(
    "body",
    [
        "The ministry said that those who registered were released on Sunday.",
        "The commander said the soldiers recognized some of them at the checkpoint.",
    ],
)
def test_an_unrestricted_claim_is_supported(body: str) -> None:
    [(_, stance, _)] = _spoken(body)
    assert stance == "supports"


def test_a_partial_quote_claims_the_writers_sentence() -> None:
    analysis = _analyse(
        "The evacuation of the city ended on Sunday.",
        title="Governor: ‘a complete failure’ of the evacuation left thousands stranded",
    )
    [account] = analysis.accounts
    [statement] = [s for s in analysis.statements if s.account_id == account.id]
    text = analysis.article.text
    assert (account.kind, account.content.text(text)) == ("partial", "a complete failure")
    assert statement.span.text(text) == (
        "‘a complete failure’ of the evacuation left thousands stranded"
    )


def _continues(body: str) -> list[tuple[str, str | None]]:
    """(first words, first words of the statement it continues) per account statement."""
    analysis = _analyse(body)
    text = analysis.article.text
    by_id = {s.id: s for s in analysis.statements}
    out = []
    for s in analysis.statements:
        if s.account_id is None:
            continue
        before = by_id[s.continues].span.text(text)[:12] if s.continues else None
        out.append((s.span.text(text)[:12], before))
    return out


def test_a_paraphrase_then_the_quote_that_backs_it() -> None:
    body = (
        "Opposition activist Mumtaz Abu Muhammad says that officials threaten men with prison.\n\n"
        "“Those who leave have two choices,” the activist told reporters."
    )
    assert _continues(body) == [("officials th", None), ("Those who le", "officials th")]


def test_a_group_then_one_of_its_voices_and_his_quote_going_on() -> None:
    body = (
        "Many residents of the camp say they will not leave for fear of arrest.\n\n"
        "“We would rather stay here,” Ahmed Saleh, a resident, told reporters.\n\n"
        "“Nobody trusts their promises.”"
    )
    assert _continues(body) == [
        ("they will no", None),
        ("We would rat", "they will no"),
        ("Nobody trust", "We would rat"),
    ]


def test_a_quote_then_another_speaker_or_a_later_paraphrase_does_not_continue() -> None:
    body = (
        "“We recognized some of them,” Yazan al-Halabi told reporters.\n\n"
        "Yazan al-Halabi believes the men were forced to fight.\n\n"
        "A spokesman for the army said the men had volunteered."
    )
    assert [after for _, after in _continues(body)] == [None, None, None]
