"""Score sayso's attribution on PolNeAR (Newell et al., LREC 2018).

The corpus (``{train,dev}/text/<name>.txt``, brat ``{train,dev}/attributions/
<name>_<annotator>.ann``) is read from outside the repository, never copied in.
One annotator per article: the first file in sorted order. Attributions without
a Content are skipped; a ``Content2`` role adds spans to the Content.

Scoring, as SOURCE.md describes (the GenderGapTracker method):

* a predicted content (``Account.content``) matches a gold content when
  ``|gold ∩ pred| / |gold|`` in characters is at least 0.3 (loose) or 0.8
  (strict); one to one, greedily, best overlap first. Precision, recall, F1.
* speaker accuracy, on the loose matches whose gold has a Source: right when
  ``Account.speaker_mention`` overlaps the Source span, or when the resolved
  ``Speaker.name`` and the Source text contain one another (whole words, case
  ignored). Matches whose gold has no Source are counted apart, not scored.
* canonical-speaker accuracy, on loose matches whose Source is a pronoun or a
  single surname (optionally after a title: "Mr. Trump"). A surname is right
  when the predicted name has two words or more, appears in the article text and
  holds the surname. A pronoun is right, by proxy, when the predicted name
  appears in the article text and the Source text of some other gold
  attribution of the article holds that name: the gold says who "he" is only
  through its other annotations.
* recall of direct gold (the content holds a quote mark: ``" “ ” « » ‘``, or
  ``'``/``’`` opening a word; ``’`` inside or after a word is an apostrophe)
  and of indirect gold, apart.
* every figure again on the gold whose cue is a speech verb: one word of the cue,
  lemmatised by a small suffix rule with a table of irregular forms (no spaCy),
  is in :data:`EVAL_SPEECH_VERBS`, a list frozen here (a copy of sayso's speech
  verbs when the evaluation was written) so that growing sayso's own lexicon
  cannot move the yardstick. Predictions are matched
  against all gold; those matched to non-speech gold count neither for nor
  against precision on the speech subset.
* pages per second: the wall time of :func:`sayso.pipeline.analyze_article` only.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.eval.polnear_gold import (
    GoldArticle,
    GoldAttribution,
    article_from_text,
    is_direct,
    is_speech,
    lemmas,
    load_split,
    parse_ann,
)
from sayso.model import Account, Analysis, Span
from sayso.nlp.rules import rules_off
from sayso.pipeline import Settings, analyze_article

__all__ = [
    "EvalReport",
    "GoldArticle",
    "GoldAttribution",
    "article_from_text",
    "evaluate",
    "is_direct",
    "is_speech",
    "lemmas",
    "load_split",
    "match",
    "overlap",
    "parse_ann",
    "score_article",
]

LOOSE = 0.3
STRICT = 0.8
_PRONOUNS = frozenset("i we you he she it they him her them me us".split())
_TITLES = frozenset("mr mrs ms dr sen rep gov pres gen prof".split())


def overlap(gold: Sequence[Span], pred: Span | Sequence[Span]) -> float:
    """|gold ∩ pred| / |gold| in characters; both may be discontinuous (a quote split
    around its cue), their pieces do not overlap."""
    size = sum(len(g) for g in gold)
    if not size:
        return 0.0
    pieces = (pred,) if isinstance(pred, Span) else pred
    inter = sum(max(0, min(g.end, p.end) - max(g.start, p.start)) for g in gold for p in pieces)
    return inter / size


def match(
    gold: Sequence[Sequence[Span]], pred: Sequence[Span | Sequence[Span]], threshold: float
) -> dict[int, int]:
    """One-to-one greedy matching, best overlap first: gold index -> predicted index."""
    pairs = [
        (-ratio, g, p)
        for g, spans in enumerate(gold)
        for p, span in enumerate(pred)
        if (ratio := overlap(spans, span)) >= threshold and ratio > 0
    ]
    pairs.sort()
    out: dict[int, int] = {}
    taken: set[int] = set()
    for _, g, p in pairs:
        if g not in out and p not in taken:
            out[g] = p
            taken.add(p)
    return out


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower().replace("’", "'")))


def _holds(outer: str, inner: str) -> bool:
    """``inner`` is a run of whole words of ``outer`` (both normalised)."""
    return bool(inner) and f" {inner} " in f" {outer} "


def speaker_correct(text: str, gold: GoldAttribution, account: Account, name: str | None) -> bool:
    """The predicted mention overlaps the Source, or the resolved name is the Source's."""
    if gold.source is None:
        return False
    mention = account.speaker_mention
    if mention is not None and any(mention.overlaps(s) for s in gold.source):
        return True
    src, said = _norm(" ".join(s.text(text) for s in gold.source)), _norm(name)
    return _holds(src, said) or _holds(said, src)


def source_kind(source: str) -> tuple[str, str] | None:
    """("pronoun" or "surname", the word) for a pronoun or one capitalised word
    (maybe after a title: "Mr. Trump's"); None for any other Source."""
    words = source.replace("’", "'").strip().removesuffix("'s").split()
    if len(words) == 2 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    if len(words) != 1:
        return None
    word = words[0].strip(".,")
    if word.lower() in _PRONOUNS:
        return "pronoun", word
    return ("surname", word) if word[:1].isupper() and word.isalpha() else None


def canonical_correct(
    text: str, gold: GoldAttribution, others: Sequence[GoldAttribution], name: str | None
) -> bool | None:
    """None when the Source is neither a pronoun nor a surname; else right or wrong."""
    if gold.source is None:
        return None
    source = " ".join(s.text(text) for s in gold.source)
    kind = source_kind(source)
    if kind is None:
        return None
    if not name or name.lower() not in text.lower():
        return False
    if kind[0] == "surname":
        return len(name.split()) >= 2 and _holds(_norm(name), _norm(kind[1]))
    said = _norm(name)
    return any(
        o.source is not None and _holds(_norm(" ".join(s.text(text) for s in o.source)), said)
        for o in others
        if o is not gold
    )


# ------------------------------------------------------------ figures


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _accuracy(n: Counter[str], name: str) -> dict[str, Any]:
    scored, correct = n[f"{name}.scored"], n[f"{name}.correct"]
    return {"accuracy": _ratio(correct, scored), "scored": scored, "correct": correct}


@dataclass(slots=True)
class Tally:
    """Counts over one subset of the gold (all of it, or the speech cues)."""

    speech_only: bool = False
    n: Counter[str] = field(default_factory=Counter)

    def figures(self) -> dict[str, Any]:
        n = self.n
        out: dict[str, Any] = {k: n[k] for k in ("gold", "direct", "indirect")}
        for level in ("loose", "strict"):
            predicted = n["predicted"] - n[f"ignored.{level}"]  # matched to other gold
            p, r = (
                _ratio(n[f"matched.{level}"], predicted),
                _ratio(n[f"matched.{level}"], n["gold"]),
            )
            out[level] = {
                "matched": n[f"matched.{level}"],
                "predicted": predicted,
                "precision": p,
                "recall": r,
                "f1": 2 * p * r / (p + r) if p + r else 0.0,
                "direct_recall": _ratio(n[f"direct.{level}"], n["direct"]),
                "indirect_recall": _ratio(n[f"indirect.{level}"], n["indirect"]),
            }
        out["speaker"] = {**_accuracy(n, "speaker"), "no_gold_source": n["speaker.unscorable"]}
        out["canonical_speaker"] = _accuracy(n, "canonical")
        return out

    def add(
        self, gold: GoldArticle, analysis: Analysis, matches: dict[str, dict[int, int]]
    ) -> None:
        """Count one article, given its gold -> prediction matches at both levels."""
        n, text = self.n, gold.text
        n["predicted"] += len(analysis.accounts)
        for i, g in enumerate(gold.attributions):
            if self.speech_only and not g.is_speech:
                n["ignored.loose"] += i in matches["loose"]
                n["ignored.strict"] += i in matches["strict"]
                continue
            kind = "direct" if g.is_direct else "indirect"
            n["gold"] += 1
            n[kind] += 1
            for level, found in matches.items():
                n[f"matched.{level}"] += i in found
                n[f"{kind}.{level}"] += i in found
            if i not in matches["loose"]:
                continue
            account = analysis.accounts[matches["loose"][i]]
            speaker = analysis.speaker(account.speaker_id)
            name = speaker.name if speaker else None
            if g.source is None:
                n["speaker.unscorable"] += 1
            else:
                n["speaker.scored"] += 1
                n["speaker.correct"] += speaker_correct(text, g, account, name)
            canonical = canonical_correct(text, g, gold.attributions, name)
            if canonical is not None:
                n["canonical.scored"] += 1
                n["canonical.correct"] += canonical


@dataclass(slots=True)
class EvalReport:
    split: str
    articles: int = 0
    seconds: float = 0.0  # wall time of the analysis alone
    all: Tally = field(default_factory=Tally)
    speech: Tally = field(default_factory=lambda: Tally(speech_only=True))

    @property
    def pages_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "articles": self.articles,
            "seconds": round(self.seconds, 3),
            "pages_per_second": self.pages_per_second,
            "thresholds": {"loose": LOOSE, "strict": STRICT},
            "all": self.all.figures(),
            "speech": self.speech.figures(),
        }


def score_article(report: EvalReport, gold: GoldArticle, analysis: Analysis) -> None:
    """Add one article's counts to the report."""
    gold_spans = [g.content for g in gold.attributions]
    preds = [a.pieces for a in analysis.accounts]
    matches = {"loose": match(gold_spans, preds, LOOSE), "strict": match(gold_spans, preds, STRICT)}
    report.all.add(gold, analysis, matches)
    report.speech.add(gold, analysis, matches)


def evaluate(
    data_dir: Path,
    split: str,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    settings: Settings | None = None,
    without: Iterable[str] = (),
) -> EvalReport:
    """Analyse every article of a split with sayso and score it against the gold.

    ``progress(done, total)`` is called after each article. The attribution rules
    named in ``without`` are switched off (an unknown name is a ConfigError).
    """
    articles = load_split(data_dir, split)
    if limit is not None:
        articles = articles[:limit]
    settings = settings or Settings()
    report = EvalReport(split=split)
    with rules_off(without):
        for done, gold in enumerate(articles, 1):
            _score_one(report, split, gold, settings)
            if progress is not None:
                progress(done, len(articles))
    return report


def _score_one(report: EvalReport, split: str, gold: GoldArticle, settings: Settings) -> None:
    document, article = article_from_text(gold.text, f"polnear:{split}/{gold.name}")
    start = time.perf_counter()
    analysis = analyze_article(document, article, settings)
    report.seconds += time.perf_counter() - start
    report.articles += 1
    score_article(report, gold, analysis)
