"""Repair mojibake ("donâ€™t" for "don’t") with ftfy, before extraction.

Text decoded twice the wrong way round (UTF-8 read as cp1252, then saved as
UTF-8 again) is common in scraped news. ftfy undoes it; to leave text that is
fine exactly as it is, only the lines ftfy judges bad (:func:`ftfy.is_bad`)
are touched, and only by the fixes that undo a wrong decoding: quotes stay
curly, widths and ligatures stay, HTML entities and line breaks are left
alone, and nothing is normalised. Each repair is noted in the analysis notes.
"""

from __future__ import annotations

import re

import ftfy
from ftfy.badness import is_bad

# Only the fixes of a wrong decoding; everything that would change good text is off.
_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
NOTE = "repaired mojibake (ftfy) in {count} line{s}"
# ftfy's test is a costly regex (half a second a megabyte), and every sequence it
# calls bad is a few characters long and holds one beyond ASCII and the usual
# typographic marks: only the stretches around such characters are tested.
_SUSPECT = re.compile(r"[^\x00-\x7f\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026]")
_CONTEXT = 6  # characters either side of a suspect one that a bad sequence may use


def repair_mojibake(text: str) -> tuple[str, int]:
    """The text with its mojibake lines repaired, and how many lines changed."""
    if not _SUSPECT.search(text):
        return text, 0
    lines = text.split("\n")
    changed = 0
    for index, line in enumerate(lines):
        if _looks_bad(line):
            fixed = ftfy.fix_text(line, _CONFIG)
            if fixed != line:
                lines[index] = fixed
                changed += 1
    return ("\n".join(lines), changed) if changed else (text, 0)


def _looks_bad(line: str) -> bool:
    """ftfy's :func:`is_bad` on the stretches of ``line`` around suspect characters
    (overlapping stretches merged); it may say bad where the whole line would not
    (a stretch's start reads as the line's), which only costs a fix that finds nothing."""
    start = end = -1
    for match in _SUSPECT.finditer(line):
        low, high = max(0, match.start() - _CONTEXT), match.end() + _CONTEXT
        if low > end:
            if end >= 0 and is_bad(line[start:end]):
                return True
            start = low
        end = max(end, high)
    return end >= 0 and is_bad(line[start:end])


def repair_noting(text: str, notes: list[str]) -> str:
    """:func:`repair_mojibake`, with a note in ``notes`` when anything changed."""
    repaired, count = repair_mojibake(text)
    if count:
        notes.append(NOTE.format(count=count, s="" if count == 1 else "s"))
    return repaired
