"""A blind gold corpus (a folder of article pages and one ``gold.json``), ingested
end to end by the code ``sayso ingest`` runs, into a store the scorers read.

The gold format is documented in ``tests/data/incidents/README.md``. Scoring
reads only the store (what a user sees), never the pipeline's internals.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sayso.batch import ingest_paths
from sayso.errors import UnreadableInput
from sayso.events.places import fold
from sayso.pipeline import Settings
from sayso.store import AccountRow, Store

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class GoldCorpus:
    """The gold of one folder, with its article files in gold order."""

    folder: Path
    gold: dict[str, Any]

    @property
    def files(self) -> list[str]:
        return [a["file"] for a in self.gold.get("articles", [])]

    def article(self, name: str) -> dict[str, Any]:
        return next(a for a in self.gold["articles"] if a["file"] == name)


def load_corpus(folder: Path) -> GoldCorpus:
    """The gold corpus in ``folder``; a clear error when it has no gold."""
    path = folder / "gold.json"
    if not path.is_file():
        raise UnreadableInput("no gold.json here: not a gold corpus folder", source=str(folder))
    gold = json.loads(path.read_text(encoding="utf-8"))
    corpus = GoldCorpus(folder, gold)
    missing = [name for name in corpus.files if not (folder / name).is_file()]
    if missing:
        raise UnreadableInput(
            f"the gold names files that are not here: {', '.join(missing[:3])}",
            source=str(folder),
        )
    return corpus


@contextmanager
def ingested(
    corpus: GoldCorpus, settings: Settings | None = None, store_path: Path | None = None
) -> Iterator[tuple[Store, dict[str, str]]]:
    """The corpus ingested (as ``sayso ingest`` would) into a fresh store, or into
    ``store_path`` when given (kept, so a second scorer need not ingest again),
    with each file's article id."""
    with tempfile.TemporaryDirectory(prefix="sayso-eval-") as tmp:
        path = store_path or Path(tmp) / "eval.db"
        with Store(path) as store:
            paths = [str(corpus.folder / name) for name in corpus.files]
            ingest_paths(paths, store, settings or Settings())
            ids = {Path(a.source).name: a.article_id for a in store.articles()}
            yield store, ids


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def overlap(gold: str, predicted: str) -> float:
    """How much two texts share, as the smaller of the two shares of common
    tokens (1.0: the same words)."""
    a, b = tokens(gold), tokens(predicted)
    if not a or not b:
        return 0.0
    rest = list(b)
    common = 0
    for token in a:
        if token in rest:
            rest.remove(token)
            common += 1
    return min(common / len(a), common / len(b))


MATCH = 0.5  # the share of words a stored account and a gold one must share


def best_match(content: str, rows: Sequence[AccountRow]) -> AccountRow | None:
    """The stored account of an article that says the gold content: the one
    sharing the most words with it, when it shares at least :data:`MATCH`."""
    match = max(rows, key=lambda r: overlap(content, r.content), default=None)
    return match if match is not None and overlap(content, match.content) >= MATCH else None


def pairwise(gold: dict[str, str], predicted: dict[str, str | None]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering: ``gold`` and
    ``predicted`` map each item to its cluster (None: in no predicted cluster)."""
    items = sorted(gold)
    true = pred = both = 0
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            same_gold = gold[a] == gold[b]
            pa, pb = predicted.get(a), predicted.get(b)
            same_pred = pa is not None and pa == pb
            true += same_gold
            pred += same_pred
            both += same_gold and same_pred
    precision = both / pred if pred else 0.0
    recall = both / true if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
