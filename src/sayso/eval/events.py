"""Score event coding on the PLOVER gold standard records.

Each record is one sentence with its event type, and its source and target
actors as text (``actorText``). sayso codes the sentence's event (the trigger
nearest the root, :func:`sayso.events.extract.trigger_of`) and is scored on:

* type accuracy: the predicted PLOVER type is the gold's (no event is wrong);
* actor match, for sources and for targets: a record's gold actor is matched
  when one of its ``actorText`` is inside the predicted phrase, or the
  predicted phrase's head word is inside it (gold "Hungarian" in "Senior
  Hungarian and Romanian officials"; "APEC forum" for "Asia-Pacific ...").

The records are split in two halves by position (even, odd) so that a figure
on a half nobody studied can be told from one on the half that was: the word
lists were written from PLOVER's definitions, then checked against the even
half only. The whole file is read from outside the repository; a slice of it
(tests/data/plover-mini, CC BY-SA 4.0 as the file) is the gate that always runs.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.errors import EmptyInput, UnreadableInput
from sayso.events.extract import trigger_of
from sayso.events.participants import participants
from sayso.nlp.parse import load_nlp


@dataclass(frozen=True, slots=True)
class Record:
    """One gold sentence."""

    id: str
    text: str
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def load_plover(path: Path | str) -> list[Record]:
    """The coded sentences of a PLOVER gold standard file (a JSON list)."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableInput(f"cannot read PLOVER records: {error}", source=str(path)) from None
    records = [_record(item) for item in raw if isinstance(item, dict) and item.get("text")]
    if not records:
        raise EmptyInput("no coded sentence in the file", source=str(path))
    return records


def _actors(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText"))


def _record(item: dict[str, Any]) -> Record:
    return Record(
        id=str(item.get("id", "")),
        text=str(item["text"]),
        type=str(item.get("event", "")),
        sources=_actors(item.get("source")),
        targets=_actors(item.get("target")),
    )


def actor_matches(gold: tuple[str, ...], predicted: Any) -> bool:
    """Whether a predicted actor phrase (a spaCy token's subtree) names a gold actor."""
    if predicted is None:
        return False
    phrase = " ".join(t.text for t in predicted.subtree).casefold()
    head = predicted.text.casefold()
    return any(g.casefold() in phrase or head in g.casefold() for g in gold)


@dataclass(slots=True)
class Half:
    """Counts over one half of the records."""

    records: int = 0
    typed: int = 0
    sources: int = 0
    sources_matched: int = 0
    targets: int = 0
    targets_matched: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "records": self.records,
            "type_accuracy": round(self.typed / max(1, self.records), 4),
            "source_match": round(self.sources_matched / max(1, self.sources), 4),
            "target_match": round(self.targets_matched / max(1, self.targets), 4),
            "actor_match": round(
                (self.sources_matched + self.targets_matched) / max(1, self.sources + self.targets),
                4,
            ),
        }


@dataclass(slots=True)
class EventReport:
    """The figures of one run: by half and over all records."""

    data: str
    halves: dict[str, Half] = field(default_factory=dict)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def all(self) -> Half:
        total = Half()
        for half in self.halves.values():
            for name in Half.__slots__:
                setattr(total, name, getattr(total, name) + getattr(half, name))
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "data": self.data,
            "all": self.all.as_dict(),
            "halves": {name: half.as_dict() for name, half in self.halves.items()},
            "most_confused": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in self.confusions.most_common(10)
            ],
            "seconds": round(self.seconds, 2),
        }


# What a coder says of one sentence: its type ("none": no event), and its actor
# and target as spaCy tokens (or None).
Coded = tuple[str, Any, Any]


def code_sentences(texts: Iterable[str]) -> Iterator[Coded]:
    """sayso's event coder, as ingest runs it, over each text: the first
    sentence with an event gives its type, actor and target."""
    for doc in load_nlp().pipe(texts):
        trigger = next((t for t in map(trigger_of, doc.sents) if t is not None), None)
        if trigger is None:
            yield "none", None, None
        else:
            actor, target = participants(trigger.token)
            yield trigger.type, actor, target


def evaluate(
    path: Path | str, coder: Callable[[Iterable[str]], Iterator[Coded]] = code_sentences
) -> EventReport:
    """Code every record's sentence (with ``coder``) and score it against the gold."""
    records = load_plover(path)
    start = time.perf_counter()
    report = EventReport(str(Path(path).resolve()), {"even": Half(), "odd": Half()})
    coded = coder(r.text for r in records)
    for index, (record, (predicted, actor, target)) in enumerate(zip(records, coded, strict=True)):
        half = report.halves["even" if index % 2 == 0 else "odd"]
        half.records += 1
        if predicted == record.type:
            half.typed += 1
        else:
            report.confusions[(record.type, predicted)] += 1
        if record.sources:
            half.sources += 1
            half.sources_matched += actor_matches(record.sources, actor)
        if record.targets:
            half.targets += 1
            half.targets_matched += actor_matches(record.targets, target)
    report.seconds = time.perf_counter() - start
    return report
