"""Linking an analysis into what is already known, without a database.

Three linkers, each a pure function from a new :class:`~sayso.model.Analysis`
and *candidates* (what a store holds near it: small frozen dataclasses) to a
*decision* (frozen dataclasses the store writes as they are):

- :func:`link_claims`: an article's statements into its claim parts (statements
  embedded first by :func:`embed_statements`), which
  :class:`~sayso.link.groups.PartIndex` groups with the stored parts into claims;
- :func:`link_events`: event reports to event clusters at the article's places;
- :func:`link_actors`: people and organisations to actors, with new aliases.

:func:`analysis_from_record` reads an analysis back from its JSON record, so
that links can be computed again from a store's articles (``sayso relink``).
"""

from __future__ import annotations

from sayso.link.actors import (
    ActorCandidate,
    ActorDecision,
    ActorState,
    Alias,
    EntityLink,
    actor_id_of,
    keys_of,
    link_actors,
    linkable,
    names_of,
)
from sayso.link.claims import (
    ClaimDecision,
    ClaimPart,
    Embedded,
    StatementLink,
    StoredFingerprint,
    embed_statements,
    link_claims,
    reprint_of,
)
from sayso.link.events import (
    EventCandidate,
    EventDecision,
    NewCluster,
    ReportLink,
    link_events,
    places_of,
)
from sayso.link.record import analysis_from_record

__all__ = [
    "ActorCandidate",
    "ActorDecision",
    "ActorState",
    "Alias",
    "ClaimDecision",
    "ClaimPart",
    "Embedded",
    "EntityLink",
    "EventCandidate",
    "EventDecision",
    "NewCluster",
    "ReportLink",
    "StatementLink",
    "StoredFingerprint",
    "actor_id_of",
    "analysis_from_record",
    "embed_statements",
    "keys_of",
    "link_actors",
    "link_claims",
    "link_events",
    "linkable",
    "names_of",
    "places_of",
    "reprint_of",
]
