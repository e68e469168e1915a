"""Author bios at the foot of a page: found, attached to their author, kept out of the body.

Outlets often end a page with a short bio, sometimes in their own language
("حسين الخطاب" then a line about him in Arabic under an English article). A bio
is recognised by its script differing from the body's, or by an English
paragraph that opens with a byline author's name and a verb such as "is".
Names in another script are matched to byline names through a consonant
skeleton, so "حسين الخطاب" meets "Hussein al-Khattab" without any list of names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import py3langid

_ARABIC_TO_LATIN = {
    "ا": "", "أ": "", "إ": "", "آ": "", "ء": "", "ئ": "", "ؤ": "", "ى": "", "ة": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "و": "", "ي": "", "پ": "p", "چ": "ch", "گ": "g", "ک": "k", "ی": "",
}  # fmt: skip
_ARTICLE = re.compile(r"^(?:al|el|a|e|ال)[-\s]?", re.IGNORECASE)
_BIO_VERB = re.compile(r"^\s*(?:is|was|has|covers|reports|writes|worked|works|joined)\b")
_ABOUT = re.compile(r"^about\s+the\s+authors?:?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Bio:
    author: str | None
    name_as_written: str | None
    text: str
    language: str | None


def script_of(text: str) -> str | None:
    """The dominant Unicode script of the letters in ``text`` ("LATIN", "ARABIC"...)."""
    scripts = Counter(unicodedata.name(ch, "UNKNOWN").split(" ")[0] for ch in text if ch.isalpha())
    return scripts.most_common(1)[0][0] if scripts else None


def skeleton(name: str) -> str:
    """A consonant skeleton of a name, comparable across Arabic and Latin script."""
    words = []
    for word in name.split():
        word = _ARTICLE.sub("", word) if len(word) > 3 else word
        latin = "".join(_ARABIC_TO_LATIN.get(ch, ch) for ch in word.lower())
        consonants = re.sub(r"[^a-z]|[aeiouyw]", "", latin)
        words.append(re.sub(r"(.)\1+", r"\1", consonants))
    return " ".join(w for w in words if w)


def match_author(name: str, authors: tuple[str, ...]) -> str | None:
    """The byline author whose name this is, by skeleton, or None."""
    target = skeleton(name)
    for author in authors:
        if target and skeleton(author) == target:
            return author
    return None


def _language(text: str) -> str | None:
    lang, _score = py3langid.classify(text)
    return str(lang) if lang else None


def find_bios(lines: list[str], authors: tuple[str, ...]) -> tuple[list[str], tuple[Bio, ...]]:
    """Split trailing bios off the body lines; return (body, bios)."""
    body = list(lines)
    body_script = script_of(" ".join(body))
    bios: list[Bio] = []
    foreign = _trailing_foreign_block(body, body_script)
    if foreign:
        del body[-len(foreign) :]
        bios.append(_foreign_bio(foreign, authors))
    # An English bio opens with the author's name ("Jane Doe is a ..."), within the
    # last few lines; the lines after it ("Her reporting has appeared ...") are its own.
    for start in range(max(1, len(body) - 4), len(body)):
        author = _english_bio_author(body[start], authors)
        if author is not None:
            text = " ".join(body[start:])
            del body[start:]
            bios.insert(0, Bio(author=author, name_as_written=author, text=text, language="en"))
            if body and _ABOUT.match(body[-1]):
                body.pop()
            break
    return body, tuple(bios)


def _trailing_foreign_block(body: list[str], body_script: str | None) -> list[str]:
    block: list[str] = []
    for line in reversed(body[1:]):  # never the whole article
        if script_of(line) in (None, body_script):
            break
        block.insert(0, line)
    return block


def _foreign_bio(block: list[str], authors: tuple[str, ...]) -> Bio:
    # A short first line is the author's name as the outlet writes it.
    name = block[0] if len(block) > 1 and len(block[0].split()) <= 5 else None
    text = " ".join(block[1:] if name else block)
    author = match_author(name, authors) if name else None
    return Bio(author=author, name_as_written=name, text=text, language=_language(text))


def _english_bio_author(line: str, authors: tuple[str, ...]) -> str | None:
    for author in authors:
        for lead in (author, author.split()[-1]):
            if line.startswith(lead) and _BIO_VERB.match(line[len(lead) :]):
                return author if len(line.split()) <= 120 else None
    return None
