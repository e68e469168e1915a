"""sayso: who said what, on which side, in news pages.

The public API::

    from sayso import analyze_path, to_dict
    analysis = analyze_path("examples/aleppo-conscription.txt")
    for account in analysis.accounts:
        print(account.kind, account.content.text(analysis.article.text))
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from sayso.batch import IngestSummary, ingest_paths  # noqa: E402
from sayso.errors import InputError, SaysoError, StageError  # noqa: E402
from sayso.export import to_dict, to_json  # noqa: E402
from sayso.extract.outlets import Outlet, OutletDictionary  # noqa: E402
from sayso.ingest.pagemeta import PageMeta  # noqa: E402
from sayso.model import (  # noqa: E402
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
from sayso.nlp.sides import SideDictionary  # noqa: E402
from sayso.pipeline import Settings, analyze_input, analyze_path  # noqa: E402
from sayso.store import Store  # noqa: E402
from sayso.store.accounts import AccountRow  # noqa: E402
from sayso.store.actors import ActorRow  # noqa: E402
from sayso.store.articles import ArticleSummary  # noqa: E402
from sayso.store.claims import ClaimSummary  # noqa: E402
from sayso.store.events import EventCluster  # noqa: E402

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
