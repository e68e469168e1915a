"""Baseline (eval only, not what ingest runs): the stance of a text toward a claim.

Ingest gives each statement its stance in :mod:`sayso.claims.statements`; this
trained classifier is kept to compare with (``sayso eval stance --baseline``).

Two layers:

* :func:`stance_rules` reads one text (a headline, an account) with no model and no
  claim: an attributed denial ("the ministry denied that ...", "X rejected claims
  that ...", "a hoax"), a negation, or a hedge ("allegedly", "reportedly",
  "unconfirmed", "rumour", "claimed without evidence"). It abstains (None) when no
  rule fires, which is most of the time: a plain assertion is left to the model.
* :class:`StanceModel`, a logistic regression over the headline's words (binary
  unigrams and bigrams) and the cues of :mod:`sayso.claims.stance_features`, trained
  on claim/headline pairs such as Emergent's (Ferreira & Vlachos, NAACL 2016).

Emergent's labels map to ours: for = supports, against = denies, observing = reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import joblib  # type: ignore[import-untyped]
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix, hstack  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

from sayso.claims.emergent import STANCES, Stance
from sayso.claims.stance_features import Doc, pair_matrix, parse

DEFAULT_C = 0.05  # inverse regularisation; 0.03 to 0.1 measure the same on Emergent

# ---------------------------------------------------------------------------
# Rules: one text, no model. Denials are tried before hedges, because a denial
# usually names what it denies ("denies reports that ...", "rumour put to rest").

_VERB_OF_DENIAL = (
    r"den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|debunk(?:s|ed|ing)?|rebuff(?:s|ed|ing)?"
    r"|dispel(?:s|led|ling)?|disprov(?:e|es|ed|en|ing)|dismiss(?:es|ed|ing)?"
)
_REJECTING = (
    r"(?:reject|slam|dismiss|shoot|shot|knock|quash|squash|kill|nix|scotch)"
    r"(?:s|ed|ted|ting|ing|es)?(?: down)?"
)
_WHAT_IS_DENIED = r"(?:claims?|reports?|rumou?rs?|allegations?|speculation|stor(?:y|ies))"
DENIAL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("denial", re.compile(rf"\b(?:{_VERB_OF_DENIAL})\b")),
    ("rejection", re.compile(rf"\b{_REJECTING} (?:the |these |those |all )?{_WHAT_IS_DENIED}")),
    (
        "rumour laid to rest",
        re.compile(
            r"\b(?:rumou?rs?|claims?|reports?)\b[^.]{0,40}\b(?:put to rest|laid to rest"
            r"|greatly exaggerated|called rubbish|wildly inaccurate|false)\b"
            r"|\bdespite (?:\w+ )?(?:rumou?rs|claims|reports)\b"
            r"|\bput (?:the |these |those |all )?(?:rumou?rs?|claims?|reports?|speculation)"
            r"(?: \w+){0,3} to rest\b"
        ),
    ),
    (
        "falsity",
        re.compile(
            r"\b(?:hoax(?:es|ed|er)?|fake[ds]?|fabricat\w*|bogus|untrue|not true|false(?:ly)?"
            r"|baseless|unfounded|rubbish|nonsense|made (?:it|that|this|everything|it all) up"
            r"|satir(?:e|ical)|parody|spoof|myth|doctored|phony|phoney)\b"
        ),
    ),
    (
        "negation",
        re.compile(
            r"\b(?:(?:did|does|do|has|have|had|is|was|are|were|will|would|could)(?: not|n't)"
            r"|won't|can't|cannot|never|nope)\b"
        ),
    ),
)
# Not denials although they contain a denial's words.
NOT_A_DENIAL = re.compile(
    r"\b(?:refus\w* to (?:confirm or deny|comment)|(?:neither|not) confirm(?:ed|s)? (?:n?or )?"
    r"den(?:y|ied|ies)|won't say|would not say|did not say|declin\w* to comment)\b"
)
HEDGE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "hedging adverb",
        re.compile(
            r"\b(?:allegedly|reportedly|purportedly|supposedly|apparently|presumably"
            r"|rumou?red(?:ly)?)\b"
        ),
    ),
    (
        "unverified",
        re.compile(
            r"\b(?:without (?:any )?(?:evidence|proof)|unconfirmed|unverified|unsubstantiated"
            r"|could not be (?:independently )?(?:verified|confirmed))\b"
        ),
    ),
    ("rumour", re.compile(r"\b(?:rumou?rs?|speculation)\b")),
    (
        "attribution",
        re.compile(
            r"\b(?:according to|said to|believed to|thought to|claimed|claims"
            r"|reports? (?:say|says|said|claim|claims|suggest)|sources? (?:say|says|said))\b"
            r"|:\s*(?:\w+ )?(?:report|reports|sources?|rumou?r|analyst)\s*$"
        ),
    ),
    ("possibility", re.compile(r"\b(?:may|might|could) (?:have|be)\b")),
    ("question", re.compile(r"\?\s*$")),
    ("refusal to confirm", NOT_A_DENIAL),
)


def _normal(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def rule_hits(text: str) -> list[str]:
    """The names of every rule that fires on the text, denials first: for explaining a
    stance, and for measuring each rule."""
    low = _normal(text)
    refusal = NOT_A_DENIAL.search(low) is not None
    hits = [name for name, rule in DENIAL_RULES if not refusal and rule.search(low)]
    return hits + [name for name, rule in HEDGE_RULES if rule.search(low)]


def stance_rules(text: str) -> Stance | None:
    """The stance the text's own wording shows, or None when no rule fires.

    A denial (attributed, a falsity word or a negation) wins over a hedge; a hedge
    makes the text report rather than assert. Nothing here says "supports": a plain
    assertion states the claim only if it is the same claim, which is the model's
    business, not a rule's.
    """
    hits = rule_hits(text)
    if not hits:
        return None
    return "denies" if hits[0] in {name for name, _ in DENIAL_RULES} else "reports"


# ---------------------------------------------------------------------------
# The model


class StanceModel:
    """Logistic regression over the headline's words and the pair's stance cues.

    Measured on Emergent (5 folds grouped by claim), the words and cues together beat
    either alone; sentence embeddings (multilingual-e5-small) added nothing and cost
    tens of milliseconds a text, so they are left out. With ``use_rules``,
    :func:`stance_rules` overrides the model where it fires (see :func:`combine`).
    """

    def __init__(self, *, c: float = DEFAULT_C, use_rules: bool = True) -> None:
        self.c = c
        self.use_rules = use_rules
        self.words = CountVectorizer(binary=True, ngram_range=(1, 2), min_df=2)
        self.scaler = StandardScaler()
        self.classifier = LogisticRegression(C=c, max_iter=3000)
        self.fitted = False

    def fit(self, claims: list[str], headlines: list[str], labels: list[Stance]) -> StanceModel:
        """Train on the pairs; returns the model itself."""
        return self.fit_parsed(claims, headlines, labels, parse([*claims, *headlines]))

    def fit_parsed(
        self,
        claims: Sequence[str],
        headlines: Sequence[str],
        labels: Sequence[Stance],
        docs: dict[str, Doc],
    ) -> StanceModel:
        """:meth:`fit` with the texts already parsed (cross-validation parses once)."""
        if not (len(claims) == len(headlines) == len(labels)):
            raise ValueError("claims, headlines and labels differ in length")
        if len(set(labels)) < 2:
            raise ValueError("training needs at least two different stances")
        # A word seen once says little in a real training set, but on a handful of
        # pairs dropping such words would leave almost nothing to learn from.
        self.words.set_params(min_df=2 if len(headlines) >= 50 else 1)
        words = self.words.fit_transform(headlines)
        cues = self.scaler.fit_transform(pair_matrix(claims, headlines, docs))
        self.classifier.fit(hstack([words, csr_matrix(cues)]).tocsr(), list(labels))
        self.fitted = True
        return self

    def probabilities(
        self, claims: Sequence[str], headlines: Sequence[str], docs: dict[str, Doc]
    ) -> NDArray[np.float64]:
        """P(stance) per pair, columns in :data:`STANCES` order."""
        if not self.fitted:
            raise RuntimeError("the stance model is not trained: call fit() first")
        words = self.words.transform(headlines)
        cues = self.scaler.transform(pair_matrix(claims, headlines, docs))
        raw = self.classifier.predict_proba(hstack([words, csr_matrix(cues)]).tocsr())
        order = [
            list(self.classifier.classes_).index(s) if s in self.classifier.classes_ else -1
            for s in STANCES
        ]
        out = np.zeros((len(headlines), len(STANCES)))
        for column, index in enumerate(order):
            if index >= 0:
                out[:, column] = raw[:, index]
        return out

    def predict(self, claims: list[str], headlines: list[str]) -> list[Stance]:
        """The stance of each headline toward its claim."""
        return self.predict_parsed(claims, headlines, parse([*claims, *headlines]))

    def predict_parsed(
        self, claims: Sequence[str], headlines: Sequence[str], docs: dict[str, Doc]
    ) -> list[Stance]:
        """:meth:`predict` with the texts already parsed."""
        if not headlines:
            return []
        best = self.probabilities(claims, headlines, docs).argmax(axis=1)
        predicted = [STANCES[int(i)] for i in best]
        if self.use_rules:
            predicted = [
                combine(p, stance_rules(h)) for p, h in zip(predicted, headlines, strict=True)
            ]
        return predicted

    def save(self, path: Path | str) -> None:
        """Write the trained model (joblib; load only files you trust, as with pickle)."""
        joblib.dump(self, Path(path))

    @classmethod
    def load(cls, path: Path | str) -> StanceModel:
        """Read a model written by :meth:`save`."""
        model = joblib.load(Path(path))
        if not isinstance(model, cls):
            raise TypeError(f"{path}: not a stance model")
        return model


def combine(model: Stance, rules: Stance | None) -> Stance:
    """The rule's stance where a rule fires, else the model's.

    On Emergent the override gains a little over the model alone (about +0.002 of
    accuracy); overriding with denials only, or feeding the rules to the model as
    features, measured the same within the noise of the folds.
    """
    return rules or model


def as_stance(value: Any) -> Stance:
    """Check a label read from elsewhere."""
    if value not in STANCES:
        raise ValueError(f"not a stance: {value!r} (expected {', '.join(STANCES)})")
    return cast(Stance, value)
