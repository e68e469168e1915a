"""Score an analysis against a hand-made gold record (the reference page's format).

A gold quote is found when a predicted account's content overlaps its content
by at least ``min_overlap`` of the tokens, in both directions (so a prediction
twice as long does not count). For found quotes the kind, the resolved speaker
(or speaker group) and the side are compared.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.errors import InputError, UnsupportedLanguage
from sayso.model import Account, Analysis, Span, Speaker
from sayso.pipeline import Settings, analyze_path

_TOKEN = re.compile(r"\w+")


def _norm(text: str | None) -> str:
    words = re.findall(r"\w+", (text or "").lower().replace("’", "'"))
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _tokens(text: str, span: Span) -> set[int]:
    return {m.start() + span.start for m in _TOKEN.finditer(span.text(text))}


def token_overlap(text: str, gold: Span, pred: Span) -> float:
    """The smaller of the two shares of tokens each span has inside the other."""
    g, p = _tokens(text, gold), _tokens(text, pred)
    if not g or not p:
        return 0.0
    inter = len(g & p)
    return min(inter / len(g), inter / len(p))


def locate(text: str, needle: str, near: int = 0) -> Span | None:
    """Where a gold string sits in the article text (first match at or after ``near``)."""
    for start in (near, 0):
        at = text.find(needle, start)
        if at >= 0:
            return Span(at, at + len(needle))
    return None


@dataclass(slots=True)
class QuoteResult:
    gold_id: str
    found: bool = False
    kind_ok: bool = False
    speaker_ok: bool = False
    side_ok: bool = False
    predicted: dict[str, Any] = field(default_factory=dict)

    @property
    def perfect(self) -> bool:
        return self.found and self.kind_ok and self.speaker_ok and self.side_ok


@dataclass(slots=True)
class GoldScore:
    quotes: list[QuoteResult]
    predicted: int
    unmatched_predictions: int

    def share(self, attr: str) -> float:
        return sum(getattr(q, attr) for q in self.quotes) / len(self.quotes) if self.quotes else 1.0

    @property
    def precision(self) -> float:
        matched = self.predicted - self.unmatched_predictions
        return matched / self.predicted if self.predicted else 1.0

    def summary(self) -> dict[str, float]:
        return {
            "recall": self.share("found"),
            "precision": self.precision,
            "kind": self.share("kind_ok"),
            "speaker": self.share("speaker_ok"),
            "side": self.share("side_ok"),
            "perfect": self.share("perfect"),
        }


def speaker_matches(gold: dict[str, Any], speaker: Speaker | None) -> bool:
    """The resolved speaker (or group) is the gold's."""
    name, group = _norm(gold.get("speaker")), _norm(gold.get("speaker_group"))
    if speaker is None:
        return not name and not group
    names = {_norm(speaker.name), _norm(speaker.group)} - {""}
    if speaker.kind == "unnamed":  # "State television said": its description names it
        names.add(_norm(speaker.descriptor))
    mentions = {_norm(m) for m in gold.get("mentions", [])}
    if name:
        # An organisation's canonical name is the gold's choice; the name as the
        # article writes it ("Russia's Defence Ministry") is as right.
        institution = speaker.kind == "organization" or (
            speaker.kind == "unnamed" and gold.get("speaker_kind") == "organization"
        )
        # An organisation named as the article names it ("SANA" in "State news
        # agency SANA") is as right as the gold's canonical name.
        written = any(n and f" {n} " in f" {m} " for n in names for m in mentions)
        return name in names or (institution and written)
    if group:
        return group in names
    return not speaker.name  # an unnamed source stays unnamed


def gold_spans(text: str, gold: dict[str, Any]) -> list[tuple[dict[str, Any], Span | None]]:
    """Each gold quote with its span in the text. The second piece of a quote split
    around its cue (``split_of``) joins its first piece: one quote from the start
    of the first piece to the end of the last, as sayso records it."""
    spans: dict[str, Span | None] = {}
    order: list[dict[str, Any]] = []
    for quote in gold.get("quotes", []):
        span = locate(text, quote["content"])
        first = quote.get("split_of")
        if first in spans and span is not None and spans[first] is not None:
            head = spans[first]
            assert head is not None
            spans[first] = Span(min(head.start, span.start), max(head.end, span.end))
            continue
        spans[quote["id"]] = span
        order.append(quote)
    return [(quote, spans[quote["id"]]) for quote in order]


def score(analysis: Analysis, gold: dict[str, Any], *, min_overlap: float = 0.9) -> GoldScore:
    """Compare the accounts of ``analysis`` with the gold's quotes, one to one.

    An account in parts (one cue, coordinated clauses: "said A and that B") may
    meet one gold quote per part; its whole content may meet one gold quote
    (a quote split around its cue, which the gold writes in pieces).
    """
    text = analysis.article.text
    candidates = [
        (index, span)
        for index, account in enumerate(analysis.accounts)
        for span in (account.content, *account.parts)
    ]
    matched: set[int] = set()
    results = []
    for quote, span in gold_spans(text, gold):
        result = QuoteResult(quote["id"])
        results.append(result)
        if span is None:
            continue
        best = max(candidates, key=lambda c: token_overlap(text, span, c[1]), default=None)
        if best is None or token_overlap(text, span, best[1]) < min_overlap:
            continue
        # The whole content and its parts overlap: using one uses up the others it covers.
        candidates = [c for c in candidates if not (c[0] == best[0] and c[1].overlaps(best[1]))]
        matched.add(best[0])
        account = analysis.accounts[best[0]]
        speaker = analysis.speaker(account.speaker_id)
        result.found = True
        result.kind_ok = _kind_of(account, best[1], text) == quote["kind"]
        result.speaker_ok = speaker_matches(quote, speaker)
        result.side_ok = (speaker.side if speaker else "unknown") == quote.get("side", "unknown")
        result.predicted = {
            "kind": account.kind,
            "speaker": speaker.name if speaker else None,
            "group": speaker.group if speaker else None,
            "side": speaker.side if speaker else None,
        }
    return GoldScore(results, len(analysis.accounts), len(analysis.accounts) - len(matched))


def _kind_of(account: Account, span: Span, text: str) -> str:
    """The kind of one part of a mixed account: mixed if it holds quote marks."""
    if account.kind == "mixed" and span in account.parts:
        quoted = any(mark in span.text(text) for mark in '"“”«»')
        return "mixed" if quoted else "indirect"
    return account.kind


def gold_path(page: Path) -> Path | None:
    """The gold record of a page: ``page.gold.json`` (``.gz`` dropped) or ``stem.gold.json``."""
    for candidate in (
        page.with_name(page.name.removesuffix(".gz") + ".gold.json"),
        page.with_name(page.stem + ".gold.json"),
    ):
        if candidate.is_file():
            return candidate
    return None


@dataclass(slots=True)
class PageScore:
    page: str
    figures: dict[str, float] | None  # None when the page could not be analysed
    error: str | None = None
    quotes: int = 0


def score_pages(pages: list[Path], settings: Settings | None = None) -> list[PageScore]:
    """Score every page that has a gold record beside it."""
    settings = settings or Settings()  # the side dictionary is read once, not per page
    results = []
    for page in pages:
        path = gold_path(page)
        if path is None:
            continue
        gold = json.loads(path.read_text("utf-8"))
        try:
            analysis = analyze_path(str(page), settings)
        except InputError as exc:
            # A page the gold marks unsupported is right to be refused.
            expected = gold.get("unsupported") and isinstance(exc, UnsupportedLanguage)
            results.append(PageScore(str(page), None if not expected else {}, str(exc)))
            continue
        result = score(analysis, gold)
        results.append(PageScore(str(page), result.summary(), quotes=len(result.quotes)))
    return results


def total(results: list[PageScore]) -> dict[str, float]:
    """Figures over all quotes of the scored pages (each quote weighs the same)."""
    scored = [r for r in results if r.figures]
    quotes = sum(r.quotes for r in scored)
    if not quotes:
        return {}
    keys = ("recall", "kind", "speaker", "side", "perfect")
    figures = {k: sum(r.figures[k] * r.quotes for r in scored if r.figures) / quotes for k in keys}
    figures["quotes"] = quotes
    return figures
