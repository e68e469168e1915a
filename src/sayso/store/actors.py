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
from sayso.model import UNKNOWN


def candidates(
    conn: sqlite3.Connection, names: Iterable[str]
) -> tuple[list[Alias], list[ActorCandidate]]:
    """The stored aliases among these folded names and the actors they name,
    each with all its aliases."""
    wanted = sorted(set(names))
    aliases: list[Alias] = []
    for chunk in _chunks(wanted):
        marks = ", ".join("?" * len(chunk))
        aliases += [
            Alias(alias, actor_id)
            for alias, actor_id in conn.execute(
                f"SELECT alias, actor_id FROM actor_aliases WHERE alias IN ({marks})", chunk
            )
        ]
    actors = []
    for actor_id in sorted({a.actor_id for a in aliases}):
        for found_id, name, kind in conn.execute(
            "SELECT id, name, kind FROM actors WHERE id = ?", (actor_id,)
        ):
            known = conn.execute(
                "SELECT alias FROM actor_aliases WHERE actor_id = ?", (found_id,)
            ).fetchall()
            actors.append(ActorCandidate(found_id, name, kind, frozenset(a for (a,) in known)))
    return aliases, actors


def _chunks(values: list[str], size: int = 500) -> Iterable[list[str]]:
    for at in range(0, len(values), size):
        yield values[at : at + size]


def write(conn: sqlite3.Connection, decision: ActorDecision) -> None:
    """Store the article's actors: new ones, changed names, merged ones (their
    names and articles move to the actor that takes their place), new aliases,
    which actor each of its entities is; then the sides of the actors touched."""
    conn.execute("DELETE FROM actor_articles WHERE article_id = ?", (decision.article_id,))
    for actor in decision.actors:
        conn.execute(
            "INSERT INTO actors (id, name, kind, side) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
            (actor.actor_id, actor.name, actor.kind, UNKNOWN),
        )
        for old in actor.merged:
            merge(conn, old, actor.actor_id)
    conn.executemany(
        "INSERT OR IGNORE INTO actor_aliases (alias, actor_id) VALUES (?, ?)",
        [(a.alias, a.actor_id) for a in decision.aliases],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO actor_articles (actor_id, article_id, entity_id) VALUES (?, ?, ?)",
        [(link.actor_id, decision.article_id, link.entity_id) for link in decision.entities],
    )
    count_sides(conn, decision.article_id, +1)
    refresh_sides(conn, [a.actor_id for a in decision.actors])


# An article's speakers with a side, by the actor each is and the side given.
_ARTICLE_SIDES_SQL = """
SELECT aa.actor_id, s.side, COUNT(*) FROM actor_articles AS aa
JOIN speakers AS s ON s.article_id = aa.article_id AND s.entity_id = aa.entity_id
WHERE aa.article_id = ? AND s.side != ? GROUP BY aa.actor_id, s.side
"""


def count_sides(conn: sqlite3.Connection, article_id: str, sign: int) -> list[str]:
    """Add (+1) or take away (-1) the article's speakers from their actors' side
    counts; returns the actors whose counts changed."""
    found = conn.execute(_ARTICLE_SIDES_SQL, (article_id, UNKNOWN)).fetchall()
    conn.executemany(
        "INSERT INTO actor_sides (actor_id, side, speakers) VALUES (?, ?, ?)"
        " ON CONFLICT (actor_id, side) DO UPDATE SET speakers = speakers + excluded.speakers",
        [(actor_id, side, sign * n) for actor_id, side, n in found],
    )
    conn.execute("DELETE FROM actor_sides WHERE speakers <= 0")
    return sorted({actor_id for actor_id, _, _ in found})


def merge(conn: sqlite3.Connection, old: str, into: str) -> None:
    """A stored actor becomes part of another: its aliases, articles and side
    counts move."""
    conn.execute("UPDATE actor_aliases SET actor_id = ? WHERE actor_id = ?", (into, old))
    conn.execute("UPDATE OR IGNORE actor_articles SET actor_id = ? WHERE actor_id = ?", (into, old))
    conn.execute("DELETE FROM actor_articles WHERE actor_id = ?", (old,))
    conn.execute(
        "INSERT INTO actor_sides (actor_id, side, speakers)"
        " SELECT ?, side, speakers FROM actor_sides WHERE actor_id = ?"
        " ON CONFLICT (actor_id, side) DO UPDATE SET speakers = speakers + excluded.speakers",
        (into, old),
    )
    conn.execute("DELETE FROM actor_sides WHERE actor_id = ?", (old,))
    conn.execute("DELETE FROM actors WHERE id = ?", (old,))


def refresh_sides(conn: sqlite3.Connection, actor_ids: Iterable[str]) -> None:
    """Each actor's side: the side its speakers were given most often across the
    store (``unknown`` when none was given one, or two sides are given equally
    often), which no order of articles changes."""
    for actor_id in actor_ids:
        counts = conn.execute(
            "SELECT side, speakers FROM actor_sides WHERE actor_id = ? ORDER BY 2 DESC, 1",
            (actor_id,),
        ).fetchall()
        tied = len(counts) > 1 and counts[0][1] == counts[1][1]
        side = counts[0][0] if counts and not tied else UNKNOWN
        conn.execute("UPDATE actors SET side = ? WHERE id = ?", (side, actor_id))


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


def actor_names(conn: sqlite3.Connection, actor: str) -> set[str]:
    """The folded names an actor filter matches: itself, and every alias of the
    stored actors it names."""
    wanted = fold(actor)
    rows = conn.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id IN"
        " (SELECT actor_id FROM actor_aliases WHERE alias = ?)",
        (wanted,),
    )
    return {wanted, *(alias for (alias,) in rows)}
