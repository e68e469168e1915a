"""Compute every link of a store again from its stored analyses.

The articles are linked again in the order they were stored (``articles.rowid``),
each from the analysis its ``record`` holds, exactly as :meth:`Store.save` linked
them: claim clusters, event clusters and actors come out the same as when the
store was filled (ids included), unless the linkers changed. Claims are linked
again for the articles that were linked to claims before (those with a
fingerprint: ``sayso ingest --no-claims`` stores none). Reviews are keyed by
account id and stay; the search index's claims are rewritten.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sayso import link
from sayso.errors import StoreError
from sayso.store import linking
from sayso.store import search as search_store

# Children first: foreign keys point from the left to the right.
_LINK_TABLES = (
    "statements",
    "fingerprints",
    "part_keys",
    "claim_parts",
    "claims",
    "events",
    "event_clusters",
    "actor_articles",
    "actor_sides",
    "actor_aliases",
    "actors",
)
_COUNTS = {
    "claims": "SELECT COUNT(*) FROM claims",
    "events": "SELECT COUNT(*) FROM event_clusters WHERE size > 0",
    "actors": "SELECT COUNT(*) FROM actors",
}


@dataclass(frozen=True, slots=True)
class RelinkSummary:
    articles: int
    with_claims: int  # articles whose statements were linked to claims
    before: dict[str, int]  # claims, events, actors
    after: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "with_claims": self.with_claims,
            "before": self.before,
            "after": self.after,
        }


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {name: int(conn.execute(sql).fetchone()[0]) for name, sql in _COUNTS.items()}


def relink(
    conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None
) -> RelinkSummary:
    """Drop every link and link each stored article again, in storing order; run
    inside the caller's transaction. ``progress(done, total)`` after each article."""
    before = counts(conn)
    rows = conn.execute(
        "SELECT ar.id, ar.record,"
        " EXISTS (SELECT 1 FROM fingerprints AS fp WHERE fp.article_id = ar.id)"
        " FROM articles AS ar ORDER BY ar.rowid"
    ).fetchall()
    for table in _LINK_TABLES:
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 (a fixed list of names)
    with_claims = 0
    for done, (article_id, record, had_claims) in enumerate(rows, start=1):
        try:
            analysis = link.analysis_from_record(json.loads(record))
        except (StoreError, ValueError) as exc:
            raise StoreError(f"cannot read the analysis of article {article_id}: {exc}") from exc
        if analysis.article.id != article_id:
            raise StoreError(f"article {article_id} holds the record of {analysis.article.id}")
        embedded = link.embed_statements(analysis) if had_claims else None
        with_claims += embedded is not None
        linking.link_article(conn, analysis, embedded)
        if progress is not None:
            progress(done, len(rows))
    search_store.rebuild(conn)
    return RelinkSummary(len(rows), with_claims, before, counts(conn))
