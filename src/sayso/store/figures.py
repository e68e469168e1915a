"""The lists' figures, kept as rows are stored (migration ``0011_list_figures``).

A claim's statements by side, an event's reports, an actor's articles and
accounts are aggregates over many rows; the lists sort and filter by them, so
they are kept in ``claim_figures``, ``claim_sides``, ``event_figures`` and
``actor_figures`` rather than computed per request. Triggers note every item a
write touches in ``list_stale``; :func:`refresh`, run at the end of every
write transaction of :class:`~sayso.store.Store`, computes the noted items
again from the same queries the item pages read, so a list and a page never
disagree.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator

from sayso.store import claim_list

_CHUNK = 500  # ids per IN (...): under SQLite's limit on parameters


def refresh(conn: sqlite3.Connection) -> int:
    """Compute the figures of every item noted stale, inside the caller's
    transaction; returns how many items were computed."""
    done = 0
    for kind, compute in (("claim", _claims), ("event", _events), ("actor", _actors)):
        ids = [
            str(row[0])
            for row in conn.execute(
                "SELECT DISTINCT item_id FROM list_stale WHERE kind = ?", (kind,)
            )
        ]
        for chunk in _chunks(ids):
            compute(conn, chunk)
            done += len(chunk)
    if done:
        conn.execute("DELETE FROM list_stale")
    return done


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for at in range(0, len(ids), _CHUNK):
        yield ids[at : at + _CHUNK]


def _marks(ids: Iterable[str]) -> str:
    return ", ".join("?" * len(list(ids)))


def _claims(conn: sqlite3.Connection, ids: list[str]) -> None:
    """Each claim's statements, contested flag and independent sources by side,
    as :class:`~sayso.store.claims.ClaimSummary` counts them."""
    marks = _marks(ids)
    conn.execute(f"DELETE FROM claim_figures WHERE claim_id IN ({marks})", ids)
    conn.execute(f"DELETE FROM claim_sides WHERE claim_id IN ({marks})", ids)
    positions = dict(
        conn.execute(f"SELECT id, rowid FROM claims WHERE id IN ({marks})", ids).fetchall()
    )
    found = claim_list.read_summaries(conn, [i for i in ids if i in positions])
    conn.executemany(
        "INSERT INTO claim_figures (claim_id, position, statements, contested, sources)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (
                claim.claim_id,
                positions[claim.claim_id],
                len(claim.statements),
                int(claim.contested),
                json.dumps(claim.independent_sources(), ensure_ascii=False),
            )
            for claim in found
            if claim.statements
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO claim_sides (claim_id, side) VALUES (?, ?)",
        [(claim.claim_id, s.side.casefold()) for claim in found for s in claim.statements],
    )


# An event's reports as the events list reads them (reviewed_events, their
# articles stored), whether every one is background, and its first day.
_EVENT_SQL = """
SELECT ec.id, ec.rowid, COUNT(ev.id), MIN(ev.context), COALESCE(ec.date_start, '')
FROM event_clusters AS ec
JOIN events AS ev ON ev.cluster_id = ec.id
JOIN articles AS ar ON ar.id = ev.article_id
WHERE ec.id IN ({marks}) AND ec.size > 0
GROUP BY ec.id
"""


def _events(conn: sqlite3.Connection, ids: list[str]) -> None:
    marks = _marks(ids)
    conn.execute(f"DELETE FROM event_figures WHERE event_id IN ({marks})", ids)
    conn.execute(
        "INSERT INTO event_figures (event_id, position, reports, background, day)"
        + _EVENT_SQL.format(marks=marks),
        ids,
    )


# An actor's articles, and the accounts it gave (as Store.actor_accounts lists them).
_ACTOR_SQL = """
SELECT a.id, a.name, COUNT(DISTINCT aa.article_id)
FROM actors AS a JOIN actor_articles AS aa ON aa.actor_id = a.id
WHERE a.id IN ({marks})
GROUP BY a.id
"""
_ACTOR_ACCOUNTS_SQL = """
SELECT aa.actor_id, COUNT(DISTINCT ra.article_id || char(31) || ra.id)
FROM actor_articles AS aa
JOIN speakers AS sp ON sp.article_id = aa.article_id AND sp.entity_id = aa.entity_id
JOIN reviewed_accounts AS ra ON ra.article_id = sp.article_id AND ra.speaker_id = sp.id
WHERE aa.actor_id IN ({marks}) AND ra.rejected = 0
  AND (ra.reviewed_speaker IS NULL OR ra.reviewed_speaker = COALESCE(sp.name, sp.group_name))
GROUP BY aa.actor_id
"""


def _actors(conn: sqlite3.Connection, ids: list[str]) -> None:
    marks = _marks(ids)
    conn.execute(f"DELETE FROM actor_figures WHERE actor_id IN ({marks})", ids)
    accounts = dict(conn.execute(_ACTOR_ACCOUNTS_SQL.format(marks=marks), ids).fetchall())
    conn.executemany(
        "INSERT INTO actor_figures (actor_id, name, articles, accounts) VALUES (?, ?, ?, ?)",
        [
            (actor_id, name, articles, accounts.get(actor_id, 0))
            for actor_id, name, articles in conn.execute(_ACTOR_SQL.format(marks=marks), ids)
        ],
    )
