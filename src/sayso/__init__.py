"""sayso: who said what, on which side, in news pages.

The public API::

    from sayso import analyze_path, to_dict
    analysis = analyze_path("examples/aleppo-conscription.txt")
    for account in analysis.accounts:
        print(account.kind, account.content.text(analysis.article.text))
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sayso.batch import IngestSummary, ingest_paths
    from sayso.errors import InputError, SaysoError, StageError
    from sayso.export import to_dict, to_json
    from sayso.extract.outlets import Outlet, OutletDictionary
    from sayso.ingest.pagemeta import PageMeta
    from sayso.model import (
        Account,
        Analysis,
        Article,
        AuthorBio,
        Document,
        Entity,
        Event,
        Place,
        Span,
        Speaker,
        Statement,
    )
    from sayso.nlp.sides import SideDictionary
    from sayso.pipeline import Settings, analyze_input, analyze_path
    from sayso.store import Store
    from sayso.store.accounts import AccountRow
    from sayso.store.actors import ActorRow
    from sayso.store.articles import ArticleSummary
    from sayso.store.claims import ClaimSummary
    from sayso.store.events import EventCluster

# Where each public name lives: imported on first use (PEP 562), so that a
# command that only reads the store never loads spaCy or the embedding model.
_PUBLIC = {
    "IngestSummary": "sayso.batch",
    "ingest_paths": "sayso.batch",
    "InputError": "sayso.errors",
    "SaysoError": "sayso.errors",
    "StageError": "sayso.errors",
    "to_dict": "sayso.export",
    "to_json": "sayso.export",
    "Outlet": "sayso.extract.outlets",
    "OutletDictionary": "sayso.extract.outlets",
    "PageMeta": "sayso.ingest.pagemeta",
    "Account": "sayso.model",
    "Analysis": "sayso.model",
    "Article": "sayso.model",
    "AuthorBio": "sayso.model",
    "Document": "sayso.model",
    "Entity": "sayso.model",
    "Event": "sayso.model",
    "Place": "sayso.model",
    "Span": "sayso.model",
    "Speaker": "sayso.model",
    "Statement": "sayso.model",
    "SideDictionary": "sayso.nlp.sides",
    "Settings": "sayso.pipeline",
    "analyze_input": "sayso.pipeline",
    "analyze_path": "sayso.pipeline",
    "Store": "sayso.store",
    "AccountRow": "sayso.store.accounts",
    "ActorRow": "sayso.store.actors",
    "ArticleSummary": "sayso.store.articles",
    "ClaimSummary": "sayso.store.claims",
    "EventCluster": "sayso.store.events",
}


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'sayso' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])


logging.getLogger("sayso").addHandler(logging.NullHandler())

__all__ = [
    "Account",
    "AccountRow",
    "ActorRow",
    "Analysis",
    "Article",
    "ArticleSummary",
    "AuthorBio",
    "ClaimSummary",
    "Document",
    "Entity",
    "Event",
    "EventCluster",
    "IngestSummary",
    "InputError",
    "Outlet",
    "OutletDictionary",
    "PageMeta",
    "Place",
    "SaysoError",
    "Settings",
    "SideDictionary",
    "Span",
    "Speaker",
    "StageError",
    "Statement",
    "Store",
    "__version__",
    "analyze_input",
    "analyze_path",
    "ingest_paths",
    "to_dict",
    "to_json",
]
