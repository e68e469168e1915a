"""Events in an article: who did what to whom, one per sentence that states one.

A sentence's event is its trigger nearest the root of the parse (a verb of the
ontology, or an event noun when no verb is one: "protests erupted"); its actor
is the trigger's subject (the agent of a passive), its target the object or the
object of the preposition that follows ("met with", "fired on"). An event inside
an account's content is that account's word, not the article's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sayso.events.casualties import injured, killed
from sayso.events.ontology import (
    HOSTILE,
    LIGHT_VERBS,
    MILITARY,
    acled_type,
    noun_type,
    verb_type,
)
from sayso.events.when import resolve
from sayso.model import Account, Article, Event, Place, Span, stable_id
from sayso.nlp.syntax import bounds, subject, trim

Token = Any  # spacy.tokens.Token: spaCy ships no type stubs
# Prepositions that introduce whom an event is done to: "fired on", "met with".
_TARGET_PREPS = frozenset("against with on at to into upon toward towards from".split())
_OBJECTS = ("dobj", "dative", "attr")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
MAX_DEPTH = 30  # guards the walk to the root against a malformed parse


@dataclass(frozen=True, slots=True)
class Trigger:
    """The word of a sentence that names its event, and the event's type."""

    token: Token
    type: str


def depth(token: Token) -> int:
    """Arcs from the token up to its sentence's root."""
    steps = 0
    while token.head.i != token.i and steps < MAX_DEPTH:
        token, steps = token.head, steps + 1
    return steps


def _particles(token: Token) -> tuple[str, ...]:
    """The words that change a verb's meaning: "call for", "pull out", "hold talks"."""
    out = [c.lower_ for c in token.children if c.dep_ in ("prt", "prep")]
    out += [c.lemma_.lower() for c in token.children if c.dep_ == "dobj"]
    return tuple(out)


def trigger_of(sentence: Any) -> Trigger | None:
    """The sentence's event word nearest the root: a verb of the ontology, else an
    event noun."""
    verbs: list[tuple[int, int, Trigger]] = []
    nouns: list[tuple[int, int, Trigger]] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if (
            token.pos_ == "VERB"
            and token.dep_ not in ("amod", "compound")
            and not (_conjunction(token))
        ):  # "Iranian-backed militias" names who, not an event
            found = verb_type(lemma, _particles(token), _subject_lemma(token), _agent_lemma(token))
            found = found or ("DEMAND" if _required(token) else None)  # "must ensure security"
            if found and not unreal(token) and not _identifies(token):
                verbs.append((depth(token), token.i, Trigger(token, coded_type(token, found))))
        elif token.pos_ == "NOUN" and (found := noun_type(lemma)) and not unreal(token):
            if token.dep_ == "dobj" and _is_light(token.head):
                # "staged mass demonstrations": the event is where its light verb is
                verbs.append((depth(token.head), token.i, Trigger(token, found)))
            else:
                nouns.append((depth(token), token.i, Trigger(token, found)))
    ranked = sorted(verbs or nouns, key=lambda item: (item[0], item[1]))
    return ranked[0][2] if ranked else None


# Words under which an act is only wished, feared, weighed or refused, not done:
# "don't want to end our struggle by killing our brothers", "a fear of forced
# conscription", "two choices: fighting with the regime or ...", "better than
# seeing my sons fighting", "the claims of forced conscription" (an allegation
# that the sentence does not make).
_UNREAL = frozenset("want wish hope fear afraid better rather prefer avoid refuse".split())
_UNREAL_NOUNS = frozenset("fear choice option".split())
# Nouns that name an allegation: what they are "of" is claimed, not stated. (The
# verb "claim" makes an account, whose events are kept as its word.)
_CLAIM_NOUNS = frozenset("claim allegation rumour rumor".split())


def unreal(token: Token) -> bool:
    """The token is inside a wish, fear, choice or claim: no event happened."""
    node = token
    for _ in range(MAX_DEPTH):
        if node.head.i == node.i:
            return False
        child, node = node, node.head
        words = {node.lemma_.lower(), node.lower_}  # "better" has the lemma "well"
        if words & _UNREAL or (node.pos_ == "NOUN" and words & _UNREAL_NOUNS):
            return True
        if node.pos_ == "NOUN" and words & _CLAIM_NOUNS and child.lower_ == "of":
            return True
    return False


def _identifies(token: Token) -> bool:
    """ "we recognized some of them": to recognise a person is to know them again;
    only a state or body recognised ("recognised Kosovo") is support."""
    if token.lemma_.lower() not in ("recognize", "recognise"):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return not any(_is_party(o) and o.lower_ not in _PRONOUNS for o in objects)


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


def _agent_lemma(token: Token) -> str | None:
    agent = _agent(token)
    return str(agent.lemma_.lower()) if agent is not None else None


def _subject_lemma(token: Token) -> str | None:
    found = subject(token)
    return found[0].lemma_.lower() if found else None


def _conjunction(token: Token) -> bool:
    """ "given that", "provided that": a participle used as a conjunction."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return (
        token.lower_ in ("given", "provided")
        and following is not None
        and (following.lower_ == "that")
    )


def _is_light(verb: Token) -> bool:
    """A light verb, by its lemma or, where the lemmatiser slips ("staged" ->
    "stag"), by its form."""
    if verb.lemma_.lower() in LIGHT_VERBS:
        return True
    word = verb.lower_
    stems = {word[:-1], word[:-2], word[:-3]} if len(word) > 4 else set()
    return bool(stems & LIGHT_VERBS) or word in ("held", "began", "begun")


# Words under which an act is promised rather than done: "offered to negotiate",
# "is willing to withdraw", "have sworn to fight".
_COMMITTING = frozenset(
    "offer promise pledge vow commit agree willing prepared ready swear sworn plan intend".split()
)
_FUTURE = frozenset({"will", "would", "shall", "'ll"})
# Verbal acts keep their type when promised: "will criticise" is still criticism.
_VERBAL = frozenset({"DEMAND", "DISAPPROVE", "THREATEN", "AGREE"})


# Words whose clause says what someone must do: "its demand that Israel ease ...".
_DEMANDING = frozenset("demand urge insist request call press".split())


def _required(token: Token) -> bool:
    """What "must" or "should" be done, or what a demand says is to be done."""
    if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in token.children):
        return True
    return token.dep_ in ("ccomp", "acl") and token.head.lemma_.lower() in _DEMANDING


def coded_type(token: Token, found: str) -> str:
    """PLOVER codes intentions by their mode: what must be done, or what a demand
    says is to be done, is a demand; a promise to act is an agreement, or a threat
    when the act is hostile or made conditional ("will withdraw unless ..."); a
    refusal to act is a rejection."""
    auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if _required(token):
        return "DEMAND"
    promised = bool(auxiliaries & _FUTURE) or (
        token.dep_ in ("xcomp", "acomp") and token.head.lemma_.lower() in _COMMITTING
    )
    if not promised:
        return found
    if any(c.dep_ == "neg" for c in token.children) and found not in ("REJECT", "DEMAND"):
        return "REJECT"  # "will not accept", "would not withdraw"
    if found in _VERBAL:
        return found
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children)
        for c in token.children
    )
    return "THREATEN" if found in HOSTILE or conditional else "AGREE"


def _phrase(text: str, token: Token | None) -> Span | None:
    if token is None:
        return None
    return trim(text, *bounds(list(token.subtree)))


def participants(token: Token) -> tuple[Token | None, Token | None]:
    """(actor, target) of a trigger word. A pronoun actor ("Hungary said it will
    support ...") is the named subject of the clause above it."""
    actor, target = _participants(token)
    return _named(actor), target


# Verbs whose subject undergoes the event its object names: "any man who flees
# faces conscription", "the city suffered heavy shelling".
_UNDERGOING = frozenset("face suffer undergo endure risk".split())


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
    if objects and (target is None or _is_party(objects[0]) or not _is_party(target)):
        target = objects[0]  # "provided food aid to refugees": the refugees
    if target is None or target.lemma_.lower() in MILITARY:
        target = _done_to(token) or target
    if target is not None and not _is_party(target):
        target = _owner(target) or target
    return (subjects[0] if subjects else _governing_subject(token)), target


def _owner(thing: Token) -> Token | None:
    """The party a thing is of: "praised Haiti's efforts" (Haiti), "rejected calls
    by Belarus's rulers" (the rulers)."""
    for child in thing.children:
        if child.dep_ == "poss" and _is_party(child) and child.lower_ not in _PRONOUNS:
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            parties = [g for g in child.children if g.dep_ == "pobj" and _is_party(g)]
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


def _is_party(token: Token) -> bool:
    """A person, group, organisation or place: someone an event can be done to."""
    return token.ent_type_ in _PARTIES or token.pos_ == "PROPN" or token.lemma_ in _PEOPLE


_PARTIES = frozenset("PERSON NORP ORG GPE LOC FAC".split())
_PLACES = frozenset("GPE LOC".split())
_PEOPLE = frozenset(
    """people refugee civilian resident protester worker student soldier troop force
    rebel militant fighter official leader government army police""".split()
)
_NOT_TARGETS = frozenset("DATE TIME CARDINAL ORDINAL PERCENT MONEY QUANTITY".split())
_PRONOUNS = frozenset("it they he she its their his her them we i".split())
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
    if actor is None or actor.lower_ not in _PRONOUNS:
        return actor
    above = _governing_subject(actor.head) if actor.head.i != actor.i else None
    return above if above is not None and above.lower_ not in _PRONOUNS else actor


def _prep_object(token: Token) -> Token | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in _TARGET_PREPS:
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            if objects and objects[0].ent_type_ not in _NOT_TARGETS:
                return objects[0]
    return None


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
    return actor, _prep_object(noun)


def events_of(
    doc: Any,
    article: Article,
    accounts: tuple[Account, ...],
    places: tuple[Place, ...] = (),
) -> tuple[Event, ...]:
    """One event per sentence that states one, with whose word it is and where."""
    text = article.text
    found = []
    for sentence in doc.sents:
        trigger = trigger_of(sentence)
        if trigger is None:
            continue
        token = trigger.token
        actor, target = participants(token)
        span = Span(token.idx, token.idx + len(token.text))
        words = frozenset(t.lemma_.lower() for t in sentence)
        account = next((a for a in accounts if a.content.contains(span)), None)
        owner = account.id if account is not None else None
        where, place_id = _where(
            token,
            Span(sentence.start_char, sentence.end_char),
            places,
            account.content if account is not None else None,
        )
        found.append(
            Event(
                id=stable_id("evt", article.id, span.start, span.end),
                article_id=article.id,
                type=trigger.type,
                acled_type=acled_type(trigger.type, words),
                trigger=span,
                sentence=trim(text, sentence.start_char, sentence.end_char),
                actor=_phrase(text, actor),
                target=_phrase(text, target),
                negated=any(c.dep_ == "neg" for c in token.children),
                account_id=owner,
                place=where,
                place_id=place_id,
                **_figures(sentence.text),
                **_time(token, sentence, article.published),
            )
        )
    return tuple(found)


def _where(
    token: Token, sentence: Span, places: tuple[Place, ...], content: Span | None = None
) -> tuple[Span | None, str | None]:
    """The place the sentence gives the event: a place the gazetteer knows before
    one it does not ("west of the Fawik River" in east Aleppo); a place inside the
    words of an account before one in its speaker ("Rebel leaders in east Aleppo
    claim ..."); one named in the trigger's phrase ("shelled the market in
    Kupiansk"), the part of a city before the city, else the first in the
    sentence. The dateline is never one."""
    # the trigger's phrase without its subject: "its allies, which include Russia,
    # pushed the rebels out of a-Shaar" happened in a-Shaar
    subjects = {t.i for c in token.children if c.dep_ in _SUBJECTS for t in c.subtree}
    starts = {t.idx for t in token.subtree if t.i not in subjects}
    found = [
        (place.geonames_id is None, place.part_of is None, mention, place.id)
        for place in places
        if not place.dateline
        for mention in place.mentions
        if sentence.contains(mention)
    ]
    found.sort(
        key=lambda item: (
            item[0],
            content is not None and not content.contains(item[2]),
            item[2].start not in starts,
            item[1],  # "Aleppo's central a-Shaar district": the part, not the city
            item[2].start,
        )
    )
    return (found[0][2], found[0][3]) if found else (None, None)


def _figures(sentence: str) -> dict[str, Any]:
    """The casualty figures the sentence states, as :class:`Event` fields."""
    dead, hurt = killed(sentence), injured(sentence)
    return {
        "fatalities": dead.number if dead else None,
        "fatalities_qualifier": dead.qualifier if dead else None,
        "injured": hurt.number if hurt else None,
        "injured_qualifier": hurt.qualifier if hurt else None,
    }


def _time(token: Token, sentence: Any, published: str | None) -> dict[str, Any]:
    """The sentence's time expression nearest the trigger, resolved."""
    found = [e for e in sentence.ents if e.label_ in ("DATE", "TIME")]
    if not found:
        return {}
    phrase = {t.i for t in token.subtree}
    found.sort(key=lambda e: (e.start not in phrase, abs(e.start - token.i)))
    expression = found[0]
    resolved = resolve(expression.text, published)
    return {
        "when": Span(expression.start_char, expression.end_char),
        "date_start": resolved.start,
        "date_end": resolved.end,
        "date_precision": resolved.precision,
    }
