"""Events in an article: who did what to whom, one per sentence that states one
(two when a clause of time tells one of its own).

A sentence's event is its trigger nearest the root of the parse (a verb of the
ontology, or an event noun when no verb is one: "protests erupted"); its actor
is the trigger's subject (the agent of a passive), its target the object or the
object of the preposition that follows ("met with", "fired on"). An event inside
an account's content is that account's word, not the article's.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from sayso.events.casualties import casualties
from sayso.events.incidents import incidents_of
from sayso.events.ontology import HOSTILE, LIGHT_VERBS, acled_type, noun_type, verb_type
from sayso.events.participants import PRONOUNS, agent_lemma, is_party, participants
from sayso.events.when import resolve
from sayso.events.where import where_of
from sayso.model import Account, Article, Event, Place, Span, stable_id
from sayso.nlp.lexicons import WordList
from sayso.nlp.spanindex import Ordered
from sayso.nlp.syntax import bounds, subject, trim

# In the id of everything this stage makes: a new version, new ids (pipeline.STAGES).
EVENTS_VERSION = "events@2"

Token = Any  # spacy.tokens.Token: spaCy ships no type stubs
# Prepositions that introduce whom an event is done to: "fired on", "met with".
_TARGET_PREPS = WordList("target_prepositions")
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


def _words_about(token: Token) -> frozenset[str]:
    """The words of a noun's phrase, and "on" when it is its head: "a strike by
    dock workers", "went on strike" (not "a strike on the market")."""
    words = {t.lower_ for t in token.subtree if t.i != token.i} - {"on"}
    if token.head.lower_ == "on" and token.head.i != token.i:
        words.add("on")
    return frozenset(words)


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
            found = verb_type(lemma, _particles(token), _subject_lemma(token), agent_lemma(token))
            found = found or ("DEMAND" if _required(token) else None)  # "must ensure security"
            if found and not unreal(token) and not _identifies(token):
                verbs.append((depth(token), token.i, Trigger(token, coded_type(token, found))))
        elif (
            token.pos_ == "NOUN"
            and (found := noun_type(lemma, _words_about(token)))
            and not unreal(token)
        ):
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
_UNREAL = WordList("unreal_words")
_UNREAL_NOUNS = WordList("unreal_nouns")
# Nouns that name an allegation: what they are "of" is claimed, not stated. (The
# verb "claim" makes an account, whose events are kept as its word.)
_CLAIM_NOUNS = WordList("claim_nouns")


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
    return not any(is_party(o) and o.lower_ not in PRONOUNS for o in objects)


# Conjunctions of a clause of time: "After the rebels stalled the offensive,
# fighters retrieved the bodies" tells two events.
_TEMPORAL = WordList("temporal_conjunctions")


def triggers_of(sentence: Any) -> list[tuple[Trigger, str]]:
    """The sentence's event first, then the event of its clause of time, or of its
    main clause when the first is in the clause of time: "After a-Shaar's rebels stalled the
    offensive (one), Yazan and other fighters took advantage of a lull in the
    fighting (two)". Each comes with the words of its part of the sentence, where
    its casualty figures are told."""
    first = trigger_of(sentence)
    if first is None:
        return []
    clauses = [t for t in sentence if t.dep_ == "advcl" and _of_time(t)]
    if not clauses:
        return [(first, sentence.text)]
    inner = list(clauses[0].subtree)
    within = {t.i for t in inner}
    outer = [t for t in sentence if t.i not in within]
    parts = (inner, outer) if first.token.i in within else (outer, inner)
    other = trigger_of(parts[1])
    found = [(first, _words(parts[0]))]
    return found if other is None else [*found, (other, _words(parts[1]))]


def _words(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens)


def _of_time(clause: Token) -> bool:
    """A clause opened by a conjunction of time (which the parser may also read
    as a preposition: "After" in "After a-Shaar's rebels stalled ...")."""
    return any(
        m.dep_ in ("mark", "prep", "advmod") and m.lower_ in _TEMPORAL and m.i < clause.i
        for m in clause.children
    )


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
_COMMITTING = WordList("committing_words")
_FUTURE = WordList("future_auxiliaries")
# Verbal acts keep their type when promised: "will criticise" is still criticism.
_VERBAL = frozenset({"DEMAND", "DISAPPROVE", "THREATEN", "AGREE"})


# Words whose clause says what someone must do: "its demand that Israel ease ...".
_DEMANDING = WordList("demanding_words")


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


def events_of(
    doc: Any,
    article: Article,
    accounts: tuple[Account, ...],
    places: tuple[Place, ...] = (),
) -> tuple[Event, ...]:
    """The events each sentence states (one, or two when a clause of time holds
    one of its own), with whose word each is and where. A sentence that states a
    toll and no event ("media reported the deaths of eight people") reports a
    killing: its event is an assault on its main verb."""
    found = []
    index = _Index(doc, accounts, places)
    for sentence in doc.sents:
        triggers = triggers_of(sentence)
        if not triggers and casualties(sentence.text).killed is not None:
            triggers = [(Trigger(sentence.root, "ASSAULT"), sentence.text)]
        for trigger, words in triggers:
            found.append(_event(article, sentence, trigger, index, words))
    return incidents_of(article, found, places)


class _Index:
    """What each event asks of the whole article, indexed once: the accounts and
    place mentions by start, the time expressions (asking a sentence for its
    entities reads every entity of the page)."""

    def __init__(self, doc: Any, accounts: tuple[Account, ...], places: tuple[Place, ...]):
        self.text: str = doc.text  # a property that joins every token: read it once
        self.accounts = accounts
        self.by_content = Ordered(a.content for a in accounts)
        # (geonames id unknown, not a part, mention, place id, a country) as _where
        # reads them
        self.mentions = [
            (
                place.geonames_id is None,
                place.part_of is None,
                mention,
                place.id,
                place.precision == "country",
            )
            for place in places
            if not place.dateline
            for mention in place.mentions
        ]
        self.by_mention = Ordered(m[2] for m in self.mentions)
        self.times = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        self.time_starts = [e.start for e in self.times]

    def account_of(self, span: Span) -> Account | None:
        """The first account whose content holds ``span``."""
        holding = self.by_content.containing(span)
        return self.accounts[holding[0]] if holding else None

    def times_in(self, sentence: Any) -> list[Any]:
        """``sentence.ents`` of a date or time, without reading every entity."""
        lo = bisect_left(self.time_starts, sentence.start)
        hi = bisect_left(self.time_starts, sentence.end)
        return [e for e in self.times[lo:hi] if e.end <= sentence.end]


def _event(
    article: Article,
    sentence: Any,
    trigger: Trigger,
    index: _Index,
    told: str,
) -> Event:
    """The event of one trigger; ``told`` is its part of the sentence, whose
    casualty figures are its own ("After troops shelled the village, killing
    five, rebels attacked a post": the five are the shelling's)."""
    text = article.text
    token = trigger.token
    actor, target = participants(token)
    span = Span(token.idx, token.idx + len(token.text))
    words = frozenset(t.lemma_.lower() for t in sentence)
    account = index.account_of(span)
    where, place_id = where_of(
        token,
        Span(sentence.start_char, sentence.end_char),
        index,
        account.content if account is not None else None,
    )
    return Event(
        id=stable_id("evt", article.id, EVENTS_VERSION, span.start, span.end),
        article_id=article.id,
        type=trigger.type,
        acled_type=acled_type(trigger.type, words),
        trigger=span,
        sentence=trim(text, sentence.start_char, sentence.end_char),
        actor=_phrase(text, actor),
        target=_phrase(text, target),
        negated=any(c.dep_ == "neg" for c in token.children),
        account_id=account.id if account is not None else None,
        place=where,
        place_id=place_id,
        **_figures(told),
        **_time(token, index.times_in(sentence), article.published),
    )


def _figures(sentence: str) -> dict[str, Any]:
    """The casualty figures the sentence states, as :class:`Event` fields: the
    toll (else the civilians, else the fighters killed), the civilians among it,
    the top of a range, the wounded."""
    found = casualties(sentence)
    dead = found.killed or found.civilians or found.fighters
    hurt = found.injured
    return {
        "fatalities": dead.number if dead else None,
        "fatalities_qualifier": dead.qualifier if dead else None,
        "fatalities_max": found.killed_max if found.killed else None,
        "civilians": found.civilians.number if found.civilians else None,
        "injured": hurt.number if hurt else None,
        "injured_qualifier": hurt.qualifier if hurt else None,
    }


def _time(token: Token, times: list[Any], published: str | None) -> dict[str, Any]:
    """The sentence's time expression nearest the trigger, resolved."""
    found = list(times)
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
