"""Towns the gazetteer does not list: "the town of Hamouria" is a town even
when GeoNames has no spelling of it. Such a place is kept as written, at town
precision with no point, under a key made of its country and the skeleton of
its name (:func:`sayso.events.variants.skeleton`), so that "Hamouria",
"Hammuriya" and "Hammuriyah" in three articles about Syria are one place and
their reports of one incident can be linked; sayso still gives it no
coordinates and no governorate.
"""

from __future__ import annotations

import hashlib
import re

from sayso.events.gazetteer import Entry, fold
from sayso.events.variants import skeleton
from sayso.model import Span

# "the town of X", "the village of X": the article says X is a settlement.
_SETTLEMENT_OF = re.compile(
    r"\b(?:town|village|city|neighbou?rhood|district|suburb|hamlet)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Far from GeoNames' ids and from the regions' keys (sayso.events.regions).
_BASE = 10**11


def named_settlement(text: str, mentions: tuple[Span, ...]) -> bool:
    """The article calls the name a town, village or district ("the town of X")."""
    return any(_SETTLEMENT_OF.search(text[max(0, m.start - 30) : m.start]) for m in mentions)


def unlisted_town(name: str, countries: frozenset[str]) -> Entry | None:
    """A town the gazetteer lacks, in the one country the article is about; None
    when it is about none or several (where it is would be a guess)."""
    shape = skeleton(fold(name))
    if len(countries) != 1 or len(shape) < 3:
        return None
    (country,) = countries
    digest = hashlib.sha256(f"{country}:{shape}".encode()).hexdigest()
    key = -(_BASE + int(digest[:10], 16))
    return Entry(key, name, None, None, country, 0, "town", None)
