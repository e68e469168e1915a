"""Actor merging as a pure function: an article's people and organisations,
against the stored actors that share one of their names, to the actor each
entity is (a stored one, or one it adds) and the names the actors gain.

An entity joins a stored actor when one of its names matches one of the
actor's: a full name of two words or more, or an acronym ("SAA", which the
article has tied to "Syrian Arab Army"). A single ordinary word ("Yazan",
"Army") is not enough across articles: two articles' Yazans may be two people.
When several names match, the one the store learnt first decides. The actor's
name is the longest seen; its side the first side one of its speakers was
given (``unknown`` until then).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sayso.events.places import fold, lookup
from sayso.model import UNKNOWN, Analysis, Entity, stable_id


@dataclass(frozen=True, slots=True)
class ActorCandidate:
    """A stored actor that one of the article's names already identifies."""

    actor_id: str
    name: str
    kind: str
    side: str


@dataclass(frozen=True, slots=True)
class Alias:
    """A folded name that identifies an actor."""

    alias: str
    actor_id: str


@dataclass(frozen=True, slots=True)
class ActorState:
    """An actor as the article leaves it; ``new`` when the article adds it."""

    actor_id: str
    name: str
    kind: str
    side: str
    new: bool


@dataclass(frozen=True, slots=True)
class EntityLink:
    entity_id: str
    actor_id: str


@dataclass(frozen=True, slots=True)
class ActorDecision:
    """Which actor each of the article's entities is, the actors it added or
    changed (in the order first met), and the aliases the store learns (in order)."""

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


def link_actors(
    analysis: Analysis, aliases: Iterable[Alias], actors: Sequence[ActorCandidate]
) -> ActorDecision:
    """Tie the article's people and organisations to actors, given the stored
    aliases among its names (in the order the store learnt them) and their actors."""
    owner: dict[str, str] = {}  # alias -> actor id, in the order learnt
    for alias in aliases:
        owner.setdefault(alias.alias, alias.actor_id)
    order = {alias: i for i, alias in enumerate(owner)}
    state = {a.actor_id: ActorState(a.actor_id, a.name, a.kind, a.side, False) for a in actors}
    touched: dict[str, None] = {}
    learnt: list[Alias] = []
    links: list[EntityLink] = []
    sides = {s.entity_id: s.side for s in analysis.speakers if s.entity_id}
    for entity, keys in linkable(analysis):
        side = sides.get(entity.id, UNKNOWN)
        known = [k for k in keys if k in owner]
        if known:
            actor_id = owner[min(known, key=order.__getitem__)]
        else:
            actor_id = stable_id("act", entity.label, min(keys))
        actor = state.get(actor_id) or ActorState(actor_id, entity.name, entity.label, side, True)
        state[actor_id] = ActorState(
            actor_id,
            max((actor.name, entity.name), key=len),
            actor.kind,
            actor.side if actor.side != UNKNOWN else side,
            actor.new,
        )
        touched[actor_id] = None
        for key in sorted(keys):
            if key not in owner:
                owner[key] = actor_id
                order[key] = len(order)
                learnt.append(Alias(key, actor_id))
        links.append(EntityLink(entity.id, actor_id))
    return ActorDecision(
        analysis.article.id,
        tuple(links),
        tuple(state[a] for a in touched),
        tuple(learnt),
    )
