"""Linking inside a write transaction: load the candidates near an analysis,
let :mod:`sayso.link` decide, write the decisions. No domain logic here.

The claim parts and the fingerprints are read from the store once per
connection, into a :class:`~sayso.link.groups.PartIndex` and a
:class:`~sayso.link.reprints.ReprintIndex` that follow this connection's writes
as they are made; they are read again when another connection has committed
(``PRAGMA data_version`` moved), and dropped when a transaction rolls back
(:func:`forget`, called by the store) or the connection closes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sayso import link
from sayso.link.groups import PartIndex
from sayso.link.propositions import incident_of, proposition_keys
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
    parts: PartIndex
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
            PartIndex(claims_store.parts(conn), events_store.incidents(conn)),
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
    # Read before the events are written: an index read now learns them below.
    found = indexes(conn) if embedded is not None else _current(conn)
    candidates = events_store.candidates(conn, link.places_of(analysis))
    events = link.link_events(analysis, candidates)
    renamed = events_store.write(conn, analysis, events)
    aliases, actors = actors_store.candidates(conn, link.keys_of(analysis))
    actors_store.write(conn, link.link_actors(analysis, aliases, actors))
    if found is not None:
        found.parts.rename_events(renamed)
        found.parts.place_incidents(
            (incident_of(r.event), renamed.get(r.cluster_id, r.cluster_id)) for r in events.reports
        )
    if embedded is None or found is None:
        return
    decision = link.link_claims(
        analysis,
        embedded,
        proposition_keys(analysis),
        found.reprints.candidates(embedded.signature, analysis.article.id),
    )
    claims_store.write(conn, decision)
    claims_store.regroup(conn, found.parts, found.parts.add(decision.parts))
    found.reprints.add(analysis.article.id, decision.signature)


def unlink_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Take a stored article out of its claims and events (before it is written
    again or deleted): its parts leave their claims, and the parts that followed
    them are placed again."""
    found = indexes(conn)
    changes = found.parts.remove(article_id)
    claims_store.unlink(conn, article_id)
    claims_store.regroup(conn, found.parts, changes)
    events_store.unlink(conn, article_id)
    found.reprints.remove(article_id)
