"""A readable report of one analysis: the article, its people, accounts by side."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from sayso.model import UNKNOWN, Account, Analysis, Speaker


def speaker_label(speaker: Speaker | None) -> str:
    """How a report names a speaker: name, then group, then description."""
    if speaker is None:
        return "(no speaker found)"
    if speaker.name and speaker.group:
        return f"{speaker.name} (with {speaker.group})"
    return speaker.name or speaker.group or speaker.descriptor or "(unnamed)"


def _account_lines(analysis: Analysis, account: Account) -> list[str]:
    text = analysis.article.text
    speaker = analysis.speaker(account.speaker_id)
    details = [f"{account.kind}", f"confidence {account.confidence:.2f}"]
    for label, span in (("cue", account.cue), ("to", account.recipient), ("via", account.channel)):
        if span is not None:
            details.append(f"{label} {span.text(text)!r}")
    if account.where == "title":
        details.append("headline")
    quote = textwrap.fill(
        f"“{account.content.text(text)}”", width=88, initial_indent="    ", subsequent_indent="    "
    )
    return [
        f"  {speaker_label(speaker)} [{account.content.start}-{account.content.end}] "
        f"({', '.join(details)})",
        quote,
    ]


def render_report(analysis: Analysis) -> str:
    """The report as plain text (the CLI prints it)."""
    article = analysis.article
    lines = [article.title or "(untitled)", "=" * min(88, len(article.title or "(untitled)"))]
    meta = [
        ("source", article.source),
        ("authors", ", ".join(article.authors) or "unknown"),
        ("dateline", article.dateline.text(article.text) if article.dateline else "none"),
        ("published", article.published or "unknown"),
        ("language", article.language or "unknown"),
        ("site", article.site_name or "unknown"),
    ]
    lines += [f"{key:>10}: {value}" for key, value in meta]
    for bio in article.bios:
        lines.append(
            f"{'bio':>10}: {bio.author or 'unattributed'} ({bio.language}): {bio.text[:70]}…"
        )
    lines += ["", f"People and groups ({len(analysis.speakers)})"]
    for speaker in analysis.speakers:
        extra = "; ".join(x for x in (speaker.descriptor, speaker.affiliation) if x)
        lines.append(
            f"  - {speaker_label(speaker)} — side: {speaker.side}"
            + (f" ({extra})" if extra else "")
        )
    by_side: dict[str, list[Account]] = defaultdict(list)
    for account in analysis.accounts:
        giver = analysis.speaker(account.speaker_id)
        by_side[giver.side if giver else UNKNOWN].append(account)
    lines += ["", f"Accounts ({len(analysis.accounts)}) by side"]
    for side in sorted(by_side, key=lambda s: (s == UNKNOWN, s)):
        lines += ["", f"[{side}]"]
        for account in by_side[side]:
            lines += _account_lines(analysis, account)
    return "\n".join(lines)
