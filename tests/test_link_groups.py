"""Claims across articles from parts (sayso.link.groups): a part follows the
first earlier leader it may join, so the claims are the same whatever order the
parts come in, and a claim never grows by chaining."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.claims.clusters import COERCED
from sayso.link import ClaimPart
from sayso.link.groups import PartIndex, flips, joins
from sayso.link.propositions import compatible, rival


def _part(
    part_id: str,
    article: str,
    direction: list[float],
    words: str = "strike market town",
    places: frozenset[str] = frozenset(),
    keys: frozenset[str] = frozenset(),
    polarity: int = 1,
) -> ClaimPart:
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(direction)] = direction
    vector /= np.linalg.norm(vector)
    return ClaimPart(
        part_id, article, part_id, vector, 1, polarity, frozenset(words.split()), places, keys
    )


def _claims(index: PartIndex) -> set[frozenset[str]]:
    grouped: dict[str, set[str]] = {}
    for part_id, claim_id in index.claim_of.items():
        grouped.setdefault(claim_id, set()).add(part_id)
    return {frozenset(g) for g in grouped.values()}


def test_a_part_joins_a_close_part_of_another_article_not_of_its_own() -> None:
    one = _part("clm_a", "art_1", [1.0])
    other = _part("clm_b", "art_2", [1.0, 0.1])
    same_article = _part("clm_c", "art_1", [1.0])
    assert joins(other, one) and not joins(same_article, one)
    assert not joins(_part("clm_d", "art_3", [0.0, 1.0]), one)  # far in meaning
    assert not joins(_part("clm_e", "art_4", [1.0], words="grain convoy port"), one)


def test_places_keys_and_coercion_keep_claims_apart() -> None:
    here = _part("clm_a", "art_1", [1.0], places=frozenset({"kupiansk"}))
    elsewhere = _part("clm_b", "art_2", [1.0], places=frozenset({"kherson"}))
    unplaced = _part("clm_c", "art_3", [1.0])
    assert not joins(elsewhere, here) and joins(unplaced, here)
    # incidents of four articles: three in one stored event, one in another
    events = {"inc_4": "evc_may", "inc_5": "evc_may", "inc_6": "evc_may", "inc_7": "evc_dec"}
    russian = _part("clm_d", "art_4", [1.0], keys=frozenset({"inc_4|russia|"}))
    regime = _part("clm_e", "art_5", [1.0], keys=frozenset({"inc_5|government|"}))
    unsaid = _part("clm_f", "art_6", [0.0, 1.0], keys=frozenset({"inc_6||civilian"}))
    earlier = _part("clm_g", "art_7", [1.0], keys=frozenset({"inc_7|russia|"}))
    assert not joins(regime, russian, events)  # one incident, two authors: rivals
    assert joins(unsaid, russian, events)  # one proposition, whatever the words
    assert not joins(earlier, russian, events)  # another strike there, however alike
    assert not joins(unsaid, russian)  # incidents in no stored event are in none
    forced = _part("clm_h", "art_8", [1.0], words=f"strike market town {COERCED}")
    assert not joins(forced, here) and joins(here, forced)


def test_a_denial_of_the_same_proposition_turns_its_stances_over() -> None:
    events = {"inc_1": "evc_1", "inc_2": "evc_1"}
    said = _part("clm_a", "art_1", [1.0], keys=frozenset({"inc_1||"}))
    denied = _part("clm_b", "art_2", [0.0, 1.0], keys=frozenset({"inc_2|russia|"}), polarity=-1)
    assert flips(denied, said, events) and not flips(said, said, events)


def test_a_denial_is_its_own_proposition_and_the_rival_of_what_it_denies() -> None:
    events = {"inc_1": "evc_1", "inc_2": "evc_1", "inc_3": "evc_1"}
    struck = _part("clm_a", "art_1", [1.0], keys=frozenset({"inc_1|russia||+"}))
    denied = _part("clm_b", "art_2", [1.0], keys=frozenset({"inc_2|russia||-"}), polarity=-1)
    also = _part("clm_c", "art_3", [1.0], keys=frozenset({"inc_3|||+"}))
    assert not joins(denied, struck, events) and not flips(denied, struck, events)
    assert joins(also, struck, events)
    assert rival("inc_1|russia||+", "inc_2|russia||-") and rival("inc_1|||+", "inc_2|||-")
    assert not rival("inc_1|russia||+", "inc_2|||+")
    # a key stored before the polarity slot is compatible with either
    assert compatible(frozenset({"inc_1|russia|"}), denied.keys, events)


def test_statements_of_one_claim_are_read_with_their_articles_incidents() -> None:
    """A part with no proposition of its own ("killed nine civilians, five of
    them children") joins a part of another article only when their articles'
    incidents share a stored event."""
    events = {"inc_1": "evc_gas", "inc_2": "evc_shelling", "inc_3": "evc_gas"}
    gas = _part("clm_a", "art_1", [1.0], keys=frozenset({"inc_1|||+"}))
    shelling = _part("clm_b", "art_2", [1.0])
    gas_again = _part("clm_c", "art_3", [1.0])
    context = {"inc_2|||+"}
    shelling = dataclasses.replace(shelling, context=frozenset(context))
    gas_again = dataclasses.replace(gas_again, context=frozenset({"inc_3||civilian|+"}))
    assert not joins(shelling, gas, events) and not joins(gas, shelling, events)
    assert joins(gas_again, gas, events) and joins(gas_again, _part("clm_d", "art_4", [1.0]))
    assert not joins(shelling, gas_again, events)


def test_no_chaining_a_member_is_close_to_its_leader_itself() -> None:
    """a ~ b ~ c with a and c apart: c does not join a's claim through b."""
    a = _part("clm_a", "art_1", [1.0, 0.0])
    b = _part("clm_b", "art_2", [1.0, 0.42])
    c = _part("clm_c", "art_3", [1.0, 0.84])
    assert joins(b, a) and joins(c, b) and not joins(c, a)
    index = PartIndex()
    for part in (c, b, a):
        index.add([part])
    assert index.claim_of == {"clm_a": "clm_a", "clm_b": "clm_a", "clm_c": "clm_c"}


def _scatter(seed: int, count: int) -> list[ClaimPart]:
    rng = random.Random(seed)
    parts = []
    for n in range(count):
        direction = [1.0, rng.uniform(0, 0.9), rng.uniform(0, 0.3)]
        parts.append(
            _part(f"clm_{rng.getrandbits(32):08x}", f"art_{n % (count // 2 + 1)}", direction)
        )
    return parts


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), count=st.integers(2, 24), order=st.randoms())
def test_claims_do_not_depend_on_the_order_parts_come_in(
    seed: int, count: int, order: random.Random
) -> None:
    parts = _scatter(seed, count)
    forward = PartIndex()
    for part in parts:
        forward.add([part])
    shuffled = parts[:]
    order.shuffle(shuffled)
    other = PartIndex()
    for part in shuffled:
        other.add([part])
    assert forward.claim_of == other.claim_of
    # every member can join its leader, and no leader can join an earlier leader
    for part_id, claim_id in forward.claim_of.items():
        if part_id != claim_id:
            assert claim_id < part_id and joins(forward.part(part_id), forward.part(claim_id))
    leaders = sorted(p for p, c in forward.claim_of.items() if p == c)
    for n, leader in enumerate(leaders):
        assert not any(joins(forward.part(leader), forward.part(e)) for e in leaders[:n])


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), count=st.integers(4, 24))
def test_removing_an_article_gives_the_claims_of_the_rest(seed: int, count: int) -> None:
    parts = _scatter(seed, count)
    index = PartIndex()
    for part in parts:
        index.add([part])
    gone = parts[0].article_id
    index.remove(gone)
    rest = PartIndex()
    rest.add([p for p in parts if p.article_id != gone])
    assert index.claim_of == rest.claim_of
    assert _claims(index) == _claims(rest)


def _by_brute_force(parts: list[ClaimPart]) -> dict[str, str]:
    """The definition: in id order, each part follows the first earlier leader
    it may join, else leads."""
    by_id = {p.part_id: p for p in parts}
    claim_of: dict[str, str] = {}
    for part_id in sorted(by_id):
        leaders = [
            other
            for other in sorted(claim_of)
            if claim_of[other] == other and joins(by_id[part_id], by_id[other])
        ]
        claim_of[part_id] = leaders[0] if leaders else part_id
    return claim_of


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), count=st.integers(2, 30), order=st.randoms())
def test_articles_added_taken_out_and_added_again_give_the_definition(
    seed: int, count: int, order: random.Random
) -> None:
    parts = _scatter(seed, count)
    articles: dict[str, list[ClaimPart]] = {}
    for part in parts:
        articles.setdefault(part.article_id, []).append(part)
    names = list(articles)
    order.shuffle(names)
    index = PartIndex()
    for name in names:
        index.add(articles[name])
    assert index.claim_of == _by_brute_force(parts)
    gone = names[: len(names) // 2]
    for name in gone:
        index.remove(name)
    assert index.claim_of == _by_brute_force([p for p in parts if p.article_id not in gone])
    for name in gone:
        index.add(articles[name])
    assert index.claim_of == _by_brute_force(parts)
