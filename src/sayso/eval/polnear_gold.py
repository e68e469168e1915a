"""PolNeAR's gold: brat standoff files read into attributions, and the article
text as sayso sees it (for scoring in :mod:`sayso.eval.polnear`)."""

from __future__ import annotations

import glob
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sayso.model import Article, Document, Span, stable_id

EXTRACTOR = "polnear@1"

_T_LINE = re.compile(r"T(\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"E(\d+)\t(.*)$")
_WORD = re.compile(r"[\w’']+")
_DOUBLE_QUOTES = frozenset('"“”«»‘')
_OPENING_SINGLE = re.compile(r"(?:^|[\s(\[—–-])['’]\w")
_IRREGULAR = {
    "said": "say", "says": "say", "saying": "say", "told": "tell", "wrote": "write",
    "written": "write", "writes": "write", "spoke": "speak", "spoken": "speak",
}  # fmt: skip


# ---------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: its spans and the two flags the split uses."""

    content: tuple[Span, ...]
    source: tuple[Span, ...] | None
    cue: tuple[Span, ...]
    is_direct: bool
    is_speech: bool


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    annotator: str


def _spans(offsets: str) -> tuple[Span, ...]:
    return tuple(Span(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";")))


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted, overlapping spans joined (Content and Content2 may overlap)."""
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return tuple(out)


def parse_ann(ann: str, text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat standoff file (two passes: E may name later T)."""
    spans: dict[str, tuple[Span, ...]] = {}
    relations: list[str] = []
    for line in ann.split("\n"):  # a T line's text may run on: offsets only are read
        if t := _T_LINE.match(line):
            spans[f"T{t.group(1)}"] = _spans(t.group(3))
        elif e := _E_LINE.match(line):
            relations.append(e.group(2))
    out = []
    for relation in relations:
        roles: dict[str, list[Span]] = {}
        for arg in relation.split():
            role, _, ref = arg.partition(":")
            role = "Content" if role.startswith("Content") else role
            if ref in spans:
                roles.setdefault(role, []).extend(spans[ref])
        if not roles.get("Content"):
            continue
        content, cue = _merge(roles["Content"]), _merge(roles.get("Cue", []))
        source = _merge(roles["Source"]) if roles.get("Source") else None
        out.append(
            GoldAttribution(
                content=content,
                source=source,
                cue=cue,
                is_direct=is_direct(" ".join(s.text(text) for s in content)),
                is_speech=is_speech(" ".join(s.text(text) for s in cue)),
            )
        )
    return tuple(out)


def is_direct(content: str) -> bool:
    """The content holds a quote mark (an apostrophe is not one)."""
    return any(ch in _DOUBLE_QUOTES for ch in content) or bool(_OPENING_SINGLE.search(content))


def lemmas(word: str) -> set[str]:
    """Candidate verb lemmas of one word by suffix rules ("admitted" -> "admit")."""
    w = word.lower()
    out = {w, _IRREGULAR.get(w, w)}
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            out |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # admitted, quipping
            if stem.endswith("i"):
                out.add(stem[:-1] + "y")  # denied, replies
    return out


# Frozen for the evaluation: do not edit to follow sayso's lexicon.
EVAL_SPEECH_VERBS = frozenset(
    """say tell state claim allege insist argue warn add explain deny report announce
    confirm acknowledge admit note suggest estimate predict write tweet post declare
    assert maintain stress emphasize emphasise reiterate recall describe accuse urge
    complain concede contend reveal disclose testify vow promise threaten question
    caution charge counter respond reply answer ask remark observe indicate signal
    comment mention repeat quip joke boast brag""".split()
)


def is_speech(cue: str) -> bool:
    """One word of the cue is a speech verb of the evaluation's frozen list."""
    return any(lemmas(w) & EVAL_SPEECH_VERBS for w in _WORD.findall(cue))


def load_split(data_dir: Path, split: str) -> list[GoldArticle]:
    """Every article of a split with the first annotator's attributions."""
    ann_dir = data_dir / split / "attributions"
    articles = []
    for text_path in sorted((data_dir / split / "text").glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{glob.escape(text_path.stem)}_*.ann"))
        anns = [a for a in anns if "_" not in a.stem[len(text_path.stem) + 1 :]]
        if not anns:
            continue
        text = text_path.read_bytes().decode("utf-8")  # no newline translation: offsets
        attributions = parse_ann(anns[0].read_text("utf-8"), text)
        annotator = anns[0].stem[len(text_path.stem) + 1 :]
        articles.append(GoldArticle(text_path.stem, text, attributions, annotator))
    return articles


# ------------------------------------------------------- the article


def article_from_text(text: str, source: str) -> tuple[Document, Article]:
    """Document and Article of a clean PolNeAR text, offsets kept (no cleaner)."""
    raw = text.encode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    document = Document(id=f"doc_{sha[:16]}", source=source, kind="text", sha256=sha, size=len(raw))
    newline = text.find("\n")
    title = text[:newline] if newline > 0 else None
    body_start = newline if newline > 0 else 0
    while body_start < len(text) and text[body_start] == "\n":
        body_start += 1
    article = Article(
        id=stable_id("art", sha, EXTRACTOR),
        document_id=document.id,
        source=source,
        text=text,
        title=title,
        title_span=Span(0, len(title)) if title else None,
        body_span=Span(body_start, len(text)),
        authors=(),
        dateline=None,
        published=None,
        language="en",
        site_name=None,
        url=None,
        extractor=EXTRACTOR,
    )
    return document, article


# ------------------------------------------------------------ scoring
