"""Serialise the data model: the JSON record is the model, spans with their text."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sayso.model import Analysis, Span

SCHEMA_VERSION = "sayso.record/1"


def _value(value: Any, text: str) -> Any:
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end, "text": value.text(text)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _value(getattr(value, f.name), text) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_value(v, text) for v in value]
    return value


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The whole record as plain JSON-ready data (schema: docs/schema.md)."""
    text = analysis.article.text
    record: dict[str, Any] = {"schema": SCHEMA_VERSION}
    record.update(_value(analysis, text))
    return record


def to_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=indent)
