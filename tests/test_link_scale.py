"""Claim linking against a large store compares an article's parts with a bounded
set of parts and fingerprints (issue 21), and decides as a comparison with all of
them would; the indexes a store connection keeps follow other connections' writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from sayso import link
from sayso.claims import fingerprint
from sayso.link import ClaimPart
from sayso.link.groups import PartIndex, joins
from sayso.link.reprints import ReprintIndex
from sayso.model import Analysis
from sayso.pipeline import analyze_path
from sayso.store import Store, saving

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "reference" / "aleppo-conscription.txt"
CLAIMS = sorted(str(p) for p in (DATA / "claims").glob("*.txt"))
PARTS = 20_000
PLACES = 500
FINGERPRINTS = 5_000


@pytest.fixture(scope="module")
def aleppo() -> Analysis:
    return analyze_path(str(REFERENCE))


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    vectors = rng.standard_normal((n, 384)).astype(np.float32)
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _stored_parts() -> list[ClaimPart]:
    """20,000 random parts over 500 places and a vocabulary of 3,000 words, one
    in fifty at no place."""
    rng = np.random.default_rng(21)
    vocabulary = np.array([f"word{i}" for i in range(3000)])
    vectors = _unit(rng, PARTS)
    return [
        ClaimPart(
            f"clm_{rng.integers(2**48):012x}",
            f"art_{i}",
            "",
            vectors[i],
            2,
            1,
            frozenset(rng.choice(vocabulary, 8).tolist()),
            frozenset({f"place{i % PLACES}"}) if i % 50 else frozenset(),
        )
        for i in range(PARTS)
    ]


def test_a_new_part_is_compared_with_a_bounded_set_and_grouped_as_with_all() -> None:
    rng = np.random.default_rng(7)
    stored = _stored_parts()
    index = PartIndex()
    for at in range(0, len(stored), 1000):
        index.add(stored[at : at + 1000])
    assert len(index) == PARTS
    target = stored[123]
    near = (target.vector + 0.05 * _unit(rng, 1)[0]).astype(np.float32)
    new = [
        ClaimPart(f"clm_new{n}", "art_new", "", near, 1, 1, target.words, places)
        for n, places in enumerate((target.places, frozenset({"place7"}), frozenset()))
    ]
    index.add(new)
    # only the parts at its places, or at none, that share a word are compared by
    # cosine (about 40 per place, 400 at none, of 20,000)
    assert index.compared < 1_000
    everything = {p.part_id: p for p in stored + new}
    for part in new:
        # by brute force: the first earlier leader it may join, else itself
        leaders = [
            other
            for other in sorted(everything)
            if other < part.part_id
            and index.claim_of[other] == other
            and joins(part, everything[other])
        ]
        assert index.claim_of[part.part_id] == (leaders[0] if leaders else part.part_id)
    assert joins(new[0], target) and joins(new[2], target) and not joins(new[1], target)


def test_a_reprint_is_looked_up_by_its_buckets(aleppo: Analysis) -> None:
    rng = np.random.default_rng(5)
    signature = fingerprint.signature(aleppo.article.text)
    stored = [
        link.StoredFingerprint(f"art_{i}", rng.integers(0, 2**32, 64, dtype=np.uint64))
        for i in range(FINGERPRINTS)
    ]
    # copies that keep 39 of the 64 minimums (overlap 0.61: a reprint; the changes
    # spread so that as few bands as can be stay whole), 44, and 38 (not a reprint)
    spread = np.concatenate([np.arange(0, 64, 2), np.arange(1, 64, 2)])
    for kept in (39, 44, 38):
        copy = signature.copy()
        copy[spread[: 64 - kept]] += np.uint64(1)
        stored.insert(
            int(rng.integers(len(stored))), link.StoredFingerprint(f"art_kept{kept}", copy)
        )
    index = ReprintIndex(stored)
    found = index.candidates(signature, aleppo.article.id)
    assert index.compared == len(found) <= 3
    assert {f.article_id for f in found} >= {"art_kept39", "art_kept44"}
    by_scan = link.reprint_of(signature, aleppo.article.id, stored)
    assert by_scan == link.reprint_of(signature, aleppo.article.id, found)
    assert by_scan is not None and by_scan[0] == "art_kept44"
    index.remove("art_kept44")
    assert link.reprint_of(signature, "", index.candidates(signature, "")) == (
        "art_kept39",
        39 / 64,
    )


def _links(db: Path) -> list[list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return [
            conn.execute(sql).fetchall()
            for sql in (
                "SELECT id, text, article_id, vector, size, polarity, words FROM claims"
                " ORDER BY rowid",
                "SELECT * FROM claim_parts ORDER BY rowid",
                "SELECT * FROM statements ORDER BY rowid",
                "SELECT * FROM fingerprints ORDER BY rowid",
            )
        ]
    finally:
        conn.close()


def test_two_connections_see_each_others_clusters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles stored through two stores open on one file, in turn, link as
    through one: each reads the clusters again after the other wrote; and what a
    store's linking read and wrote in a transaction that rolled back is dropped."""
    analyses = [analyze_path(p) for p in CLAIMS]
    with Store(tmp_path / "one.db") as store:
        for analysis in analyses:
            assert store.save(analysis)
        assert store.save(analyses[0], replace=True)
    with Store(tmp_path / "two.db") as first, Store(tmp_path / "two.db") as second:
        for i, analysis in enumerate(analyses):
            if i == 2:
                with monkeypatch.context() as patch:
                    patch.setattr(saving.search_store, "index_article", _fail)
                    with pytest.raises(RuntimeError):
                        first.save(analysis)
            assert (first, second)[i % 2].save(analysis)
        assert second.save(analyses[0], replace=True)
    assert _links(tmp_path / "two.db") == _links(tmp_path / "one.db")


def _fail(*args: object) -> None:
    raise RuntimeError("after linking, before the commit")
