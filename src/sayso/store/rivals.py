"""Rival claims: claims about one stored event that cannot both be true (one
says the regime's jets struck the market, the other that Russian jets did; one
that the market was hit, the other a military headquarters). Found when read,
from the claims' parts' propositions (:mod:`sayso.link.propositions`) and the
stored event each incident is in, so they follow every regrouping."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from itertools import combinations

from sayso.link.propositions import rival


@dataclass(frozen=True, slots=True)
class RivalClaim:
    """A claim that cannot be true with another, and the sides that support it."""

    claim_id: str
    text: str
    sides: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"claim_id": self.claim_id, "text": self.text, "sides": list(self.sides)}


# Keyed parts with the stored event of each key's incident: every one (a full
# list), or those of the events a claim's keys are about (one claim's page).
# CROSS JOIN keeps SQLite's join order, each step a lookup by index; "+" takes the
# column's affinity off, so that the index on COALESCE(incident, id) serves.
_KEYED_SQL = """
SELECT DISTINCT cp.claim_id, pk.key, ev.cluster_id
FROM part_keys AS pk
CROSS JOIN claim_parts AS cp ON cp.id = pk.part_id
CROSS JOIN events AS ev ON COALESCE(ev.incident, ev.id) = +pk.incident
"""
_KEYED_NEAR_SQL = """
SELECT DISTINCT cp.claim_id, pk.key, ev.cluster_id
FROM events AS ev
CROSS JOIN part_keys AS pk ON pk.incident = COALESCE(ev.incident, ev.id)
CROSS JOIN claim_parts AS cp ON cp.id = pk.part_id
WHERE ev.cluster_id IN (
    SELECT mine.cluster_id FROM claim_parts AS own
    CROSS JOIN part_keys AS own_key ON own_key.part_id = own.id
    CROSS JOIN events AS mine ON COALESCE(mine.incident, mine.id) = +own_key.incident
    WHERE own.claim_id = ?
)
"""


def rival_ids(conn: sqlite3.Connection, claim_id: str | None) -> dict[str, set[str]]:
    """Claims' rivals, by claim id: of every claim (``claim_id`` None: one query
    over the keyed parts), or of one claim (its events' keyed parts only)."""
    rows = (
        conn.execute(_KEYED_SQL) if claim_id is None else conn.execute(_KEYED_NEAR_SQL, (claim_id,))
    ).fetchall()
    by_event: dict[str, list[tuple[str, str]]] = {}  # event -> (claim, key)
    for claim, key, event in rows:
        by_event.setdefault(event, []).append((claim, key))
    found: dict[str, set[str]] = {}
    for items in by_event.values():
        for (one, key), (other, other_key) in combinations(items, 2):
            if one != other and rival(key, other_key):
                found.setdefault(one, set()).add(other)
                found.setdefault(other, set()).add(one)
    return found
