"""What the stance model reads in a claim/headline pair, besides the headline's words.

The cues are those of Emergent (Ferreira & Vlachos, NAACL 2016), where a headline
either states a claim (supports), reports it without taking a side (reports), or
says it is false (denies):

* refuting words (hoax, fake, deny, debunk, not) and how close they sit to the root
  of the dependency parse: "Banksy arrest is a hoax" refutes, "... after hoax
  claims" merely mentions one;
* hedges and attribution (reportedly, rumour, may, "...: report", a saying verb at
  the root) that mark a headline reporting a claim rather than making it;
* questions and negation near the root;
* the overlap of the headline with the claim (shared lemmas, shared verb, numbers
  the claim does not have), a cheap stand-in for the paper's alignment features.

Every feature depends on the pair alone, never on other rows: computing them once
for a whole data set before cross-validation leaks nothing across folds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sayso.nlp.lexicons import WordList
from sayso.nlp.parse import load_nlp

Doc = Any  # a spaCy Doc (spaCy ships no type stubs)

REFUTING = WordList("refuting")
# The single words of the one hedge list (claims.toml "hedges"), and the other
# words the model counts as hedging ("may", "says", "if": hedge_cues).
HEDGING = WordList("hedges", "hedge_cues")
SAYING = WordList("saying")
QUESTION_WORDS = WordList("question_openers")
MODALS = WordList("modals")
SATIRE = WordList("satire")
RUMOUR = WordList("rumour")
NEGATIONS = WordList("negations")
CONTENT_POS = frozenset(["NOUN", "PROPN", "VERB", "NUM", "ADJ"])
SOURCE_AT_END = re.compile(r"\s[-\u2013\u2014]\s?[A-Z][\w.]+(\s[A-Z]\w+)?$")
MAX_DEPTH = 20  # guards the walk to the root against a malformed parse

FEATURE_NAMES: tuple[str, ...] = (
    # the headline alone
    "question_mark",
    "ends_with_question",
    "starts_with_question_word",
    "refuting_any",
    "refuting_count",
    "refuting_near_root",
    "refuting_at_most_1_from_root",
    "hedging_any",
    "hedging_near_root",
    "hedging_at_most_1_from_root",
    "negation_dep",
    "negation_at_most_1_from_root",
    "negation_word",
    "root_is_saying",
    "root_is_hedging",
    "root_is_refuting",
    "root_is_verb",
    "root_is_noun",
    "complement_of_saying",
    "colon_in_first_half",
    "colon_in_second_half",
    "source_at_end",
    "modal_auxiliary",
    "will",
    "confirm",
    "report_or_source",
    "satire_or_hoax",
    "rumour",
    "quote_mark",
    "length",
    "capitals",
    # the headline against the claim
    "jaccard",
    "claim_coverage",
    "headline_coverage",
    "root_in_claim",
    "shared_verb",
    "shared_content_words",
    "novel_content_share",
    "has_number",
    "number_not_in_claim",
    "number_in_claim",
)


def parse(texts: Sequence[str]) -> dict[str, Doc]:
    """Parse each distinct text once; the entity recogniser is not needed here."""
    distinct = list(dict.fromkeys(texts))
    nlp = load_nlp()
    disabled = [name for name in ("ner", "sayso_paragraphs") if name in nlp.pipe_names]
    docs = nlp.pipe(distinct, disable=disabled, batch_size=256)
    return dict(zip(distinct, docs, strict=True))


def pair_matrix(
    claims: Sequence[str], headlines: Sequence[str], docs: dict[str, Doc]
) -> NDArray[np.float64]:
    """One row of :data:`FEATURE_NAMES` per pair; ``docs`` must hold every text."""
    rows = [
        headline_features(docs[headline]) + overlap_features(docs[claim], docs[headline])
        for claim, headline in zip(claims, headlines, strict=True)
    ]
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURE_NAMES))


def root_distances(doc: Doc) -> list[int]:
    """The number of arcs from each token up to the root of its sentence."""
    distances = []
    for token in doc:
        steps, node = 0, token
        while node.head.i != node.i and steps < MAX_DEPTH:
            node, steps = node.head, steps + 1
        distances.append(steps)
    return distances


def _near(distances: list[int]) -> tuple[float, float, float]:
    """Whether any, how close (1 at the root, falling with distance), within one arc."""
    if not distances:
        return 0.0, 0.0, 0.0
    nearest = min(distances)
    return 1.0, 1.0 / (1 + nearest), float(nearest <= 1)


def _in(token: Any, words: Set[str]) -> bool:
    return bool(token.lower_ in words or token.lemma_.lower() in words)


def headline_features(doc: Doc) -> list[float]:
    """The cues of stance in the headline itself (see the module docstring)."""
    text = doc.text.strip()
    distances = root_distances(doc)
    tokens = list(doc)
    lowers = [t.lower_ for t in tokens]
    lemmas = {t.lemma_.lower() for t in tokens}
    refuting = [d for t, d in zip(tokens, distances, strict=True) if _in(t, REFUTING)]
    hedging = [d for t, d in zip(tokens, distances, strict=True) if _in(t, HEDGING)]
    negation = [d for t, d in zip(tokens, distances, strict=True) if t.dep_ == "neg"]
    root = next((t for t in tokens if t.dep_ == "ROOT"), tokens[0] if tokens else None)
    root_lemma = root.lemma_.lower() if root is not None else ""
    colon = text.find(":")
    return [
        float("?" in text),
        float(text.endswith("?")),
        float(bool(lowers) and lowers[0] in QUESTION_WORDS),
        *_near(refuting)[:1],
        float(len(refuting)),
        *_near(refuting)[1:],
        *_near(hedging),
        float(bool(negation)),
        float(any(d <= 1 for d in negation)),
        float(any(w in NEGATIONS for w in lowers)),
        float(root_lemma in SAYING),
        float(root_lemma in HEDGING),
        float(root_lemma in REFUTING),
        float(root is not None and root.pos_ == "VERB"),
        float(root is not None and root.pos_ in ("NOUN", "PROPN")),
        float(
            any(
                t.dep_ in ("ccomp", "xcomp", "parataxis") and t.head.lemma_.lower() in SAYING
                for t in tokens
            )
        ),
        float(0 <= colon < len(text) / 2),
        float(colon >= len(text) / 2),
        float(SOURCE_AT_END.search(text) is not None),
        float(any(t.dep_ == "aux" and t.lower_ in MODALS for t in tokens)),
        float(any(w in ("will", "'ll") for w in lowers)),
        float("confirm" in lemmas),
        float(bool(lemmas & {"report", "reportedly", "source", "sources"})),
        float(bool(lemmas & SATIRE)),
        float(bool(lemmas & RUMOUR) or bool(set(lowers) & RUMOUR)),
        float(any(q in text for q in "\"'\u201c\u2018")),
        len(tokens) / 20,
        sum(c.isupper() for c in text) / max(1, len(text)),
    ]


def _content(doc: Doc) -> set[str]:
    return {t.lemma_.lower() for t in doc if not t.is_stop and t.pos_ in CONTENT_POS}


def overlap_features(claim: Doc, headline: Doc) -> list[float]:
    """How much of the claim the headline restates: a headline that only shares the
    topic tends to report, one that restates the event tends to support."""
    ours, theirs = _content(headline), _content(claim)
    shared = ours & theirs
    loose_claim = {t.lemma_.lower() for t in claim if not t.is_stop and not t.is_punct}
    loose_head = {t.lemma_.lower() for t in headline if not t.is_stop and not t.is_punct}
    loose_shared = loose_claim & loose_head
    root = next((t for t in headline if t.dep_ == "ROOT"), None)
    claim_verbs = {t.lemma_.lower() for t in claim if t.pos_ == "VERB"}
    head_verbs = {t.lemma_.lower() for t in headline if t.pos_ == "VERB"}
    head_numbers = {t.lower_ for t in headline if t.like_num}
    claim_numbers = {t.lower_ for t in claim if t.like_num}
    return [
        len(loose_shared) / max(1, len(loose_claim | loose_head)),
        len(loose_shared) / max(1, len(loose_claim)),
        len(loose_shared) / max(1, len(loose_head)),
        float(root is not None and root.lemma_.lower() in loose_claim),
        float(bool(claim_verbs & head_verbs)),
        float(len(shared)),
        len(ours - theirs) / max(1, len(ours)),
        float(bool(head_numbers)),
        float(bool(head_numbers - claim_numbers)),
        float(bool(head_numbers & claim_numbers)),
    ]
