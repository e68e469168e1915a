"""A line-level cleaner for plain text and for the body trafilatura returns.

Scraped text keeps what a reader's eye skips: the byline, the comment form,
share buttons, "Back to top", an author bio (often in the outlet's own
language). trafilatura returns nothing for plain text, so these rules work on
lines: each non-empty line is a paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sayso.extract.bio import Bio, find_bios

# Whole-line page chrome: navigation, comment forms, share and subscribe
# prompts. Patterns, not word lists (anchored lines with optional words and counts):
# they stay in code (docs/lexicons.md). Anchored and short, so that an article
# sentence never matches.
_CHROME = re.compile(
    r"""^(?:
        related\s+(?:articles|posts|stories|news|content|coverage)
      | (?:you\s+)?(?:may|might)\s+also\s+like.*
      | more\s+(?:from|on)\s+.{0,40}
      | read\s+(?:more|also|next)\b.{0,80}
      | leave\s+a\s+(?:reply|comment)
      | (?:\d+\s+)?comments?(?:\s*\(\d+\))?
      | post\s+a\s+comment | add\s+a\s+comment | join\s+the\s+discussion
      | your\s+email\s+address\s+will\s+not\s+be\s+published.*
      | required\s+fields\s+are\s+marked.*
      | this\s+site\s+uses\s+akismet.*
      | save\s+my\s+name,?\s+email.*
      | (?:back|go|return)\s+to\s+top(?:\s+button)?
      | share\s+(?:this|on|via)\b.{0,40} | share | click\s+to\s+share.*
      | (?:facebook|twitter|x|whatsapp|telegram|linkedin|email|print|reddit)(?:\s*[|/·•]\s*\w+)*
      | (?:subscribe|sign\s+up)\b.{0,80}
      | (?:tags?|topics?|filed\s+under|categories|category)\s*:.*
      | advertisement | sponsored(?:\s+content)? | skip\s+to\s+(?:main\s+)?content
      | (?:previous|next)\s+(?:article|post|story)\b.{0,120}
      | post\s+navigation | loading\.*
      | (?:copyright\s+)?©.{0,80} | copyright\s+\d{4}.{0,80} | all\s+rights\s+reserved\.?
      | follow\s+(?:us|.{1,40}\s+on\s+\w+)\b.{0,60}
      | tweet | share\s+on\s+\w+ | email\s+this | print\s+this(?:\s+page)?
      | (?:related|see\s+also|also\s+read|recommended)\s*:.{0,150}
      | (?:youtube|telegram|facebook|twitter|instagram|whatsapp)\s+
        (?:subscribe|follow|join)\b[^.]{0,40}
      | (?:share|sharing)\s+(?:on\s+)?(?:facebook|twitter|whatsapp|telegram|x)\b[^.]{0,60}
      | our\s+standards\s*:.{0,80}
      # "Published 3 hours ago", "Updated: 27.04.2016 14:02": a date or a time, no full stop
      | (?:last\s+|first\s+)?(?:published|updated|posted|modified)(?:\s+(?:on|at))?\s*:?\s+
        (?=.*\d|.*\bago\b).{1,60}(?<!\.)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A row of share buttons: only network names (and "share on"), two or more.
_SHARE_ROW = re.compile(
    r"""^(?:(?:share\s+(?:on|via)\s+|share\s*)?
        (?:facebook|twitter|whatsapp|telegram|linkedin|e-?mail|print|reddit|pinterest
          |messenger|tumblr|vk|viber|copy\s+link|google\+?|x|threads|bluesky)
        [\s|/·•,]*){2,}$""",
    re.IGNORECASE | re.VERBOSE,
)
# "Tags Syria Homs Hama airstrike Russia": Tags or Topics, no colon, then short
# words, most of them capitalised (below, in _is_tag_row).
_TAG_START = re.compile(r"^(?:tags?|topics?|keywords)\s+(?=\S)", re.IGNORECASE)
# Words a row of tags does not hold but a sentence does: where a glued sentence starts.
_FUNCTION_WORDS = frozenset(
    """a an the of in on at to for from by with and or but is are was were has have had
    be been least more than said says after before as that this these those it its their
    his her they he she we who which when where while not no""".split()
)
_MAX_TAGS = 15

# Headings after which a page holds only furniture: related links, comments.
_TAIL_HEADING = re.compile(
    r"""^(?:related\s+(?:articles|posts|stories|news|content|coverage)|related
      | (?:you\s+)?(?:may|might)\s+also\s+like.* | more\s+(?:stories|news|from\s+.{0,40})
      | read\s+(?:more|also|next) | leave\s+a\s+(?:reply|comment) | (?:\d+\s+)?comments?
      | most\s+(?:read|popular|viewed) | recommended | trending | latest\s+news
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

_BYLINE = re.compile(r"^(?:written\s+|words\s+)?by[:\s]+(?P<names>.+)$", re.IGNORECASE)
# "Martin Chulov in Beirut": the Guardian's byline, the reporter and where they file from.
_BYLINE_IN = re.compile(r"^(?P<names>[^,;:()]+?)\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}$")
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|de|van|von|da|du|a)-?[\w'’-]*)$")

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "AMMAN:", "NYALA, Sudan —", "DAMASCUS, Syria (Reuters) -", "ALEPPO, April 27
# (Reuters) -": an upper-case place, an optional region, an optional month and
# day (a wire's), an optional agency, then a colon or a dash.
DATELINE = re.compile(
    # an upper-case place; or a capitalised one before an agency's acronym, as
    # SANA writes it ("Idlib, SANA -")
    r"^(?P<place>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*"
    rf"|[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’.-]+){{0,2}}"
    rf"(?=,\s+(?:[A-Z]{{2,8}}\s*(?:-|—|–)\s|(?i:{MONTH})\.?\s+\d{{1,2}},?\s+\d{{4}})))"
    r"(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)*)?"
    rf"(?:,\s+(?P<month>(?i:{MONTH}))\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?)?"
    # the agency in brackets, or after the date as SPA writes it ("Riyadh, Sept
    # 14, 2018, SPA --")
    r"(?:\s*\((?P<agency>[^)]{1,40})\)|,\s+(?P<named>[A-Z]{2,8}))?"
    # the dash or colon; or, as TASS writes it, "MOSCOW, October 18. /TASS/."
    r"(?:\s*(?::|—|–|--|-)\s+|\.\s*/(?P<slashed>[A-Za-z -]{2,30})/\.?\s+)"
)


@dataclass(frozen=True, slots=True)
class CleanText:
    """The parts of a page, before the model's Article is assembled."""

    title: str | None
    authors: tuple[str, ...]
    paragraphs: tuple[str, ...]
    dateline: str | None  # the place as written, at the start of the first paragraph
    bios: tuple[Bio, ...]
    removed: tuple[str, ...]


def is_chrome(line: str) -> bool:
    """True for a whole line of page furniture (comment form, share buttons, tags...)."""
    stripped = line.strip().strip("|·•»›>-–— ").strip()
    if not stripped or len(stripped) > 160:
        return False
    return bool(_CHROME.match(stripped) or _SHARE_ROW.match(stripped)) or _is_tag_row(stripped)


def _is_tag_row(line: str) -> bool:
    """ "Tags Syria Homs Hama airstrike Russia": short words, most capitalised,
    none of them a word only a sentence has."""
    start = _TAG_START.match(line)
    if start is None:
        return False
    words = line[start.end() :].replace(",", " ").split()
    return _tag_words(words) == len(words)


def _tag_words(words: list[str]) -> int:
    """How many of the words, from the first, can be tags (see :func:`split_glued_tags`)."""
    if not words or len(words) > _MAX_TAGS * 3:
        return 0
    count = 0
    for word in words:
        bare = word.strip("#.,;:!?\"'“”‘’()")
        if not bare or len(bare) > 25 or bare.lower() in _FUNCTION_WORDS:
            break
        count += 1
    capitalised = sum(1 for w in words[:count] if w.lstrip("#\"'“‘(")[:1].isupper())
    if count > _MAX_TAGS or capitalised * 2 < count:
        return 0
    return count


def split_glued_tags(line: str) -> tuple[str, str] | None:
    """A tag row glued to the sentence after it ("Tags Syria Aleppo Russian warplanes
    struck a hospital."): (the tags, the sentence), else None. The sentence starts at
    the last capitalised word before the first word a row of tags cannot hold."""
    start = _TAG_START.match(line)
    if start is None:
        return None
    words = line[start.end() :].split()
    count = _tag_words(words)
    if count == 0 or count >= len(words) - 2:
        return None
    # the sentence may start with the word that ended the tags ("At least 31 ...")
    starts = [i for i in range(1, count + 1) if words[i][:1].isupper()]
    if not starts or line.rstrip()[-1:] not in '.!?"”’':
        return None
    cut = starts[-1]
    tags = " ".join([line[: start.end()].strip(), *words[:cut]])
    return tags, " ".join(words[cut:])


def parse_byline(line: str, *, filed: bool = False) -> tuple[str, ...]:
    """The author names of a "By A and B" line (with ``filed``, or of an "A in
    Beirut" line: read only below the title, where "Deadly Airstrikes in Idlib"
    cannot be), or () when it is not a byline."""
    by = _BYLINE.match(line.strip())
    found = by or (_BYLINE_IN.match(line.strip()) if filed else None)
    if found is None or len(line) > 160:
        return ()
    names = [n.strip(" .") for n in _NAME_SPLIT.split(found.group("names")) if n.strip(" .")]
    if not names or not all(_looks_like_name(n) for n in names):
        return ()
    # a reporter "in Beirut" is named in full: "Fighting in Aleppo" is a heading
    if by is None and (len(names) > 2 or any(len(n.split()) < 2 for n in names)):
        return ()
    return tuple(names)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words)


def find_dateline(paragraph: str) -> str | None:
    """The dateline place of a first paragraph ("AMMAN" in "AMMAN: When ...")."""
    match = DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place")
    # An acronym alone ("UN -") is not a dateline; a place is at least 3 letters.
    return place if sum(c.isalpha() for c in place) >= 3 else None


def _cut_tail(lines: list[str], removed: list[str]) -> list[str]:
    """Cut everything from a "Related Articles"-style heading in the last part of
    the page: what follows it is links and forms, not the article."""
    floor = max(1, len(lines) // 2)
    for index in range(floor, len(lines)):
        if _TAIL_HEADING.match(lines[index].strip(" :|·•»›>-–—")):
            removed.extend(lines[index:])
            return lines[:index]
    return lines


# Zero-width and direction marks, and the soft hyphen: invisible, but inside a
# word they split it for the parser ("kil\u200bled"), and inside a quote mark's
# neighbourhood they hide it from the rules (issue 20).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def page_lines(text: str) -> list[str]:
    """The non-empty lines of a page, NFC, without invisible marks, each with its
    spaces collapsed."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def clean_plain_text(text: str) -> CleanText:
    """Split an already-scraped page into title, byline, body, bios and chrome."""
    lines = page_lines(text)
    removed: list[str] = []
    title: str | None = None
    authors: tuple[str, ...] = ()
    # Chrome can also come first (a "Skip to content" line): drop it before the title.
    while lines and is_chrome(lines[0]):
        removed.append(lines.pop(0))
    if lines and not parse_byline(lines[0]) and is_title(lines[0], lines[1:]):
        title = lines.pop(0)
    return finish(title, authors, lines, removed)


# A headline is a line, not a paragraph: longer than this, the first line is the
# article's first paragraph (a scraped page with no title line).
MAX_TITLE = 250


def is_title(line: str, rest: list[str]) -> bool:
    """The first line is the title when a body follows it and it is not itself a
    paragraph: a page of one paragraph is all body (issue 20)."""
    return bool(rest) and len(line) <= MAX_TITLE


def clean_body_lines(text: str, *, title: str | None, authors: tuple[str, ...]) -> CleanText:
    """Clean the body trafilatura returned: it may still hold a byline, a bio, chrome."""
    lines = page_lines(text)
    if lines and title and lines[0].strip().lower() == title.strip().lower():
        lines.pop(0)
    return finish(title, authors, lines, [])


def finish(
    title: str | None, authors: tuple[str, ...], lines: list[str], removed: list[str]
) -> CleanText:
    """The byline, the tail of links, chrome lines and bios out of the body lines."""
    # A byline sits within the first few lines, before the article proper.
    for index, line in enumerate(lines[:4]):
        names = parse_byline(line, filed=True)
        if names:
            authors = authors or names
            removed.append(line)
            del lines[index]
            break
    lines = _cut_tail(lines, removed)
    body: list[str] = []
    for line in lines:
        glued = split_glued_tags(line)
        if glued is not None:
            removed.append(glued[0])
            body.append(glued[1])
        else:
            (removed if is_chrome(line) else body).append(line)
    body, bios = find_bios(body, authors)
    dateline = find_dateline(body[0]) if body else None
    return CleanText(
        title=title,
        authors=authors,
        paragraphs=tuple(body),
        dateline=dateline,
        bios=bios,
        removed=tuple(removed),
    )
