"""How the cost of ``sayso ingest`` grows with the store (issue 21).

Ingests real pages into ONE store in batches (100 by default), with claims on,
through the same loop as ``sayso ingest`` (:func:`sayso.batch.ingest_paths`),
and prints for each batch:

* pages stored, wall and CPU seconds per page;
* the writer's CPU seconds per page: the time inside ``Store.save`` (linking
  claims, events and actors, the search index, the SQLite writes), which is what grows
  with the store when something is linear per page; the embedding of statements
  (a fixed cost per statement, inside ``Store.save`` too) is shown apart;
* the store's size then (articles, claims).

Then the list queries at the final size, timed in-process: ``sayso claims``
(``Store.claims()``), ``sayso actors`` (``Store.actors()``), and the web app's
``/claims``, ``/actors`` and one actor's page through FastAPI's TestClient.

It ends with the ratio of the last batch's writer cost per page to the first's
(issue 21 asks at most 1.5) and the whole run's CPU time, beside the 19
CPU-hours that issue 21 extrapolated for 1,547 pages at commit 6732f92.

Corpus: the 181 gzipped HTML pages of ``zyte-article-extraction/html``, then
PolNeAR plain texts (``polnear/dev/text``, then ``train/text``), then the
bundled test pages, up to ``--pages`` (the datasets give about 1,240 pages;
the run says how many it found), shuffled with ``--seed`` (7) so that every
batch holds the same mix of short web pages and long PolNeAR texts: what
differs between the first batch and the last is then the size of the store,
not the kind of page (``--seed -1`` keeps the order above). Read from
``$SAYSO_DATA``, else
``<repo>/../shared/datasets``; nothing is copied into the repository.

Run it from the repository root (an hour or more for 1,500 pages on 2 cores)::

    .venv/bin/python bench/growth.py --pages 1500 --batch 100
    .venv/bin/python bench/growth.py --pages 300 --batch 100 --json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SOURCES = (
    ("zyte-article-extraction", "html"),
    ("polnear", "dev", "text"),
    ("polnear", "train", "text"),
)
ISSUE_21_CPU_HOURS = 19.0  # 1,547 pages with claims, extrapolated at commit 6732f92
EXIT_NO_DATA = 2


def data_root(given: str | None) -> Path:
    if given:
        return Path(given)
    if env := os.environ.get("SAYSO_DATA"):
        return Path(env)
    return REPO.parent / "shared" / "datasets"


def choose_pages(root: Path, count: int, seed: int = 7) -> list[str]:
    found: list[str] = []
    for parts in SOURCES:
        directory = root.joinpath(*parts)
        if not directory.is_dir():
            print(f"error: no {directory} (set SAYSO_DATA or --data)", file=sys.stderr)
            sys.exit(EXIT_NO_DATA)
        found += sorted(str(p) for p in directory.iterdir() if p.is_file())
    found += sorted(str(p) for p in (REPO / "tests" / "data").rglob("*.txt"))
    chosen = found[:count]
    if seed >= 0:
        random.Random(seed).shuffle(chosen)
    return chosen


class WriterClock:
    """CPU time spent inside ``Store.save`` (the writer's share of each page), and
    within it the embedding of statements, a fixed cost per statement that is
    reported apart so that what grows with the store shows. CPU seconds of this
    process (``time.process_time``): the save runs in it, on one thread, and other
    work on the machine does not count as the writer's."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.embedding = 0.0

    @contextmanager
    def installed(self) -> Iterator[None]:
        import sayso.link
        from sayso.store import Store

        save, embed = Store.save, sayso.link.embed_statements

        def timed_save(store: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return save(store, *args, **kwargs)
            finally:
                self.seconds += time.process_time() - start

        def timed_embed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return embed(*args, **kwargs)
            finally:
                self.embedding += time.process_time() - start

        Store.save = timed_save  # type: ignore[method-assign]
        sayso.link.embed_statements = timed_embed  # type: ignore[assignment]
        try:
            yield
        finally:
            Store.save = save  # type: ignore[method-assign]
            sayso.link.embed_statements = embed


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def run_batches(pages: list[str], db: Path, size: int) -> list[dict[str, Any]]:
    from sayso.batch import ingest_paths
    from sayso.pipeline import Settings
    from sayso.store import Store

    settings = Settings()
    _warm_up()  # model loading is not a cost of the first batch's pages
    clock = WriterClock()
    rows: list[dict[str, Any]] = []
    with Store(db) as store, clock.installed():
        for first in range(0, len(pages), size):
            batch = pages[first : first + size]
            clock.seconds = clock.embedding = 0.0
            wall, cpu = time.perf_counter(), time.process_time()
            summary = ingest_paths(batch, store, settings)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            rows.append(
                {
                    "batch": len(rows) + 1,
                    "pages": len(batch),
                    "stored": summary.stored,
                    "failed": len(summary.failed),
                    "wall_s_per_page": wall / len(batch),
                    "cpu_s_per_page": cpu / len(batch),
                    "writer_s_per_page": (clock.seconds - clock.embedding) / max(1, summary.stored),
                    "embedding_s_per_page": clock.embedding / max(1, summary.stored),
                    "articles": store.counts()["articles"],
                    "claims": _count(db, "claims"),
                    "cpu_s": cpu,
                }
            )
            _print_row(rows[-1])
    return rows


def _warm_up() -> None:
    from sayso.claims.clusters import embed
    from sayso.nlp.parse import load_nlp

    load_nlp()("Warm up.")
    embed(["query: warm up"])


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def list_queries(db: Path) -> dict[str, float]:
    from fastapi.testclient import TestClient

    from sayso.store import Store
    from sayso.web import create_app

    found: dict[str, float] = {}
    with Store(db) as store:
        found["sayso claims"] = timed(store.claims)
        actors = store.actors()
        found["sayso actors"] = timed(store.actors)
    app = create_app(db)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for path in ("/claims", "/actors", "/api/claims", "/api/actors"):
            found[path] = timed(lambda p=path: client.get(p).raise_for_status())
        if actors:
            busiest = max(actors, key=lambda a: a.articles)
            path = f"/actors/{busiest.actor_id}"
            found["one actor's page"] = timed(lambda: client.get(path).raise_for_status())
    return found


def _print_row(row: dict[str, Any]) -> None:
    print(
        f"batch {row['batch']:>3}: {row['stored']:>4} stored, {row['failed']:>3} failed | "
        f"wall {row['wall_s_per_page']:.2f} s/page, cpu {row['cpu_s_per_page']:.2f}, "
        f"writer {row['writer_s_per_page']:.3f} (+ embedding {row['embedding_s_per_page']:.3f}) | "
        f"{row['articles']} articles, "
        f"{row['claims']} claims",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7, help="shuffle seed (-1: keep order)")
    parser.add_argument("--data", help="the datasets folder (default: $SAYSO_DATA or ../shared)")
    parser.add_argument("--db", help="the store to fill (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    pages = choose_pages(data_root(args.data), args.pages, args.seed)
    print(f"{len(pages)} pages, batches of {args.batch}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "growth.db"
        rows = run_batches(pages, db, args.batch)
        queries = list_queries(db)
    first, last = rows[0]["writer_s_per_page"], rows[-1]["writer_s_per_page"]
    total_cpu = sum(r["cpu_s"] for r in rows)
    figures = {
        "pages": len(pages),
        "batches": rows,
        "writer_growth": last / first if first else None,
        "cpu_hours": total_cpu / 3600,
        "issue_21_cpu_hours": ISSUE_21_CPU_HOURS,
        "list_queries_s": queries,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name, seconds in queries.items():
        print(f"{name:<20} {seconds:.3f} s")
    growth = figures["writer_growth"]
    print(f"writer cost per page, last batch / first: {growth:.2f} (issue 21 asks <= 1.5)")
    print(
        f"CPU for the whole run: {total_cpu / 3600:.2f} h for {len(pages)} pages "
        f"(issue 21's extrapolation at 6732f92: {ISSUE_21_CPU_HOURS:.0f} h for 1,547)"
    )


if __name__ == "__main__":
    main()
