"""The public API is what ``sayso.__all__`` says, and all of it (as httpx checks)."""

from __future__ import annotations
import __future__

import types

import sayso


def test_all_public_members_are_exported_and_sorted() -> None:
    public = {
        name
        for name, value in vars(sayso).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType | __future__._Feature)
    }
    assert set(sayso.__all__) == public | {"__version__"}
    assert sayso.__all__ == sorted(sayso.__all__)


def test_the_types_users_get_back_are_exported() -> None:
    for name in ("Analysis", "Account", "Event", "Place", "Statement", "AccountRow",
                 "ClaimSummary", "EventCluster", "ActorRow", "ArticleSummary"):  # fmt: skip
        assert name in sayso.__all__, name
        assert isinstance(getattr(sayso, name), type), name
