"""What claims cost ``sayso ingest`` (issue 20): the same pages ingested into a
fresh store with claims on (the default) and with ``--no-claims``, each run a
``sayso ingest`` child process of its own, timed from start to exit (wall, and
CPU of the child read with ``os.wait4``). Prints both and their ratio: the
figure the README quotes.

Corpus: the pages ``bench/growth.py`` chooses (Zyte HTML, PolNeAR texts and the
bundled test pages, shuffled with seed 7), the first ``--pages`` of them. Read
from ``$SAYSO_DATA``, else ``<repo>/../shared/datasets``; nothing is copied
into the repository.

Run it from the repository root::

    .venv/bin/python bench/claims_cost.py --pages 100
    .venv/bin/python bench/claims_cost.py --pages 100 --json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from growth import choose_pages, data_root  # noqa: E402 (a sibling script)

SCRIPT = Path(sys.executable).with_name("sayso")


def timed_ingest(pages: list[str], db: Path, *options: str) -> dict[str, float]:
    """Wall and CPU seconds of one ``sayso ingest`` child, start to exit."""
    start = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 (our own console script)
        [str(SCRIPT), "ingest", *pages, "--db", str(db), "-q", *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some pages failed
        sys.exit(f"sayso ingest {' '.join(options)} failed")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--data", help="the datasets folder (default: $SAYSO_DATA or ../shared)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    pages = choose_pages(data_root(args.data), 10**6)[: args.pages]
    with tempfile.TemporaryDirectory() as tmp:
        without = timed_ingest(pages, Path(tmp) / "without.db", "--no-claims")
        with_claims = timed_ingest(pages, Path(tmp) / "with.db")
    figures: dict[str, Any] = {
        "pages": len(pages),
        "without_claims": without,
        "with_claims": with_claims,
        "ratio_wall": with_claims["wall_s"] / without["wall_s"],
        "ratio_cpu": with_claims["cpu_s"] / without["cpu_s"],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{len(pages)} pages")
    for name in ("without_claims", "with_claims"):
        run = figures[name]
        print(f"{name:<15} wall {run['wall_s']:7.1f} s   cpu {run['cpu_s']:7.1f} s")
    print(
        f"with claims / without: {figures['ratio_wall']:.2f} times the wall time, "
        f"{figures['ratio_cpu']:.2f} times the CPU"
    )


if __name__ == "__main__":
    main()
