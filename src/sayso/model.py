"""The one data model shared by every stage.

Every item is a frozen dataclass. Spans are ``(start, end)`` character offsets
into :attr:`Article.text`, the one immutable clean text of the article. Ids are
deterministic hashes, so a re-run produces the same ids and the store upserts
the same rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

AccountKind = Literal["direct", "partial", "mixed", "indirect"]
EntityLabel = Literal["PERSON", "ORG", "PLACE"]
InputKind = Literal["html", "text"]
SpeakerKind = Literal["person", "organization", "group", "unnamed"]
# An account's stance toward the claim it states; "silent" is a side that, the
# article says, has not spoken ("Pro-regime media have not reported the claims");
# "partly" supports the claim for only part of what it covers ("those who have
# not served were sent to camps", "including both volunteers and ...").
Stance = Literal["supports", "partly", "denies", "reports", "silent"]
Side = str  # one of the side dictionary's sides, or "unknown"

UNKNOWN = "unknown"


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: ``prefix`` + the sha256 of the parts."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return f"{prefix}_{digest.hexdigest()[:16]}"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into the article text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span ({self.start}, {self.end})")

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One raw input: a file, a stdin stream. Identity is its content hash."""

    id: str  # "doc_" + sha256 prefix of the raw bytes
    source: str  # path as given, or "-" for stdin
    kind: InputKind
    sha256: str
    size: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorBio:
    """A short author biography found on the page, kept out of the body."""

    author: str | None  # the byline author it belongs to, when recognised
    name_as_written: str | None  # the author's name as the bio writes it
    text: str
    language: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """The clean article: title, then a blank line, then the body."""

    id: str
    document_id: str
    source: str
    text: str  # immutable; every Span points here
    title: str | None
    title_span: Span | None
    body_span: Span
    authors: tuple[str, ...]
    dateline: Span | None  # "AMMAN" in "AMMAN: When ..."
    published: str | None  # ISO date, or None when the page states none
    language: str | None
    site_name: str | None
    url: str | None
    bios: tuple[AuthorBio, ...] = ()
    removed: tuple[str, ...] = ()  # page chrome lines cut from the body
    extractor: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A person, organisation or place, merged within one article."""

    id: str
    label: EntityLabel
    name: str  # canonical (longest) name
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """Who gave an account: a named person, a described person, or a group."""

    id: str
    name: str | None  # canonical full name, None for unnamed people and groups
    group: str | None  # "Rebel leaders in east Aleppo" when the speaker is a group
    mentions: tuple[Span, ...]
    descriptor: str | None  # "rebel fighter", "the general coordinator ..."
    affiliation: str | None  # an outlet or organisation
    side: Side
    side_evidence: str | None  # the dictionary term that decided the side
    entity_id: str | None = None
    kind: SpeakerKind = "unnamed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Account:
    """One quote: direct, partial, mixed (reported with a quoted part) or indirect."""

    id: str
    article_id: str
    kind: AccountKind
    content: Span  # for a quote split around its cue: from the first piece to the last
    parts: tuple[Span, ...] = ()  # the quoted pieces of a split quote; () for one piece
    partial: Span | None  # the quoted fragment inside a mixed account
    speaker_id: str | None
    speaker_mention: Span | None  # the speaker as written at this account
    cue: Span | None
    recipient: Span | None
    channel: Span | None
    where: Literal["title", "body"]
    confidence: float
    rule: str  # which extraction rule found it: provenance of the decision

    @property
    def pieces(self) -> tuple[Span, ...]:
        """The spans of what was said: the parts of a split quote, else the content."""
        return self.parts or (self.content,)


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """A claim as one article states it: an account's content, or a silence.

    Statements of the same claim across the store are grouped into one claim
    cluster when they are stored; the cluster is the store's, not the article's.
    """

    id: str
    article_id: str
    account_id: str | None  # None for a silence
    span: Span  # what is claimed; for a silence, the sentence that reports it
    stance: Stance
    stance_evidence: str | None  # the words that decided a denial, a hedge, a silence
    polarity: int  # -1 when the main verb of what is claimed is negated, else +1
    speaker_id: str | None
    who: str | None  # for a silence: who is silent, as written
    # The statement this one elaborates: the same speaker's quote after their
    # paraphrase, a quote that goes on, one voice after the group it speaks for.
    # It joins that statement's claim when it is not close to another.
    continues: str | None = None
    # For the unrestricted core of a restricted statement ("men are fighting with
    # the army" of "..., including both volunteers and conscripts"): that
    # statement's id. The core makes the plain claim, so it never joins the
    # restricted statement's cluster.
    core_of: str | None = None


GeoPrecision = Literal["exact", "neighbourhood", "town", "region", "country", "unknown"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A place the article names, geocoded offline (GeoNames), or its dateline."""

    id: str
    article_id: str
    name: str  # as the article writes it ("east Aleppo", "a-Shaar")
    mentions: tuple[Span, ...]
    geonames_id: int | None
    resolved: str | None  # the gazetteer's name of the place it resolves to
    country: str | None  # ISO 3166 alpha-2
    latitude: float | None  # None for a country or region, and when unknown
    longitude: float | None
    precision: GeoPrecision  # how precise the point is
    part_of: str | None  # "Aleppo" for "a-Shaar": a part resolved to its owner
    dateline: bool  # where the story was filed: never an event's place


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Who did what to whom, as one sentence of the article states it.

    ``type`` is a PLOVER event type, ``acled_type`` its ACLED-style counterpart.
    An event inside an account's content is that account's word (alleged by its
    speaker); with no account, the article itself states it.
    """

    id: str
    article_id: str
    type: str  # PLOVER: ASSAULT, FIGHT, PROTEST, COERCE, AGREE, ...
    acled_type: str  # Battles, Violence against civilians, Protests, ...
    trigger: Span  # the word that names the event ("shelled", "protests")
    sentence: Span  # the sentence that states it
    actor: Span | None  # who did it, as written; None when the text does not say
    target: Span | None  # to whom or what
    negated: bool  # "did not attack": stated as not having happened
    account_id: str | None  # the account whose words state it; None: the article's
    place: Span | None = None  # where, as the sentence writes it
    place_id: str | None = None  # that place's record in ``Analysis.places``
    fatalities: int | None = None  # the number killed as stated; None: no figure
    fatalities_qualifier: str | None = None  # "at least", "more than", ...
    injured: int | None = None
    injured_qualifier: str | None = None
    when: Span | None = None  # the time expression ("last week", "on Monday")
    date_start: str | None = None  # ISO date, resolved against publication
    date_end: str | None = None
    date_precision: str | None = None  # day, week, window, month, year, relative, unknown
    # Incidents (sayso.events.incidents): the article's incident this report is of
    # ("inc_..."; None: not a report of violence, or context), whether it is the
    # article's main incident, and ACLED's sub-event type ("Air/drone strike").
    incident: str | None = None
    main: bool = False
    # background or a cumulative toll ("since 2011, 300,000 killed"): kept and
    # shown, never an incident, never linked across articles
    context: bool = False
    sub_event_type: str | None = None
    civilians: int | None = None  # of ``fatalities``, the civilians, where stated
    fatalities_max: int | None = None  # the top of a range ("20 to 25 killed")
    date_inferred: bool = False  # the dates are the publication window, not the text's
    # on an incident's first report: its dead summed over the sides the article
    # counts apart ("40 militants ... five soldiers": 45); None when it writes a
    # total, or its figures are not plainly of different sides (sayso.events.tolls)
    fatalities_summed: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """Everything sayso knows about one article."""

    document: Document
    article: Article
    entities: tuple[Entity, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    accounts: tuple[Account, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        """The speaker with this id, if any."""
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker
        return None
