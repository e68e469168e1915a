"""`sayso eval pages`: pages scored against the gold records beside them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from sayso.cli import cli
from tests.conftest import PAGES, REFERENCE


def test_eval_pages_scores_reference_and_refuses_french(tmp_path: Path) -> None:
    for page in (REFERENCE, PAGES / "french-article.html"):
        shutil.copy(page, tmp_path / page.name)
    shutil.copy(REFERENCE.with_name("aleppo-conscription.gold.json"), tmp_path)
    shutil.copy(PAGES / "french-article.html.gold.json", tmp_path)
    result = CliRunner().invoke(cli, ["eval", "pages", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    by_page = {Path(r["page"]).name: r for r in report["pages"]}
    assert report["total"]["quotes"] == 15 and report["total"]["recall"] == 1.0
    assert by_page["aleppo-conscription.txt"]["figures"]["perfect"] == 1.0
    assert by_page["aleppo-conscription.txt"]["quotes"] == 15
    assert by_page["french-article.html"]["figures"] == {}  # refused, as the gold expects


def test_eval_pages_fails_on_a_page_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "empty.txt.gold.json").write_text('{"quotes": []}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "pages", str(tmp_path)])
    assert result.exit_code == 1
    assert "E102" in result.output


def test_eval_pages_skips_pages_without_gold(tmp_path: Path) -> None:
    shutil.copy(REFERENCE, tmp_path / "page.txt")
    result = CliRunner().invoke(cli, ["eval", "pages", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"pages": [], "total": {}}
