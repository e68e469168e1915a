"""Claim linking against a large store compares an article with a bounded set of
clusters and fingerprints (issue 21), and decides as a comparison with all of them
would; the indexes a store connection keeps follow other connections' writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from sayso import link
from sayso.claims import fingerprint
from sayso.claims.clusters import content_words
from sayso.link.claims import places_named
from sayso.link.index import ClaimIndex
from sayso.link.reprints import ReprintIndex
from sayso.model import Analysis
from sayso.pipeline import analyze_path
from sayso.store import Store, saving

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "reference" / "aleppo-conscription.txt"
CLAIMS = sorted(str(p) for p in (DATA / "claims").glob("*.txt"))
CLUSTERS = 20_000
PLACES = 500
FINGERPRINTS = 5_000


@pytest.fixture(scope="module")
def aleppo() -> Analysis:
    return analyze_path(str(REFERENCE))


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    vectors = rng.standard_normal((n, 384)).astype(np.float32)
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _store(aleppo: Analysis, embedded: link.Embedded) -> list[link.ClaimCandidate]:
    """20,000 random clusters over 500 places and a vocabulary of 3,000 words, with
    a few near the article's statements: at its places (to join), elsewhere (not
    to), at no place (to join)."""
    rng = np.random.default_rng(21)
    text = aleppo.article.text
    words = [content_words(s.span.text(text)) for s in embedded.spoken]
    vocabulary = np.array([f"word{i}" for i in range(3000)])
    vectors = _unit(rng, CLUSTERS)
    here = sorted(places_named(aleppo))
    stored = []
    for i in range(CLUSTERS):
        place = frozenset({f"place{i % PLACES}"}) if i % 50 else frozenset()
        drawn = frozenset(rng.choice(vocabulary, 8).tolist())
        stored.append(
            link.ClaimCandidate(f"clm_{i:05d}", vectors[i], 2, 1, drawn, f"art_{i}", place)
        )
    for k, (vector, said) in enumerate(zip(embedded.vectors, words, strict=True)):
        near = (vector + 0.05 * _unit(rng, 1)[0]).astype(np.float32)
        for where, place in (
            ("here", frozenset({here[k % len(here)]})),
            ("there", frozenset({"place7"})),
            ("none", frozenset()),
        ):
            stored.insert(
                int(rng.integers(len(stored))),
                link.ClaimCandidate(
                    f"clm_{where}_{k}", near, 1, 1, said, f"art_{where}_{k}", place
                ),
            )
    return stored


def _same(a: link.ClaimDecision, b: link.ClaimDecision) -> None:
    assert [(s.statement.id, s.claim_id, s.stance, s.similarity) for s in a.statements] == [
        (s.statement.id, s.claim_id, s.stance, s.similarity) for s in b.statements
    ]
    assert [c.claim_id for c in a.created] == [c.claim_id for c in b.created]
    assert [(c.claim_id, c.vector.tobytes(), c.size, c.words) for c in a.updated] == [
        (c.claim_id, c.vector.tobytes(), c.size, c.words) for c in b.updated
    ]
    assert (a.duplicate_of, a.overlap) == (b.duplicate_of, b.overlap)


def test_an_article_is_compared_with_a_bounded_set_and_links_as_with_all(aleppo: Analysis) -> None:
    rng = np.random.default_rng(7)
    spoken = tuple(s for s in aleppo.statements if s.stance != "silent")
    assert places_named(aleppo) and len(spoken) >= 5
    embedded = link.Embedded(
        spoken, _unit(rng, len(spoken)), fingerprint.signature(aleppo.article.text)
    )
    stored = _store(aleppo, embedded)
    index = ClaimIndex(stored)
    assert len(index) == len(stored)
    found = index.candidates(aleppo, embedded)
    # only the clusters at its places or at none that share a word are compared by
    # cosine (about 40 per place, 400 at none, of 20,000); only the near ones are kept
    assert index.compared < 1_000
    assert {c.claim_id for c in found} >= {f"clm_here_{k}" for k in range(len(spoken))}
    assert not any(c.claim_id.startswith("clm_there") for c in found)
    assert index.found == len(found) < 3 * len(spoken)
    decision = link.link_claims(aleppo, embedded, found)
    _same(decision, link.link_claims(aleppo, embedded, stored))
    assert {s.claim_id for s in decision.statements[: len(spoken)]} & {
        f"clm_here_{k}" for k in range(len(spoken))
    }


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
