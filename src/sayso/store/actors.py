"""Actors across the store: the people and organisations of every article under
one name, with their aliases and side.

An article's entity joins a stored actor when one of its names matches one of
the actor's: a full name of two words or more, or an acronym ("SAA", which the
article has tied to "Syrian Arab Army"). A single ordinary word ("Yazan",
"Army") is not enough across articles: two articles' Yazans may be two people.
The actor's side is the first side one of its speakers was given; ``unknown``
until then.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from sayso.events.places import fold, lookup
from sayso.model import UNKNOWN, Analysis, Entity, stable_id


def _keys(entity: Entity) -> set[str]:
    """The names of an entity that can identify it across articles."""
    names = {entity.name, *entity.aliases}
    return {
        fold(n)
        for n in names
        if len(n.split()) >= 2 or (n.isupper() and len(n) >= 2 and n.isalpha())
    }


def link(conn: sqlite3.Connection, analysis: Analysis) -> None:
    """Tie the article's people and organisations to stored actors, or add them."""
    article_id = analysis.article.id
    conn.execute("DELETE FROM actor_articles WHERE article_id = ?", (article_id,))
    sides = {s.entity_id: s.side for s in analysis.speakers if s.entity_id}
    for entity in analysis.entities:
        if entity.label not in ("PERSON", "ORG"):
            continue
        keys = _keys(entity)
        if not keys or lookup(entity.name) is not None:
            continue  # nobody's name, or a place the entity recogniser took for one
        side = sides.get(entity.id, UNKNOWN)
        actor_id = _find(conn, keys) or _add(conn, entity, keys, side)
        _merge(conn, actor_id, entity, keys, side)
        conn.execute(
            "INSERT OR IGNORE INTO actor_articles (actor_id, article_id, entity_id)"
            " VALUES (?, ?, ?)",
            (actor_id, article_id, entity.id),
        )


def _find(conn: sqlite3.Connection, keys: set[str]) -> str | None:
    marks = ", ".join("?" * len(keys))
    row = conn.execute(
        f"SELECT actor_id FROM actor_aliases WHERE alias IN ({marks}) ORDER BY rowid LIMIT 1",
        sorted(keys),
    ).fetchone()
    return str(row[0]) if row else None


def _add(conn: sqlite3.Connection, entity: Entity, keys: set[str], side: str) -> str:
    actor_id = stable_id("act", entity.label, min(keys))
    conn.execute(
        "INSERT OR IGNORE INTO actors (id, name, kind, side) VALUES (?, ?, ?, ?)",
        (actor_id, entity.name, entity.label, side),
    )
    return actor_id


def _merge(
    conn: sqlite3.Connection, actor_id: str, entity: Entity, keys: set[str], side: str
) -> None:
    name, old_side = conn.execute(
        "SELECT name, side FROM actors WHERE id = ?", (actor_id,)
    ).fetchone()
    conn.execute(
        "UPDATE actors SET name = ?, side = ? WHERE id = ?",
        (max((name, entity.name), key=len), old_side if old_side != UNKNOWN else side, actor_id),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO actor_aliases (alias, actor_id) VALUES (?, ?)",
        [(key, actor_id) for key in sorted(keys)],
    )


@dataclass(frozen=True, slots=True)
class ActorRow:
    """A stored actor and how many articles name it."""

    actor_id: str
    name: str
    kind: str
    side: str
    aliases: tuple[str, ...]
    articles: int

    def as_dict(self) -> dict[str, object]:
        return {
            "actor_id": self.actor_id,
            "name": self.name,
            "kind": self.kind,
            "side": self.side,
            "aliases": list(self.aliases),
            "articles": self.articles,
        }


def read_actors(conn: sqlite3.Connection, search: str | None = None) -> list[ActorRow]:
    """Actors named by the most articles first; ``search`` matches any alias."""
    rows = conn.execute(
        "SELECT a.id, a.name, a.kind, a.side,"
        " (SELECT json_group_array(alias) FROM"
        "   (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias)),"
        " COUNT(DISTINCT aa.article_id)"
        " FROM actors AS a JOIN actor_articles AS aa ON aa.actor_id = a.id"
        " GROUP BY a.id ORDER BY 6 DESC, a.name"
    ).fetchall()
    found = [ActorRow(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5]) for r in rows]
    if search:
        wanted = fold(search)
        found = [a for a in found if any(wanted in alias for alias in a.aliases)]
    return found
