"""CSV out of sayso, safe to open in a spreadsheet.

Article text is hostile: a quote that begins ``=HYPERLINK(...)`` or ``@SUM(...)``
would run as a formula in Excel, LibreOffice or Google Sheets. Every CSV that
sayso writes goes through :func:`to_csv`, which escapes such cells the way
OWASP recommends: a leading apostrophe makes the cell text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

# What a spreadsheet reads as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a spreadsheet shows it as text: strings that would start a
    formula get a leading apostrophe; numbers and None go out as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    """The rows as CSV text with a header, every string cell escaped."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns))
    writer.writeheader()
    for row in rows:
        writer.writerow({name: safe_cell(value) for name, value in row.items()})
    return out.getvalue()
