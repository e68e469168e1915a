"""Articles as the store gives them back: the list, and one article with its
accounts (reviews applied, the analysed values kept beside them), its page
chrome and author bios."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sayso.model import UNKNOWN


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    article_id: str
    title: str | None
    source: str
    url: str | None
    outlet: str | None
    published: str | None
    accounts: int
    stored_at: str


_LIST_SQL = """
SELECT ar.id, ar.title, d.source, ar.url, ar.site_name, ar.published,
       (SELECT COUNT(*) FROM reviewed_accounts AS ra
        WHERE ra.article_id = ar.id AND ra.rejected = 0),
       d.stored_at
FROM articles AS ar JOIN documents AS d ON d.id = ar.document_id
ORDER BY ar.rowid
"""


def article_of_document(conn: sqlite3.Connection, sha256: str) -> str | None:
    """The stored article of a document, by the document's content hash."""
    row = conn.execute(
        "SELECT ar.id FROM articles AS ar JOIN documents AS d ON d.id = ar.document_id"
        " WHERE d.sha256 = ? ORDER BY ar.rowid DESC LIMIT 1",
        (sha256,),
    ).fetchone()
    return str(row[0]) if row else None


def list_articles(conn: sqlite3.Connection) -> list[ArticleSummary]:
    return [ArticleSummary(*row) for row in conn.execute(_LIST_SQL).fetchall()]


@dataclass(frozen=True, slots=True)
class ArticleAccount:
    """An account of the article as the page shows it: reviewed values, and the
    analysis's (``analysed``) beside them."""

    account_id: str
    kind: str
    where: str
    start: int
    end: int
    pieces: list[tuple[int, int]]  # the quoted pieces (one, or a split quote's parts)
    content: str
    speaker: str | None
    speaker_as_written: str | None
    descriptor: str | None
    affiliation: str | None
    side: str
    cue: str | None
    recipient: str | None
    channel: str | None
    stance: str | None
    claim_id: str | None
    claim_text: str | None
    confidence: float
    rule: str
    reviewed: bool
    rejected: bool
    reviewer: str | None
    reviewed_at: str | None
    analysed: dict[str, str | None]  # speaker, side, stance, claim_id before review

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["pieces"] = [list(p) for p in self.pieces]
        return out


@dataclass(slots=True)
class ArticleView:
    article_id: str
    document_id: str
    source: str
    url: str | None
    title: str | None
    text: str
    published: str | None
    outlet: str | None
    language: str | None
    authors: list[str]
    bios: list[dict[str, Any]]
    chrome: list[str]  # page chrome lines cut from the body
    stored_at: str
    accounts: list[ArticleAccount] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__slots__ if k != "accounts"}
        out["accounts"] = [a.as_dict() for a in self.accounts]
        return out


_ACCOUNTS_SQL = """
SELECT ra.id, ra.kind, ra.location, ra.content_start, ra.content_end, ra.parts, ra.content,
       ra.speaker, ra.speaker_text, ra.descriptor, ra.affiliation, COALESCE(ra.side, :unknown),
       ra.cue, ra.recipient, ra.channel, ra.stance, ra.claim_id,
       (SELECT text FROM claims WHERE id = ra.claim_id),
       ra.confidence, ra.rule, ra.reviewed, ra.rejected, ra.reviewer, ra.reviewed_at,
       ra.analysed_speaker, COALESCE(ra.analysed_side, :unknown),
       ra.analysed_stance, ra.analysed_claim_id
FROM reviewed_accounts AS ra
WHERE ra.article_id = :article
ORDER BY ra.content_start, ra.content_end, ra.id
"""


def read_article(conn: sqlite3.Connection, article_id: str) -> ArticleView | None:
    row = conn.execute(
        "SELECT ar.id, ar.document_id, d.source, ar.url, ar.title, ar.text, ar.published,"
        " ar.site_name, ar.language, ar.authors, ar.record, d.stored_at"
        " FROM articles AS ar JOIN documents AS d ON d.id = ar.document_id WHERE ar.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    record = json.loads(row[10])
    article = record.get("article", {}) if isinstance(record, dict) else {}
    view = ArticleView(
        article_id=row[0],
        document_id=row[1],
        source=row[2],
        url=row[3],
        title=row[4],
        text=row[5],
        published=row[6],
        outlet=row[7],
        language=row[8],
        authors=list(json.loads(row[9])),
        bios=[_bio(b) for b in article.get("bios", [])],
        chrome=[str(line) for line in article.get("removed", [])],
        stored_at=row[11],
    )
    params = {"article": article_id, "unknown": UNKNOWN}
    view.accounts = [_account(r) for r in conn.execute(_ACCOUNTS_SQL, params).fetchall()]
    return view


def _bio(bio: dict[str, Any]) -> dict[str, Any]:
    keys = ("author", "name_as_written", "text", "language")
    return {k: bio.get(k) for k in keys}


def _account(r: tuple[Any, ...]) -> ArticleAccount:
    parts = [(int(a), int(b)) for a, b in json.loads(r[5])] or [(int(r[3]), int(r[4]))]
    return ArticleAccount(
        account_id=r[0],
        kind=r[1],
        where=r[2],
        start=r[3],
        end=r[4],
        pieces=parts,
        content=r[6],
        speaker=r[7],
        speaker_as_written=r[8],
        descriptor=r[9],
        affiliation=r[10],
        side=r[11],
        cue=r[12],
        recipient=r[13],
        channel=r[14],
        stance=r[15],
        claim_id=r[16],
        claim_text=r[17],
        confidence=r[18],
        rule=r[19],
        reviewed=bool(r[20]),
        rejected=bool(r[21]),
        reviewer=r[22],
        reviewed_at=r[23],
        analysed={"speaker": r[24], "side": r[25], "stance": r[26], "claim_id": r[27]},
    )


@dataclass(frozen=True, slots=True)
class ActorAccount:
    """An account an actor gave, in one of the articles that name them."""

    account_id: str
    article_id: str
    title: str | None
    content: str
    side: str
    stance: str | None
    claim_id: str | None
    reviewed: bool


_ACTOR_ACCOUNTS_SQL = """
SELECT aa.actor_id, ra.id, ra.article_id, ar.title, ra.content, COALESCE(ra.side, :unknown),
       ra.stance, ra.claim_id, ra.reviewed
FROM actor_articles AS aa
JOIN speakers AS sp ON sp.article_id = aa.article_id AND sp.entity_id = aa.entity_id
JOIN reviewed_accounts AS ra ON ra.article_id = sp.article_id AND ra.speaker_id = sp.id
JOIN articles AS ar ON ar.id = ra.article_id
WHERE {where} AND ra.rejected = 0
  AND (ra.reviewed_speaker IS NULL OR ra.reviewed_speaker = COALESCE(sp.name, sp.group_name))
GROUP BY aa.actor_id, ra.article_id, ra.id
ORDER BY aa.actor_id, ar.rowid, ra.content_start, ra.article_id, ra.id
"""


def actor_accounts(conn: sqlite3.Connection, actor_id: str) -> list[ActorAccount]:
    """Every account given by a speaker tied to the actor's entities, across articles."""
    return accounts_by_actor(conn, actor_id).get(actor_id, [])


def accounts_by_actor(
    conn: sqlite3.Connection,
    actor_id: str | None = None,
    *,
    actor_ids: Sequence[str] | None = None,
) -> dict[str, list[ActorAccount]]:
    """:func:`actor_accounts` of every actor (or of one, or of some: a page's
    actors, at most 999 of them), in one query."""
    params: dict[str, Any] = {"actor": actor_id, "unknown": UNKNOWN}
    where = "aa.actor_id = :actor" if actor_id is not None else "1"
    if actor_ids is not None:
        names = [f"a{i}" for i in range(len(actor_ids))]
        params.update(zip(names, actor_ids, strict=True))
        where = f"aa.actor_id IN ({', '.join(':' + n for n in names)})"
    out: dict[str, list[ActorAccount]] = {}
    for r in conn.execute(_ACTOR_ACCOUNTS_SQL.format(where=where), params).fetchall():
        account = ActorAccount(r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]))
        out.setdefault(r[0], []).append(account)
    return out
