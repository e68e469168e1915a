"""Word lists the attribution rules read: cue verbs, role nouns, name particles.

The words live in ``sayso/data/lexicons/attribution.toml`` (extendable with
``--lexicon``); each name here is a :class:`~sayso.nlp.lexicons.WordList` that
reads them at each use.
"""

from __future__ import annotations

from collections.abc import Mapping

from sayso.nlp.lexicons import WordList, table

SPEECH_VERBS = WordList("speech_verbs")
FINDING_VERBS = WordList("finding_verbs")
BELIEF_VERBS = WordList("belief_verbs", "finding_verbs")
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS

ROLE_NOUNS = WordList("role_nouns")
NAME_PARTICLES = WordList("name_particles")
TITLES = WordList("titles")
PERSON_PRONOUNS = WordList("person_pronouns")
GROUP_PRONOUNS = WordList("group_pronouns")
FIRST_PERSON = WordList("first_person")
COMPASS = WordList("compass")

OBJECT_CUES = WordList("object_cues")
VIEW_CUES = WordList("view_cues")
EVIDENCE_CUES = WordList("evidence_cues")
ACCUSE_CUES = WordList("accuse_cues")
EVIDENCE_NOUNS = WordList("evidence_nouns")
NAMING_CUES = WordList("naming_cues")
INTENT_CUES = WordList("intent_cues")
PREP_CUE_VERBS = WordList("prep_cues")  # the verbs of prep_cues

MALE_NAMES = WordList("male_names")
FEMALE_NAMES = WordList("female_names")


def prep_cues() -> Mapping[str, frozenset[str]]:
    """Speech acts whose content is a noun phrase, and the prepositions that introduce
    it: "called for a ceasefire", "warned of famine"."""
    return table("prep_cues")


def role_family(noun: str) -> frozenset[str]:
    """The set of roles that count as the same kind of person as ``noun``."""
    for family in table("role_families").values():
        if noun in family:
            return family
    return frozenset({noun})
