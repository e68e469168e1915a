"""The rule registry: its order, its names, switching rules off, and the doc table."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.errors import ConfigError
from sayso.model import Span
from sayso.nlp.parse import load_nlp
from sayso.nlp.parsed import Found, ParsedArticle
from sayso.nlp.rules import RULES, TRANSCRIPT, check_names, find_accounts, rules_off, rules_table

SCHEMA = Path(__file__).parent.parent / "docs" / "schema.md"

PAGE = (
    "Talks resume\n\n"
    "Samir Haddad said the bridge had fallen. He called for a ceasefire.\n\n"
    "“The bridge is still standing,” Samir Haddad told reporters.\n\n"
    "The ministry declined to comment on the report. The commander seemed irritated."
)


def _parsed(text: str = PAGE) -> ParsedArticle:
    return ParsedArticle(load_nlp()(text), Span(0, text.index("\n")))


def _key(item: Found) -> tuple[object, ...]:
    return (item.rule, item.kind, item.content, item.speaker, item.confidence)


def test_the_order_is_the_order_they_run_in() -> None:
    assert [r.name for r in RULES] == [
        "reported-speech",
        "according-to",
        "speech-act",
        "intention",
        "belief",
        "nominal",
        "stance",
        "frame",
        "appearance",
        "question",
        "refusal",
        "direct-quote",
        "quote-no-cue",
        "headline",
        "headline-verb",
        "transcript",
    ]


def test_names_are_unique_and_each_rule_is_described() -> None:
    assert len({r.name for r in RULES}) == len(RULES)
    assert all(r.kinds and 0 < r.confidence <= 1 for r in RULES)
    assert all((r.find.__doc__ or "").strip() for r in RULES)
    assert TRANSCRIPT.label == "transcript"


def test_the_doc_holds_exactly_the_generated_table() -> None:
    doc = SCHEMA.read_text(encoding="utf-8")
    table = rules_table()
    assert table in doc
    rows = [line for line in doc.splitlines() if line.startswith("| `") and "(written" in line]
    assert all(row in table for row in rows)  # no stale rows of an older table
    start = doc.index(table)
    assert doc[start - 2 : start] == "\n\n" and doc[start + len(table)] == "\n"


def test_every_rule_on_finds_the_page() -> None:
    rules = {f.by for f in find_accounts(_parsed())}
    assert {"reported-speech", "speech-act", "direct-quote", "refusal", "appearance"} <= rules


@pytest.mark.parametrize("name", [r.name for r in RULES])
def test_a_rule_off_takes_exactly_its_accounts_away(name: str) -> None:
    parsed = _parsed()
    every = find_accounts(parsed)
    without = find_accounts(parsed, without=frozenset({name}))
    if name == "refusal":  # the refusal drops the speech act inside it: back without it
        refused = next(f.content for f in every if f.by == name)
        back = [f for f in without if f.cue is not None and refused.contains(f.cue)]
        assert [f.by for f in back] == ["speech-act"]
        without = [f for f in without if f not in back]
    assert [_key(f) for f in without] == [_key(f) for f in every if f.by != name]


def test_rules_filtered_out_are_off_too() -> None:
    parsed = _parsed()
    kept = tuple(r for r in RULES if r.name != "direct-quote")
    assert [_key(f) for f in find_accounts(parsed, rules=kept)] == [
        _key(f) for f in find_accounts(parsed, without=frozenset({"direct-quote"}))
    ]


def test_rules_off_holds_for_the_block() -> None:
    parsed = _parsed()
    with rules_off(["reported-speech"]):
        inside = find_accounts(parsed)
    assert all(f.by != "reported-speech" for f in inside)
    assert any(f.by == "reported-speech" for f in find_accounts(parsed))


def test_unknown_names_are_a_config_error_listing_the_known() -> None:
    with pytest.raises(ConfigError, match="reported-speech") as raised:
        check_names(["reported-speach"])
    assert "reported-speach" in str(raised.value)
    with pytest.raises(ConfigError):
        find_accounts(_parsed(), without=frozenset({"nope"}))
    with pytest.raises(ConfigError), rules_off(["nope"]):
        pass
