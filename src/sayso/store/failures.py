"""The pages that failed to go in, by source: their code and message, kept
until the page is stored (a later run that stores it drops its row)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

_CODE = re.compile(r"\[(E\d{3})\]")


@dataclass(frozen=True, slots=True)
class Failure:
    """One input's last failure."""

    source: str
    sha256: str | None
    code: str
    message: str
    failed_at: str


def error_code(message: str) -> str:
    """The code in a coded message ("E110"); E000 when it has none."""
    found = _CODE.search(message)
    return found.group(1) if found else "E000"


def record(conn: sqlite3.Connection, source: str, sha256: str | None, message: str) -> None:
    conn.execute(
        "INSERT INTO failures (source, sha256, code, message, failed_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (source) DO UPDATE SET sha256 = excluded.sha256, code = excluded.code,"
        " message = excluded.message, failed_at = excluded.failed_at",
        (source, sha256, error_code(message), message, datetime.now(UTC).isoformat()),
    )


def clear(conn: sqlite3.Connection, source: str, sha256: str) -> None:
    """The page is stored now: its failures, by name or by content, are over."""
    conn.execute("DELETE FROM failures WHERE source = ? OR sha256 = ?", (source, sha256))


def read(conn: sqlite3.Connection) -> list[Failure]:
    rows = conn.execute(
        "SELECT source, sha256, code, message, failed_at FROM failures ORDER BY failed_at, source"
    ).fetchall()
    return [Failure(*row) for row in rows]
