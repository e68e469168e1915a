"""The stored fingerprints by their MinHash buckets (:func:`sayso.claims.fingerprint.bands`),
so that finding the story an article reprints looks at the articles that share
enough buckets with it, not at every stored one.

An index is filled once from the stored fingerprints, in the order the store
scans them, and follows the writes (:meth:`ReprintIndex.add`, :meth:`ReprintIndex.remove`).
:meth:`ReprintIndex.candidates` gives every stored article whose overlap can reach
:data:`~sayso.claims.fingerprint.SAME_STORY`, in that order; :func:`sayso.link.reprint_of`
then decides on the exact overlap, as it would over all of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sayso.claims import fingerprint
from sayso.link.claims import StoredFingerprint


class ReprintIndex:
    """Stored fingerprints, by bucket; each with its place in the store's order."""

    def __init__(self, stored: Iterable[StoredFingerprint] = ()) -> None:
        self._order: dict[str, int] = {}  # article id -> its place (its latest write)
        self._stored: dict[int, StoredFingerprint] = {}
        self._buckets: dict[bytes, list[int]] = {}
        self._next = 0
        self.compared = 0  # fingerprints the last lookup returned
        for item in stored:
            self.add(item.article_id, item.signature)

    def __len__(self) -> int:
        return len(self._stored)

    def add(self, article_id: str, signature: fingerprint.Signature) -> None:
        """An article's fingerprint written (``INSERT OR REPLACE``: last in order)."""
        self.remove(article_id)
        place = self._next
        self._next += 1
        self._order[article_id] = place
        self._stored[place] = StoredFingerprint(article_id, signature)
        for key in fingerprint.bands(signature):
            self._buckets.setdefault(key, []).append(place)

    def remove(self, article_id: str) -> None:
        """An article's fingerprint deleted; its bucket entries are skipped from now."""
        place = self._order.pop(article_id, None)
        if place is not None:
            del self._stored[place]

    def candidates(
        self, signature: fingerprint.Signature, article_id: str
    ) -> list[StoredFingerprint]:
        """The stored fingerprints (not the article's own) sharing at least
        :data:`~sayso.claims.fingerprint.MIN_BANDS` buckets with the signature, in
        the store's order: a superset of those at :data:`~sayso.claims.fingerprint.SAME_STORY`."""
        if fingerprint.MIN_BANDS < 1:  # a threshold so low that any two may match
            places = list(self._stored)
        else:
            shared: Counter[int] = Counter()
            for key in fingerprint.bands(signature):
                shared.update(self._buckets.get(key, ()))
            places = sorted(
                p for p, n in shared.items() if n >= fingerprint.MIN_BANDS and p in self._stored
            )
        found = [self._stored[p] for p in places if self._stored[p].article_id != article_id]
        self.compared = len(found)
        return found
