"""Linking inside a write transaction: load the candidates near an analysis,
let :mod:`sayso.link` decide, write the decisions. No domain logic here.

The claim clusters and the fingerprints are read from the store once per
connection, into a :class:`~sayso.link.index.ClaimIndex` and a
:class:`~sayso.link.reprints.ReprintIndex` that follow this connection's writes
as they are made; they are read again when another connection has committed
(``PRAGMA data_version`` moved), and dropped when a transaction rolls back
(:func:`forget`, called by the store) or the connection closes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sayso import link
from sayso.link.index import ClaimIndex
from sayso.link.reprints import ReprintIndex
from sayso.model import Analysis
from sayso.store import actors as actors_store
from sayso.store import claims as claims_store
from sayso.store import events as events_store


@dataclass(slots=True)
class Indexes:
    """What a connection's claim linking has read from its store."""

    connection: sqlite3.Connection  # held, so that its id is not reused
    version: int  # PRAGMA data_version when read
    claims: ClaimIndex
    reprints: ReprintIndex


_MAX_CONNECTIONS = 16  # connections never closed through forget() are let go
_INDEXES: dict[int, Indexes] = {}


def indexes(conn: sqlite3.Connection) -> Indexes:
    """The connection's indexes, read from the store if missing or stale."""
    found = _current(conn)
    if found is None:
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        found = Indexes(
            conn,
            version,
            ClaimIndex(claims_store.candidates(conn)),
            ReprintIndex(claims_store.fingerprints(conn, "")),
        )
        while len(_INDEXES) >= _MAX_CONNECTIONS:
            del _INDEXES[next(iter(_INDEXES))]
        _INDEXES[id(conn)] = found
    return found


def _current(conn: sqlite3.Connection) -> Indexes | None:
    found = _INDEXES.get(id(conn))
    if found is None or found.connection is not conn:
        return None
    if found.version != int(conn.execute("PRAGMA data_version").fetchone()[0]):
        forget(conn)
        return None
    return found


def forget(conn: sqlite3.Connection) -> None:
    """Drop what the connection read (its transaction rolled back, it closes, or
    the store's links are rewritten)."""
    found = _INDEXES.get(id(conn))
    if found is not None and found.connection is conn:
        del _INDEXES[id(conn)]


def link_article(
    conn: sqlite3.Connection, analysis: Analysis, embedded: link.Embedded | None
) -> None:
    """Put the article's events, actors and (when embedded) statements in their
    clusters; the article's own rows must be written already."""
    candidates = events_store.candidates(conn, link.places_of(analysis))
    events_store.write(conn, analysis, link.link_events(analysis, candidates))
    aliases, actors = actors_store.candidates(conn, link.keys_of(analysis))
    actors_store.write(conn, link.link_actors(analysis, aliases, actors))
    article_id = analysis.article.id
    places = claims_store.stored_places(e.name for e in analysis.entities if e.label == "PLACE")
    if embedded is None:
        current = _current(conn)
        if current is not None:  # its entities were written: clusters it started see them
            current.claims.article_places(article_id, places)
        return
    found = indexes(conn)
    found.claims.article_places(article_id, places)
    decision = link.link_claims(
        analysis,
        embedded,
        found.claims.candidates(analysis, embedded),
        found.reprints.candidates(embedded.signature, article_id),
    )
    claims_store.write(conn, decision)
    found.claims.apply(decision, places)
    found.reprints.add(article_id, decision.signature)


def unlink_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Take a stored article out of its claims and events (before it is written
    again or deleted): clusters lose its members, and go when left empty."""
    members, clusters = claims_store.members(conn, article_id)
    updates = link.unlink_claims(members, clusters)
    claims_store.unlink(conn, article_id, updates)
    events_store.unlink(conn, article_id)
    current = _current(conn)
    if current is not None:
        empty = current.claims.unlinked(updates)
        current.claims.drop(set(empty) - claims_store.kept(conn, empty))
        current.claims.article_places(article_id, frozenset())  # its entities go with it
        current.reprints.remove(article_id)
