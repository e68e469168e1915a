"""The inverse of :func:`sayso.export.to_dict`: an :class:`~sayso.model.Analysis`
from its JSON record, as ``articles.record`` keeps it, so that a store's links
can be computed again from what it holds.

Spans may be written ``{"start", "end", "text"}`` (the exporter) or
``{"start", "end"}`` (``dataclasses.asdict``); the text is never read back,
the article's text is the one truth. Unknown keys (``schema``) are ignored.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any

from sayso import model
from sayso.errors import StoreError
from sayso.model import Analysis, Span


def analysis_from_record(record: dict[str, Any]) -> Analysis:
    """The analysis a record holds; StoreError when it is not one."""
    try:
        value = _build(Analysis, record)
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"not an analysis record: {exc!r}") from exc
    assert isinstance(value, Analysis)
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _build(cls: type, data: dict[str, Any]) -> object:
    if cls is Span:
        return Span(int(data["start"]), int(data["end"]))
    hints = _hints(cls)
    kwargs = {
        f.name: _convert(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)
        if f.name in data
    }
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(hint)
        item = args[0] if args else Any
        return tuple(_convert(item, v) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value)
    return value
