"""Who did what to whom: the actor and target of an event's trigger word.

The actor is the trigger's subject (the agent of a passive), the target its
object or the object of the preposition that follows ("met with", "fired on");
PLOVER's coding rules decide the rest: the speaker of a demand acts on the one
told, the target of a threat is whom the threatened act is done to, an act with
no object is done to its place, and people and places come before things.
"""

from __future__ import annotations

from typing import Any

from sayso.events.ontology import LIGHT_VERBS, MILITARY
from sayso.nlp.lexicons import WordList
from sayso.nlp.syntax import subject

Token = Any  # spacy.tokens.Token: spaCy ships no type stubs
# Prepositions that introduce whom an event is done to: "fired on", "met with".
_TARGET_PREPS = WordList("target_prepositions")
_OBJECTS = ("dobj", "dative", "attr")


def _agent(token: Token) -> Token | None:
    """The agent of a passive: "by SAA officers"; the parser may hang the "by" on a
    noun after the verb ("transferred to camps by army personnel")."""
    agents = [c for c in token.children if c.dep_ == "agent"]
    if not agents and any(c.dep_ == "auxpass" for c in token.children):
        agents = [t for t in token.subtree if t.lower_ == "by" and t.dep_ == "prep"]
    for agent in agents[:1]:
        for noun in (g for g in agent.children if g.dep_ == "pobj"):
            return noun
    return None


def agent_lemma(token: Token) -> str | None:
    agent = _agent(token)
    return str(agent.lemma_.lower()) if agent is not None else None


def participants(token: Token) -> tuple[Token | None, Token | None]:
    """(actor, target) of a trigger word. A pronoun actor ("Hungary said it will
    support ...") is the named subject of the clause above it."""
    actor, target = _participants(token)
    return _named(actor), target


# Verbs whose subject undergoes the event its object names: "any man who flees
# faces conscription", "the city suffered heavy shelling".
_UNDERGOING = WordList("undergoing_verbs")


def _participants(token: Token) -> tuple[Token | None, Token | None]:
    if token.pos_ == "NOUN":
        actor, target = _noun_participants(token)
        if actor is None and token.head.lemma_.lower() in _UNDERGOING:
            return None, target or _governing_subject(token)
        return actor or _governing_subject(token), target
    passive = [c for c in token.children if c.dep_ == "nsubjpass"]
    if passive:
        return _agent(token), passive[0]
    subjects = subject(token)
    if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in token.children):
        # "Russia said Sudan must return the helicopter": Russia demands, of Sudan
        return _governing_subject(token), (subjects[0] if subjects else None)
    told = _told(token)
    if told is not None:  # "demanded that the US cancel ...": of the US
        return (subjects[0] if subjects else _governing_subject(token)), told
    objects = [c for c in token.children if c.dep_ in _OBJECTS]
    target = _prep_object(token)
    if objects and (target is None or is_party(objects[0]) or not is_party(target)):
        target = objects[0]  # "provided food aid to refugees": the refugees
    if target is None or target.lemma_.lower() in MILITARY:
        target = _done_to(token) or target
    if target is not None and not is_party(target) and target.lemma_.lower() not in _PLACE_NOUNS:
        target = _owner(target) or target
    return (subjects[0] if subjects else _governing_subject(token)), target


# A part of a place is the place an event reaches, not its owner's thing:
# "reached Aleppo's central a-Shaar district".
_PLACE_NOUNS = WordList("place_nouns")


def _owner(thing: Token) -> Token | None:
    """The party a thing is of: "praised Haiti's efforts" (Haiti), "rejected calls
    by Belarus's rulers" (the rulers)."""
    for child in thing.children:
        if child.dep_ == "poss" and is_party(child) and child.lower_ not in PRONOUNS:
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            parties = [g for g in child.children if g.dep_ == "pobj" and is_party(g)]
            if parties:
                return parties[0]
    return None


def _done_to(token: Token) -> Token | None:
    """Whom an act with no object of its own is done to: the target of the act it
    announces ("threatened to break relations with Russia"), else the place it
    is done in or from ("demonstrated in Serbia", "withdraw its troops from
    Lebanon")."""
    for clause in token.children:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        if clause.dep_ == "xcomp" and infinitive:
            found = _participants(clause)[1]
            if found is not None:
                return found
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "into"):
            places = [g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ in _PLACES]
            if places:
                return places[0]
    return None


def _told(token: Token) -> Token | None:
    """The subject of the clause a demand or rejection is about."""
    for clause in token.children:
        if clause.dep_ == "ccomp":
            found = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if found:
                return found[0]
    return None


def is_party(token: Token) -> bool:
    """A person, group, organisation or place: someone an event can be done to."""
    return token.ent_type_ in _PARTIES or token.pos_ == "PROPN" or token.lemma_ in _PEOPLE


_PARTIES = frozenset("PERSON NORP ORG GPE LOC FAC".split())
_PLACES = frozenset("GPE LOC".split())
_PEOPLE = WordList("people_nouns")
_NOT_TARGETS = frozenset("DATE TIME CARDINAL ORDINAL PERCENT MONEY QUANTITY".split())
PRONOUNS = WordList("party_pronouns")
_RELATIVES = frozenset({"who", "which", "that", "whom"})


def _governing_subject(token: Token) -> Token | None:
    """The subject of the nearest verb above the token that has one: "promised to
    continue military aid", "said it will support"."""
    node = token
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        found = subject(node) if node.pos_ in ("VERB", "AUX") else []
        if found:
            return found[0]
    return None


def _named(actor: Token | None) -> Token | None:
    """A relative pronoun stands for the noun its clause hangs from ("men who
    fled"); a personal pronoun for the named subject of a verb above it."""
    if actor is not None and actor.lower_ in _RELATIVES:
        clause = actor.head
        return clause.head if clause.dep_ == "relcl" else actor
    if actor is None or actor.lower_ not in PRONOUNS:
        return actor
    above = _governing_subject(actor.head) if actor.head.i != actor.i else None
    return above if above is not None and above.lower_ not in PRONOUNS else actor


def _prep_object(*tokens: Token) -> Token | None:
    """The object of a target preposition of the tokens; "with" and "from" last,
    since they also name an instrument or a source ("delivered a strike with
    precision weapons on deployment points")."""
    found = []
    for prep in (c for token in tokens for c in token.children):
        if prep.dep_ == "prep" and prep.lower_ in _TARGET_PREPS:
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            if objects and objects[0].ent_type_ not in _NOT_TARGETS:
                found.append((prep.lower_ in _WEAK_TARGET_PREPS, objects[0]))
    return min(found, key=lambda item: (item[0], item[1].i))[1] if found else None


_WEAK_TARGET_PREPS = frozenset({"with", "from"})


def _noun_participants(noun: Token) -> tuple[Token | None, Token | None]:
    """ "the army's offensive on Idlib", "an attack by rebels against the base"."""
    actor = next((c for c in noun.children if c.dep_ == "poss"), None)
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            actor = next((g for g in prep.children if g.dep_ == "pobj"), actor)
    if actor is None:  # "Syrian troops" -> the modifier names who
        actor = next(
            (c for c in noun.children if c.dep_ in ("amod", "compound") and c.ent_type_), None
        )
    # "delivered a strike ... on deployment points": the light verb takes the target
    above = (noun.head,) if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS else ()
    return actor, _prep_object(noun, *above)
