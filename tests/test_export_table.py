"""CSV cells that a spreadsheet would run as formulas are escaped (OWASP)."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from sayso.export.table import FORMULA_STARTS, safe_cell, to_csv


def test_formula_cells_get_an_apostrophe() -> None:
    for value in ('=HYPERLINK("http://evil.example","x")', "@SUM(A1)", "+1", "-2", "\tx", "\ry"):
        assert safe_cell(value) == "'" + value
    for value in ("plain", "a=b", "", 3, -3, 2.5, None):
        assert safe_cell(value) == value


@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_no_cell_starts_a_formula_and_nothing_is_lost(values: list[str]) -> None:
    columns = [f"c{i}" for i in range(len(values))]
    text = to_csv([dict(zip(columns, values, strict=True))], columns)
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    for column, original in zip(columns, values, strict=True):
        cell = row[column]
        assert not cell.startswith(FORMULA_STARTS)
        assert (cell[1:] if original.startswith(FORMULA_STARTS) else cell) == original
