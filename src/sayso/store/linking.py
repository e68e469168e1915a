"""Linking inside a write transaction: load the candidates near an analysis,
let :mod:`sayso.link` decide, write the decisions. No domain logic here."""

from __future__ import annotations

import sqlite3

from sayso import link
from sayso.model import Analysis
from sayso.store import actors as actors_store
from sayso.store import claims as claims_store
from sayso.store import events as events_store


def link_article(
    conn: sqlite3.Connection, analysis: Analysis, embedded: link.Embedded | None
) -> None:
    """Put the article's events, actors and (when embedded) statements in their
    clusters; the article's own rows must be written already."""
    candidates = events_store.candidates(conn, link.places_of(analysis))
    events_store.write(conn, analysis, link.link_events(analysis, candidates))
    aliases, actors = actors_store.candidates(conn, link.keys_of(analysis))
    actors_store.write(conn, link.link_actors(analysis, aliases, actors))
    if embedded is not None:
        claims = claims_store.candidates(conn)
        stored = claims_store.fingerprints(conn, analysis.article.id)
        claims_store.write(conn, link.link_claims(analysis, embedded, claims, stored))


def unlink_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Take a stored article out of its claims and events (before it is written
    again or deleted): clusters lose its members, and go when left empty."""
    members, clusters = claims_store.members(conn, article_id)
    claims_store.unlink(conn, article_id, link.unlink_claims(members, clusters))
    events_store.unlink(conn, article_id)
