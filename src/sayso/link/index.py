"""The stored claim clusters in memory, indexed by what a statement must share
with a cluster to join it, so that linking an article compares its statements
with a bounded set of centroids rather than with every one.

Under the rule of :func:`sayso.claims.clusters.nearest` a statement joins a
cluster only if

- their articles share a place, or either article names none, or the cluster
  started in the statement's own article (:func:`~sayso.claims.clusters.same_story`);
- the statement shares a content word with the cluster (an overlap of
  :data:`~sayso.claims.clusters.SHARED_WORDS` needs one at least);
- its cosine to the centroid reaches :data:`~sayso.claims.clusters.SAME_CLAIM`.

A stored cluster that fails one of these for every statement of the article,
as stored, is never joined while the article is linked (it could only change by
being joined), so leaving it out changes no decision: :meth:`ClaimIndex.candidates`
keeps the others, in the order the clusters were made, and
:func:`sayso.link.link_claims` decides among them as among all.

The index holds the centroids in one float32 matrix (rows in the order the
clusters were made, and their unit rows for the cosine test), the clusters'
places, words and articles, and inverted indexes from a place, a word and an
article to rows. It is filled once from the store and follows the writes:
:meth:`ClaimIndex.apply` after an article is linked, :meth:`ClaimIndex.unlinked`
after one is taken out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sayso.claims.clusters import SAME_CLAIM, content_words
from sayso.link.claims import (
    ClaimCandidate,
    ClaimDecision,
    ClaimUpdate,
    Embedded,
    places_named,
)
from sayso.model import Analysis

# A statement is compared with a cluster's unit row here, and with its centroid
# row by row in nearest(): the two scores differ by float32 rounding (< 1e-5).
MARGIN = 1e-3
_WIDTH = 384  # multilingual-e5-small


@dataclass(slots=True)
class _Cluster:
    claim_id: str
    size: int
    polarity: int
    words: frozenset[str]
    article_id: str
    places: frozenset[str]


class ClaimIndex:
    """The store's claim clusters, in the order they were made."""

    def __init__(self, clusters: Iterable[ClaimCandidate] = ()) -> None:
        self._clusters: list[_Cluster | None] = []  # by row; None once deleted
        self._row: dict[str, int] = {}
        self._vectors = np.zeros((64, _WIDTH), dtype=np.float32)
        self._units = np.zeros((64, _WIDTH), dtype=np.float32)
        self._by_place: dict[str, set[int]] = {}
        self._placeless: set[int] = set()
        self._by_word: dict[str, set[int]] = {}
        self._by_article: dict[str, set[int]] = {}
        self._empty: set[int] = set()  # rows of size 0
        self.compared = 0  # clusters the last lookup compared by cosine
        self.found = 0  # of them, those it returned
        for cluster in clusters:
            self._append(cluster)

    def __len__(self) -> int:
        return len(self._row)

    # ------------------------------------------------------------ lookup

    def candidates(self, analysis: Analysis, embedded: Embedded) -> list[ClaimCandidate]:
        """The clusters a statement of the article could join, in the order they
        were made (see the module's docstring)."""
        text = analysis.article.text
        words: set[str] = set()
        for statement in embedded.spoken:
            words |= content_words(statement.span.text(text))
        rows: set[int] = set()
        for word in words:
            rows |= self._by_word.get(word, set())
        places = places_named(analysis)
        if places:
            near = set(self._by_article.get(analysis.article.id, ()))
            for place in places:
                near |= self._by_place.get(place, set())
            rows = (rows & near) | (rows & self._placeless)
        self.compared = len(rows)
        if not rows or not len(embedded.vectors):
            self.found = 0
            return []
        order = np.fromiter(sorted(rows), dtype=np.int64, count=len(rows))
        best = (self._units[order] @ embedded.vectors.T).max(axis=1)
        kept = order[best >= SAME_CLAIM - MARGIN]
        self.found = len(kept)
        return [self._candidate(int(row)) for row in kept]

    def _candidate(self, row: int) -> ClaimCandidate:
        cluster = self._clusters[row]
        assert cluster is not None  # noqa: S101 (rows come from the live indexes)
        return ClaimCandidate(
            cluster.claim_id,
            self._vectors[row].copy(),
            cluster.size,
            cluster.polarity,
            cluster.words,
            cluster.article_id,
            cluster.places,
        )

    # ------------------------------------------------------------ writes

    def apply(self, decision: ClaimDecision, places: frozenset[str]) -> None:
        """An article's statements written (``places``: its places as the store
        reads them back): new clusters appended, moved ones updated."""
        for created in decision.created:
            if created.claim_id not in self._row:  # INSERT OR IGNORE
                self._append(
                    ClaimCandidate(
                        created.claim_id,
                        created.vector.astype(np.float32),
                        0,
                        created.polarity,
                        frozenset(),
                        created.article_id,
                        places,
                    )
                )
        self._update(decision.updated, words=True)

    def article_places(self, article_id: str, places: frozenset[str]) -> None:
        """The places an article names changed (it was written again, or deleted):
        the clusters it started compare these from now."""
        for row in self._by_article.get(article_id, ()):
            cluster = self._clusters[row]
            if cluster is not None and cluster.places != places:
                self._unplace(row, cluster.places)
                cluster.places = places
                self._place(row, places)

    def unlinked(self, clusters: tuple[ClaimUpdate, ...]) -> list[str]:
        """An article's statements taken out (:func:`sayso.link.unlink_claims`):
        the clusters' means and sizes as written; returns the ids of the clusters
        left empty, which the store deletes unless a statement points at them."""
        self._update(clusters, words=False)
        return [c.claim_id for c in map(self._clusters.__getitem__, sorted(self._empty)) if c]

    def drop(self, claim_ids: Iterable[str]) -> None:
        """Clusters deleted from the store."""
        for claim_id in claim_ids:
            row = self._row.pop(claim_id, None)
            cluster = self._clusters[row] if row is not None else None
            if row is None or cluster is None:
                continue
            self._clusters[row] = None
            self._empty.discard(row)
            self._unplace(row, cluster.places)
            for word in cluster.words:
                self._by_word[word].discard(row)
            self._by_article[cluster.article_id].discard(row)

    def _update(self, clusters: tuple[ClaimUpdate, ...], *, words: bool) -> None:
        for update in clusters:
            row = self._row.get(update.claim_id)
            cluster = self._clusters[row] if row is not None else None
            if row is None or cluster is None:
                continue  # UPDATE of no row
            self._set_vector(row, update.vector)
            self._set_size(row, cluster, update.size)
            if words:
                for word in update.words - cluster.words:
                    self._by_word.setdefault(word, set()).add(row)
                for word in cluster.words - update.words:
                    self._by_word[word].discard(row)
                cluster.words = frozenset(update.words)

    def _append(self, candidate: ClaimCandidate) -> None:
        row = len(self._clusters)
        if row == len(self._vectors):
            self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
            self._units = np.concatenate([self._units, np.zeros_like(self._units)])
        cluster = _Cluster(
            candidate.claim_id,
            candidate.size,
            candidate.polarity,
            candidate.words,
            candidate.article_id,
            candidate.places,
        )
        self._clusters.append(cluster)
        self._row[cluster.claim_id] = row
        self._set_vector(row, candidate.vector)
        self._set_size(row, cluster, candidate.size)
        self._place(row, cluster.places)
        for word in cluster.words:
            self._by_word.setdefault(word, set()).add(row)
        self._by_article.setdefault(cluster.article_id, set()).add(row)

    def _set_vector(self, row: int, vector: NDArray[np.float32]) -> None:
        self._vectors[row] = vector.astype(np.float32)
        norm = float(np.sqrt(np.square(self._vectors[row]).sum(dtype=np.float32)))
        self._units[row] = self._vectors[row] / max(norm, 1e-12)

    def _set_size(self, row: int, cluster: _Cluster, size: int) -> None:
        cluster.size = size
        if size <= 0:
            self._empty.add(row)
        else:
            self._empty.discard(row)

    def _place(self, row: int, places: frozenset[str]) -> None:
        if not places:
            self._placeless.add(row)
        for place in places:
            self._by_place.setdefault(place, set()).add(row)

    def _unplace(self, row: int, places: frozenset[str]) -> None:
        if not places:
            self._placeless.discard(row)
        for place in places:
            self._by_place[place].discard(row)
