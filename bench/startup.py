"""Start-up of the read commands (issue 20): seconds from process start to exit.

Builds a small store from the bundled incident pages (``tests/data/incident-pages``,
no dataset needed), then runs each read command as a user does, in a process of
its own, ``--repeat`` times, and prints the fastest and the median. A read command
imports neither spaCy nor the embedding model; the line ``imports spaCy`` says
whether it did (checked in a child that runs the command in-process).

    .venv/bin/python bench/startup.py
    .venv/bin/python bench/startup.py --repeat 7 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "data" / "incident-pages"
SAYSO = [str(Path(sys.executable).parent / "sayso")]  # the command users run
COMMANDS = {
    "sayso accounts": ["accounts"],
    "sayso claims": ["claims"],
    "sayso events": ["events"],
    "sayso events --format csv": ["events", "--format", "csv"],
    "sayso actors": ["actors"],
    "sayso failures": ["failures"],
    "sayso --help": ["--help"],
}
_PROBE = (
    "import sys\nfrom click.testing import CliRunner\nfrom sayso.cli import cli\n"
    "result = CliRunner().invoke(cli, sys.argv[1:])\n"
    "print(int(result.exit_code == 0), int('spacy' in sys.modules),"
    " int('sentence_transformers' in sys.modules or 'torch' in sys.modules))"
)


def _seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def _imports(args: list[str]) -> tuple[bool, bool, bool]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], check=True, capture_output=True, text=True
    ).stdout.split()
    ok, spacy, model = (bool(int(x)) for x in out[-3:])
    return ok, spacy, model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="sayso-startup-") as tmp:
        db = str(Path(tmp) / "store.db")
        subprocess.run([*SAYSO, "ingest", str(PAGES), "--db", db, "--quiet"], check=True)
        for label, command in COMMANDS.items():
            argv = [*command, "--db", db] if command != ["--help"] else command
            times = [_seconds([*SAYSO, *argv]) for _ in range(args.repeat)]
            ok, spacy, model = _imports(argv)
            results[label] = {
                "fastest_s": round(min(times), 3),
                "median_s": round(statistics.median(times), 3),
                "ok": ok,
                "imports_spacy": spacy,
                "imports_embedding_model": model,
            }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for label, r in results.items():
        print(
            f"{label:28} fastest {r['fastest_s']:.2f} s, median {r['median_s']:.2f} s"
            f" | imports spaCy: {'yes' if r['imports_spacy'] else 'no'}"
            f", embedding model: {'yes' if r['imports_embedding_model'] else 'no'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
