"""Issue 2's acceptance test: the reference page against its hand-made gold."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.eval.golden import locate, score, speaker_matches, token_overlap
from sayso.model import Analysis

Reference = tuple[Analysis, dict[str, Any]]


def test_reference_metadata(reference: Reference) -> None:
    analysis, gold = reference
    article = analysis.article
    assert article.title == gold["title"]
    assert list(article.authors) == gold["authors"]
    assert article.dateline is not None
    assert article.dateline.text(article.text) == gold["dateline"]
    assert article.published is None  # the page states no date: unknown, never today
    assert article.language == gold["language"]


def test_reference_body_is_clean(reference: Reference) -> None:
    analysis, gold = reference
    article = analysis.article
    body = article.body_span.text(article.text)
    assert body.startswith(gold["body_first"])
    assert body.endswith(gold["body_last"])
    for chrome in gold["not_body"]:
        assert chrome not in article.text
    for bio in gold["author_bios"]:
        assert bio["text_starts"] not in article.text


def test_reference_bio_attached_to_its_author(reference: Reference) -> None:
    analysis, gold = reference
    [expected] = gold["author_bios"]
    [bio] = analysis.article.bios
    assert bio.author == expected["author"]
    assert bio.name_as_written == expected["name_as_written"]
    assert bio.language == expected["language"]
    assert bio.text.startswith(expected["text_starts"])


def test_reference_all_accounts_found(reference: Reference) -> None:
    analysis, gold = reference
    result = score(analysis, gold, min_overlap=0.9)
    missing = [q.gold_id for q in result.quotes if not q.found]
    assert missing == []
    assert len(analysis.accounts) == len(gold["quotes"]) == 15


@pytest.mark.parametrize("index", range(15))
def test_reference_account(reference: Reference, index: int) -> None:
    analysis, gold = reference
    quote = gold["quotes"][index]
    text = analysis.article.text
    span = locate(text, quote["content"])
    assert span is not None
    account = max(analysis.accounts, key=lambda a: token_overlap(text, span, a.content))
    assert token_overlap(text, span, account.content) >= 0.9
    assert account.kind == quote["kind"]
    speaker = analysis.speaker(account.speaker_id)
    assert speaker_matches(quote, speaker), (quote["id"], speaker)
    assert speaker is not None and speaker.side == quote["side"]
    if quote.get("cue"):
        assert account.cue is not None and account.cue.text(text) == quote["cue"]
    for field in ("recipient", "channel"):
        span_of = getattr(account, field)
        expected = quote.get(field)
        if expected:
            assert span_of is not None and span_of.text(text).lower() == expected.lower()


def test_reference_silence_is_not_a_quote(reference: Reference) -> None:
    analysis, gold = reference
    text = analysis.article.text
    for not_quote in gold["not_quotes"]:
        span = locate(text, not_quote["text"])
        assert span is not None
        assert not any(a.content.overlaps(span) for a in analysis.accounts)


def test_reference_people_and_organisations(reference: Reference) -> None:
    analysis, gold = reference
    people = {e.name for e in analysis.entities if e.label == "PERSON"}
    speakers = {s.name for s in analysis.speakers if s.name}
    for person in gold["people"]:
        if person.get("role") != "author":
            assert person["name"] in people | speakers
    by_name = {e.name: e for e in analysis.entities}
    assert "SAA" in by_name["Syrian Arab Army"].aliases
    labels = {name: e.label for name, e in by_name.items()}
    assert labels["Syrian Arab Army"] == labels["al-Mayadeen"] == "ORG"
    assert labels["Yazan al-Halabi"] == "PERSON"  # the small model says place
    assert labels["Aleppo"] == "PLACE"  # the small model says person


def test_reference_spans_point_into_the_text(reference: Reference) -> None:
    analysis, _ = reference
    n = len(analysis.article.text)
    for account in analysis.accounts:
        for span in (account.content, account.cue, account.recipient, account.channel):
            assert span is None or 0 <= span.start < span.end <= n
