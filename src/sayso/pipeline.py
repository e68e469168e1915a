"""The pipeline: a raw input through :data:`STAGES`, in order, to an :class:`Analysis`.

Each :class:`Stage` says what it needs (``requires``) and what it makes
(``assigns``) of the work in progress, and carries a version that goes into the
ids of what it makes. A stage that raises anything but sayso's own errors on a
page becomes a :class:`~sayso.errors.StageError` naming the stage, the page and
the reason: that page fails, and a batch goes on with the next one.

    >>> import sayso.pipeline as p
    >>> [s.name for s in p.STAGES]  # doctest: +NORMALIZE_WHITESPACE
    ['extract', 'language', 'parse', 'entities', 'attribution', 'speakers',
     'places', 'statements', 'events']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sayso.claims.statements import STATEMENTS_VERSION, statements_of
from sayso.errors import SaysoError, StageError, UnsupportedLanguage
from sayso.events.extract import EVENTS_VERSION, events_of
from sayso.events.places import PLACES_VERSION, geocode
from sayso.extract import EXTRACTOR_VERSION, build_article
from sayso.extract.outlets import OutletDictionary
from sayso.ingest import PageMeta, RawInput, read_input
from sayso.model import Account, Analysis, Article, Document, stable_id
from sayso.nlp.entities import ENTITIES_VERSION, collect_entities
from sayso.nlp.parse import PIECE_CHARS, parse
from sayso.nlp.parsed import Found, ParsedArticle
from sayso.nlp.rules import find_accounts
from sayso.nlp.sides import SideDictionary
from sayso.nlp.speakers import SPEAKERS_VERSION, resolve_speakers

ATTRIBUTION_VERSION = "attribution@0.1"  # in every account id: a new version, new ids
SUPPORTED_LANGUAGES = frozenset({"en"})


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of one run, built once (by the CLI from its options) and passed to
    every stage, the batch and the web app's jobs. ``min_confidence`` drops
    accounts below it; ``claims`` False stores no claim clusters (ingest is then
    several times faster); ``strict`` stops a batch at its first failed page;
    ``page_meta`` is what the user says of every page of the run (``--published
    --outlet --url``), under what a page's own sidecar says."""

    sides: SideDictionary = field(default_factory=SideDictionary.load)
    outlets: OutletDictionary = field(default_factory=OutletDictionary.load)
    min_confidence: float = 0.0
    max_bytes: int = 10_000_000  # one page, however it comes in
    claims: bool = True  # store statements in claim clusters (embeds each statement)
    strict: bool = False
    lexicons: tuple[str, ...] = ()  # --lexicon files: each analysing process applies them
    piece_chars: int = PIECE_CHARS  # a longer page is parsed in pieces of at most this
    page_meta: PageMeta = PageMeta()  # --published, --outlet, --url


# What the stages have made so far, by name ("document", "article", "doc", ...).
Work = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the analysis: ``run`` reads ``requires`` from the work and
    returns exactly ``assigns``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    version: str
    run: Callable[[Work, Settings], Mapping[str, Any]]


def _extract(work: Work, settings: Settings) -> Mapping[str, Any]:
    article = build_article(work["document"], work["text"], work["meta"], settings.outlets)
    return {"article": article}


def _language(work: Work, settings: Settings) -> Mapping[str, Any]:
    article: Article = work["article"]
    if article.language not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguage(
            f"the article is in language {article.language!r}; sayso attributes English only",
            source=work["document"].source,
        )
    return {}


def _parse(work: Work, settings: Settings) -> Mapping[str, Any]:
    return {"doc": parse(work["article"].text, settings.piece_chars)}


def _entities(work: Work, settings: Settings) -> Mapping[str, Any]:
    return {"entities": collect_entities(work["doc"], work["article"].id)}


def _attribution(work: Work, settings: Settings) -> Mapping[str, Any]:
    article: Article = work["article"]
    parsed = ParsedArticle(work["doc"], article.title_span, article.dateline)
    return {"found": find_accounts(parsed)}


def _speakers(work: Work, settings: Settings) -> Mapping[str, Any]:
    article: Article = work["article"]
    found: list[Found] = work["found"]
    speakers, speaker_ids = resolve_speakers(
        found, work["doc"], work["entities"], settings.sides, article.id, article.site_name
    )
    accounts = tuple(
        _account(article, item, speaker_id)
        for item, speaker_id in zip(found, speaker_ids, strict=True)
        if item.confidence >= settings.min_confidence
    )
    used = {a.speaker_id for a in accounts}
    return {"speakers": tuple(s for s in speakers if s.id in used), "accounts": accounts}


def _places(work: Work, settings: Settings) -> Mapping[str, Any]:
    article: Article = work["article"]
    return {"places": geocode(article.text, article, work["entities"], work["doc"])}


def _statements(work: Work, settings: Settings) -> Mapping[str, Any]:
    return {
        "statements": statements_of(
            work["doc"], work["article"], work["accounts"], work["speakers"]
        )
    }


def _events(work: Work, settings: Settings) -> Mapping[str, Any]:
    return {"events": events_of(work["doc"], work["article"], work["accounts"], work["places"])}


STAGES: tuple[Stage, ...] = (
    Stage("extract", ("document", "text", "meta"), ("article",), EXTRACTOR_VERSION, _extract),
    Stage("language", ("article",), (), "language@1", _language),
    Stage("parse", ("article",), ("doc",), "parse@1", _parse),
    Stage("entities", ("doc", "article"), ("entities",), ENTITIES_VERSION, _entities),
    Stage("attribution", ("doc", "article"), ("found",), ATTRIBUTION_VERSION, _attribution),
    Stage(
        "speakers",
        ("found", "doc", "entities", "article"),
        ("speakers", "accounts"),
        SPEAKERS_VERSION,
        _speakers,
    ),
    Stage("places", ("doc", "article", "entities"), ("places",), PLACES_VERSION, _places),
    Stage(
        "statements",
        ("doc", "article", "accounts", "speakers"),
        ("statements",),
        STATEMENTS_VERSION,
        _statements,
    ),
    Stage("events", ("doc", "article", "accounts", "places"), ("events",), EVENTS_VERSION, _events),
)


def run_stages(work: Work, settings: Settings, stages: tuple[Stage, ...] | None = None) -> Work:
    """Run ``stages`` (all of :data:`STAGES`) in order over ``work`` (changed in
    place, and returned)."""
    source = work["document"].source
    for stage in STAGES if stages is None else stages:
        missing = [name for name in stage.requires if name not in work]
        if missing:
            raise StageError(f"stage {stage.name} needs {', '.join(missing)}", source=source)
        try:
            made = stage.run(work, settings)
        except SaysoError:
            raise
        except Exception as exc:  # a bug on one page: that page fails, the batch goes on
            raise StageError(
                f"stage {stage.name} failed: {type(exc).__name__}: {exc}", source=source
            ) from exc
        if set(made) != set(stage.assigns):
            raise StageError(
                f"stage {stage.name} made {sorted(made)}, not {sorted(stage.assigns)}",
                source=source,
            )
        work.update(made)
    return work


def analyze_input(raw: RawInput, settings: Settings | None = None) -> Analysis:
    """Analyse one decoded input: every stage, from extraction to events. What the
    input's sidecar (or the web form) says of the page comes before the run's
    ``settings.page_meta``, field by field."""
    settings = settings or Settings()
    meta = raw.meta.over(settings.page_meta)
    work = run_stages({"document": raw.document, "text": raw.text, "meta": meta}, settings)
    return _analysis(work, raw.notes)


def analyze_path(path: str, settings: Settings | None = None) -> Analysis:
    """Read and analyse one file (or "-" for stdin)."""
    settings = settings or Settings()
    return analyze_input(read_input(path, max_bytes=settings.max_bytes), settings)


def analyze_article(document: Document, article: Article, settings: Settings) -> Analysis:
    """Analyse an article already extracted: every stage after extraction."""
    work = run_stages({"document": document, "article": article}, settings, STAGES[1:])
    return _analysis(work, ())


def _analysis(work: Work, notes: tuple[str, ...]) -> Analysis:
    return Analysis(
        document=work["document"],
        article=work["article"],
        entities=work["entities"],
        speakers=work["speakers"],
        accounts=work["accounts"],
        statements=work["statements"],
        events=work["events"],
        places=work["places"],
        notes=notes,
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
