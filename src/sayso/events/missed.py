"""Place names the entity recogniser missed: proper nouns after a locative
preposition ("in Kherson", tagged nothing or a person) that the gazetteer
knows, after "the town of", "60 kilometres east of", and before "village"
("Ayyash village")."""

from __future__ import annotations

from typing import Any

from sayso.events.gazetteer import CONFLICT_COUNTRIES
from sayso.events.resolve import is_not_a_place, lookup
from sayso.model import Span
from sayso.nlp.lexicon import COMPASS
from sayso.nlp.lexicons import WordList

_LOCATIVE = WordList("locative_prepositions")
_SPATIAL = frozenset({"in", "near", "outside", "inside", "around", "across", "into"})


# "the city of Zaporizhzhia", "the town of Azaz": "of" after a word of settlement.
_SETTLEMENTS = frozenset(
    "city town village district neighbourhood neighborhood suburb province governorate"
    " region outskirts countryside port capital".split()
)


def _locative(word: Any) -> bool:
    if word.lower_ in _LOCATIVE:
        return True
    # "the town of X"; "60 kilometres east of X"
    head = word.head.lemma_.lower()
    return word.lower_ == "of" and (head in _SETTLEMENTS or head in COMPASS)


def _before_settlement(token: Any) -> bool:
    """A one-word proper noun naming the village or town after it ("Ayyash
    village", "Kani town")."""
    return (
        token.pos_ == "PROPN"
        and token.dep_ == "compound"
        and token.head.i == token.i + 1
        and token.head.lower_ in ("village", "town", "township")
        and not any(c.dep_ == "compound" for c in token.children)
    )


def _may_be_village(name: str) -> bool:
    """Not a common word, nor the name of a town the gazetteer has only outside
    the conflict countries ("Kani town" in Myanmar is not Kani, Japan: such a
    name is no sign of the article's country)."""
    if is_not_a_place(name):
        return False
    known = lookup(name, variants=False)
    return known is None or known.country in CONFLICT_COUNTRIES


def missed(doc: Any, names: set[str], taken: list[Span]) -> list[tuple[str, tuple[Span, ...]]]:
    """Proper nouns after a locative preposition that the gazetteer knows as
    written and the entity recogniser did not label a place; never a month,
    weekday or common word ("in March"), and a name tagged a person or an
    organisation only after "in", "near" ... ("in Kherson", tagged a person)."""
    found: dict[str, list[Span]] = {}
    text = doc.text  # a property that joins every token: read it once
    for token in doc:
        if _before_settlement(token):  # "the people of Ayyash village"
            span = Span(token.idx, token.idx + len(token.text))
            if not any(span.overlaps(t) for t in taken) and _may_be_village(token.text):
                found.setdefault(token.text, []).append(span)
            continue
        if token.dep_ != "pobj" or token.pos_ != "PROPN" or not _locative(token.head):
            continue
        parts = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        start = parts[0].idx if parts else token.idx
        span = Span(start, token.idx + len(token.text))
        name = text[span.start : span.end]
        if name in names or is_not_a_place(name):
            continue
        tagged = [t for t in taken if span.overlaps(t)]
        # a person's or organisation's name is a place only right after a word of
        # space, and only when it is that whole name: "in Kherson", tagged a
        # person, is the city; "from Obama" is not Obama, Japan
        if tagged and (token.head.lower_ not in _SPATIAL or tagged != [span]):
            continue
        if lookup(name, variants=False) is not None or token.head.lower_ == "of":
            found.setdefault(name, []).append(span)  # "the town of X": a town
    return [(name, tuple(spans)) for name, spans in found.items()]
