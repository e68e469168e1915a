"""Flatten the model's dataclasses into the store's rows.

Spans become ``start``/``end`` integer columns plus the text they cover, so
rows can be read with plain SQL without the article text at hand.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

from sayso.model import Account, Analysis, Article, Document, Entity, Span, Speaker

Row = dict[str, Any]


def to_json(value: object) -> str:
    # ensure_ascii=False keeps non-English names readable in ad-hoc SQL.
    return json.dumps(value, ensure_ascii=False)


def default_record(analysis: Analysis) -> dict[str, Any]:
    """The whole Analysis as plain data, until an exporter supplies its own form."""
    return dataclasses.asdict(analysis)


def document_row(document: Document) -> Row:
    return {
        "id": document.id,
        "sha256": document.sha256,
        "source": document.source,
        "kind": document.kind,
        "size": document.size,
        "stored_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def article_row(article: Article, record_json: str) -> Row:
    return {
        "id": article.id,
        "document_id": article.document_id,
        "text": article.text,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "site_name": article.site_name,
        "url": article.url,
        "authors": to_json(list(article.authors)),
        "record": record_json,
    }


def speaker_row(article_id: str, speaker: Speaker) -> Row:
    return {
        "article_id": article_id,
        "id": speaker.id,
        "name": speaker.name,
        "group_name": speaker.group,
        "descriptor": speaker.descriptor,
        "affiliation": speaker.affiliation,
        "side": speaker.side,
        "side_evidence": speaker.side_evidence,
        "entity_id": speaker.entity_id,
        "kind": speaker.kind,
        "mentions": _spans_json(speaker.mentions),
    }


def entity_row(article_id: str, entity: Entity) -> Row:
    return {
        "article_id": article_id,
        "id": entity.id,
        "label": entity.label,
        "name": entity.name,
        "aliases": to_json(list(entity.aliases)),
        "mentions": _spans_json(entity.mentions),
    }


def account_row(article_id: str, account: Account, text: str) -> Row:
    row: Row = {
        "article_id": article_id,
        "id": account.id,
        "kind": account.kind,
        "location": account.where,
        "speaker_id": account.speaker_id,
        "confidence": account.confidence,
        "rule": account.rule,
    }
    row.update(_span_columns("content", account.content, text, with_text="content"))
    row["parts"] = _spans_json(account.parts)
    row.update(_span_columns("partial", account.partial, text, with_text=None))
    row.update(_span_columns("speaker", account.speaker_mention, text, with_text="speaker_text"))
    row.update(_span_columns("cue", account.cue, text, with_text="cue"))
    row.update(_span_columns("recipient", account.recipient, text, with_text="recipient"))
    row.update(_span_columns("channel", account.channel, text, with_text="channel"))
    return row


def insert_sql(table: str, row: Row) -> str:
    """``INSERT`` with named parameters for the row's columns (names are ours, not input)."""
    columns = ", ".join(row)
    values = ", ".join(f":{name}" for name in row)
    return f"INSERT INTO {table} ({columns}) VALUES ({values})"


def upsert_sql(table: str, row: Row) -> str:
    """``INSERT`` that replaces the other columns when the ``id`` exists."""
    updates = ", ".join(f"{name} = excluded.{name}" for name in row if name != "id")
    return f"{insert_sql(table, row)} ON CONFLICT(id) DO UPDATE SET {updates}"


def _span_columns(prefix: str, span: Span | None, text: str, *, with_text: str | None) -> Row:
    columns: Row = {
        f"{prefix}_start": span.start if span is not None else None,
        f"{prefix}_end": span.end if span is not None else None,
    }
    if with_text is not None:
        columns[with_text] = span.text(text) if span is not None else None
    return columns


def _spans_json(spans: tuple[Span, ...]) -> str:
    return to_json([[span.start, span.end] for span in spans])
