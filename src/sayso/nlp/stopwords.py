"""spaCy's English stop words, read without importing spaCy.

Importing ``spacy.lang.en.stop_words`` imports the whole ``spacy`` package
first (about 0.4 s), which a command that only reads the store should not pay
(issue 20). The list is one plain Python file in spaCy's package; it is run on
its own, so the words are exactly spaCy's.
"""

from __future__ import annotations

import importlib.util
import runpy
from pathlib import Path


def _spacy_stop_words() -> frozenset[str]:
    spec = importlib.util.find_spec("spacy")  # finds the package, imports nothing
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "lang" / "en" / "stop_words.py"
        if path.is_file():
            return frozenset(runpy.run_path(str(path))["STOP_WORDS"])
    from spacy.lang.en.stop_words import STOP_WORDS as words  # another layout: the slow way

    return frozenset(words)


STOP_WORDS: frozenset[str] = _spacy_stop_words()
