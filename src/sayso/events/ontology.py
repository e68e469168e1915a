"""The event types sayso codes: PLOVER's, with the words that signal each and a
mapping to ACLED-style types.

PLOVER (the Political Language Ontology for Verifiable Event Records, Open Event
Data Alliance) types who did what to whom; ACLED types what conflict monitors
count. The word lists were written from PLOVER's definitions of each type and
CAMEO's verb dictionaries, not from any scored data.
"""

from __future__ import annotations

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
REMOTE_WEAPONS = frozenset(
    """shell shelling bomb bombing airstrike air strike missile rocket drone mortar
    artillery explosive explosion blast ied barrel""".split()
)

# Verb lemmas, with a particle or preposition where the verb needs one
# ("call for", "pull out"), and the type each signals.
_VERBS: dict[str, str] = {
    **dict.fromkeys(
        """agree sign settle conclude ratify accept reconcile compromise normalize
        normalise""".split(),
        "AGREE",
    ),
    **dict.fromkeys(
        """meet visit host consult negotiate talk discuss confer telephone phone
        mediate""".split(),
        "CONSULT",
    ),
    **dict.fromkeys(
        """support praise endorse back welcome commend applaud hail laud defend
        recognize recognise congratulate thank forgive establish""".split(),
        "SUPPORT",
    ),
    **dict.fromkeys(
        """concede yield release free apologize apologise ease relax allow
        reopen return pardon amnesty""".split(),
        "CONCEDE",
    ),
    **dict.fromkeys("cooperate collaborate ally partner coordinate share".split(), "COOPERATE"),
    **dict.fromkeys("aid donate provide supply fund grant assist help give".split(), "AID"),
    **dict.fromkeys(
        "withdraw retreat evacuate demobilize demobilise disarm surrender resign lift".split(),
        "RETREAT",
    ),
    **dict.fromkeys(
        "demand urge request ask appeal press insist petition order".split(),
        "DEMAND",
    ),
    **dict.fromkeys(
        """criticize criticise condemn denounce accuse blame charge deplore
        censure rebuke slam decry complain disapprove""".split(),
        "DISAPPROVE",
    ),
    **dict.fromkeys(
        """reject refuse dismiss veto rebuff oppose deny spurn boycott decline renege
        violate""".split(),
        "REJECT",
    ),
    **dict.fromkeys("threaten warn vow ultimatum".split(), "THREATEN"),
    **dict.fromkeys(
        "protest demonstrate rally march riot picket strike".split(),
        "PROTEST",
    ),
    **dict.fromkeys(
        "sanction embargo suspend freeze halt expel recall sever".split(),
        "SANCTION",
    ),
    **dict.fromkeys(
        "mobilize mobilise deploy mass reinforce station alert".split(),
        "MOBILIZE",
    ),
    **dict.fromkeys(
        """arrest detain seize jail imprison deport confiscate ban raid abduct
        kidnap round censor prosecute sentence restrict block blockade
        besiege demolish destroy bulldoze hack conscript draft force compel coerce""".split(),
        "COERCE",
    ),
    **dict.fromkeys(
        """kill assault massacre torture execute assassinate behead murder rape
        beat wound injure maim hijack""".split(),
        "ASSAULT",
    ),
    **dict.fromkeys(
        """attack fight clash shell bomb invade occupy ambush battle fire shoot
        strike capture storm overrun recapture bombard advance repel retake""".split(),
        "FIGHT",
    ),
    **dict.fromkeys(
        "investigate probe inquire examine inspect investigation".split(),
        "INVESTIGATE",
    ),
}
# A verb that means another type with this particle or preposition.
_PHRASES: dict[tuple[str, str], str] = {
    ("call", "for"): "DEMAND",
    ("call", "on"): "DEMAND",
    ("pull", "out"): "RETREAT",
    ("pull", "back"): "RETREAT",
    ("step", "down"): "CONCEDE",
    ("give", "up"): "CONCEDE",
    ("set", "up"): "COOPERATE",
    ("look", "into"): "INVESTIGATE",
    ("hold", "talk"): "CONSULT",
    ("cut", "off"): "SANCTION",
    ("open", "fire"): "FIGHT",
    ("take", "control"): "FIGHT",
    ("crack", "down"): "COERCE",
    ("round", "up"): "COERCE",
    ("walk", "out"): "PROTEST",
    ("blow", "up"): "COERCE",
    ("push", "out"): "FIGHT",
    ("force", "out"): "FIGHT",
    ("push", "back"): "FIGHT",
    ("hand", "over"): "CONCEDE",
}
# Nouns that name an event when no verb does ("protests erupted", "talks began").
_NOUNS: dict[str, str] = {
    **dict.fromkeys("agreement accord deal treaty pact ceasefire truce".split(), "AGREE"),
    **dict.fromkeys("talk meeting summit visit negotiation".split(), "CONSULT"),
    **dict.fromkeys("aid assistance donation".split(), "AID"),
    **dict.fromkeys("protest demonstration rally march riot strike sit".split(), "PROTEST"),
    **dict.fromkeys("sanction embargo".split(), "SANCTION"),
    **dict.fromkeys("arrest detention raid crackdown curfew conscription".split(), "COERCE"),
    **dict.fromkeys("massacre killing assassination execution".split(), "ASSAULT"),
    **dict.fromkeys(
        "attack clash fighting offensive airstrike shelling bombing battle".split(),
        "FIGHT",
    ),
    **dict.fromkeys("investigation probe inquiry hearing".split(), "INVESTIGATE"),
    **dict.fromkeys("threat ultimatum".split(), "THREATEN"),
    **dict.fromkeys("withdrawal retreat evacuation".split(), "RETREAT"),
    **dict.fromkeys("condemnation criticism".split(), "DISAPPROVE"),
}


# Verbs that carry an event noun as their object: "staged protests", "held talks".
LIGHT_VERBS = frozenset(
    "stage hold launch begin continue mount carry conduct start resume hold call".split()
)
# Types whose promise is a threat ("would blockade Paris"), not an agreement.
HOSTILE = frozenset("FIGHT ASSAULT COERCE SANCTION REJECT PROTEST".split())


# Armed forces: with them, reaching or entering a place is a battle's advance.
MILITARY = frozenset(
    """army force troop soldier rebel fighter militia militant ally insurgent
    jihadist guerrilla regiment brigade battalion""".split()
)
_MOVING = frozenset({"reach", "enter"})
# Moving people: done to them by armed men ("were transferred by army officers to
# camps"), a forced transfer.
_CARRYING = frozenset({"transfer", "take", "send", "move", "bus", "relocate", "transport"})
# Blocking a road or a bridge is a protest unless the state's agents do it.
_BLOCKING = frozenset({"block", "barricade"})
_STATE = frozenset(
    """army force troop soldier police policeman officer personnel guard government
    authority state ministry regime""".split()
)
# Who carries out a forced transfer: the military, and the state's armed agents.
ENFORCERS = MILITARY | frozenset({"officer", "personnel", "police", "policeman", "guard"})


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
        found = _PHRASES.get((lemma, particle))
        if found:
            return found
    return _VERBS.get(lemma)


def noun_type(lemma: str) -> str | None:
    return _NOUNS.get(lemma)


def acled_type(plover: str, words: frozenset[str] = frozenset()) -> str:
    """The ACLED-style type of a PLOVER type; a fight with shells, bombs or drones
    is explosions/remote violence."""
    if plover == "FIGHT" and words & REMOTE_WEAPONS:
        return "Explosions/Remote violence"
    return ACLED_TYPES.get(plover, "Strategic developments")
