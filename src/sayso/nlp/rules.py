"""The attribution rules, in the order they run, and the steps after them.

:data:`RULES` is the registry: each :class:`Rule` has its name (the ``rule``
value its accounts carry, unless ``writes`` says another), the kinds of account
it makes, its confidence and the function that finds its accounts. A rule's
name and confidence are written here and nowhere else; the finders in
:mod:`sayso.nlp.reported`, :mod:`sayso.nlp.nominal`, :mod:`sayso.nlp.sourceless`,
:mod:`sayso.nlp.direct` and :mod:`sayso.nlp.labels` are handed their rule.

Some rules are one pass over the words that finds several kinds (speech acts,
intentions and views; appearances, questions and refusals; quotes with and
without a cue): the first rule of such a group that is on runs the pass for all
the group's rules that are on, so that the accounts come in the pass's order.

:func:`find_accounts` runs them; ``without`` switches rules off by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from sayso.errors import ConfigError
from sayso.model import AccountKind
from sayso.nlp import direct, labels, nominal, reported, sourceless
from sayso.nlp.parsed import Found, ParsedArticle

__all__ = [
    "CONTINUATION",
    "RULES",
    "TRANSCRIPT",
    "Rule",
    "check_names",
    "find_accounts",
    "rule_named",
    "rules_off",
    "rules_table",
]

Find = Callable[[ParsedArticle, list[Found]], list[Found]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One attribution rule. ``find(parsed, found)`` returns the accounts the rule
    adds to ``found`` (those of the rules before it); ``lower`` lists the lower
    confidences some of its accounts get, and when; ``then``, if any, runs over
    all accounts right after the rule's are added."""

    name: str
    kinds: tuple[AccountKind, ...]
    confidence: float
    find: Find
    writes: str = ""  # the ``rule`` value of its accounts, when not its name
    lower: tuple[tuple[float, str], ...] = ()
    then: Callable[[list[Found]], list[Found]] | None = None

    @property
    def label(self) -> str:
        """The ``rule`` value written on the accounts this rule finds."""
        return self.writes or self.name


# A passive cue with no agent ("Trump was asked if ...", "is expected to"): the
# account stands with no speaker, at this confidence.
PASSIVE = 0.4
BELIEF_VERB = 0.7  # reported speech under "believe", "think"
MIXED_QUOTE = 0.8  # a quoted fragment with the clause around it as the account
# The step that links a quote paragraph with no speaker to the account before it.
CONTINUATION = "continuation"
CONTINUATION_AFTER_DIRECT = 0.75
CONTINUATION_OTHERWISE = 0.6


def _first_on(parsed: ParsedArticle, group: tuple[Rule, ...], rule: Rule) -> bool:
    """Whether ``rule`` is the first rule of its group that is on (it runs the pass)."""
    on = [r for r in group if r.name not in parsed.off]
    return bool(on) and on[0] is rule


def _stamped(found: list[Found], group: tuple[Rule, ...]) -> list[Found]:
    by_label = {r.label: r.name for r in group}
    return [replace(f, by=by_label[f.rule]) for f in found]


def _reported_speech(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A speech verb with a clause: "X says/claims/told Y that …", "…, X told Y."."""
    return reported.reported(parsed, REPORTED_SPEECH, BELIEF_VERB, PASSIVE)


def _according_to(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """ "according to X, …" and "… according to X"; "According to X, “…”" is direct."""
    return reported.according_to(parsed, ACCORDING_TO)


def _speech_act_group(parsed: ParsedArticle, found: list[Found], rule: Rule) -> list[Found]:
    if not _first_on(parsed, _SPEECH_ACTS, rule):
        return []
    kinds = {reported.ACT: SPEECH_ACT, reported.INTENT: INTENTION, reported.VIEW: BELIEF}
    on = {k: r for k, r in kinds.items() if r.name not in parsed.off}
    return _stamped(reported.speech_acts(parsed, found, on, PASSIVE), _SPEECH_ACTS)


def _speech_act(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A speech act about a noun phrase or gerund: "called for a ceasefire", "denied it"."""
    return _speech_act_group(parsed, found, SPEECH_ACT)


def _intention(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A commitment or intention with an infinitive: "vowed to retaliate", "wants a wall"."""
    return _speech_act_group(parsed, found, INTENTION)


def _belief(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A view with its object: "voters see Clinton as the stronger candidate"."""
    return _speech_act_group(parsed, found, BELIEF)


def _nominal(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A noun of saying with its speaker: "his call for a ceasefire", "the claim that …"."""
    return nominal.nominal(parsed, found, NOMINAL)


def _stance(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """An adjective of stance: "Trump is confident that he will win", "critical of"."""
    return nominal.stance_adjectives(parsed, found, STANCE)


def _frame(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A sentence opened by its poll or report: "In a CNN poll, Clinton held a lead"."""
    return nominal.framed(parsed, found, FRAME)


def _sourceless_group(parsed: ParsedArticle, found: list[Found], rule: Rule) -> list[Found]:
    if not _first_on(parsed, _SOURCELESS, rule):
        return []
    kinds = {sourceless.APPEAR: APPEARANCE, sourceless.ASK: QUESTION, sourceless.REFUSE: REFUSAL}
    on = {k: r for k, r in kinds.items() if r.name not in parsed.off}
    return _stamped(sourceless.sourceless(parsed, found, on), _SOURCELESS)


def _appearance(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """The writer's hedge, no source: "coal use appears to have declined" (two parts)."""
    return _sourceless_group(parsed, found, APPEARANCE)


def _question(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A question put to someone, its asker not written: "Asked whether he would run, …"."""
    return _sourceless_group(parsed, found, QUESTION)


def _refusal(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A refusal to speak: "declined to comment"; accounts whose cue it holds are dropped."""
    return _sourceless_group(parsed, found, REFUSAL)


def _without_refused(found: list[Found]) -> list[Found]:
    return sourceless.without_refused(found, REFUSAL.label)


def _quote_group(parsed: ParsedArticle, found: list[Found], rule: Rule) -> list[Found]:
    if not _first_on(parsed, _QUOTES, rule):
        return []
    keep = {r.label for r in _QUOTES if r.name not in parsed.off}
    items = direct.direct(parsed, found, (DIRECT_QUOTE, QUOTE_NO_CUE, MIXED_QUOTE), keep)
    return _stamped(items, _QUOTES)


def _direct_quote(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A quotation with its speech verb and speaker; a quote split by its cue in `parts`."""
    return _quote_group(parsed, found, DIRECT_QUOTE)


def _quote_no_cue(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A full quotation with no speaker found."""
    return _quote_group(parsed, found, QUOTE_NO_CUE)


def _headline(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A "Speaker: ‘quote’ …" headline."""
    return labels.headline(parsed, HEADLINE)


def _headline_verb(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A headline with no account yet: "Hillary Clinton Slams Donald Trump On Abortion"."""
    if any(f.where == "title" for f in found):
        return []
    return labels.headline_verb(parsed, HEADLINE_VERB)


def _transcript(parsed: ParsedArticle, found: list[Found]) -> list[Found]:
    """A transcript paragraph opening with a label in capitals: "TAPPER: And obviously, …"."""
    return labels.transcript(parsed, TRANSCRIPT)


_CLAUSE: tuple[AccountKind, ...] = ("indirect", "mixed")
_NO_AGENT = ((PASSIVE, "a passive cue with no agent"),)

REPORTED_SPEECH = Rule(
    "reported-speech",
    _CLAUSE,
    0.8,
    _reported_speech,
    lower=((BELIEF_VERB, "belief verbs"), *_NO_AGENT),
)
ACCORDING_TO = Rule("according-to", ("indirect", "direct"), 0.8, _according_to)
SPEECH_ACT = Rule("speech-act", _CLAUSE, 0.6, _speech_act, lower=_NO_AGENT)
INTENTION = Rule("intention", _CLAUSE, 0.5, _intention, lower=_NO_AGENT)
BELIEF = Rule("belief", _CLAUSE, 0.5, _belief, lower=_NO_AGENT)
NOMINAL = Rule("nominal", _CLAUSE, 0.5, _nominal)
STANCE = Rule("stance", _CLAUSE, 0.5, _stance, writes=BELIEF.name)
FRAME = Rule("frame", _CLAUSE, 0.5, _frame)
APPEARANCE = Rule("appearance", _CLAUSE, 0.3, _appearance)
QUESTION = Rule("question", _CLAUSE, 0.3, _question)
REFUSAL = Rule("refusal", _CLAUSE, 0.5, _refusal, then=_without_refused)
DIRECT_QUOTE = Rule(
    "direct-quote",
    ("direct", "partial", "mixed"),
    0.9,
    _direct_quote,
    lower=((MIXED_QUOTE, "a quoted fragment in its clause (mixed)"),),
)
QUOTE_NO_CUE = Rule("quote-no-cue", ("direct",), 0.3, _quote_no_cue)
HEADLINE = Rule("headline", ("direct", "partial", "indirect"), 0.7, _headline)
HEADLINE_VERB = Rule(
    "headline-verb", ("direct", "mixed", "indirect"), 0.6, _headline_verb, writes=HEADLINE.name
)
TRANSCRIPT = Rule("transcript", ("direct",), 0.8, _transcript)

_SPEECH_ACTS = (SPEECH_ACT, INTENTION, BELIEF)
_SOURCELESS = (APPEARANCE, QUESTION, REFUSAL)
_QUOTES = (DIRECT_QUOTE, QUOTE_NO_CUE)

# In the order they run: each rule sees the accounts of those before it (and
# leaves alone what they found), so the surer, more specific rules come first.
RULES: tuple[Rule, ...] = (
    REPORTED_SPEECH,
    ACCORDING_TO,
    *_SPEECH_ACTS,
    NOMINAL,
    STANCE,
    FRAME,
    *_SOURCELESS,
    *_QUOTES,
    HEADLINE,
    HEADLINE_VERB,
    TRANSCRIPT,
)


def rule_named(name: str) -> Rule:
    """The rule of that name; a :class:`ConfigError` listing the names if none."""
    return next((r for r in RULES if r.name == name), None) or _unknown([name])


def _unknown(names: Iterable[str]) -> Rule:
    known = ", ".join(r.name for r in RULES)
    raise ConfigError(f"unknown attribution rule(s) {', '.join(sorted(names))}; known: {known}")


def check_names(names: Iterable[str]) -> frozenset[str]:
    """The names as a set, each that of a rule in :data:`RULES` (else ConfigError)."""
    wanted = frozenset(names)
    unknown = wanted - {r.name for r in RULES}
    if unknown:
        _unknown(unknown)
    return wanted


# Rules switched off for every find_accounts call that does not say: an
# evaluation sets it (see :func:`rules_off`) around the whole pipeline.
_OFF: ContextVar[frozenset[str]] = ContextVar("sayso_rules_off", default=frozenset())


@contextmanager
def rules_off(names: Iterable[str]) -> Iterator[frozenset[str]]:
    """Within the block, :func:`find_accounts` runs without these rules (checked)."""
    token = _OFF.set(check_names(names))
    try:
        yield _OFF.get()
    finally:
        _OFF.reset(token)


def find_accounts(
    parsed: ParsedArticle,
    rules: tuple[Rule, ...] = RULES,
    without: frozenset[str] | None = None,
) -> list[Found]:
    """The accounts of one parsed article.

    1. Each rule of ``rules`` on (not in ``without``; by default, not switched off
       by :func:`rules_off`) runs in order over the accounts found so far, and
       adds its own; a rule's ``then`` step runs right after it (the refusal rule
       drops accounts whose cue lies in a refusal to speak).
    2. The accounts are sorted by where their content starts (a stable sort: at
       one start, the order the rules found them in).
    3. Adjacent accounts under one cue are joined into one in pieces, which must
       come before 4 since the joined account has a span of its own.
    4. One account per content span is kept, the surest: two rules may find the
       same words (a cue verb and a noun).
    5. A quote paragraph with no speaker right after an account is linked to it
       as a continuation; last, as it reads the final neighbours.
    """
    off = check_names(_OFF.get() if without is None else without)
    off |= {r.name for r in RULES} - {r.name for r in rules}
    parsed.off = frozenset(off)
    found: list[Found] = []
    for rule in rules:
        if rule.name in off:
            continue
        # an account says something: none of quote marks alone ("‘““")
        said = [f for f in rule.find(parsed, found) if f.content.start < f.content.end]
        found += [f if f.by else replace(f, by=rule.name) for f in said]
        if rule.then is not None:
            found = rule.then(found)
    found.sort(key=lambda f: f.content.start)
    whole = direct.one_per_span(direct.join_same_cue(parsed, found))
    return direct.link_continuations(
        parsed, whole, CONTINUATION, CONTINUATION_AFTER_DIRECT, CONTINUATION_OTHERWISE
    )


def rules_table() -> str:
    """The markdown table of :data:`RULES` (and the continuation step) for docs/schema.md."""
    rows = ["| rule | finds | kinds | confidence |", "|---|---|---|---|"]
    for rule in RULES:
        name = f"`{rule.name}`" + (f" (written `{rule.writes}`)" if rule.writes else "")
        finds = (rule.find.__doc__ or "").strip().splitlines()[0].replace("|", "\\|")
        kinds = ", ".join(f"`{k}`" for k in rule.kinds)
        confidence = "; ".join([f"{rule.confidence}", *(f"{c} for {w}" for c, w in rule.lower)])
        rows.append(f"| {name} | {finds} | {kinds} | {confidence} |")
    rows.append(
        f"| `{CONTINUATION}` (a step after the rules) | a quotation opening the paragraph "
        "after another account, taken as the same speaker going on | `direct` | "
        f"{CONTINUATION_AFTER_DIRECT} after a direct quote, {CONTINUATION_OTHERWISE} otherwise |"
    )
    return "\n".join(rows) + "\n"
