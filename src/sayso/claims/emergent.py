"""The Emergent CSV: claim/headline pairs with stance, read with coded errors.

Kept apart from the baseline stance model (:mod:`sayso.eval.baselines.stance`) so
that reading the data (and the command line that names these stances) does not
import scikit-learn.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sayso.errors import DecodeFailure, EmptyInput, UnreadableInput, UnsupportedInput

Stance = Literal["supports", "denies", "reports"]
STANCES: tuple[Stance, ...] = ("supports", "denies", "reports")
EMERGENT_STANCES: dict[str, Stance] = {
    "for": "supports",
    "against": "denies",
    "observing": "reports",
}
COLUMNS = ("claimId", "claimHeadline", "articleId", "articleHeadline", "articleHeadlineStance")


@dataclass(frozen=True, slots=True)
class Row:
    """One claim/headline pair of Emergent, the stance already in our terms."""

    claim_id: str
    claim: str
    article_id: str
    headline: str
    stance: Stance


def load_emergent(path: Path | str) -> list[Row]:
    """The rows of an Emergent CSV; a coded error naming the file when it is unusable."""
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise UnreadableInput("no such file (expected an Emergent CSV)", source=source)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise UnsupportedInput(
                    f"not an Emergent CSV: lacks the column(s) {', '.join(missing)} "
                    f"(expected {', '.join(COLUMNS)})",
                    source=source,
                )
            records = list(reader)
    except UnicodeDecodeError as exc:
        raise DecodeFailure(f"not UTF-8 text: {exc.reason}", source=source) from exc
    except csv.Error as exc:
        raise UnsupportedInput(f"malformed CSV: {exc}", source=source) from exc
    except OSError as exc:
        raise UnreadableInput(f"cannot read: {exc.strerror or exc}", source=source) from exc
    rows = []
    for line, record in enumerate(records, start=2):
        cells = {name: (record.get(name) or "").strip() for name in COLUMNS}
        if not (cells["claimHeadline"] and cells["articleHeadline"]):
            continue
        stance = EMERGENT_STANCES.get(cells["articleHeadlineStance"].lower())
        if stance is None:
            raise UnsupportedInput(
                f"line {line}: unknown stance {cells['articleHeadlineStance']!r} "
                f"(expected {', '.join(EMERGENT_STANCES)})",
                source=source,
            )
        claim_id = cells["claimId"] or cells["claimHeadline"]
        rows.append(
            Row(
                claim_id,
                cells["claimHeadline"],
                cells["articleId"],
                cells["articleHeadline"],
                stance,
            )
        )
    if not rows:
        raise EmptyInput("no claim/headline pairs in it", source=source)
    return rows
