"""docs/schema.md keeps up with the model, the exporter and the store."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import pytest

from sayso import model
from sayso.export import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
SCHEMA_SQL = (ROOT / "src" / "sayso" / "store" / "schema.sql").read_text(encoding="utf-8")
MODEL_CLASSES = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
]


def backticked(text: str) -> set[str]:
    return set(re.findall(r"`([^`\n]+)`", text))


def section(title_word: str) -> str:
    """The text under the heading that names ``title_word`` in backticks, to the next
    heading of the same or a higher level."""
    lines = DOC.splitlines()
    for i, line in enumerate(lines):
        heading = re.match(r"(#+)\s", line)
        if heading and f"`{title_word}`" in line:
            level = len(heading.group(1))
            body = []
            for later in lines[i + 1 :]:
                other = re.match(r"(#+)\s", later)
                if other and len(other.group(1)) <= level:
                    break
                body.append(later)
            return "\n".join(body)
    raise AssertionError(f"docs/schema.md has no heading naming `{title_word}`")


def test_the_model_has_dataclasses() -> None:
    names = {cls.__name__ for cls in MODEL_CLASSES}
    assert {"Span", "Document", "Article", "Entity", "Speaker", "Account", "Analysis"} <= names


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_model_field_is_documented(cls: type) -> None:
    missing = [f.name for f in dataclasses.fields(cls) if f.name not in backticked(DOC)]
    assert not missing, f"docs/schema.md does not mention {cls.__name__} fields {missing}"


@pytest.mark.parametrize(
    "cls",
    [c for c in MODEL_CLASSES if c.__name__ not in ("Span", "Analysis")],
    ids=lambda cls: cls.__name__,
)
def test_every_field_is_in_its_class_section(cls: type) -> None:
    documented = backticked(section(cls.__name__))
    missing = [f.name for f in dataclasses.fields(cls) if f.name not in documented]
    assert not missing, f"the `{cls.__name__}` section lacks {missing}"


@pytest.mark.parametrize(
    "literal", [model.AccountKind, model.EntityLabel, model.InputKind, model.SpeakerKind]
)
def test_literal_values_are_documented(literal: object) -> None:
    words = set(re.findall(r"[\w-]+", DOC))
    missing = [v for v in typing.get_args(literal) if v not in words]
    assert not missing, f"docs/schema.md does not mention the values {missing}"


def test_schema_version_is_documented() -> None:
    assert f"`{SCHEMA_VERSION}`" in DOC or f'"{SCHEMA_VERSION}"' in DOC


def test_store_tables_and_columns_are_documented() -> None:
    documented = backticked(DOC)
    for table, columns in re.findall(
        r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", SCHEMA_SQL, flags=re.DOTALL
    ):
        assert table in documented, f"table {table} is not documented"
        names = re.findall(r"^\s+(\w+)\s+(?:TEXT|INTEGER|REAL)", columns, flags=re.MULTILINE)
        assert names, table
        missing = [name for name in names if name not in backticked(section(table))]
        assert not missing, f"columns of {table} not documented: {missing}"


def test_exit_codes_are_documented() -> None:
    codes = DOC.split("## Exit codes", 1)[1]
    for code in ("0", "1", "2", "3", "130"):
        assert re.search(rf"^\| {code} \|", codes, flags=re.MULTILINE), code
