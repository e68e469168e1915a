"""`sayso eval sides DIR`: speakers and sides of a blind gold's accounts.

Each gold account is matched to the stored account of its article whose content
shares the most words with it (at least half of each). Of the matched ones:
side right, ``unknown`` where the gold says the article makes the side clear,
side wrong (a side that is not the gold's), and speaker right (the stored
speaker names the gold's speaker, by mention or canonical name). Per conflict
(an article's ``conflict`` in the gold, else its main incident's country) and
overall.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.eval.corpus import GoldCorpus, best_match, ingested, load_corpus, tokens
from sayso.pipeline import Settings
from sayso.store import AccountRow, Store

_LEADING = re.compile(r"^(?:the|a|an|its|his|her|their)\s+")


@dataclass(slots=True)
class Tally:
    gold: int = 0
    found: int = 0
    right: int = 0
    unknown: int = 0  # unknown where the article makes the side clear
    wrong: int = 0
    speaker: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        n = self.found or 1
        return {
            "gold": self.gold,
            "found": self.found,
            "recall": round(self.found / self.gold, 3) if self.gold else 0.0,
            "side_right": round(self.right / n, 3),
            "side_unknown": round(self.unknown / n, 3),
            "side_wrong": round(self.wrong / n, 3),
            "speaker_right": round(self.speaker / n, 3),
        }


@dataclass(slots=True)
class SidesReport:
    overall: Tally
    conflicts: dict[str, Tally]

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "conflicts": {k: v.as_dict() for k, v in sorted(self.conflicts.items())},
            "misses": self.overall.misses,
        }


def evaluate(folders: list[Path], settings: Settings | None = None) -> SidesReport:
    """Ingest each gold corpus and score its accounts' speakers and sides."""
    report = SidesReport(Tally(), defaultdict(Tally))
    for folder in folders:
        corpus = load_corpus(folder)
        with ingested(corpus, settings) as (store, ids):
            score(corpus, store, ids, report)
    report.conflicts = dict(report.conflicts)
    return report


def score(corpus: GoldCorpus, store: Store, ids: dict[str, str], report: SidesReport) -> None:
    stored: dict[str, list[AccountRow]] = defaultdict(list)
    for row in store.accounts():
        stored[row.article_id].append(row)
    for gold in corpus.gold.get("accounts", []):
        article = corpus.article(gold["file"])
        conflict = article.get("conflict") or (article.get("main") or {}).get("country") or "?"
        candidates = stored.get(ids.get(gold["file"], ""), [])
        match = best_match(gold["content"], candidates)
        for tally in (report.overall, report.conflicts[conflict]):
            _count(tally, gold, match)
        if match is not None and (match.side != gold["side"] or not _same_speaker(gold, match)):
            report.overall.misses.append(
                {
                    "file": gold["file"],
                    "content": gold["content"][:80],
                    "gold_speaker": gold.get("speaker_name") or gold.get("speaker"),
                    "gold_side": gold["side"],
                    "speaker": match.speaker,
                    "side": match.side,
                }
            )


def _count(tally: Tally, gold: dict[str, Any], match: AccountRow | None) -> None:
    tally.gold += 1
    if match is None:
        return
    tally.found += 1
    if match.side == gold["side"]:
        tally.right += 1
    elif match.side == "unknown":
        tally.unknown += 1
    else:
        tally.wrong += 1
    tally.speaker += _same_speaker(gold, match)


def _name(text: str | None) -> str:
    return " ".join(tokens(_LEADING.sub("", (text or "").strip().casefold())))


def _same_speaker(gold: dict[str, Any], match: AccountRow) -> bool:
    """The stored speaker names the gold one: equal, or one name inside the other
    ("Abdel Rahman" and "Rami Abdel Rahman"; "the Observatory" and the Syrian
    Observatory for Human Rights)."""
    wanted = {_name(gold.get("speaker")), _name(gold.get("speaker_name"))} - {""}
    given = {_name(match.speaker), _name(match.speaker_as_written)} - {""}
    return any(
        g == w or f" {g} " in f" {w} " or f" {w} " in f" {g} " for g in given for w in wanted
    )
