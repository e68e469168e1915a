"""Whose word an event rests on, across all its reports.

An event the article states in its own voice is ``reported`` by the outlet. One
that only accounts state is ``alleged`` by their sides; when a source of another
side states it too, it is ``confirmed``, or ``partly confirmed`` when that source
holds it for only part of what it covers ("those who have not served were sent
to camps"); when a source denies it, it is ``disputed``. A hedged relay
("reportedly") confirms nothing. Sides come from the side dictionary; a source
of unknown side neither alleges for a side nor confirms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sayso.model import UNKNOWN

Status = Literal["reported", "alleged", "confirmed", "partly confirmed", "disputed"]


@dataclass(frozen=True, slots=True)
class Word:
    """One report's source: the account's speaker, side and stance; a speaker of
    None is the article's own voice."""

    speaker: str | None
    side: str | None
    stance: str | None  # of the account's statement; None when claims were not linked


@dataclass(frozen=True, slots=True)
class Standing:
    status: Status
    alleged_by: tuple[str, ...]  # the sides whose sources state it first and most
    confirmed_by: tuple[str, ...]  # sources of another side that state it too
    denied_by: tuple[str, ...]  # sources that deny it


def standing(words: Sequence[Word]) -> Standing:
    accounts = [w for w in words if w.speaker is not None]
    denied = tuple(sorted({str(w.speaker) for w in accounts if w.stance == "denies"}))
    holding = [w for w in accounts if w.stance not in ("denies", "reports")]
    sides = Counter(w.side for w in holding if w.side and w.side != UNKNOWN)
    alleging = sides.most_common(1)[0][0] if sides else None
    others = [w for w in holding if w.side and w.side not in (UNKNOWN, alleging)]
    confirmed = tuple(sorted({str(w.speaker) for w in others}))
    status: Status
    if denied:
        status = "disputed"
    elif len(accounts) < len(words):
        status = "reported"
    elif others:
        partly = all(w.stance == "partly" for w in others)
        status = "partly confirmed" if partly else "confirmed"
    else:
        status = "alleged"
    return Standing(status, (alleging,) if alleging else (), confirmed, denied)
