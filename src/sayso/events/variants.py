"""Spelling variants of place names: two keys that meet when two spellings differ.

Arabic, Ukrainian and Russian place names reach English text in many spellings:
"Deir ez-Zor", "Deir al-Zour", "Deir Ezzor", "Dayr az Zawr"; "Kafr Nabl",
"Kafranbel"; "Khan Sheikhoun", "Khān Shaykhūn"; "Kharkiv", "Kharkov". Two keys,
from the gazetteer's folded name (:func:`sayso.events.gazetteer.fold`):

* :func:`loose` drops the article (al-, el-, ash-, ad- ... and the assimilated
  "Ezzor"), every space, hyphen and apostrophe, doubled letters and a closing
  -h after a vowel: "al-Bab" and "Al Bāb" are both ``bab``, "Tal Abyad" and
  "Tall Abyaḑ" both ``talabyad``. It keeps the vowels.
* :func:`skeleton` goes further: one letter for each family of consonants that
  transliterations trade (q/k, kh/h, sh/ch/sch, dh/d, th/t, gh/g, dj/dzh/zh/j),
  no vowels (y and w count as vowels but before a vowel: w always, y after one
  too), the first
  letter kept as "a" when it is a vowel, and the kind of the closing vowel (a,
  i or u; none after a consonant): "Deir ez-Zor" and "Dayr az Zawr" are both
  ``drzr``, "Kafranbel" and "Kafr Nabl" both ``kfrnbl``, "Mayadeen" and "Al
  Mayadin" both ``mydn``, "Sweida" and "as-Suwayda" both ``swda``; "Halabi"
  (``hlbi``, a family name) is not "Halab" (``hlb``, Aleppo).

Neither key is ever the first thing asked: :func:`sayso.events.places.lookup`
uses them only when the exact folded name misses, and only among the places of
a few countries, so that no English word turns into a town.
"""

from __future__ import annotations

import re

# The Arabic article as transliterations write it, a word of its own once
# hyphens and spaces are split ("al-Mayadin", "Jisr ash-Shughur", "Deir ez-Zor").
ARTICLES = frozenset(
    "al el il ul ad ed ash esh as es at et ar er az ez an en ath adh ah a l".split()
)
# "Ezzor", "Assuwayda": the article assimilated to a doubled sun letter.
_ASSIMILATED = re.compile(r"^[ae](?:l-?)?(sh|th|dh|[tdrzsnl])(?=\1)")
_MARKS = re.compile(r"[’'`‘ʿʾ´.·]")
_SPLIT = re.compile(r"[\s\-‐‑–—_/]+")
# Letters of Latin transliteration that fold() leaves with no plain form.
_PLAIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})
_VOWELS = "aeiouyw"
# Consonant families, longest spelling first.
_FAMILIES = (
    ("dzh", "j"),
    ("tsch", "$"),
    ("sch", "$"),
    ("tch", "$"),
    ("ch", "$"),
    ("sh", "$"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("zh", "j"),
    ("dj", "j"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
)
_FAMILY = re.compile("|".join(spelling for spelling, _ in _FAMILIES))
_FAMILY_OF = dict(_FAMILIES)


def _words(folded: str) -> list[str]:
    """The words of a folded name without marks and without the article."""
    text = _MARKS.sub("", folded.translate(_PLAIN))
    text = re.sub(r"[^a-z0-9\s\-‐‑–—_/]", "", text)
    words = [w for w in _SPLIT.split(text) if w]
    kept = [w for w in words if w not in ARTICLES]
    if not kept:
        return words
    out = []
    for word in kept:
        stripped = _ASSIMILATED.sub("", word)
        if len(stripped) >= 3:
            word = stripped
        # the closing -h of -ah, -eh, -ih, -oh, -uh: "Hamah", "Talbiseh"
        if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
            word = word[:-1]
        out.append(word)
    return out


def _undouble(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


def loose(folded: str) -> str:
    """The name without article, marks, spaces, doubled letters or closing -h."""
    return _undouble("".join(_words(folded)))


def skeleton(folded: str) -> str:
    """The consonants of the name, by family, its first letter marked if a vowel."""
    text = _undouble("".join(_words(folded)))
    if not text:
        return ""
    # -iya, -iye, -iyya: the nisba ending ("Salamiyah", "Salamieh", "Salamiya")
    text = re.sub(r"iy+(?=[aeiou]|$)", "i", text)
    text = _FAMILY.sub(lambda m: _FAMILY_OF[m.group(0)], text)
    out = ["a" if text[0] in _VOWELS and text[0] not in "yw" else ""]
    for i, char in enumerate(text):
        if char in _VOWELS:
            before = text[i - 1] if i else "a"
            after = text[i + 1] if i + 1 < len(text) else ""
            # a consonant before a vowel: w ("Suwayda", "Sweida"), and y between
            # vowels ("Mayadin", "Mayadeen"), not after a consonant ("Abyad", "Abiad")
            if after and after in "aeiou" and (char == "w" or before in "aeiou"):
                out.append(char)
            continue
        out.append(char)
    # the closing vowel's kind: "Halab" is not "Halabi" (of Aleppo, a family
    # name), nor "Malikiya" "Maliki"
    end = text[-1]
    close = (
        ""
        if end not in _VOWELS or end == "w"
        else ("i" if end in "iy" else "u" if end in "ou" else "a")
    )
    return _undouble("".join(out)) + close
