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
from typing import Any

from sayso.model import Account, Article, Span, Stance, Statement, stable_id
from sayso.nlp.syntax import subject, tokens_span, trim

# Cues that deny what follows them: "denied that", "rejected claims that".
DENIAL_CUES = frozenset(
    "deny reject dismiss refute dispute contradict rebut disavow debunk disprove".split()
)
# Words by which a source passes a claim on without vouching for it.
_HEDGE = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|supposedly|unconfirmed|unverified|rumou?rs?"
    r"|without (?:providing |offering |giving )?(?:any )?evidence|could not be verified"
    r"|not independently verified|cannot be independently verified)\b",
    re.IGNORECASE,
)
# "has not commented", "did not respond", "declined to comment", "remained silent".
_SILENCE = re.compile(
    r"\b(?:ha(?:ve|s|d)|did|do|does)(?:n[o’']t|\s+not)\s+(?:yet\s+|immediately\s+|publicly\s+)*"
    r"(?:comment(?:ed)?|respond(?:ed)?|report(?:ed)?|repl(?:y|ied)|address(?:ed)?"
    r"|acknowledg(?:e|ed)|confirm(?:ed)?|mention(?:ed)?)\b"
    r"|\bdeclined to comment\b|\bremain(?:s|ed)? silent\b|\bha(?:ve|s) been silent\b",
    re.IGNORECASE,
)


def statements_of(
    doc: Any, article: Article, accounts: tuple[Account, ...]
) -> tuple[Statement, ...]:
    """One statement per account, then one per silence the article reports."""
    text = article.text
    found = [_account_statement(doc, text, account) for account in accounts]
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
        hedge = _HEDGE.search(span.text(text))
        found.append(
            Statement(
                id=stable_id("stm", article.id, "assertion", span.start, span.end),
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
    return Statement(
        id=stable_id("stm", account.article_id, account.id),
        article_id=account.article_id,
        account_id=account.id,
        span=account.content,
        stance=stance,
        stance_evidence=evidence,
        polarity=polarity(doc, account.content),
        speaker_id=account.speaker_id,
        who=None,
    )


def account_stance(doc: Any, text: str, account: Account) -> tuple[Stance, str | None]:
    """The stance of the account's source toward its content, and why."""
    if account.cue is not None:
        cue = doc.char_span(account.cue.start, account.cue.end, alignment_mode="expand")
        lemmas = {t.lemma_.lower() for t in cue} if cue is not None else set()
        if lemmas & DENIAL_CUES:
            return "denies", account.cue.text(text)
    hedge = _HEDGE.search(account.content.text(text))
    if hedge:
        return "reports", hedge.group(0)
    return "supports", None


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
                id=stable_id("stm", article.id, "silence", span.start, span.end),
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
