"""`sayso eval claims DIR`: claims across a blind gold corpus (issue 16).

The folder is ingested as ``sayso ingest`` would, and the stored claims are
scored against the gold's propositions:

- pairwise precision, recall and F1 over the gold statements (each matched to
  the stored account of its article sharing the most words with it, and so to
  that account's claim);
- rivals found: gold pairs of rival propositions whose claims sayso links as
  rivals;
- the largest claim's share of all clustered statements;
- of the claims holding two or more articles, the share whose articles all
  report their main incident at one place (the gold's);
- of the gold incidents several articles report, the share where two of those
  articles share a claim.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sayso.eval.corpus import GoldCorpus, best_match, ingested, load_corpus, pairwise
from sayso.events.places import fold
from sayso.pipeline import Settings
from sayso.store import AccountRow, Store
from sayso.store.claims import ClaimSummary


@dataclass(slots=True)
class ClaimGoldReport:
    statements: int
    matched: int
    pairwise: tuple[float, float, float]
    rivals: tuple[int, int]  # (found, of)
    largest_share: float
    same_place: tuple[int, int]  # claims of 2+ articles at one place, of all such
    incidents_sharing: tuple[int, int]

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self.pairwise
        return {
            "statements": self.statements,
            "matched": self.matched,
            "pairwise": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)},
            "rivals": _ratio(self.rivals),
            "largest_claim_share": round(self.largest_share, 3),
            "multi_article_claims_at_one_place": _ratio(self.same_place),
            "incidents_with_a_shared_claim": _ratio(self.incidents_sharing),
        }


def _ratio(pair: tuple[int, int]) -> dict[str, Any]:
    found, of = pair
    return {"found": found, "of": of, "share": round(found / of, 3) if of else 0.0}


def evaluate(folder: Path, settings: Settings | None = None) -> ClaimGoldReport:
    corpus = load_corpus(folder)
    with ingested(corpus, settings) as (store, ids):
        return score(corpus, store, ids)


def score(corpus: GoldCorpus, store: Store, ids: dict[str, str]) -> ClaimGoldReport:
    stored: dict[str, list[AccountRow]] = defaultdict(list)
    for row in store.accounts():
        stored[row.article_id].append(row)
    gold_of: dict[str, str] = {}
    predicted_of: dict[str, str | None] = {}
    claim_of_gold: dict[str, set[str]] = defaultdict(set)
    for claim in corpus.gold.get("claims", []):
        for n, statement in enumerate(claim.get("statements", [])):
            key = f"{claim['id']}#{n}"
            gold_of[key] = claim["id"]
            rows = stored.get(ids.get(statement["file"], ""), [])
            match = best_match(statement["content"], rows)
            if match is not None:
                predicted_of[key] = match.claim_id
                if match.claim_id:
                    claim_of_gold[claim["id"]].add(match.claim_id)
    claims = store.claims()
    sizes = [len(c.statements) for c in claims]
    largest = max(sizes, default=0) / sum(sizes) if sum(sizes) else 0.0
    return ClaimGoldReport(
        statements=len(gold_of),
        matched=sum(1 for v in predicted_of.values() if v is not None) if predicted_of else 0,
        pairwise=pairwise(gold_of, predicted_of),
        rivals=_rivals(corpus, claims, claim_of_gold),
        largest_share=largest,
        same_place=_same_place(corpus, claims, ids),
        incidents_sharing=_incidents_sharing(corpus, claims, ids),
    )


def _rivals(
    corpus: GoldCorpus, claims: list[ClaimSummary], claim_of_gold: dict[str, set[str]]
) -> tuple[int, int]:
    """Gold rival pairs found: some stored claim of one lists some stored claim
    of the other as its rival."""
    linked = {frozenset((c.claim_id, r.claim_id)) for c in claims for r in c.rivals}
    pairs = corpus.gold.get("rivals", [])
    found = sum(
        1
        for a, b in pairs
        if any(frozenset((x, y)) in linked for x in claim_of_gold[a] for y in claim_of_gold[b])
    )
    return found, len(pairs)


def _main_place(corpus: GoldCorpus, name: str) -> str | None:
    main = corpus.article(name).get("main") or {}
    return fold(main["place"]) if main.get("place") else None


def _same_place(corpus: GoldCorpus, claims: list[Any], ids: dict[str, str]) -> tuple[int, int]:
    files = {article_id: name for name, article_id in ids.items()}
    held = at_one = 0
    for claim in claims:
        names = {files[s.article_id] for s in claim.statements if s.article_id in files}
        if len(names) < 2:
            continue
        held += 1
        places = {_main_place(corpus, n) for n in names}
        at_one += len(places) == 1 and None not in places
    return at_one, held


def _incidents_sharing(
    corpus: GoldCorpus, claims: list[Any], ids: dict[str, str]
) -> tuple[int, int]:
    articles_of_claim = [{s.article_id for s in c.statements} for c in claims]
    found = of = 0
    for incident in corpus.gold.get("incidents", []):
        reporting = {ids.get(r["file"]) for r in incident.get("reports", [])} - {None}
        if len(reporting) < 2:
            continue
        of += 1
        found += any(len(held & reporting) >= 2 for held in articles_of_claim)
    return found, of
