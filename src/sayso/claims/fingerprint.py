"""Near-duplicate articles: the same wire story reprinted by ten outlets is one
source, not ten.

A MinHash signature of the body's word 5-grams estimates the Jaccard overlap of
two articles; at 0.6 or more they are copies of one story (a reprint keeps most
sentences and changes the headline, the byline, a paragraph or two).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from numpy.typing import NDArray

PERMUTATIONS = 64
SHINGLE = 5
SAME_STORY = 0.6  # estimated Jaccard overlap of word 5-grams
_MAX = np.uint64(2**64 - 1)

Signature = NDArray[np.uint64]


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


# Fixed random permutations (a * h + b) mod p of 32-bit shingle hashes: the same
# on every machine, so stored signatures stay comparable.
_PRIME = np.uint64(4294967311)  # the least prime above 2**32
_RNG = np.random.default_rng(20161025)
_A = _RNG.integers(1, 2**31, size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, 2**31, size=PERMUTATIONS, dtype=np.uint64)


def _hash32(shingle: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "little"
    )


def signature(text: str) -> Signature:
    """The MinHash signature of a text: for each of 64 permutations, the least
    permuted hash over the text's shingles."""
    shingles = _shingles(text)
    if not shingles:
        return np.full(PERMUTATIONS, _MAX, dtype=np.uint64)
    hashes = np.array([_hash32(s) for s in shingles], dtype=np.uint64)
    permuted = (_A[:, None] * hashes[None, :] + _B[:, None]) % _PRIME
    return np.asarray(permuted.min(axis=1), dtype=np.uint64)


def overlap(a: Signature, b: Signature) -> float:
    """Estimated Jaccard overlap of the two texts' shingles."""
    return float(np.mean(a == b))


def to_bytes(sig: Signature) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


# Locality-sensitive hashing: the signature cut into bands of BAND_ROWS minimums;
# two signatures that agree on a whole band share its bucket. Two articles of one
# story (overlap >= SAME_STORY) agree on at least MATCHES of the 64 minimums, so
# they differ on at most 64 - MATCHES (25), and each difference breaks one band
# at most: of the 32 bands of 2, at least MIN_BANDS (7) are whole. Looking up
# the articles that share 7 buckets finds every reprint (recall 1, by counting,
# not by chance); the exact overlap then decides, as a scan over all would.
BAND_ROWS = 2
BANDS = PERMUTATIONS // BAND_ROWS
MATCHES = next(m for m in range(PERMUTATIONS + 1) if m / PERMUTATIONS >= SAME_STORY)
MIN_BANDS = BANDS - (PERMUTATIONS - MATCHES)


def bands(sig: Signature) -> list[bytes]:
    """The signature's bucket keys: each band's number and its minimums."""
    data = to_bytes(sig)
    width = 8 * BAND_ROWS
    return [bytes((band,)) + data[band * width : (band + 1) * width] for band in range(BANDS)]
