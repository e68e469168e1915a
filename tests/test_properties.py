"""Properties that hold whatever the text: quote pairing, sides, spans, the JSON record."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.errors import UnsupportedLanguage
from sayso.export import to_dict, to_json
from sayso.ingest import RawInput
from sayso.model import (
    UNKNOWN,
    Account,
    Analysis,
    Article,
    AuthorBio,
    Document,
    Entity,
    Span,
    Speaker,
    stable_id,
)
from sayso.nlp.quotes import find_quotes
from sayso.nlp.sides import SideDictionary
from sayso.pipeline import analyze_input, analyze_path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aleppo-conscription.txt"
QUOTES = "\"'“”‘’«»„"
LETTERS = "abcdefgXYZ"
quote_text = st.text(alphabet=st.sampled_from(list(LETTERS + " \n" + QUOTES)), max_size=200)


# --- find_quotes -------------------------------------------------------------


@settings(max_examples=500)
@given(quote_text)
def test_find_quotes_regions_are_sound(text: str) -> None:
    regions = find_quotes(text)
    previous_end = 0
    for region in regions:
        outer, content = region.outer, region.content
        assert 0 <= outer.start <= outer.end <= len(text)
        assert outer.contains(content)
        assert len(content) > 0
        assert text[outer.start] in QUOTES
        assert outer.start >= previous_end, f"overlapping regions in {text!r}: {regions}"
        if region.closed:
            assert text[outer.end - 1] in QUOTES
        previous_end = outer.end


@given(quote_text)
def test_find_quotes_regions_stay_within_a_paragraph(text: str) -> None:
    for region in find_quotes(text):
        assert "\n\n" not in region.outer.text(text)


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We will stay,” he said.", ["We will stay,"]),
        ('He said "no" twice.', ["no"]),
        ("Aleppo’s people don’t ‘give up’.", ["give up"]),
        ("«Non» et „ja“", ["Non", "ja"]),
        ("“Open to the end\n\nNext", ["Open to the end"]),
    ],
)
def test_find_quotes_examples(text: str, quoted: list[str]) -> None:
    assert [r.content.text(text) for r in find_quotes(text)] == quoted


# --- side_of -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sides() -> SideDictionary:
    return SideDictionary.load()


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.none() | st.text(max_size=60), max_size=4))
def test_side_of_never_raises(sides: SideDictionary, phrases: list[str | None]) -> None:
    match = sides.side_of(*phrases)
    assert match.side == UNKNOWN or match.side in sides.sides
    assert (match.evidence is None) == (match.side == UNKNOWN)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            ["rebel", "regime", "-held", "pro-", "army", "'s", "’", ".", "*", " ", "u.n."]
        )
        | st.text(alphabet=st.sampled_from(list("abrelgovtn -'’.*")), max_size=6),
        max_size=12,
    )
)
def test_side_of_never_raises_on_wordy_text(sides: SideDictionary, parts: list[str]) -> None:
    match = sides.side_of("".join(parts))
    assert match.side == UNKNOWN or match.evidence


# --- spans of generated articles ---------------------------------------------

NAMES = [
    "Abu Omar",
    "Jane Doe, a local doctor,",
    "a rebel commander",
    "the army",
    "Residents",
    "He",
    "A United Nations official",
]
VERBS = ["said", "told reporters", "claimed", "added", "says", "told Reuters"]
CLAUSES = [
    "the road to the city was closed for three days",
    "we will not leave our homes",
    "the shelling started before dawn and did not stop",
    "there is no food left in the market",
    "families were waiting at the checkpoint",
    "the convoy reached the town on Monday",
]
MARKS = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("“", ""), ("", "”")]
noise = st.text(alphabet=st.sampled_from(list(LETTERS + " " + QUOTES)), max_size=12)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    name, verb = draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS))
    clause = draw(st.sampled_from(CLAUSES)) + draw(noise)
    opening, closing = draw(st.sampled_from(MARKS))
    form = draw(st.integers(0, 4))
    if form == 0:
        return f"{opening}{clause.capitalize()},{closing} {name} {verb}."
    if form == 1:
        return f"{name} {verb} that {clause}."
    if form == 2:
        return f"According to {name}, {clause}."
    if form == 3:
        return f"{name} {verb}: {opening}{clause.capitalize()}.{closing}"
    return f"{clause.capitalize()}."


@st.composite
def articles(draw: st.DrawFn) -> str:
    opening, closing = draw(st.sampled_from(MARKS))
    title = draw(
        st.sampled_from(
            [
                f"Rebel commander: {opening}we will stay{closing} in the city",
                "Convoy reaches besieged town",
                f"{opening}No food left{closing}, residents say",
            ]
        )
    )
    paragraphs = draw(
        st.lists(st.lists(sentences(), min_size=1, max_size=3), min_size=1, max_size=4)
    )
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    return f"{title}\n\nBy Jane Doe\n\n{body}\n"


def raw_input(text: str) -> RawInput:
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    document = Document(
        id=f"doc_{digest[:16]}", source="generated.txt", kind="text", sha256=digest, size=len(data)
    )
    return RawInput(document=document, text=text)


def all_spans(value: Any) -> list[Span]:
    """Every Span inside a model object."""
    if isinstance(value, Span):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in all_spans(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for v in value for s in all_spans(v)]
    return []


def check_record(analysis: Analysis) -> None:
    text = analysis.article.text
    spans = all_spans(analysis)
    assert spans  # body_span at least
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
    record = to_dict(analysis)
    assert json.loads(json.dumps(record)) == record
    assert json.loads(to_json(analysis)) == record
    ids = [a.id for a in analysis.accounts]
    assert len(ids) == len(set(ids))
    speaker_ids = {s.id for s in analysis.speakers}
    assert all(a.speaker_id is None or a.speaker_id in speaker_ids for a in analysis.accounts)


@settings(max_examples=15, deadline=None)
@given(articles())
def test_generated_articles_have_spans_in_bounds(text: str) -> None:
    try:
        analysis = analyze_input(raw_input(text))
    except UnsupportedLanguage:
        return  # a refusal, not a failure: the generator writes English on purpose
    check_record(analysis)
    again = analyze_input(raw_input(text))
    assert again == analysis  # deterministic, ids included


def test_example_record_round_trips() -> None:
    check_record(analyze_path(str(EXAMPLE)))


# --- to_dict of arbitrary model objects --------------------------------------

safe_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
opt_text = st.none() | safe_text


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=80))

    def span() -> Span:
        start = draw(st.integers(0, len(text)))
        return Span(start, draw(st.integers(start, len(text))))

    def opt_span() -> Span | None:
        return span() if draw(st.booleans()) else None

    document = Document(
        id=stable_id("doc", text),
        source=draw(safe_text),
        kind=draw(st.sampled_from(["html", "text"])),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        size=len(text),
    )
    article = Article(
        id=stable_id("art", document.id),
        document_id=document.id,
        source=document.source,
        text=text,
        title=draw(opt_text),
        title_span=opt_span(),
        body_span=span(),
        authors=tuple(draw(st.lists(safe_text, max_size=3))),
        dateline=opt_span(),
        published=draw(opt_text),
        language=draw(opt_text),
        site_name=draw(opt_text),
        url=draw(opt_text),
        bios=tuple(
            AuthorBio(
                author=draw(opt_text),
                name_as_written=draw(opt_text),
                text=draw(safe_text),
                language=draw(opt_text),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
        removed=tuple(draw(st.lists(safe_text, max_size=2))),
        extractor=draw(safe_text),
    )
    entities = tuple(
        Entity(
            id=stable_id("ent", i),
            label=draw(st.sampled_from(["PERSON", "ORG", "PLACE"])),
            name=draw(safe_text),
            aliases=tuple(draw(st.lists(safe_text, max_size=2))),
            mentions=tuple(span() for _ in range(draw(st.integers(0, 3)))),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    speakers = tuple(
        Speaker(
            id=stable_id("spk", i),
            name=draw(opt_text),
            group=draw(opt_text),
            mentions=tuple(span() for _ in range(draw(st.integers(0, 3)))),
            descriptor=draw(opt_text),
            affiliation=draw(opt_text),
            side=draw(st.sampled_from(["government", "opposition", UNKNOWN])),
            side_evidence=draw(opt_text),
            entity_id=draw(st.none() | st.just("ent_x")),
            kind=draw(st.sampled_from(["person", "organization", "group", "unnamed"])),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    accounts = tuple(
        Account(
            id=stable_id("acc", i),
            article_id=article.id,
            kind=draw(st.sampled_from(["direct", "partial", "mixed", "indirect"])),
            content=span(),
            partial=opt_span(),
            speaker_id=draw(st.none() | st.sampled_from([s.id for s in speakers] or [None])),
            speaker_mention=opt_span(),
            cue=opt_span(),
            recipient=opt_span(),
            channel=opt_span(),
            where=draw(st.sampled_from(["title", "body"])),
            confidence=draw(st.floats(0.0, 1.0)),
            rule=draw(safe_text),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    return Analysis(
        document=document,
        article=article,
        entities=entities,
        speakers=speakers,
        accounts=accounts,
        notes=tuple(draw(st.lists(safe_text, max_size=2))),
    )


@settings(max_examples=200)
@given(analyses())
def test_to_dict_round_trips_through_json(analysis: Analysis) -> None:
    record = to_dict(analysis)
    assert json.loads(json.dumps(record)) == record
    assert json.loads(to_json(analysis, indent=None)) == record
    text = analysis.article.text
    for account, serialised in zip(analysis.accounts, record["accounts"], strict=True):
        content = serialised["content"]
        assert (content["start"], content["end"]) == (account.content.start, account.content.end)
        assert content["text"] == text[account.content.start : account.content.end]
        assert serialised["confidence"] == account.confidence
    assert record["article"]["authors"] == list(analysis.article.authors)
