"""The event types sayso codes: PLOVER's, with the words that signal each and a
mapping to ACLED-style types.

PLOVER (the Political Language Ontology for Verifiable Event Records, Open Event
Data Alliance) types who did what to whom; ACLED types what conflict monitors
count. The word lists were written from PLOVER's definitions of each type and
CAMEO's verb dictionaries, not from any scored data.
"""

from __future__ import annotations

from sayso.nlp.lexicons import WordList, cached, table

# PLOVER event types (the 18 of the gold standard records, plus REQUEST, which
# PLOVER splits from DEMAND in later versions and sayso files under DEMAND).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "FIGHT",
    "INVESTIGATE",
)

# PLOVER type -> ACLED event type. Verbal and cooperative events are what ACLED
# files under strategic developments; violence splits by its kind.
ACLED_TYPES: dict[str, str] = {
    "AGREE": "Strategic developments",
    "CONSULT": "Strategic developments",
    "SUPPORT": "Strategic developments",
    "CONCEDE": "Strategic developments",
    "COOPERATE": "Strategic developments",
    "AID": "Strategic developments",
    "RETREAT": "Strategic developments",
    "DEMAND": "Strategic developments",
    "DISAPPROVE": "Strategic developments",
    "REJECT": "Strategic developments",
    "THREATEN": "Strategic developments",
    "PROTEST": "Protests",
    "SANCTION": "Strategic developments",
    "MOBILIZE": "Strategic developments",
    "COERCE": "Violence against civilians",
    "ASSAULT": "Violence against civilians",
    "FIGHT": "Battles",
    "INVESTIGATE": "Strategic developments",
}
# Weapons whose use ACLED counts as explosions/remote violence, not battles.
REMOTE_WEAPONS = WordList("remote_weapons")

# The words that signal each type live in sayso/data/lexicons/events.toml:
# event_verbs (verb lemmas), event_phrases ("call for": a verb that means another
# type with this particle or preposition) and event_nouns ("protests erupted").


@cached
def _by_word(name: str) -> dict[str, str]:
    """A table of words by type, read as the type of each word (the last wins)."""
    return {word: kind for kind, words in table(name).items() for word in sorted(words)}


# Verbs that carry an event noun as their object: "staged protests", "held talks".
LIGHT_VERBS = WordList("light_verbs")
# Types whose promise is a threat ("would blockade Paris"), not an agreement.
HOSTILE = frozenset("FIGHT ASSAULT COERCE SANCTION REJECT PROTEST".split())


# Armed forces: with them, reaching or entering a place is a battle's advance.
MILITARY = WordList("military")
_MOVING = WordList("moving_verbs")
# Moving people: done to them by armed men ("were transferred by army officers to
# camps"), a forced transfer.
_CARRYING = WordList("carrying_verbs")
# Blocking a road or a bridge is a protest unless the state's agents do it.
_BLOCKING = WordList("blocking_verbs")
_STATE = WordList("state_agents")
# Who carries out a forced transfer: the military, and the state's armed agents.
ENFORCERS = MILITARY | WordList("enforcers")


def verb_type(
    lemma: str,
    particles: tuple[str, ...] = (),
    subject: str | None = None,
    agent: str | None = None,
) -> str | None:
    """The type a verb signals, given the particles and prepositions it takes, the
    lemma of its subject ("troops entered the town" is an advance) and of the
    agent of its passive ("were transferred by army officers")."""
    if lemma in _MOVING and subject in MILITARY:
        return "FIGHT"
    if lemma in _CARRYING and agent in ENFORCERS:
        return "COERCE"
    if lemma in _BLOCKING and subject is not None and subject not in _STATE:
        return "PROTEST"  # "dock workers blocked the bridge"; the police blocking it coerce
    for particle in particles:
        found = _by_word("event_phrases").get(f"{lemma} {particle}")
        if found:
            return found
    return _by_word("event_verbs").get(lemma)


_LABOUR_STRIKE = WordList("labour_strike_words")
# The use of these is an attack: "the use of toxic gases in Irbin".
_CHEMICAL = frozenset("chemical toxic chlorine sarin gas gases nerve mustard".split())


def noun_type(lemma: str, near: frozenset[str] = frozenset()) -> str | None:
    """The type an event noun signals; ``near`` holds the words about it (its
    modifiers and its head): "strike" is a protest only beside words of a
    walk-out ("general strike", "went on strike"), else an attack."""
    if lemma == "strike" and _LABOUR_STRIKE.isdisjoint(near):
        return "FIGHT"
    if lemma == "use" and not _CHEMICAL.isdisjoint(near):
        return "ASSAULT"  # "allegations of chemical weapons use in Irbin"
    return _by_word("event_nouns").get(lemma)


def acled_type(plover: str, words: frozenset[str] = frozenset()) -> str:
    """The ACLED-style type of a PLOVER type; a fight with shells, bombs or drones
    is explosions/remote violence."""
    if plover == "FIGHT" and words & REMOTE_WEAPONS:
        return "Explosions/Remote violence"
    return ACLED_TYPES.get(plover, "Strategic developments")
