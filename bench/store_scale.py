"""How fast the lists stay at 100,000 articles (issue 18).

Builds a store of ``--articles`` N (100,000) articles without running the NLP
N times: the bundled pages (``examples/`` and ``tests/data/incidents/dev``, 40
pages) are analysed once into a seed store, then their rows are copied in SQL,
in rounds, each round's copy with fresh deterministic ids (the seed's id and
``-NNNNN``), its dates shifted by the round's number of days (modulo ten years)
and its events' points moved a little, so that no two copies are the same event
and linking would still have work to do. Actors are the seed's: a copy names the
same people and organisations, so the actors' figures grow as a real store's
do. The lists' figures (``claim_figures``, ``event_figures``, ``actor_figures``)
are copied with the rows (the actors' computed afresh). The search index is not
copied: no list reads it.

Then every list page (``/``, ``/actors``, ``/claims``, ``/events``, through
FastAPI's TestClient, in-process) and every API list (``/api/articles``,
``/api/accounts``, ``/api/actors``, ``/api/claims``, ``/api/events``) is timed
``--repeat`` times for its first page and for a page deep in the list (from a
cursor made from the row in the middle of the list), and p50/p95 are printed
per list; issue 18 asks p95 <= 300 ms.

Run it from the repository root (about 10 minutes at 100,000 on 2 cores)::

    .venv/bin/python bench/store_scale.py --articles 100000 --db /tmp/scale.db
    .venv/bin/python bench/store_scale.py --articles 5000 --repeat 10

``--db`` defaults to a temporary file; an existing ``--db`` of the right size
is reused (``--rebuild`` to build it again).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_PAGES = [REPO / "examples", REPO / "tests" / "data" / "incidents" / "dev"]
ROUND = 50  # copies per INSERT ... SELECT
# The tables copied per article, in the order that keeps foreign keys whole.
TABLES = (
    "documents",
    "articles",
    "speakers",
    "entities",
    "accounts",
    "fingerprints",
    "claims",
    "claim_parts",
    "part_keys",
    "statements",
    "event_clusters",
    "events",
    "actor_articles",
    "claim_figures",
    "claim_sides",
    "event_figures",
)
# Columns that hold an id of a copied row: the copy gets the id with a suffix.
ID_COLUMNS = {
    "id",
    "document_id",
    "article_id",
    "speaker_id",
    "entity_id",
    "claim_id",
    "cluster_id",
    "account_id",
    "part_id",
    "duplicate_of",
    "incident",
    "sha256",
    "event_id",
}
DATE_COLUMNS = {"published", "date_start", "date_end"}
SHARED = {"actor_id"}  # the seed's actors: every copy names them


def build_seed(path: Path) -> None:
    """Analyse the bundled pages once into the seed store."""
    from sayso.batch import ingest_paths
    from sayso.store import Store

    started = time.perf_counter()
    with Store(path) as store:
        summary = ingest_paths([str(p) for p in SEED_PAGES], store)
    print(f"seed: {summary.stored} pages analysed in {time.perf_counter() - started:.0f} s")


def _expression(table: str, column: str) -> str:
    if column in SHARED:
        return column
    if column in ID_COLUMNS or (table == "part_keys" and column == "incident"):
        return f"CASE WHEN s.{column} IS NULL THEN NULL ELSE s.{column} || r.suffix END"
    if column in DATE_COLUMNS:
        return (
            f"CASE WHEN s.{column} IS NULL OR length(s.{column}) < 10 THEN s.{column}"
            f" ELSE date(substr(s.{column}, 1, 10), r.shift) END"
        )
    if column == "day":  # event_figures: its cluster's first day
        return (
            "CASE WHEN length(s.day) < 10 THEN s.day ELSE date(substr(s.day, 1, 10), r.shift) END"
        )
    if table == "event_clusters" and column in ("latitude", "longitude"):
        return f"s.{column} + r.jitter"
    return f"s.{column}"


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f"PRAGMA main.table_info({table})")]


def copy_rounds(conn: sqlite3.Connection, first: int, last: int) -> None:
    """Copies ``first`` to ``last`` (inclusive) of the seed's rows."""
    conn.execute("DELETE FROM temp.rounds")
    conn.executemany(
        "INSERT INTO temp.rounds (k, suffix, shift, jitter) VALUES (?, ?, ?, ?)",
        [(k, f"-{k:05d}", f"+{k % 3650} days", (k % 97) * 0.001) for k in range(first, last + 1)],
    )
    for table in TABLES:
        columns = _columns(conn, table)
        values = ", ".join(_expression(table, c) for c in columns)
        order = "r.k" if table == "claim_sides" else "r.k, s.rowid"  # WITHOUT ROWID
        conn.execute(
            f"INSERT INTO main.{table} ({', '.join(columns)})"
            f" SELECT {values} FROM temp.rounds AS r CROSS JOIN seed.{table} AS s"
            f" ORDER BY {order}"
        )


def _without_triggers(conn: sqlite3.Connection) -> list[str]:
    """Drop the figures' triggers for the bulk copy (the figures are copied
    too); their SQL, to create them again."""
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stale_%'"
    ).fetchall()
    for name, _ in found:
        conn.execute(f"DROP TRIGGER {name}")
    return [str(sql) for _, sql in found]


def build(db: Path, articles: int) -> None:
    from sayso.store import Store, figures

    seed = db.with_name(db.stem + ".seed.db")
    if not seed.exists():
        build_seed(seed)
    with Store(seed) as store:
        per_copy = len(store.articles())
    copies = max(1, articles // per_copy)
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    Store(db).close()  # the schema, migrated
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute(f"ATTACH DATABASE '{seed}' AS seed")
    conn.execute("CREATE TEMP TABLE rounds (k INTEGER, suffix TEXT, shift TEXT, jitter REAL)")
    conn.execute("BEGIN")
    triggers = _without_triggers(conn)
    for table in ("actors", "actor_aliases", "actor_sides"):
        conn.execute(f"INSERT INTO main.{table} SELECT * FROM seed.{table}")
    started = time.perf_counter()
    for first in range(0, copies, ROUND):
        last = min(copies, first + ROUND) - 1
        copy_rounds(conn, first, last)
        done = (last + 1) * per_copy
        elapsed = time.perf_counter() - started
        print(f"  {done:,} articles copied in {elapsed:.0f} s", flush=True)
    # The figures' positions are the new rows' rowids; the actors' figures afresh.
    conn.execute(
        "UPDATE claim_figures SET position = (SELECT rowid FROM claims WHERE id = claim_id)"
    )
    conn.execute(
        "UPDATE event_figures SET position = (SELECT rowid FROM event_clusters WHERE id = event_id)"
    )
    for sql in triggers:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.close()
    with Store(db) as store:
        writer = store._write_connection()
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO list_stale (kind, item_id) SELECT 'actor', id FROM actors")
        figures.refresh(writer)
        writer.execute("COMMIT")
        print(f"built {db}: {store.counts()} in {time.perf_counter() - started:.0f} s")


def _middle_cursor(conn: sqlite3.Connection, name: str) -> str:
    """A cursor from the row in the middle of a list, in its default order."""
    from sayso.store import claim_list, event_list, lists
    from sayso.store.paged import ORDERS
    from sayso.store.paging import encode, order_by

    tables = {
        "articles": (lists._ARTICLE_TABLES, "1"),
        "accounts": (lists._ACCOUNT_TABLES.format(indexed="NOT INDEXED"), "ra.rejected = 0"),
        "actors": (lists._ACTOR_TABLES, "1"),
        "claims": (claim_list._TABLES, "1"),
        "events": (event_list._TABLES, "+ef.background = 0"),
    }
    order = ORDERS[name][0]
    source, where = tables[name]
    count = conn.execute(f"SELECT COUNT(*) FROM {source} WHERE {where}").fetchone()[0]
    keys = ", ".join(k.sql for k in order.keys)
    row = conn.execute(
        f"SELECT {keys} FROM {source} WHERE {where} ORDER BY {order_by(order)}"
        f" LIMIT 1 OFFSET {count // 2}"
    ).fetchone()
    return encode(order, row)


# (label, list, path): every list page and every API list.
TIMED = (
    ("page /", "articles", "/"),
    ("page /actors", "actors", "/actors"),
    ("page /claims", "claims", "/claims"),
    ("page /events", "events", "/events"),
    ("api /api/articles", "articles", "/api/articles"),
    ("api /api/accounts", "accounts", "/api/accounts"),
    ("api /api/actors", "actors", "/api/actors"),
    ("api /api/claims", "claims", "/api/claims"),
    ("api /api/events", "events", "/api/events"),
)


def _times(client: object, url: str, repeat: int) -> Iterator[float]:
    get = client.get  # type: ignore[attr-defined]
    get(url)  # warm: the thread's store, the page cache
    for _ in range(repeat):
        started = time.perf_counter()
        answer = get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            raise SystemExit(f"{url}: {answer.status_code} {answer.text[:200]}")
        yield elapsed


def time_lists(db: Path, repeat: int) -> None:
    from fastapi.testclient import TestClient

    from sayso.web import create_app

    conn = sqlite3.connect(db)
    cursors = {name: _middle_cursor(conn, name) for name in {n for _, n, _ in TIMED}}
    conn.close()
    print(f"\n{'list':<22} {'page':<6} {'p50 ms':>8} {'p95 ms':>8}  {'rows':>6}")
    worst = 0.0
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        for label, name, path in TIMED:
            for where, query in (("first", ""), ("deep", f"?cursor={cursors[name]}")):
                url = path + query
                found = sorted(_times(client, url, repeat))
                p50 = statistics.median(found)
                p95 = found[min(len(found) - 1, round(0.95 * (len(found) - 1)))]
                worst = max(worst, p95)
                rows = _rows(client, url, path)
                print(f"{label:<22} {where:<6} {p50:>8.1f} {p95:>8.1f}  {rows:>6}", flush=True)
    verdict = "within" if worst <= 300 else "OVER"
    print(f"\nworst p95: {worst:.1f} ms ({verdict} issue 18's 300 ms)")


def _rows(client: object, url: str, path: str) -> int | str:
    answer = client.get(url)  # type: ignore[attr-defined]
    if path.startswith("/api/"):
        return len(answer.json()["items"])
    return answer.text.count("<tr data-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="default: a temporary file")
    parser.add_argument("--repeat", type=int, default=20, help="timings per page")
    parser.add_argument("--rebuild", action="store_true", help="build --db even if it is there")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    os.chdir(REPO)
    db = args.db or Path(tempfile.mkdtemp(prefix="sayso-scale-")) / "scale.db"
    if args.rebuild or not _holds(db, args.articles):
        build(db, args.articles)
    time_lists(db, args.repeat)
    return 0


def _holds(db: Path, articles: int) -> bool:
    if not db.exists():
        return False
    conn = sqlite3.connect(db)
    try:
        found = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return bool(found >= articles * 0.95)


if __name__ == "__main__":
    raise SystemExit(main())
