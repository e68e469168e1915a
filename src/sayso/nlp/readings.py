"""Reading one speaker phrase: who it names (a person, an organisation, a group,
or a described person with no name), how the article describes them, and where
the name, descriptor and affiliation come from."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from sayso.model import UNKNOWN, Entity, Span
from sayso.nlp import sides as side_rules
from sayso.nlp.lexicon import FEMALE_NAMES, MALE_NAMES, ROLE_NOUNS, TITLES
from sayso.nlp.lexicons import WordList
from sayso.nlp.sides import SideDictionary, SideMatch
from sayso.nlp.spanindex import Ordered, SpanIndex
from sayso.nlp.stopwords import STOP_WORDS
from sayso.nlp.syntax import antecedent

# ", a father of three," / ", 58, who has lived here for two decades" after a name.
_APPOSITIVE = re.compile(
    r"^(?:,\s+\d{1,3})?,\s+(?P<desc>(?:(?:a|an|the|who)\s+)?[^,.;:“”\"]{3,90}?)\s*(?:,|\.|$)"
)
_RELATIVE = re.compile(r"\s+(?:who|which|that|whose)\s+.*$", re.IGNORECASE)
_GENDERED = {"m": WordList("male_nouns"), "f": WordList("female_nouns")}
_GROUP_HEADS = WordList("group_heads")


@dataclass(slots=True)
class Person:
    """What the article says about one named person."""

    entity: Entity
    descriptor: str | None = None
    affiliation: str | None = None
    gender: str | None = None  # "m" or "f" when a title or a role says so, else None


@dataclass(slots=True)
class Resolved:
    """A speaker phrase read: who it names, and how they are described."""

    name: str | None = None
    group: str | None = None
    organization: bool = False
    descriptor: str | None = None
    affiliation: str | None = None
    phrases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


def _lower_first(text: str, proper: bool) -> str:
    return text if proper or not text else text[0].lower() + text[1:]


def _clean(text: str) -> str:
    return " ".join(text.strip(" ,;:—–-").split())


class SpeakerResolver:
    def __init__(self, doc: Any, entities: tuple[Entity, ...], sides: SideDictionary) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.sides = sides
        self.orgs = [e for e in entities if e.label == "ORG"]
        self._places = [e.name for e in entities if e.label == "PLACE"]
        self._home: frozenset[str] | None = None  # see home()
        self.people = [Person(e) for e in entities if e.label == "PERSON"]
        # every person's mentions, in the order of the people, indexed by start
        self._mentions = [(m, p) for p in self.people for m in p.entity.mentions]
        self._by_mention = Ordered(m for m, _ in self._mentions)
        self._org_mentions = [(m, o) for o in self.orgs for m in o.mentions]
        self._by_org_mention = Ordered(m for m, _ in self._org_mentions)
        for person in self.people:
            self._describe(person)

    # -- what the article says of each person ------------------------------------------
    def _describe(self, person: Person) -> None:
        person.gender = self._gender(person)
        for mention in person.entity.mentions:
            desc = self._role_before(mention) or self._appositive(mention)
            if desc:
                person.descriptor = desc
                person.affiliation = self._affiliation(desc)
                return

    def _gender(self, person: Person) -> str | None:
        """From a title before a mention ("Mrs. Clinton"), a gendered role noun in an
        appositive ("a mother of five") or a common given name; None when unsure."""
        found: set[str] = set()
        first = person.entity.name.split()[0].lower().strip(".")
        found |= {"m"} if first in MALE_NAMES else {"f"} if first in FEMALE_NAMES else set()
        for mention in person.entity.mentions:
            before = re.search(
                r"\b(Mr|Mrs|Ms|Miss|Sir|Madam)\.?\s+$",
                self.text[max(0, mention.start - 8) : mention.start],
            )
            if before:
                found.add("m" if before.group(1) in ("Mr", "Sir") else "f")
            words = set(re.findall(r"\w+", (self._appositive(mention) or "").lower()))
            found |= {g for g, nouns in _GENDERED.items() if words & nouns}
        return found.pop() if len(found) == 1 else None

    def _role_before(self, mention: Span) -> str | None:
        """ "rebel fighter Yazan al-Halabi" -> "rebel fighter"."""
        tokens = self.tokens_before(mention.start, 10)
        while tokens and (tokens[-1].lower_.rstrip(".") in TITLES or tokens[-1].text == "."):
            tokens.pop()  # "Lt. Col. Avital Ben-Ami": titles are not the descriptor
        if tokens and tokens[-1].text == ",":
            tokens.pop()  # "An IDF spokesperson, Lt. Col. X": the descriptor comes first
        run: list[Any] = []
        for token in reversed(tokens[-6:]):
            # Nouns, adjectives and acronyms in brackets: "Israel Defense Forces (IDF) spokesperson"
            if token.pos_ in ("NOUN", "PROPN", "ADJ") or token.text in ("-", "(", ")"):
                run.insert(0, token)
                continue
            break
        while run and run[0].text == "-":
            run.pop(0)
        if not run or run[-1].lower_ not in ROLE_NOUNS:
            return None
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        return _lower_first(
            self.text[start:end],
            run[0].pos_ == "PROPN" and run[0].idx > 0 and self.text[run[0].idx - 1] not in "\n",
        )

    def tokens_in(self, span: Span) -> list[Any]:
        chars = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return list(chars) if chars is not None else []

    def tokens_before(self, pos: int, count: int) -> list[Any]:
        """Up to ``count`` tokens that end at or before character ``pos``."""
        # the token at pos: a span of one character, not one to the end of the page
        following = self.doc.char_span(pos, min(len(self.text), pos + 1), alignment_mode="expand")
        end = following.start if following is not None else len(self.doc)
        return [t for t in self.doc[max(0, end - count) : end] if t.idx + len(t.text) <= pos]

    def _appositive(self, mention: Span) -> str | None:
        """ "Abu Khaled, a father of three, told" -> "a father of three"."""
        match = _APPOSITIVE.match(self.text[mention.end : mention.end + 120])
        if not match:
            return None
        desc = match.group("desc")
        words = {w.lower() for w in re.findall(r"[\w-]+", desc)}
        introduced = desc.split()[0].lower() in ("a", "an", "the", "who")
        return desc if introduced or words & ROLE_NOUNS else None

    def _affiliation(self, phrase: str) -> str | None:
        for org in self.orgs:
            for name in (org.name, *org.aliases):
                if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", phrase):
                    return org.name
        return None

    def learn_gender(self, reading: Resolved | None, pronoun: str) -> None:
        """Once "she" is read as a person, a later "he" is someone else."""
        gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(pronoun)
        for person in self.people:
            if reading is not None and person.entity.name == reading.name and not person.gender:
                person.gender = gender

    def person_in(self, span: Span) -> tuple[Person, Span] | None:
        """The person a phrase names: the first one in it ("Elmendorf, who supports
        Clinton" is Elmendorf)."""
        inside = [self._mentions[i] for i in self._by_mention.within(span)]
        if not inside:
            return None
        mention, person = min(inside, key=lambda pair: pair[0].start)
        return person, mention

    # -- reading one speaker phrase ---------------------------------------------------------
    def read_label(self, phrase: Span) -> Resolved:
        """A transcript label in capitals ("JAKE TAPPER:", "FALLIN:") names the
        person of the article whose full name or surname it is; otherwise the
        label, as written, is the name."""
        label = " ".join(phrase.text(self.text).split())
        for person in self.people:
            name = person.entity.name.upper()
            if label in (name, name.split()[-1]):
                return Resolved(
                    name=person.entity.name,
                    descriptor=person.descriptor,
                    affiliation=person.affiliation,
                    phrases=[label],
                    mentions=[phrase],
                )
        return Resolved(name=label, phrases=[label], mentions=[phrase])

    def read(self, phrase: Span) -> Resolved:
        text = phrase.text(self.text)
        found = self.person_in(phrase)
        tokens = self.tokens_in(phrase)
        roots = [t for t in tokens if not (phrase.start <= t.head.idx < phrase.end) or t.head == t]
        head = roots[0] if roots else None
        plural = head is not None and (
            head.tag_ in ("NNS", "NNPS")
            or head.lower_ in _GROUP_HEADS
            or any(c.dep_ == "conj" for c in head.children)
        )
        if not found and not plural:  # a misparsed head ("Aid workers"): the first nouns
            plural = any(t.tag_ in ("NNS", "NNPS") for t in _before_preposition(tokens))
        resolved = Resolved(phrases=[text], mentions=[phrase])
        if found and not plural:
            person, mention = found
            resolved.name = person.entity.name
            rest = _clean(
                text[: mention.start - phrase.start] + " " + text[mention.end - phrase.start :]
            )
            own = self._role_before(mention) or self._appositive(mention) or (rest or None)
            resolved.descriptor = person.descriptor or own
            resolved.affiliation = person.affiliation or self._affiliation(text)
            return resolved
        if plural:
            group = _clean(_RELATIVE.sub("", text))
            if group.lower() in _GROUP_HEADS:  # "Those who fled": the clause is the description
                group = _clean(text)
            resolved.group = group
            resolved.name = found[0].entity.name if found else None
            desc = group
            if found:
                desc = _clean(desc.replace(found[1].text(self.text), "")).removeprefix("and other ")
            resolved.descriptor = _lower_first(_clean(desc), False) or None
            resolved.affiliation = self._affiliation(group)
            return resolved
        org = self.org_in(phrase)
        named = self.untagged_name(head, org)
        if named is not None:
            resolved.name, resolved.descriptor = named
            return resolved
        if org is None and head is not None and head.ent_type_ == "GPE" and len(tokens) <= 3:
            # "Iran insists ...": a state speaks through its government
            resolved.name = _clean(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))
            resolved.organization = True
        elif org is None and head is not None and _is_acronym(head):
            # "COGAT, the Israeli military body that oversees aid, said"
            resolved.name, resolved.organization = head.text, True
        if org is not None and head_role(text) is None:
            # "The World Food Programme said": the organisation speaks. ("UN official"
            # is a person of the UN: the organisation is an affiliation.)
            resolved.name = org.name
            resolved.organization = True
        # "The army" -> "the army", but "JNIM, the al-Qaeda-linked group" keeps its name.
        proper = bool(tokens) and tokens[0].pos_ == "PROPN"
        resolved.descriptor = _lower_first(_clean(text), proper) or None
        resolved.affiliation = self._affiliation(text)
        return resolved

    def untagged_name(self, head: Any, org: Entity | None) -> tuple[str, str | None] | None:
        """A person's name the model missed or called an organisation: a run of
        capitalised words ("Daw Nilar Win, who taught ...", "Hawa Ishag, a teacher")
        that an appositive describes as a person, or that no entity covers."""
        if head is None or head.tag_ != "NNP":
            return None
        name = [t for t in head.subtree if t.dep_ == "compound" or t == head]
        words = [t.text for t in name if t.lower_.rstrip(".") not in TITLES]
        end = Span(name[0].idx, name[-1].idx + len(name[-1].text))
        descriptor = self._appositive(end)
        described = descriptor is not None and head_role(descriptor) is not None
        untagged = head.ent_type_ == "" and org is None
        if (
            2 <= len(words) <= 4
            and all(w[:1].isupper() for w in words)
            and (untagged or (described and head.ent_type_ == "ORG"))
        ):
            return " ".join(words), descriptor
        return None

    def read_antecedent(self, pronoun: Span) -> Resolved | None:
        tokens = self.tokens_in(pronoun)
        if len(tokens) != 1 or tokens[0].head.dep_ != "relcl":
            return None
        span = antecedent(tokens[0].head, self.text)
        return self.read(span) if span is not None else None

    def org_in(self, span: Span) -> Entity | None:
        """The organisation a speaker phrase names: it opens the phrase ("The National
        Unity Government, the shadow administration ...") or is most of it."""
        text = span.text(self.text)
        lead = re.match(r"^(?:the|its|their)\s+", text, re.IGNORECASE)
        opening = span.start + (lead.end() if lead else 0)
        heads = [
            t
            for t in self.tokens_in(span)
            if t.head == t or not (span.start <= t.head.idx < span.end)
        ]
        candidates: list[tuple[int, Entity]] = []
        for i in self._by_org_mention.within(span):
            mention, org = self._org_mentions[i]
            if re.match(r"[’']s\b", self.text[mention.end : mention.end + 3]):
                continue  # "the UN’s humanitarian office": the UN owns the speaker
            holds_head = any(mention.start <= h.idx < mention.end for h in heads)
            opens = mention.start <= opening or len(mention) * 2 >= len(_clean(text))
            if holds_head or opens:
                candidates.append((2 if holds_head else 1, org))
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def person_before(
        self, pos: int, avoid: list[Span] | SpanIndex, pronoun: str = ""
    ) -> Span | None:
        """The person "he" or "she" refers to: the last person before ``pos``, outside
        quoted content. Within the pronoun's own paragraph, one who is the subject of
        a clause comes first (in "Layla Hammad, who runs the charity Sanabel Relief,
        ... she said", not the charity the model took for a person)."""
        other = {"he": "f", "him": "f", "she": "m", "her": "m"}.get(pronoun)
        avoided = avoid if isinstance(avoid, SpanIndex) else SpanIndex(avoid)
        paragraph_start = self.text.rfind("\n\n", 0, pos) + 1
        # the mentions before pos, latest first (of two at one place, the first
        # person's): those of the paragraph, else the latest of all
        here: list[tuple[int, Span]] = []
        keys, entries = self._by_mention.keys, self._by_mention.entries

        def usable(order: int) -> bool:
            mention, person = self._mentions[order]
            return not (
                mention.end > pos
                or (other is not None and person.gender == other)  # "she" is not Mr. Kasich
                or avoided.any_contains(mention)
            )

        latest: tuple[int, int] | None = None  # (start, order) of the latest usable one
        for j in range(bisect_right(keys, pos) - 1, -1, -1):
            start, order, mention = entries[j]
            if latest is not None and start < latest[0]:
                break
            if not usable(order):
                continue
            if start >= paragraph_start:
                here.append((order, mention))
            elif here:
                break
            elif latest is None or order < latest[1]:
                latest = (start, order)  # of two at one place, the first person's
        if latest is not None:
            return self._mentions[latest[1]][0]
        in_order = [m for _, m in sorted(here)]
        subjects = [m for m in in_order if self._is_subject(m)]
        pool = subjects or in_order
        return max(pool, key=lambda m: m.start) if pool else None

    def _is_subject(self, mention: Span) -> bool:
        tokens = self.tokens_in(mention)
        return any(t.dep_ in ("nsubj", "nsubjpass") for t in tokens)

    def side(self, resolved: Resolved) -> tuple[str, str | None]:
        phrases = (resolved.descriptor, resolved.affiliation, *resolved.phrases)
        match = self.sides.side_of(*phrases)
        foreign = side_rules.foreign_voice(match, phrases, self.home(), resolved.name)
        if foreign is not None:  # the State Department, Turkey's minister
            return foreign
        if match.side != UNKNOWN and not match.strong:
            if side_rules.of_another_state(phrases, self.home()):
                return UNKNOWN, None  # "Turkey's foreign minister" in a story of Syria
            anchor = None if match.side == "civilian" else self._anchor(phrases)  # a role
            if anchor is not None:
                return side_rules.in_this_war(anchor.side, self.home()), anchor.evidence
        return side_rules.in_this_war(match.side, self.home()), match.evidence

    def home(self) -> frozenset[str]:
        if self._home is None:
            self._home = side_rules.war_home(self.sides, self._places)
        return self._home

    def _anchor(self, phrases: tuple[str | None, ...]) -> SideMatch | None:
        """A generic role ("Ministry spokesman") takes the side of the one
        organisation of the article it names ("the Russian Defence Ministry"), when
        that one's name decides a side; a state's adjective is no link ("Syrian")."""
        words = {w for p in phrases if p for w in _nouns(p)} - side_rules.demonym_words()
        found = {}
        for org in self.orgs:
            if words & _nouns(org.name):
                match = self.sides.side_of(org.name)
                if match.strong and match.side != UNKNOWN:
                    found[match.side] = match
        return next(iter(found.values())) if len(found) == 1 else None


def _nouns(phrase: str) -> set[str]:
    """The lowercased words of a phrase, without stop words."""
    return {w for w in re.findall(r"[\w-]+", phrase.lower()) if w not in STOP_WORDS}


def head_role(text: str) -> str | None:
    words = [w.lower() for w in re.findall(r"[\w-]+", _RELATIVE.sub("", text))]
    roles = [w for w in words if w in ROLE_NOUNS]
    return roles[-1] if roles else None


def _is_acronym(token: Any) -> bool:
    return token.tag_ == "NNP" and token.text.isupper() and 2 <= len(token.text) <= 8


def _before_preposition(tokens: list[Any]) -> list[Any]:
    words = []
    for token in tokens:
        if token.pos_ == "ADP" or token.text == ",":
            break
        words.append(token)
    return words
