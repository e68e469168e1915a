"""Actor merging as a pure function: an article's people and organisations,
against the stored actors that share one of their names, to the actor each
entity is and the actors the store keeps after it.

An entity is the same actor as a stored one when one of its names matches one
of the actor's: a full name of two words or more, or an acronym ("SAA", which
the article has tied to "Syrian Arab Army"). A single ordinary word ("Yazan",
"Army") is not enough across articles: two articles' Yazans may be two people.

Who is whom does not depend on the order articles come in: an actor is every
entity connected to it by a shared name (an entity whose names match two
stored actors merges them), its id is made from the smallest of its names, and
its name is the longest seen (the first in alphabetical order among equals),
so any order of the same articles gives the same actors. Its side is counted
by the store from its speakers (see :func:`sayso.store.actors.refresh_sides`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sayso.events.places import fold, lookup
from sayso.model import Analysis, Entity, stable_id


@dataclass(frozen=True, slots=True)
class ActorCandidate:
    """A stored actor that one of the article's names already identifies, with
    every name it is known by."""

    actor_id: str
    name: str
    kind: str
    aliases: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Alias:
    """A folded name that identifies an actor."""

    alias: str
    actor_id: str


@dataclass(frozen=True, slots=True)
class ActorState:
    """An actor as the article leaves it: ``new`` when the store lacks its id,
    ``merged`` the stored actors it takes the place of (their names, entities and
    speakers become its own)."""

    actor_id: str
    name: str
    kind: str
    new: bool
    merged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityLink:
    entity_id: str
    actor_id: str


@dataclass(frozen=True, slots=True)
class ActorDecision:
    """Which actor each of the article's entities is, the actors it added,
    changed or merged (in the order first met), and the names the store learns."""

    article_id: str
    entities: tuple[EntityLink, ...]
    actors: tuple[ActorState, ...]
    aliases: tuple[Alias, ...]


def names_of(entity: Entity) -> frozenset[str]:
    """The folded names of an entity that can identify it across articles."""
    names = {entity.name, *entity.aliases}
    return frozenset(
        fold(n)
        for n in names
        if len(n.split()) >= 2 or (n.isupper() and len(n) >= 2 and n.isalpha())
    )


def linkable(analysis: Analysis) -> list[tuple[Entity, frozenset[str]]]:
    """The article's people and organisations with names that can identify them
    (a place the entity recogniser took for one is left out)."""
    out = []
    for entity in analysis.entities:
        if entity.label not in ("PERSON", "ORG"):
            continue
        keys = names_of(entity)
        if keys and lookup(entity.name) is None:
            out.append((entity, keys))
    return out


def keys_of(analysis: Analysis) -> frozenset[str]:
    """Every name of the article that can identify an actor: what to look up."""
    return frozenset(k for _, keys in linkable(analysis) for k in keys)


def actor_id_of(aliases: Iterable[str]) -> str:
    """An actor's id: from its smallest name, whoever learnt it first."""
    return stable_id("act", min(aliases))


def preferred(named: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """The (name, kind) an actor goes by: the longest name, then the first in
    alphabetical order, so that no order of articles changes it."""
    return min(named, key=lambda pair: (-len(pair[0]), pair[0], pair[1]))


class _Groups:
    """Union-find over nodes: stored actors and the article's entities."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        self._parent.setdefault(node, node)
        root = node
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[node] != root:
            self._parent[node], node = root, self._parent[node]
        return root

    def union(self, one: str, other: str) -> None:
        first, second = self.find(one), self.find(other)
        if first != second:
            self._parent[max(first, second)] = min(first, second)


def link_actors(
    analysis: Analysis, aliases: Iterable[Alias], actors: Sequence[ActorCandidate]
) -> ActorDecision:
    """Tie the article's people and organisations to actors, given the stored
    aliases among its names and the actors they name (with all their aliases)."""
    owner = {alias.alias: alias.actor_id for alias in aliases}
    stored = {a.actor_id: a for a in actors}
    entities = linkable(analysis)
    groups = _Groups()
    first_with: dict[str, str] = {}  # a name -> the first node holding it
    for entity, keys in entities:
        node = "e:" + entity.id
        groups.find(node)
        for key in keys:
            if key in owner and owner[key] in stored:
                groups.union(node, "a:" + owner[key])
            groups.union(node, first_with.setdefault(key, node))
    members: dict[str, list[str]] = {}
    for node in ["e:" + e.id for e, _ in entities] + ["a:" + a for a in stored]:
        members.setdefault(groups.find(node), []).append(node)
    by_entity = {"e:" + e.id: (e, keys) for e, keys in entities}
    actor_of_root: dict[str, ActorState] = {}
    learnt: dict[str, Alias] = {}
    for root, nodes in members.items():
        found = [by_entity[n] for n in nodes if n in by_entity]
        if not found:
            continue  # a stored actor none of the article's names reached
        olds = [stored[n[2:]] for n in nodes if n.startswith("a:")]
        names = {k for _, keys in found for k in keys} | {k for a in olds for k in a.aliases}
        actor_id = actor_id_of(names)
        name, kind = preferred(
            [(e.name, e.label) for e, _ in found] + [(a.name, a.kind) for a in olds]
        )
        actor_of_root[root] = ActorState(
            actor_id,
            name,
            kind,
            new=actor_id not in stored,
            merged=tuple(sorted(a.actor_id for a in olds if a.actor_id != actor_id)),
        )
        for _, keys in found:
            for key in sorted(keys):
                if owner.get(key) not in stored:
                    learnt.setdefault(key, Alias(key, actor_id))
    actor_of = {e.id: actor_of_root[groups.find("e:" + e.id)] for e, _ in entities}
    touched = {actor_of[e.id].actor_id: actor_of[e.id] for e, _ in entities}
    return ActorDecision(
        analysis.article.id,
        tuple(EntityLink(e.id, actor_of[e.id].actor_id) for e, _ in entities),
        tuple(touched.values()),
        tuple(learnt.values()),
    )
