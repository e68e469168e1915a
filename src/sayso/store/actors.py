"""Actors across the store: the people and organisations of every article under
one name, with their aliases and side. Who is whom is decided by
:mod:`sayso.link.actors`; this module loads the stored actors an article's names
point at, writes the decision, and reads actors back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from sayso.events.places import fold
from sayso.link.actors import ActorCandidate, ActorDecision, Alias


def candidates(
    conn: sqlite3.Connection, names: Iterable[str]
) -> tuple[list[Alias], list[ActorCandidate]]:
    """The stored aliases among these folded names (in the order the store learnt
    them) and the actors they name."""
    wanted = sorted(set(names))
    found: list[tuple[int, Alias]] = []
    for at in range(0, len(wanted), 500):
        chunk = wanted[at : at + 500]
        marks = ", ".join("?" * len(chunk))
        found += [
            (rowid, Alias(alias, actor_id))
            for rowid, alias, actor_id in conn.execute(
                f"SELECT rowid, alias, actor_id FROM actor_aliases WHERE alias IN ({marks})",
                chunk,
            )
        ]
    aliases = [alias for _, alias in sorted(found, key=lambda f: f[0])]
    ids = sorted({a.actor_id for a in aliases})
    actors = [
        ActorCandidate(*row)
        for actor_id in ids
        for row in conn.execute("SELECT id, name, kind, side FROM actors WHERE id = ?", (actor_id,))
    ]
    return aliases, actors


def write(conn: sqlite3.Connection, decision: ActorDecision) -> None:
    """Store the article's actors: new ones, changed names and sides, new aliases,
    and which actor each of its entities is."""
    conn.execute("DELETE FROM actor_articles WHERE article_id = ?", (decision.article_id,))
    for actor in decision.actors:
        if actor.new:
            conn.execute(
                "INSERT OR IGNORE INTO actors (id, name, kind, side) VALUES (?, ?, ?, ?)",
                (actor.actor_id, actor.name, actor.kind, actor.side),
            )
        conn.execute(
            "UPDATE actors SET name = ?, side = ? WHERE id = ?",
            (actor.name, actor.side, actor.actor_id),
        )
    conn.executemany(
        "INSERT OR IGNORE INTO actor_aliases (alias, actor_id) VALUES (?, ?)",
        [(a.alias, a.actor_id) for a in decision.aliases],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO actor_articles (actor_id, article_id, entity_id) VALUES (?, ?, ?)",
        [(link.actor_id, decision.article_id, link.entity_id) for link in decision.entities],
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


def read_actors(
    conn: sqlite3.Connection, search: str | None = None, *, actor_id: str | None = None
) -> list[ActorRow]:
    """Actors named by the most articles first; ``search`` matches any alias;
    ``actor_id``: that actor alone. Two queries: the actors with their counts,
    then their aliases."""
    where, params = ("WHERE a.id = ?", (actor_id,)) if actor_id is not None else ("", ())
    rows = conn.execute(
        "SELECT a.id, a.name, a.kind, a.side, COUNT(DISTINCT aa.article_id)"
        " FROM actors AS a JOIN actor_articles AS aa ON aa.actor_id = a.id"
        f" {where} GROUP BY a.id ORDER BY 5 DESC, a.name, a.id",
        params,
    ).fetchall()
    aliases: dict[str, list[str]] = {}
    alias_sql = "SELECT actor_id, alias FROM actor_aliases"
    if actor_id is not None:
        alias_sql += " WHERE actor_id = ?"
    for owner, alias in conn.execute(alias_sql + " ORDER BY actor_id, alias", params):
        aliases.setdefault(owner, []).append(alias)
    found = [ActorRow(r[0], r[1], r[2], r[3], tuple(aliases.get(r[0], ())), r[4]) for r in rows]
    if search:
        wanted = fold(search)
        found = [a for a in found if any(wanted in alias for alias in a.aliases)]
    return found
