"""Claims across articles: the parts of every article (:class:`ClaimPart`),
grouped so that the result does not depend on the order articles came in, and
no claim grows by chaining.

A part may **follow** another of an earlier id (ids are hashes: their order is
arbitrary but fixed) when :func:`joins` allows it. Going through the parts in
id order, a part follows the first earlier part that leads a claim and that it
may follow, else it leads a claim of its own. A claim is its leader and the
parts that follow it: every member was compared with the leader itself (never
with a mean or a vocabulary that grows as members join), so a claim cannot
drift from what its leader says, and the grouping is a function of the set of
parts alone, whatever the order they were stored in.

Adding or removing parts regroups only what they can reach: a new part is
placed; when a part starts or stops leading, the later parts that may follow
it are placed again, in id order (:meth:`PartIndex.add`, :meth:`PartIndex.remove`).

:class:`PartIndex` holds the parts in memory with inverted indexes from a
word, a place and a key to parts, and their unit vectors in one matrix, so
that finding the parts one may follow or be followed by compares a bounded set.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from sayso.claims.clusters import COERCED, OPPOSITE_MIN, SAME_CLAIM, SHARED_WORDS, shared
from sayso.link.claims import ClaimPart
from sayso.link.propositions import compatible, contradicts, incident_of_key, same_event

# A part's score against candidates comes from one matrix product, and the
# rule's from a row-by-row cosine: they differ by float32 rounding (< 1e-5).
MARGIN = 1e-3
_WIDTH = 384  # multilingual-e5-small


def _cosine(one: ClaimPart, other: ClaimPart) -> float:
    """Cosine of two parts' mean vectors, row by row (no BLAS: the last bits do
    not depend on what else is compared)."""
    a = one.vector.astype(np.float32)
    b = other.vector.astype(np.float32)
    dot = np.multiply(a, b).sum(dtype=np.float32)
    norm_a = np.sqrt(np.square(a).sum(dtype=np.float32))
    norm_b = np.sqrt(np.square(b).sum(dtype=np.float32))
    return float(dot / max(float(norm_a * norm_b), 1e-12))


_NO_EVENTS: Mapping[str, str] = MappingProxyType({})


def joins(part: ClaimPart, leader: ClaimPart, event_of: Mapping[str, str] = _NO_EVENTS) -> bool:
    """Whether ``part`` states the claim ``leader`` states (``event_of``: the
    stored event each incident of their keys is in).

    Parts of one article never join (the article's own grouping made them two).
    Two parts that both state propositions about stored incidents of violence
    join only if two of them are compatible (one incident, no slot both fill
    filled differently: :func:`~sayso.link.propositions.compatible`). A part
    with a key never joins one with none whose article says only rival things of
    that incident (the headline "regime aircraft bomb the market" beside its
    lede's proposition). Otherwise they must be close in meaning (e5 cosine of their means at least
    :data:`SAME_CLAIM`), share their words (:data:`SHARED_WORDS`), be about a
    common town or district when both articles name one, and a part saying
    someone was forced to act never joins one that does not say so."""
    if part.article_id == leader.article_id:
        return False
    if part.keys and leader.keys:
        return compatible(part.keys, leader.keys, event_of)
    if _read_against(part, leader, event_of) or _read_against(leader, part, event_of):
        return False
    if _of_other_incidents(part, leader, event_of):
        return False
    if COERCED in part.words and COERCED not in leader.words:
        return False
    if part.places and leader.places and not part.places & leader.places:
        return False
    if shared(part.words, leader.words) < SHARED_WORDS:
        return False
    return _cosine(part, leader) >= SAME_CLAIM


def _of_other_incidents(part: ClaimPart, leader: ClaimPart, event_of: Mapping[str, str]) -> bool:
    """Whether both parts are read with stored incidents (a part's own keys,
    else its article's) and those are in no common stored event: statements of
    one claim are about one incident, and "killed nine civilians" in a report of
    a gas attack near Damascus is no claim of a report of shelling in Deir
    ez-Zor, however alike their words."""
    mine, theirs = part.keys or part.context, leader.keys or leader.context
    return bool(mine and theirs) and not same_event(mine, theirs, event_of)


def _read_against(keyed: ClaimPart, other: ClaimPart, event_of: Mapping[str, str]) -> bool:
    return bool(keyed.keys) and not other.keys and contradicts(keyed.keys, other.context, event_of)


def flips(part: ClaimPart, leader: ClaimPart, event_of: Mapping[str, str] = _NO_EVENTS) -> bool:
    """Whether the part's stances turn over toward its leader's claim: it says
    the opposite (its first statement negated where the leader's is not), of the
    same proposition (compatible keys: only keys stored before the polarity
    slot, since a denial's keys are now a proposition of their own), or in
    near-paraphrase (see :data:`~sayso.claims.clusters.OPPOSITE_MIN`)."""
    if part.polarity == leader.polarity:
        return False
    if part.keys and leader.keys:
        return compatible(part.keys, leader.keys, event_of)
    return _cosine(part, leader) >= OPPOSITE_MIN


@dataclass(slots=True)
class Regrouped:
    """What adding or removing parts changed: the claim (leader id) of every part
    placed anew or moved, the parts that started or stopped leading a claim."""

    claim_of: dict[str, str] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    stopped: set[str] = field(default_factory=set)


class _Rows:
    """A growing array of row numbers (a word's or a place's postings)."""

    __slots__ = ("_data", "_size")

    def __init__(self) -> None:
        self._data = np.empty(8, dtype=np.int64)
        self._size = 0

    def add(self, row: int) -> None:
        if self._size == len(self._data):
            self._data = np.concatenate([self._data, np.empty_like(self._data)])
        self._data[self._size] = row
        self._size += 1

    def view(self) -> np.ndarray:
        return self._data[: self._size]


class PartIndex:
    """Every stored part with the claim it is in (the id of the part it follows,
    or its own when it leads)."""

    def __init__(
        self,
        parts: Iterable[tuple[ClaimPart, str]] = (),
        events: Iterable[tuple[str, str]] = (),
    ) -> None:
        self._parts: dict[str, ClaimPart] = {}
        self.claim_of: dict[str, str] = {}
        self._row: dict[str, int] = {}
        self._ids: list[str | None] = []
        # by row (rows are never reused: a deleted part's row is dead)
        self._units = np.zeros((64, _WIDTH), dtype=np.float32)
        self._alive = np.zeros(64, dtype=bool)
        self._placeless = np.zeros(64, dtype=bool)
        self._sizes = np.zeros(64, dtype=np.int32)  # content words
        self._by_word: dict[str, _Rows] = {}
        self._by_place: dict[str, _Rows] = {}
        self.event_of: dict[str, str] = {}  # incident -> the stored event it is in
        self._incidents_in: dict[str, set[str]] = {}  # stored event -> its incidents
        self._by_incident: dict[str, set[str]] = {}  # incident -> parts keyed by it
        self._by_article: dict[str, list[str]] = {}
        self.compared = 0  # parts the last lookup compared by cosine
        self._near_cache: dict[str, list[ClaimPart]] | None = None
        self.place_incidents(events)
        for part, claim_id in parts:
            self._insert(part)
            self.claim_of[part.part_id] = claim_id

    def __len__(self) -> int:
        return len(self._parts)

    def part(self, part_id: str) -> ClaimPart:
        return self._parts[part_id]

    def parts_of(self, article_id: str) -> list[ClaimPart]:
        return [self._parts[p] for p in self._by_article.get(article_id, ())]

    # ------------------------------------------------------------ changes

    def rename_events(self, renamed: Mapping[str, str]) -> None:
        """Stored events that took another id (old to new): their incidents follow."""
        for old, new in renamed.items():
            for incident in self._incidents_in.pop(old, set()):
                self.event_of[incident] = new
                self._incidents_in.setdefault(new, set()).add(incident)

    def place_incidents(self, events: Iterable[tuple[str, str]]) -> None:
        """Incidents put in stored events (``(incident, event cluster)``), as event
        linking placed an article's reports: before its parts are added."""
        for incident, event in events:
            before = self.event_of.get(incident)
            if before == event:
                continue
            if before is not None:
                self._incidents_in[before].discard(incident)
            self.event_of[incident] = event
            self._incidents_in.setdefault(event, set()).add(incident)

    def add(self, parts: Iterable[ClaimPart]) -> Regrouped:
        """Store new parts (an article's) and place them and whatever they move."""
        new = [p for p in parts if p.part_id not in self._parts]
        for part in new:
            self._insert(part)
        return self._regroup({p.part_id for p in new})

    def remove(self, article_id: str) -> Regrouped:
        """Take an article's parts out and place again the parts that followed them."""
        gone = self.parts_of(article_id)
        again: set[str] = set()
        stopped = set()
        for part in gone:
            if self.claim_of.get(part.part_id) == part.part_id:
                stopped.add(part.part_id)
                again |= {p for p, c in self._followers_of(part)}
        for part in gone:
            self._delete(part)
        result = self._regroup(again - {p.part_id for p in gone})
        result.stopped |= stopped
        return result

    # ------------------------------------------------------------ grouping

    def _regroup(self, pending: set[str]) -> Regrouped:
        self._near_cache = {}  # no part comes or goes while they are placed
        try:
            return self._place(pending)
        finally:
            self._near_cache = None

    def _place(self, pending: set[str]) -> Regrouped:
        """Place parts in id order: those in ``pending`` from every part near them;
        a later part that may follow a part that starts leading, by a look at that
        part alone (it can only take that leader instead of its own, or instead of
        leading); the followers of a part that stops leading, again from every
        part near them. A part's place is final once taken: only later parts
        depend on it."""
        result = Regrouped()
        offers: dict[str, set[str] | None] = dict.fromkeys(pending)  # None: every near part
        queue = sorted(offers)
        heapq.heapify(queue)
        while queue:
            part_id = heapq.heappop(queue)
            if part_id not in offers or part_id not in self._parts:
                continue
            offered = offers.pop(part_id)
            part = self._parts[part_id]
            before = self.claim_of.get(part_id)
            claim_id = self._leader(part, offered, before)
            if claim_id == before:
                continue
            self.claim_of[part_id] = claim_id
            result.claim_of[part_id] = claim_id
            leads, led = claim_id == part_id, before == part_id
            if leads == led:
                continue
            if leads:
                result.started.add(part_id)
                result.stopped.discard(part_id)
            else:
                result.stopped.add(part_id)
                result.started.discard(part_id)
            for follower, _ in self._followers_of(part):
                if leads:  # it may take this leader
                    known = offers.get(follower, set()) if follower in offers else set()
                    if known is not None:
                        offers[follower] = known | {part_id}
                elif self.claim_of.get(follower) == part_id:  # it lost its leader
                    offers[follower] = None
                else:
                    continue
                heapq.heappush(queue, follower)
        return result

    def _leader(self, part: ClaimPart, offered: set[str] | None, before: str | None) -> str:
        """The part's leader: the first earlier leading part it may join, among the
        parts near it (``offered`` None, or a new part), else among the ``offered``
        new leaders and the one it had; itself when none."""
        part_id = part.part_id
        if offered is None or before is None:
            near = [o.part_id for o in self._near(part)]
        else:
            near = [*offered, before] if before != part_id else list(offered)
        leaders = [
            other
            for other in near
            if other < part_id
            and self.claim_of.get(other) == other
            and joins(part, self._parts[other], self.event_of)
        ]
        return min(leaders, default=part_id)

    def _followers_of(self, part: ClaimPart) -> list[tuple[str, ClaimPart]]:
        """The later parts that may follow ``part``."""
        return [
            (other.part_id, other)
            for other in self._near(part)
            if other.part_id > part.part_id and joins(other, part, self.event_of)
        ]

    def _near(self, part: ClaimPart) -> list[ClaimPart]:
        """:meth:`_find_near`, once per part while parts are placed."""
        cache = self._near_cache
        if cache is None:
            return self._find_near(part)
        if part.part_id not in cache:
            cache[part.part_id] = self._find_near(part)
        return cache[part.part_id]

    def _find_near(self, part: ClaimPart) -> list[ClaimPart]:
        """The parts of other articles that could join ``part`` or be joined by it:
        those sharing one of its keys, and those that share enough of its words,
        a place (or have none) and whose vectors are close enough; in id order.
        Word counts, places and cosines are counted over the rows in numpy."""
        found: set[str] = set()
        for key in part.keys:
            event = self.event_of.get(incident_of_key(key))
            for incident in self._incidents_in.get(event, ()) if event else ():
                found |= self._by_incident.get(incident, set())
        count = len(self._ids)
        postings = [self._by_word[w].view() for w in part.words if w in self._by_word]
        self.compared = 0
        if postings and count:
            shared_words = np.bincount(np.concatenate(postings), minlength=count)
            # shared() >= SHARED_WORDS, less a rounding margin: joins() decides exactly
            needed = SHARED_WORDS * np.minimum(self._sizes[:count], len(part.words)) - 1e-6
            close = (shared_words >= np.maximum(needed, 1)) & self._alive[:count]
            if part.places:
                placed = self._placeless[:count].copy()
                for place in part.places:
                    if place in self._by_place:
                        placed[self._by_place[place].view()] = True
                close &= placed
            rows = np.flatnonzero(close)
            self.compared = len(rows)
            if len(rows):
                unit = part.vector / max(float(np.linalg.norm(part.vector)), 1e-12)
                scores = self._units[rows] @ unit.astype(np.float32)
                found.update(self._ids[r] or "" for r in rows[scores >= SAME_CLAIM - MARGIN])
        found.discard("")
        return [
            self._parts[i] for i in sorted(found) if self._parts[i].article_id != part.article_id
        ]

    # ------------------------------------------------------------ storage

    def _insert(self, part: ClaimPart) -> None:
        part_id = part.part_id
        row = len(self._ids)
        if row == len(self._units):
            self._units = np.concatenate([self._units, np.zeros_like(self._units)])
            self._alive = np.concatenate([self._alive, np.zeros_like(self._alive)])
            self._placeless = np.concatenate([self._placeless, np.zeros_like(self._placeless)])
            self._sizes = np.concatenate([self._sizes, np.zeros_like(self._sizes)])
        vector = part.vector.astype(np.float32)
        self._units[row] = vector / max(float(np.linalg.norm(vector)), 1e-12)
        self._alive[row] = True
        self._placeless[row] = not part.places
        self._sizes[row] = len(part.words)
        self._ids.append(part_id)
        self._row[part_id] = row
        self._parts[part_id] = part
        for word in part.words:
            self._by_word.setdefault(word, _Rows()).add(row)
        for key in part.keys:
            self._by_incident.setdefault(incident_of_key(key), set()).add(part_id)
        for place in part.places:
            self._by_place.setdefault(place, _Rows()).add(row)
        self._by_article.setdefault(part.article_id, []).append(part_id)

    def _delete(self, part: ClaimPart) -> None:
        part_id = part.part_id
        row = self._row.pop(part_id)
        self._ids[row] = None
        self._alive[row] = False  # its postings stay, dead
        del self._parts[part_id]
        self.claim_of.pop(part_id, None)
        for key in part.keys:
            self._by_incident[incident_of_key(key)].discard(part_id)
        members = self._by_article.get(part.article_id, [])
        if part_id in members:
            members.remove(part_id)
        if not members:
            self._by_article.pop(part.article_id, None)
