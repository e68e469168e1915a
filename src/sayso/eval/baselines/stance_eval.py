"""Baseline (eval only, not what ingest runs): the trained stance classifier,
scored on Emergent-format CSV files (``sayso eval stance --baseline``).

Ingest gives each statement its stance in :mod:`sayso.claims.statements`; that is
what ``sayso eval stance`` scores (:mod:`sayso.eval.stance`). This module keeps the
logistic regression evaluated before, to compare with.

Emergent (Ferreira & Vlachos, NAACL 2016) pairs claims with news headlines and the
headline's stance (for, against, observing). The file is read from outside the
repository, never copied in.

Four systems are scored on the same pairs:

* ``words``: logistic regression on the headline's words alone, the paper's
  bag-of-words baseline (0.698 on its test part);
* ``model``: :class:`sayso.eval.baselines.stance.StanceModel` without the rules;
* ``rules``: :func:`sayso.eval.baselines.stance.stance_rules` alone, the training part's most
  common stance where no rule fires;
* ``combined``: the model, overridden by the rules where they fire (the figure
  the baseline report leads with).

Cross-validation groups the folds by claim (no claim in two folds): a model that has
seen other headlines of the same claim would be scored on an easier task than
stance toward a new claim.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]

from sayso.claims.emergent import Row, Stance, load_emergent
from sayso.claims.stance_features import Doc, parse
from sayso.errors import EmptyInput
from sayso.eval.baselines.stance import StanceModel, as_stance, combine, stance_rules
from sayso.eval.stance import ClassScores, Scores, score

SYSTEMS = ("combined", "model", "rules", "words")
PRIMARY = "combined"


@dataclass(frozen=True)
class StanceReport:
    """Every system's figures on one evaluation, led by :data:`PRIMARY`."""

    data: str
    method: str  # "cross-validation" or "train/test"
    folds: int | None
    seed: int | None
    n: int
    claims: int
    seconds: float
    systems: dict[str, Scores]
    rules_fired: int  # pairs where a rule gave a stance
    rules_fired_accuracy: float  # the rules' accuracy on those pairs
    shared_claims: int = 0  # train/test only: claims present in both files
    primary: str = field(default=PRIMARY)

    @property
    def accuracy(self) -> float:
        return self.systems[self.primary].accuracy

    @property
    def macro_f1(self) -> float:
        return self.systems[self.primary].macro_f1

    @property
    def per_class(self) -> dict[str, ClassScores]:
        return self.systems[self.primary].per_class

    @property
    def confusion(self) -> list[list[int]]:
        return self.systems[self.primary].confusion

    def as_dict(self) -> dict[str, Any]:
        return {
            "data": self.data,
            "system": "baseline (eval only, not what ingest runs): trained logistic regression",
            "method": self.method,
            "folds": self.folds,
            "seed": self.seed,
            "n": self.n,
            "claims": self.claims,
            "shared_claims": self.shared_claims,
            "primary": self.primary,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "systems": {name: scores.as_dict() for name, scores in self.systems.items()},
            "rules_fired": self.rules_fired,
            "rules_fired_accuracy": round(self.rules_fired_accuracy, 4),
            "seconds": round(self.seconds, 2),
        }


Progress = Callable[[int, int], None]


def evaluate_cv(
    path: Path | str, folds: int = 10, seed: int = 0, *, progress: Progress | None = None
) -> StanceReport:
    """Cross-validate on one file, folds grouped by claim and shuffled by ``seed``.

    Ten folds by default: each model then trains on nine tenths of the file, about
    as much as the Emergent paper's model had (its whole training part).

    Texts are parsed once for all folds (the features of a pair depend on that pair
    alone); the words and the classifier are fitted on each training part only.
    """
    if folds < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    rows = load_emergent(path)
    claims = len({row.claim_id for row in rows})
    if claims < folds:
        raise EmptyInput(
            f"{claims} claim(s): too few for {folds} folds grouped by claim", source=str(path)
        )
    start = time.perf_counter()
    docs = parse([text for row in rows for text in (row.claim, row.headline)])
    predicted: dict[str, list[Stance]] = {name: list(_gold(rows)) for name in SYSTEMS}
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    groups = [row.claim_id for row in rows]
    for done, (train, test) in enumerate(splitter.split(rows, groups=groups)):
        if progress:
            progress(done, folds)
        fold = _predict([rows[i] for i in train], [rows[i] for i in test], docs)
        for name, stances in fold.items():
            for i, stance in zip(test, stances, strict=True):
                predicted[name][i] = stance
    if progress:
        progress(folds, folds)
    seconds = time.perf_counter() - start
    return _report(
        str(Path(path).resolve()), "cross-validation", folds, seed, rows, predicted, seconds, claims
    )


def evaluate_split(
    train_path: Path | str, test_path: Path | str, *, progress: Progress | None = None
) -> StanceReport:
    """Train on one file and score the other."""
    train, test = load_emergent(train_path), load_emergent(test_path)
    start = time.perf_counter()
    if progress:
        progress(0, 1)
    docs = parse([text for row in (*train, *test) for text in (row.claim, row.headline)])
    predicted = _predict(train, test, docs)
    if progress:
        progress(1, 1)
    seconds = time.perf_counter() - start
    shared = len({r.claim_id for r in train} & {r.claim_id for r in test})
    data = f"{Path(train_path).resolve()} -> {Path(test_path).resolve()}"
    claims = len({row.claim_id for row in test})
    return _report(data, "train/test", None, None, test, predicted, seconds, claims, shared)


def _gold(rows: Sequence[Row]) -> list[Stance]:
    return [row.stance for row in rows]


def _predict(
    train: Sequence[Row], test: Sequence[Row], docs: dict[str, Doc]
) -> dict[str, list[Stance]]:
    """Each system's stances for the test rows, trained on the train rows."""
    claims, headlines = [r.claim for r in test], [r.headline for r in test]
    model = StanceModel(use_rules=False).fit_parsed(
        [r.claim for r in train], [r.headline for r in train], _gold(train), docs
    )
    by_model = model.predict_parsed(claims, headlines, docs)
    fallback = Counter(_gold(train)).most_common(1)[0][0]
    by_rules = [stance_rules(h) for h in headlines]
    return {
        "combined": [combine(m, r) for m, r in zip(by_model, by_rules, strict=True)],
        "model": by_model,
        "rules": [r or fallback for r in by_rules],
        "words": _words_baseline(train, headlines),
    }


def _words_baseline(train: Sequence[Row], headlines: Sequence[str]) -> list[Stance]:
    """The bag-of-words baseline: binary headline unigrams, logistic regression."""
    words = CountVectorizer(binary=True)
    classifier = LogisticRegression(C=1.0, max_iter=3000)
    classifier.fit(words.fit_transform([r.headline for r in train]), _gold(train))
    return [as_stance(s) for s in classifier.predict(words.transform(headlines))]


def _report(
    data: str,
    method: str,
    folds: int | None,
    seed: int | None,
    rows: Sequence[Row],
    predicted: dict[str, list[Stance]],
    seconds: float,
    claims: int,
    shared_claims: int = 0,
) -> StanceReport:
    gold = _gold(rows)
    fired = [(row.stance, s) for row in rows if (s := stance_rules(row.headline)) is not None]
    right = sum(g == s for g, s in fired)
    return StanceReport(
        data=data,
        method=method,
        folds=folds,
        seed=seed,
        n=len(rows),
        claims=claims,
        seconds=seconds,
        systems={name: score(gold, predicted[name]) for name in SYSTEMS},
        rules_fired=len(fired),
        rules_fired_accuracy=right / len(fired) if fired else 0.0,
        shared_claims=shared_claims,
    )
