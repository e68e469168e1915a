"""The public API is what ``sayso.__all__`` says, and all of it (as httpx checks)."""

from __future__ import annotations

import sayso


def test_all_public_members_are_exported_and_sorted() -> None:
    # the names are imported on first use (sayso._PUBLIC), each one resolvable
    assert set(sayso.__all__) == set(sayso._PUBLIC) | {"__version__"}
    assert all(getattr(sayso, name) is not None for name in sayso.__all__)
    assert sayso.__all__ == sorted(sayso.__all__)


def test_the_types_users_get_back_are_exported() -> None:
    for name in ("Analysis", "Account", "Event", "Place", "Statement", "AccountRow",
                 "ClaimSummary", "EventCluster", "ActorRow", "ArticleSummary"):  # fmt: skip
        assert name in sayso.__all__, name
        assert isinstance(getattr(sayso, name), type), name
