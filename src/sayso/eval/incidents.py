"""`sayso eval incidents DIR`: incidents across a corpus, scored on a blind gold.

The folder is ingested as ``sayso ingest`` would (:mod:`sayso.eval.corpus`); the
store's events are then read as a user reads them. Four figures, as issue 15
defines them:

- **place**: each article's main incident is at the right place: the town the
  gold names (any of its spellings), or a place inside the right governorate;
- **toll**: the gold civilian toll (else the total) is among the figures this
  article's reports give its main incident;
- **linking**: pairs of articles whose main incidents are one gold incident are
  one stored event (pairwise precision, recall, F1);
- **side by side**: of the gold incidents several outlets report with different
  tolls, the share stored as one event that shows every outlet's toll.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sayso.eval.corpus import GoldCorpus, ingested, load_corpus, pairwise
from sayso.events.places import admin_area, fold, gazetteer, lookup
from sayso.pipeline import Settings
from sayso.store import Store
from sayso.store.events import EventCluster, EventReport


@dataclass(slots=True)
class ArticleScore:
    file: str
    main: str | None  # the gold main incident
    predicted: str | None  # the stored event sayso makes the article's main one
    place: str | None  # where sayso puts it
    place_right: bool | None  # None: not scored (no gold main incident)
    toll: int | None  # the gold toll scored
    figures: list[int] = field(default_factory=list)  # the article's figures for it
    toll_right: bool | None = None


@dataclass(slots=True)
class IncidentReport:
    articles: list[ArticleScore]
    linking: tuple[float, float, float]
    side_by_side: tuple[int, int]  # (shown, of)
    largest_event: int  # the most articles any stored event holds
    events: int

    def _share(self, name: str) -> float:
        scored = [getattr(a, name) for a in self.articles if getattr(a, name) is not None]
        return sum(scored) / len(scored) if scored else 0.0

    def as_dict(self) -> dict[str, Any]:
        shown, of = self.side_by_side
        return {
            "articles": len(self.articles),
            "main_place": round(self._share("place_right"), 3),
            "main_toll": round(self._share("toll_right"), 3),
            "linking": dict(
                zip(("precision", "recall", "f1"), (round(x, 3) for x in self.linking), strict=True)
            ),
            "side_by_side": {
                "shown": shown,
                "of": of,
                "share": round(shown / of, 3) if of else 0.0,
            },
            "events": self.events,
            "largest_event_articles": self.largest_event,
            "per_article": [
                {
                    "file": a.file,
                    "gold": a.main,
                    "event": a.predicted,
                    "place": a.place,
                    "place_right": a.place_right,
                    "toll": a.toll,
                    "figures": a.figures,
                    "toll_right": a.toll_right,
                }
                for a in self.articles
            ],
        }


def evaluate(
    folder: Path, settings: Settings | None = None, store_path: Path | None = None
) -> IncidentReport:
    """Ingest the gold corpus in ``folder`` and score its incidents."""
    corpus = load_corpus(folder)
    with ingested(corpus, settings, store_path) as (store, ids):
        return score(corpus, store, ids)


def score(corpus: GoldCorpus, store: Store, ids: dict[str, str]) -> IncidentReport:
    events = store.events()
    by_article = _reports_by_article(store, events)
    gold_incidents = {i["id"]: i for i in corpus.gold.get("incidents", [])}
    scores: list[ArticleScore] = []
    for article in corpus.gold["articles"]:
        reports = by_article.get(ids.get(article["file"], ""), [])
        scores.append(_score_article(article, gold_incidents, reports))
    gold_of = {a.file: a.main for a in scores if a.main}
    predicted_of = {a.file: a.predicted for a in scores if a.main}
    linking = pairwise(gold_of, predicted_of)
    shown, of = _side_by_side(gold_incidents.values(), events, ids)
    largest = max((len({r.article_id for r in e.reports}) for e in events), default=0)
    return IncidentReport(scores, linking, (shown, of), largest, len(events))


def _reports_by_article(
    store: Store, events: list[EventCluster]
) -> dict[str, list[tuple[int, EventCluster, EventReport]]]:
    """Each article's reports with their event, in reading order."""
    texts: dict[str, str] = {}
    out: dict[str, list[tuple[int, EventCluster, EventReport]]] = {}
    for event in events:
        for report in event.reports:
            if report.article_id not in texts:
                view = store.article(report.article_id)
                texts[report.article_id] = view.text if view else ""
            at = texts[report.article_id].find(report.sentence)
            out.setdefault(report.article_id, []).append((max(at, 0), event, report))
    for reports in out.values():
        reports.sort(key=lambda item: item[0])
    return out


def main_event(
    reports: list[tuple[int, EventCluster, EventReport]],
) -> tuple[EventCluster, list[EventReport]] | None:
    """The article's main incident as sayso shows it: the event its first report
    of armed violence belongs to (headline and lede first), with the article's
    reports of it."""
    chosen = next((e for _, e, r in reports if getattr(r, "main", False)), None)
    if chosen is None:
        chosen = next(
            (e for _, e, r in reports if r.type in ("ASSAULT", "FIGHT") and not r.negated), None
        )
    if chosen is None:
        chosen = next((e for _, e, r in reports if r.fatalities is not None), None)
    if chosen is None:
        return None
    return chosen, [r for _, e, r in reports if e.event_id == chosen.event_id]


def _score_article(
    article: dict[str, Any],
    incidents: dict[str, dict[str, Any]],
    reports: list[tuple[int, EventCluster, EventReport]],
) -> ArticleScore:
    gold_main = article.get("main_incident")
    found = main_event(reports)
    event, own = found if found else (None, [])
    score = ArticleScore(
        article["file"],
        gold_main,
        event.event_id if event else None,
        event.place if event else None,
        None,
        None,
    )
    if not gold_main:
        return score
    gold = {**incidents.get(gold_main, {}), **(article.get("main") or {})}
    score.place_right = event is not None and _place_right(event, gold, incidents.get(gold_main))
    civilian, total = gold.get("civilian_killed"), gold.get("total_killed")
    score.toll = civilian if civilian is not None else total
    score.figures = [n for r in own for n in _figures(r) if n is not None]
    if score.toll is not None:
        score.toll_right = score.toll in score.figures
    return score


def _figures(report: EventReport) -> tuple[int | None, int | None, int | None]:
    """A report's toll, its civilians and its incident's dead summed over the
    sides the article counts apart (a store from before incidents has none)."""
    return (
        report.fatalities,
        getattr(report, "civilians", None),
        getattr(report, "fatalities_summed", None),
    )


def _place_right(
    event: EventCluster, gold: dict[str, Any], incident: dict[str, Any] | None
) -> bool:
    names = {_key(gold.get("place") or "")}
    names |= {_key(n) for n in (incident or {}).get("place_variants", [])}
    if incident:
        names.add(_key(incident.get("place") or ""))
    names.discard("")
    if event.place and _key(event.place) in names:
        return True
    wanted = _admin_codes(gold, names)
    return bool(event.admin1 and event.admin1 in wanted)


@cache
def _by_key() -> dict[str, tuple[Any, ...]]:
    return {_key(name): found for name, found in gazetteer().items()}


def _key(name: str) -> str:
    """A place name compared without case, accents, hyphens or apostrophes."""
    return " ".join(re.findall(r"\w+", fold(name).replace("‘", "").replace("’", "")))


def _admin_codes(gold: dict[str, Any], names: set[str]) -> set[str]:
    """The GeoNames codes of the gold's governorate: the area of its town under
    any spelling, and of the city the governorate is named after."""
    found = lookup(gold.get("country") or "", variants=False)
    country = found.country if found is not None and found.kind == "country" else None
    codes: set[str] = set()
    for name in {*names, _key(gold.get("admin1") or "")}:
        for entry in _by_key().get(name, ()):
            if entry.kind == "town" and (country is None or entry.country == country):
                code = admin_area(entry.geonames_id)
                if code:
                    codes.add(code)
                break
    return codes


def _side_by_side(
    incidents: Any, events: list[EventCluster], ids: dict[str, str]
) -> tuple[int, int]:
    """Of the gold incidents reported with different tolls by several articles,
    how many are one stored event that holds each article's toll."""
    shown = of = 0
    for incident in incidents:
        tolls = {
            r["file"]: {r.get("civilian_killed"), r.get("total_killed")} - {None}
            for r in incident.get("reports", [])
        }
        tolls = {f: t for f, t in tolls.items() if t}
        figures = Counter(frozenset(t) for t in tolls.values())
        if len(tolls) < 2 or len(figures) < 2:
            continue
        of += 1
        if any(_shows_all(event, tolls, ids) for event in events):
            shown += 1
    return shown, of


def _shows_all(event: EventCluster, tolls: dict[str, set[int]], ids: dict[str, str]) -> bool:
    for name, wanted in tolls.items():
        article = ids.get(name)
        given = {n for r in event.reports if r.article_id == article for n in _figures(r)}
        if not given & wanted:
            return False
    return True
