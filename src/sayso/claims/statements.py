"""Statements: what each account claims, with its stance; the article's own main
assertions (headline and first sentence, when no account covers them); and the
silences it reports ("Pro-regime media outlets have not reported on the claims").

The stance here is the stance of the statement's source toward what it states:
an attributed denial ("the ministry denied that ...") denies it, a hedged relay
("allegedly", "unconfirmed reports") only reports it, and a plain account
supports it. Whether a statement agrees with the claim cluster it joins is
decided when it is stored (:mod:`sayso.claims.clusters`), from its polarity.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Any

from sayso.model import UNKNOWN, Account, Article, Span, Speaker, Stance, Statement, stable_id
from sayso.nlp.lexicons import WordList, cached, phrases
from sayso.nlp.rules import CONTINUATION
from sayso.nlp.syntax import subject, tokens_span, trim

# In the id of everything this stage makes: a new version, new ids (pipeline.STAGES).
STATEMENTS_VERSION = "statements@1"

# Cues that deny what follows them: "denied that", "rejected claims that".
DENIAL_CUES = WordList("denial_cues")


@cached
def hedge_pattern() -> re.Pattern[str]:
    """The hedges (claims.toml) as one pattern of whole words, case ignored; longest
    first, so that the longest hedge at a place is the one found."""
    hedges = sorted(phrases("hedges"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, hedges)) + r")\b", re.IGNORECASE)


# "has not commented", "did not respond", "declined to comment", "remained silent".
# A pattern, not a word list: it is grammar (auxiliary, negation, verb forms).
_SILENCE = re.compile(
    r"\b(?:ha(?:ve|s|d)|did|do|does)(?:n[o’']t|\s+not)\s+(?:yet\s+|immediately\s+|publicly\s+)*"
    r"(?:comment(?:ed)?|respond(?:ed)?|report(?:ed)?|repl(?:y|ied)|address(?:ed)?"
    r"|acknowledg(?:e|ed)|confirm(?:ed)?|mention(?:ed)?)\b"
    r"|\bdeclined to comment\b|\bremain(?:s|ed)? silent\b|\bha(?:ve|s) been silent\b",
    re.IGNORECASE,
)


def statements_of(
    doc: Any,
    article: Article,
    accounts: tuple[Account, ...],
    speakers: tuple[Speaker, ...] = (),
) -> tuple[Statement, ...]:
    """One statement per account, then one per silence the article reports."""
    text = article.text
    found = [_account_statement(doc, text, account) for account in accounts]
    found = _with_continuations(doc, accounts, found, {s.id: s for s in speakers})
    found = [core for statement in found for core in _with_core(text, statement)]
    found += _assertions(doc, article, accounts)
    found += _silences(doc, article)
    return tuple(found)


def _assertions(doc: Any, article: Article, accounts: tuple[Account, ...]) -> list[Statement]:
    """The article's own main assertions: its headline and its first sentence, when
    no account covers them ("Missile strike on Kupiansk market kills 12"). Their
    source is the outlet; hedged, they only report."""
    text = article.text
    spans = [article.title_span] if article.title_span is not None else []
    first = next((s for s in doc.sents if s.start_char >= article.body_span.start), None)
    if first is not None:
        spans.append(Span(first.start_char, first.end_char))
    found = []
    for raw in spans:
        span = trim(text, raw.start, raw.end)
        if len(span.text(text).split()) < 5 or any(a.content.overlaps(span) for a in accounts):
            continue
        hedge = hedge_pattern().search(span.text(text))
        found.append(
            Statement(
                id=stable_id(
                    "stm", article.id, STATEMENTS_VERSION, "assertion", span.start, span.end
                ),
                article_id=article.id,
                account_id=None,
                span=span,
                stance="reports" if hedge else "supports",
                stance_evidence=hedge.group(0) if hedge else None,
                polarity=polarity(doc, span),
                speaker_id=None,
                who=article.site_name,
            )
        )
    return found


def _account_statement(doc: Any, text: str, account: Account) -> Statement:
    stance, evidence = account_stance(doc, text, account)
    span = _claimed(doc, text, account)
    return Statement(
        id=stable_id("stm", account.article_id, STATEMENTS_VERSION, account.id),
        article_id=account.article_id,
        account_id=account.id,
        span=span,
        stance=stance,
        stance_evidence=evidence,
        polarity=polarity(doc, span),
        speaker_id=account.speaker_id,
        who=None,
    )


def _with_core(text: str, statement: Statement) -> list[Statement]:
    """ "men are fighting with the army, including both volunteers and those who
    have not served": the words before the restriction hold their claim in full;
    that core is a statement of its own, supporting, after the restricted one."""
    if statement.stance != "partly" or statement.account_id is None:
        return [statement]
    claimed = statement.span.text(text)
    restriction = _RESTRICTING.search(claimed)
    if restriction is None:
        return [statement]
    head = claimed[: restriction.start()].rstrip(" ,;:—–-")
    if len(head.split()) < 4:
        return [statement]
    core = replace(
        statement,
        id=stable_id("stm", statement.article_id, STATEMENTS_VERSION, statement.account_id, "core"),
        span=Span(statement.span.start, statement.span.start + len(head)),
        stance="supports",
        stance_evidence=None,
        continues=None,
        core_of=statement.id,
    )
    return [statement, core]


def _claimed(doc: Any, text: str, account: Account) -> Span:
    """What the account claims. A partial quote is a fragment the writer's sentence
    makes a claim of ("Journalist: 'a large number' of men ... now fighting"): its
    claim is that sentence, from after the speaker and cue that open it."""
    if account.kind != "partial":
        return account.content
    sentence = doc.char_span(account.content.start, account.content.end, alignment_mode="expand")
    if sentence is None or not len(sentence):  # no token: a quote of quote marks alone
        return account.content
    sent = sentence[0].sent
    start = sent.start_char
    for before in (account.speaker_mention, account.cue):
        if before is not None and start <= before.start and before.end <= account.content.start:
            start = before.end
    end = sent.end_char
    while start < end and text[start] in " \t\n:,;—–-":
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else account.content


def account_stance(doc: Any, text: str, account: Account) -> tuple[Stance, str | None]:
    """The stance of the account's source toward its content, and why."""
    if account.cue is not None:
        cue = doc.char_span(account.cue.start, account.cue.end, alignment_mode="expand")
        lemmas = {t.lemma_.lower() for t in cue} if cue is not None else set()
        if lemmas & DENIAL_CUES:
            return "denies", account.cue.text(text)
    hedge = hedge_pattern().search(account.content.text(text))
    if hedge:
        return "reports", hedge.group(0)
    restriction = restricted(doc, account.content)
    if restriction:
        return "partly", restriction
    return "supports", None


# Words that limit a claim to part of what it covers. Stays a pattern: few words,
# read as grammar ("only" with a quantifier, "a few of").
_RESTRICTING = re.compile(
    r"\b(?:including both|only (?:those|some|a few|part)|not all"
    r"|partly|partially|in part|a (?:few|minority) of)\b",
    re.IGNORECASE,
)


def restricted(doc: Any, span: Span) -> str | None:
    """The words by which a statement holds its claim for only part of what it covers:
    "including both volunteers and ...", "only some", or a subject limited by a
    negative relative clause ("Those who haven't completed their service were
    sent to camps": the others were not)."""
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None:
        return None
    match = _RESTRICTING.search(chars.text)
    if match:
        return match.group(0)
    for token in chars:
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for clause in (c for c in token.children if c.dep_ == "relcl"):
            negation = next((c for c in clause.children if c.dep_ == "neg"), None)
            if negation is not None:
                return str(doc[token.i : negation.i + 1].text)
    return None


def _with_continuations(
    doc: Any,
    accounts: tuple[Account, ...],
    statements: list[Statement],
    speakers: dict[str, Speaker],
) -> list[Statement]:
    """Mark each statement that elaborates the one before it (see
    :attr:`Statement.continues`); only accounts in consecutive sentences qualify."""
    starts = [s.start_char for s in doc.sents]
    out = statements[:1]
    for before, after, statement in zip(accounts, accounts[1:], statements[1:], strict=False):
        first = bisect_right(starts, after.content.start)
        gap = first - bisect_right(starts, before.content.end - 1)
        if gap <= 1 and _elaborates(before, after, speakers):
            statement = replace(statement, continues=out[-1].id)
        out.append(statement)
    return out


def _elaborates(before: Account, after: Account, speakers: dict[str, Speaker]) -> bool:
    """A quote that goes on; a speaker quoted after being paraphrased ("X said Y.
    'Z,' X said"); one named voice after the group it speaks for ("Many men say
    ... 'Quote,' said Abu Khaled, a father of three")."""
    if after.where != before.where:
        return False
    if after.rule == CONTINUATION:
        return True
    if after.speaker_id is not None and after.speaker_id == before.speaker_id:
        return before.kind != "direct"
    group = speakers.get(before.speaker_id or "")
    voice = speakers.get(after.speaker_id or "")
    return (
        group is not None
        and voice is not None
        and group.kind == "group"
        and voice.kind == "person"
        and group.side == voice.side != UNKNOWN
        and before.kind != "direct"
        and after.kind == "direct"
    )


def polarity(doc: Any, span: Span) -> int:
    """-1 when the main verb of the span is negated ("did not hit the hospital"),
    else +1. Two statements of one claim with opposite polarity disagree; a
    negation inside a condition ("if they do not fight") does not count."""
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None:
        return 1
    inside = {t.i for t in chars}
    roots = [t for t in chars if t.head.i not in inside or t.head == t]
    negated = any(c.dep_ == "neg" for root in roots for c in root.children)
    return -1 if negated else 1


def _silences(doc: Any, article: Article) -> list[Statement]:
    text = article.text
    found: list[Statement] = []
    for sent in doc.sents:
        match = _SILENCE.search(sent.text)
        if match is None:
            continue
        start = sent.start_char + match.start()
        token = next((t for t in sent if t.idx >= start), None)
        verb = token.head if token is not None else None
        who = subject(verb) if verb is not None else []
        if not who:
            continue
        who_span = trim(text, *_bounds(tokens_span(list(who[0].subtree))))
        span = trim(text, sent.start_char, sent.end_char)
        found.append(
            Statement(
                id=stable_id(
                    "stm", article.id, STATEMENTS_VERSION, "silence", span.start, span.end
                ),
                article_id=article.id,
                account_id=None,
                span=span,
                stance="silent",
                stance_evidence=match.group(0),
                polarity=1,
                speaker_id=None,
                who=who_span.text(text),
            )
        )
    return found


def _bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end
