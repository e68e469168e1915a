"""The SQLite store of documents, articles, speakers, entities and accounts."""

from sayso.store.sqlite import SCHEMA_VERSION, AccountRow, Store

__all__ = ["SCHEMA_VERSION", "AccountRow", "Store"]
