"""Full-text search (SQLite FTS5) over articles, accounts and claims, with facets.

The index holds one row per article (title and text), per account (its content
and its speaker's names, reviewed values applied; rejected accounts are left
out) and per claim (the text that started it). It is rewritten for an article
whenever the article is saved or one of its accounts reviewed, so it never
falls behind the tables. ``search_keys`` maps each row's (kind, item id) and
article to its FTS rowid, so that rows are found, written and deleted by key
(FTS5 indexes no column but the text). Facets (outlet, side, speaker, date) are read from the
tables at query time.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sayso.store.accounts import read_accounts

FACETS = ("kind", "outlet", "side", "speaker", "date")
_WORD = re.compile(r"\w+", re.UNICODE)
_START, _END = "\x02", "\x03"  # match markers in snippets: never in article text
MAX_HITS = 500


def index_article(conn: sqlite3.Connection, article_id: str) -> None:
    """(Re)write the article's rows and its accounts' (a claim's row is written
    when the claim starts and deleted when it stops: :func:`index_claim`). Every
    write and delete goes by key (``search_keys``): FTS5 does not index
    ``item_id``, so a lookup there scans."""
    remove_article(conn, article_id)
    row = conn.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return
    title, text = row
    _add(conn, "article", article_id, article_id, title or "", text, "")
    for account in read_accounts(conn, article_id=article_id):
        names = {account.speaker or "", account.speaker_as_written or "", account.descriptor or ""}
        _add(
            conn,
            "account",
            account.account_id,
            article_id,
            "",
            account.content,
            " ".join(sorted(n for n in names if n)),
        )


def index_claim(conn: sqlite3.Connection, claim_id: str, article_id: str, text: str) -> None:
    """(Re)write a claim's row: its text, in the article of its leading part."""
    _add(conn, "claim", claim_id, article_id, "", text, "")


def remove_claim(conn: sqlite3.Connection, claim_id: str) -> None:
    """Delete a claim's row (it is no longer stored)."""
    _delete(
        conn,
        conn.execute(
            "SELECT fts_rowid, kind, item_id FROM search_keys WHERE kind = 'claim' AND item_id = ?",
            (claim_id,),
        ).fetchall(),
    )


_STALE_CLAIMS_SQL = """
SELECT sk.fts_rowid, sk.kind, sk.item_id FROM search_keys AS sk
WHERE sk.kind = 'claim' AND NOT EXISTS (SELECT 1 FROM claims AS c WHERE c.id = sk.item_id)
"""
_ARTICLE_KEYS_SQL = """
SELECT fts_rowid, kind, item_id FROM search_keys
WHERE article_id = ? AND kind IN ('article', 'account')
"""


def remove_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Delete the article's rows and its accounts' (its claims stay)."""
    _delete(conn, conn.execute(_ARTICLE_KEYS_SQL, (article_id,)).fetchall())


def remove_stale_claims(conn: sqlite3.Connection) -> None:
    """Delete the rows of claims no longer stored."""
    _delete(conn, conn.execute(_STALE_CLAIMS_SQL).fetchall())


def _delete(conn: sqlite3.Connection, keys: list[tuple[int, str, str]]) -> None:
    """Delete index rows by their keys: (FTS rowid, kind, item id)."""
    conn.executemany("DELETE FROM search_index WHERE rowid = ?", [(k[0],) for k in keys])
    conn.executemany(
        "DELETE FROM search_keys WHERE kind = ? AND item_id = ?", [(k[1], k[2]) for k in keys]
    )


def rebuild(conn: sqlite3.Connection) -> None:
    """Index every stored article and claim afresh (a store from before search)."""
    conn.execute("DELETE FROM search_index")
    conn.execute("DELETE FROM search_keys")
    for (article_id,) in conn.execute("SELECT id FROM articles ORDER BY rowid").fetchall():
        index_article(conn, article_id)
    for claim_id, article_id, text in conn.execute(
        "SELECT id, article_id, text FROM claims ORDER BY rowid"
    ).fetchall():
        index_claim(conn, claim_id, article_id, text)


def _add(
    conn: sqlite3.Connection,
    kind: str,
    item_id: str,
    article_id: str,
    title: str,
    body: str,
    speaker: str,
) -> None:
    old = conn.execute(
        "SELECT fts_rowid FROM search_keys WHERE kind = ? AND item_id = ?", (kind, item_id)
    ).fetchone()
    if old is not None:  # ids are unique per kind: an older row of the item goes
        _delete(conn, [(old[0], kind, item_id)])
    cursor = conn.execute(
        "INSERT INTO search_index (kind, item_id, article_id, title, body, speaker)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (kind, item_id, article_id, title, body, speaker),
    )
    conn.execute(
        "INSERT INTO search_keys (kind, item_id, article_id, fts_rowid) VALUES (?, ?, ?, ?)",
        (kind, item_id, article_id, cursor.lastrowid),
    )


def fts_query(text: str) -> str | None:
    """The user's words as an FTS5 query: every word must match (the last as a
    prefix); FTS syntax in the input is never interpreted. None: no words."""
    words = _WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words[:32]]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result; ``snippet`` is a list of (text, is_match) pieces."""

    kind: str  # article, account or claim
    item_id: str
    article_id: str | None
    title: str | None
    snippet: list[tuple[str, bool]]
    outlet: str | None
    date: str | None
    side: str | None  # accounts only
    speaker: str | None  # accounts only

    def facet(self, name: str) -> str | None:
        value: str | None = getattr(self, name)
        return value

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "item_id": self.item_id,
            "article_id": self.article_id,
            "title": self.title,
            "snippet": [{"text": t, "match": m} for t, m in self.snippet],
            "outlet": self.outlet,
            "date": self.date,
            "side": self.side,
            "speaker": self.speaker,
        }


@dataclass(slots=True)
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": len(self.hits),
            "hits": [h.as_dict() for h in self.hits],
            "facets": {
                name: [{"value": v, "count": n} for v, n in values]
                for name, values in self.facets.items()
            },
        }


_SEARCH_SQL = f"""
SELECT si.kind, si.item_id, si.article_id, ar.title,
       snippet(search_index, -1, char(2), char(3), '…', 16),
       COALESCE(ar.site_name, d.source), ar.published,
       CASE WHEN si.kind = 'account' THEN COALESCE((
           SELECT ra.side FROM reviewed_accounts AS ra
           WHERE ra.article_id = si.article_id AND ra.id = si.item_id), 'unknown') END,
       CASE WHEN si.kind = 'account' THEN (
           SELECT ra.speaker FROM reviewed_accounts AS ra
           WHERE ra.article_id = si.article_id AND ra.id = si.item_id) END
FROM search_index AS si
LEFT JOIN articles AS ar ON ar.id = si.article_id
LEFT JOIN documents AS d ON d.id = ar.document_id
WHERE search_index MATCH :query
ORDER BY rank
LIMIT {MAX_HITS}
"""


def search(
    conn: sqlite3.Connection, text: str, filters: dict[str, str | None] | None = None
) -> SearchResult:
    """Hits for the words of ``text``, best first, kept when they match every
    facet filter (``kind``, ``outlet``, ``side``, ``speaker``, ``date``: exact,
    case-insensitive), with the counts of each facet's values among them."""
    result = SearchResult(text)
    query = fts_query(text)
    if query is None:
        return result
    wanted = {k: v.casefold() for k, v in (filters or {}).items() if v and k in FACETS}
    for row in conn.execute(_SEARCH_SQL, {"query": query}).fetchall():
        hit = Hit(row[0], row[1], row[2], row[3], _pieces(row[4]), row[5], row[6], row[7], row[8])
        if all((hit.facet(k) or "").casefold() == v for k, v in wanted.items()):
            result.hits.append(hit)
    for name in FACETS:
        counts = Counter(v for h in result.hits if (v := h.facet(name)))
        result.facets[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return result


def _pieces(snippet: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{_START}{_END}]", snippet)):
        if piece:
            out.append((piece, i % 2 == 1))
    return out
