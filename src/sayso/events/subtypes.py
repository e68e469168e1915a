"""ACLED's sub-event types of political violence ("Air/drone strike",
"Shelling/artillery/missile attack", "Suicide bomb" ...), beside PLOVER's type,
from the words of the sentence that reports the event (the ``sub_event_words``
table of the events lexicon)."""

from __future__ import annotations

import re
from functools import cache

from sayso.nlp.lexicons import generation, table

# The first type whose words a sentence holds decides: the most telling first
# ("a suicide car bomb" is a suicide bomb, "barrel bombs" an air strike, the
# shells of a shelling are not a bomb's "explosion").
ORDER = (
    "Chemical weapon",
    "Suicide bomb",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Armed clash",
    "Abduction/forced disappearance",
    "Looting/property destruction",
    "Attack",
)


@cache
def _patterns(version: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    words = table("sub_event_words")
    out = []
    for name in ORDER:
        stems = sorted(words.get(name, ()), key=len, reverse=True)
        if stems:
            alternatives = "|".join(re.escape(s) for s in stems)
            out.append((name, re.compile(rf"\b(?:{alternatives})", re.IGNORECASE)))
    return tuple(out)


# What an attack answers is not how it was done: "struck positions in response
# to shelling" is no shelling.
_ANSWERING = re.compile(r"\b(?:in\s+response\s+to|in\s+retaliation\s+(?:for|against))\b.*", re.S)


def sub_event_type(sentence: str) -> str | None:
    """The ACLED sub-event type the sentence's words name, or None."""
    lowered = _ANSWERING.sub("", sentence.lower())
    for name, pattern in _patterns(generation()):
        if pattern.search(lowered):
            return name
    return None


# ACLED's event type of each sub-event type.
EVENT_TYPE = {
    "Chemical weapon": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Abduction/forced disappearance": "Violence against civilians",
    "Looting/property destruction": "Riots",
    "Attack": "Violence against civilians",
}
