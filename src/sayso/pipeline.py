"""The pipeline: raw input -> Article -> parse -> entities -> accounts -> speakers ->
statements."""

from __future__ import annotations

from dataclasses import dataclass, field

from sayso.claims.statements import statements_of
from sayso.errors import UnsupportedLanguage
from sayso.events.extract import events_of
from sayso.events.places import geocode
from sayso.extract import build_article
from sayso.ingest import RawInput, read_input
from sayso.model import Account, Analysis, Article, Document, stable_id
from sayso.nlp.attribution import Finder, Found
from sayso.nlp.entities import collect_entities
from sayso.nlp.parse import load_nlp
from sayso.nlp.sides import SideDictionary
from sayso.nlp.speakers import resolve_speakers

ATTRIBUTION_VERSION = "attribution@0.1"
SUPPORTED_LANGUAGES = frozenset({"en"})


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of one run. ``min_confidence`` drops accounts below it; ``claims``
    False stores no claim clusters (ingest is then about 2.5 times faster)."""

    sides: SideDictionary = field(default_factory=SideDictionary.load)
    min_confidence: float = 0.0
    max_bytes: int = 10_000_000
    claims: bool = True  # store statements in claim clusters (embeds each statement)


def analyze_input(raw: RawInput, settings: Settings | None = None) -> Analysis:
    """Analyse one decoded input."""
    settings = settings or Settings()
    article = build_article(raw.document, raw.text)
    return attribute(raw.document, article, settings)


def analyze_path(path: str, settings: Settings | None = None) -> Analysis:
    """Read and analyse one file (or "-" for stdin)."""
    settings = settings or Settings()
    return analyze_input(read_input(path, max_bytes=settings.max_bytes), settings)


def attribute(document: Document, article: Article, settings: Settings) -> Analysis:
    """Find the accounts of an extracted article."""
    if article.language not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguage(
            f"the article is in language {article.language!r}; sayso attributes English only",
            source=document.source,
        )
    doc = load_nlp()(article.text)
    entities = collect_entities(doc, article.id)
    found = Finder(doc, article.title_span, article.dateline).find()
    speakers, speaker_ids = resolve_speakers(found, doc, entities, settings.sides, article.id)
    accounts = [
        _account(article, item, speaker_id)
        for item, speaker_id in zip(found, speaker_ids, strict=True)
        if item.confidence >= settings.min_confidence
    ]
    used = {a.speaker_id for a in accounts}
    places = geocode(article.text, article, entities, doc)
    kept = tuple(s for s in speakers if s.id in used)
    return Analysis(
        document=document,
        article=article,
        entities=entities,
        speakers=kept,
        accounts=tuple(accounts),
        statements=statements_of(doc, article, tuple(accounts), kept),
        events=events_of(doc, article, tuple(accounts), places),
        places=places,
    )


def _account(article: Article, item: Found, speaker_id: str | None) -> Account:
    return Account(
        id=stable_id("acc", article.id, ATTRIBUTION_VERSION, item.content.start, item.content.end),
        article_id=article.id,
        kind=item.kind,
        content=item.content,
        parts=item.parts,
        partial=item.partial,
        speaker_id=speaker_id,
        speaker_mention=item.speaker,
        cue=item.cue,
        recipient=item.recipient,
        channel=item.channel,
        where=item.where,
        confidence=item.confidence,
        rule=item.rule,
    )
