"""Shared fixtures: the analysed reference page, the fixture pages and their gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sayso.model import Analysis
from sayso.pipeline import analyze_path

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "reference" / "aleppo-conscription.txt"
PAGES = DATA / "pages"


def gold_for(page: Path) -> dict[str, Any]:
    """The gold record beside a page (``page.gold.json``, without a ``.gz``)."""
    # The reference gold replaces the extension; the fixture golds keep it.
    name = page.stem if page.parent.name == "reference" else page.name.removesuffix(".gz")
    return json.loads((page.parent / f"{name}.gold.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def reference() -> tuple[Analysis, dict[str, Any]]:
    return analyze_path(str(REFERENCE)), gold_for(REFERENCE)
