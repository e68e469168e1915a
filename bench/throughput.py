"""Throughput of ``sayso ingest`` (in one process, two, and on a Dask
LocalCluster of two) against the bare spaCy pipeline it is built on.

What it measures, each in its own child process tree, one at a time, so that
every peak memory figure belongs to one thing only (the RSS of the child and
all its descendants, summed and sampled every 0.1 s: a pool's and a Dask
cluster's worker processes count; pages shared between processes are counted
in each, so a tree's figure is an upper bound):

* ``sayso ingest <pages> --db <fresh db> --quiet --json``, claims on (the
  default), with ``--workers 1``, ``--workers 2`` and ``--dask local
  --workers 2``: the whole command, from process start to exit (imports, model
  loads in every worker, decoding, trafilatura extraction, cleaning, spaCy,
  attribution, speakers, claims, SQLite writes; a LocalCluster's start and
  stop).
* trafilatura extraction: ``trafilatura.extract`` over the HTML pages, with
  the options sayso uses (precision first, no comments, no tables). It is
  done in a child of its own, before the spaCy run, and reported apart.
* bare spaCy: the model sayso loads (``sayso.nlp.parse.load_nlp()``, the
  ``en_core_web_sm`` pipeline) run with ``nlp.pipe(texts, batch_size=16)``
  over the same pages, in one process: the extracted text of each HTML page
  and the file text of each ``.txt`` page. Its seconds are model load plus
  parsing; reading the texts is not timed.

The ratio lines divide each ingest's pages per second by spaCy's (how much of
the bare pipeline's speed sayso keeps) and its peak RSS by spaCy's.

Corpus: by default the repository's own pages, ``tests/data/incidents/dev/*.txt``
and ``examples/*.txt`` (40 news texts). ``--pages N``: the 181 gzipped HTML
pages of ``zyte-article-extraction/html`` and then PolNeAR plain-text articles
(``polnear/dev/text``, then ``train/text``) up to N, read from ``$SAYSO_DATA``,
else from ``<repo>/../shared/datasets`` (exits 2, saying which folder is
missing, without them). The chosen files are copied into a temporary directory
that is removed at the end (the texts are never written into the repository).
Without Dask installed (``pip install 'sayso[dask]'``), the Dask row is left
out, and the table says so.

Run it from the repository root::

    .venv/bin/python bench/throughput.py
    .venv/bin/python bench/throughput.py --pages 250 --repeat 3 --json

``--repeat K`` runs every measurement K times and keeps the fastest run.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
REPO_PAGES = (("tests", "data", "incidents", "dev"), ("examples",))
# How each ingest is run: its label, and its options beside the pages.
MODES = (
    ("workers_1", "ingest, 1 worker", ("--workers", "1")),
    ("workers_2", "ingest, 2 workers", ("--workers", "2")),
    ("dask_2", "ingest, Dask 2 workers", ("--dask", "local", "--workers", "2")),
)
SAMPLE_S = 0.1  # how often a child tree's memory is read
HTML_DIR = ("zyte-article-extraction", "html")
TEXT_DIRS = (("polnear", "dev", "text"), ("polnear", "train", "text"))
# The options sayso.extract.html passes to trafilatura (body text only).
TRAFILATURA_OPTIONS = {"include_comments": False, "favor_precision": True, "include_tables": False}
EXIT_NO_DATA = 2


@dataclass
class Run:
    """One measured child process."""

    seconds: float
    peak_rss_mb: float
    detail: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# children: run as `python bench/throughput.py --child KIND MANIFEST OUT`


def _read_manifest(manifest: str) -> list[str]:
    return json.loads(Path(manifest).read_text(encoding="utf-8"))


def _page_text(path: str) -> str:
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            return handle.read().decode("utf-8", errors="replace")
    return Path(path).read_text(encoding="utf-8", errors="replace")


def child_extract(manifest: str, out: str) -> dict[str, Any]:
    """trafilatura over the HTML pages; texts (plain pages as read) written to ``out``."""
    import trafilatura

    pages = _read_manifest(manifest)
    raw = [(p, _page_text(p)) for p in pages]
    texts: list[str] = []
    html_pages = empty = 0
    start = time.perf_counter()
    for path, content in raw:
        if ".htm" in Path(path).name:
            html_pages += 1
            text = trafilatura.extract(content, **TRAFILATURA_OPTIONS) or ""
            empty += not text.strip()
            texts.append(text)
        else:
            texts.append(content)
    seconds = time.perf_counter() - start
    Path(out).write_text(json.dumps(texts), encoding="utf-8")
    return {
        "seconds": seconds,
        "html_pages": html_pages,
        "html_without_text": empty,
        "trafilatura": trafilatura.__version__,
    }


def child_spacy(texts_file: str, batch_size: int, only: str) -> dict[str, Any]:
    """Load sayso's model and parse the texts; load and parse times apart.

    ``only`` is "all" or a JSON file listing the indices of the texts to parse.
    """
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    if only != "all":
        keep = json.loads(Path(only).read_text(encoding="utf-8"))
        texts = [texts[i] for i in keep]
    start = time.perf_counter()
    from sayso.nlp.parse import load_nlp, model_package

    nlp = load_nlp()
    loaded = time.perf_counter()
    tokens = 0
    if batch_size <= 1:
        for text in texts:
            tokens += len(nlp(text))
    else:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            tokens += len(doc)
    done = time.perf_counter()
    return {
        "seconds": done - start,
        "load_seconds": loaded - start,
        "parse_seconds": done - loaded,
        "pages": len(texts),
        "characters": sum(len(t) for t in texts),
        "tokens": tokens,
        "pipeline": list(nlp.pipe_names),
        "model_package": model_package(),
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
    }


# ---------------------------------------------------------------------------
# the parent


def measure(cmd: list[str], log: Path) -> tuple[int, float, float, str]:
    """Run ``cmd``; return its exit code, wall seconds, the peak RSS (MB) of its
    process tree and its stdout."""
    out_path = log.with_suffix(".out")
    with open(out_path, "wb") as out, open(log, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(SAMPLE_S)
        seconds = time.perf_counter() - start
    return proc.returncode, seconds, peak / (1024 * 1024), out_path.read_text()


def _tree_rss(pid: int) -> int:
    """The resident memory of a process and all its descendants, in bytes."""
    import psutil  # a Dask dependency; the tree is what a pool or cluster uses

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue  # it ended between the listing and the reading
    return total


def sayso_command() -> list[str]:
    """`python -m sayso.cli` does not run (no __main__): use the console script."""
    script = Path(sys.executable).with_name("sayso")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "from sayso.cli import cli; cli()"]


def data_root(given: str | None) -> Path:
    return Path(given or os.environ.get("SAYSO_DATA") or REPO.parent / "shared" / "datasets")


def repo_pages() -> list[Path]:
    """The default corpus: the repository's own news texts."""
    return sorted(page for parts in REPO_PAGES for page in REPO.joinpath(*parts).glob("*.txt"))


def choose_pages(root: Path, count: int) -> list[Path]:
    """The HTML pages first, then plain-text articles; exit 2 when data is missing."""
    html_dir = root.joinpath(*HTML_DIR)
    if not html_dir.is_dir():
        _missing(html_dir)
    chosen = sorted(html_dir.glob("*.html.gz"))[:count]
    for parts in TEXT_DIRS:
        if len(chosen) >= count:
            break
        text_dir = root.joinpath(*parts)
        if not text_dir.is_dir():
            _missing(text_dir)
        chosen += sorted(text_dir.glob("*.txt"))[: count - len(chosen)]
    if len(chosen) < count:
        print(f"only {len(chosen)} pages under {root}, fewer than --pages {count}", file=sys.stderr)
        sys.exit(EXIT_NO_DATA)
    return chosen


def _missing(directory: Path) -> None:
    print(
        f"benchmark data missing: {directory} is not a directory "
        "(set SAYSO_DATA or --data to the folder holding the datasets)",
        file=sys.stderr,
    )
    sys.exit(EXIT_NO_DATA)


def copy_pages(pages: list[Path], dest: Path) -> list[str]:
    copied = []
    for page in pages:
        target = dest / page.parent.parent.name / page.name  # html/, dev/, train/
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
        copied.append(str(target))
    return sorted(copied)


def run_ingest(
    pages_dir: Path, work: Path, name: str, options: tuple[str, ...], claims: bool = True
) -> Run:
    """One ``sayso ingest`` into a fresh database; ``failed_sources`` names the pages it refused."""
    db = work / f"{name}.db"
    cmd = [*sayso_command(), "ingest", str(pages_dir), "--db", str(db), "--quiet", "--json"]
    cmd += [*options, *([] if claims else ["--no-claims"])]
    code, seconds, rss, out = measure(cmd, work / f"{name}.log")
    if code not in (0, 1):  # 1: some page failed, the others were stored
        log = (work / f"{name}.log").read_text()
        raise SystemExit(f"sayso ingest exited {code}:\n{log[-2000:]}")
    summary = json.loads(out)
    failed = summary["failed"]
    detail = {
        "read": summary["read"],
        "stored": summary["stored"],
        "duplicates": summary["duplicates"],
        "failed": len(failed),
        "failed_reasons": sorted({f["error"].split(": ", 1)[-1] for f in failed}),
        "failed_sources": sorted({f["source"] for f in failed}),
        "accounts": summary["accounts"],
    }
    return Run(seconds, rss, detail)


def run_child(kind: str, args: list[str], work: Path, name: str) -> Run:
    result = work / f"{name}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *args, str(result)]
    code, wall, rss, _out = measure(cmd, work / f"{name}.log")
    if code != 0:
        log = (work / f"{name}.log").read_text()
        raise SystemExit(f"{kind} child exited {code}:\n{log[-2000:]}")
    detail = json.loads(result.read_text())
    detail["process_wall_seconds"] = wall
    return Run(detail["seconds"], rss, detail)


def best(runs: list[Run]) -> Run:
    fastest = min(runs, key=lambda r: r.seconds)
    fastest.detail["all_seconds"] = [round(r.seconds, 3) for r in runs]
    return fastest


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    info: dict[str, Any] = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "os": platform.platform(),
        "python": platform.python_version(),
    }
    if hasattr(os, "getloadavg"):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    for dist in ("sayso", "spacy", "trafilatura"):
        try:
            info[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            info[dist] = None
    info["sayso_tree"] = _git_tree()
    return info


def _git_tree() -> str | None:
    """The commit measured, with "-dirty" when the working tree has edits."""
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def modes() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The ingests to run: the Dask one only where Dask is installed."""
    if importlib.util.find_spec("distributed") is None:
        return tuple(m for m in MODES if "--dask" not in m[2])
    return MODES


def figures(args: argparse.Namespace) -> dict[str, Any]:
    pages = repo_pages() if args.pages is None else choose_pages(data_root(args.data), args.pages)
    with tempfile.TemporaryDirectory(prefix="sayso-bench-") as tmp:
        work = Path(tmp)
        pages_dir = work / "pages"
        copied = copy_pages(pages, pages_dir)
        manifest = work / "pages.json"
        manifest.write_text(json.dumps(copied), encoding="utf-8")
        texts = work / "texts.json"
        ingests: dict[str, list[Run]] = {key: [] for key, _label, _options in modes()}
        extract, spacy, spacy_stored = [], [], []
        batch = str(args.batch_size)
        for i in range(args.repeat):
            step = f"run {i + 1}/{args.repeat}"
            for key, label, options in modes():
                _progress(args, f"{step}: sayso {label} of {len(copied)} pages")
                run = run_ingest(pages_dir, work, f"{key}-{i}", options, not args.no_claims)
                ingests[key].append(run)
            _progress(args, f"{step}: trafilatura extraction")
            extract.append(run_child("extract", [str(manifest), str(texts)], work, f"extract-{i}"))
            _progress(args, f"{step}: bare spaCy")
            spacy.append(run_child("spacy", [str(texts), batch, "all"], work, f"spacy-{i}"))
            # sayso refuses some pages before parsing them (no text, not English):
            # spaCy over only the pages it stored is the like-for-like figure.
            refused = set(ingests["workers_1"][-1].detail["failed_sources"])
            only = work / f"stored-pages-{i}.json"
            only.write_text(json.dumps([k for k, p in enumerate(copied) if p not in refused]))
            _progress(args, f"{step}: bare spaCy, stored pages only")
            stored_args = [str(texts), batch, str(only)]
            spacy_stored.append(run_child("spacy", stored_args, work, f"stored-{i}"))
    ext, spa, sto = best(extract), best(spacy), best(spacy_stored)
    n = len(copied)
    html = sum(".htm" in Path(p).name for p in copied)
    info = machine()
    info["model_package"] = spa.detail["model_package"]
    info["model"] = spa.detail["model"]
    result: dict[str, Any] = {
        "command": " ".join(["python bench/throughput.py", *sys.argv[1:]]),
        "date": time.strftime("%Y-%m-%d"),
        "machine": info,
        "corpus": {
            "pages": n,
            "from": "repository" if args.pages is None else "datasets",
            "html_gz": html,
            "text": n - html,
            "repeat": args.repeat,
            "claims": not args.no_claims,
        },
        "ingest": {},
        "dask_missing": len(modes()) < len(MODES),
        "trafilatura_extraction": _row(html, ext),
        "bare_spacy": _row(n, spa),
        "bare_spacy_stored_pages": _row(sto.detail["pages"], sto),
        "ratio": {},
    }
    one = best(ingests["workers_1"])
    for key, label, _options in modes():
        ing = best(ingests[key])
        row = _row(ing.detail["read"], ing)  # read = stored + duplicates + failed
        result["ingest"][key] = {"label": label, **row}
        result["ratio"][key] = {
            "pages_per_second": row["pages_per_second"] / result["bare_spacy"]["pages_per_second"],
            "peak_rss": ing.peak_rss_mb / spa.peak_rss_mb,
            # like for like: sayso's whole run against spaCy over the pages it stored
            "seconds_vs_stored_pages": ing.seconds / sto.seconds,
            "speed_up_vs_1_worker": one.seconds / ing.seconds,
        }
    return result


def _row(pages: int, run: Run) -> dict[str, Any]:
    return {
        "pages": pages,
        "seconds": run.seconds,
        "pages_per_second": pages / run.seconds,
        "peak_rss_mb": run.peak_rss_mb,
        **run.detail,
    }


def _progress(args: argparse.Namespace, message: str) -> None:
    if not args.json:
        print(f"... {message}", file=sys.stderr, flush=True)


def print_table(r: dict[str, Any]) -> None:
    m = r["machine"]
    print(f"command: {r['command']}   date: {r['date']}")
    print(
        f"machine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), "
        f"load at start {m.get('load_average_at_start')}; Python {m['python']}, "
        f"spaCy {m['spacy']}, model {m['model_package']} ({m['model']}), "
        f"trafilatura {m['trafilatura']}, sayso {m['sayso']} ({m['sayso_tree']})"
    )
    c = r["corpus"]
    print(
        f"corpus: {c['pages']} pages from the {c['from']} ({c['html_gz']} HTML .gz, "
        f"{c['text']} .txt); claims {'on' if c['claims'] else 'off'}; best of {c['repeat']}\n"
    )
    rows = [(row["label"], row) for row in r["ingest"].values()]
    rows += [
        ("trafilatura extraction", r["trafilatura_extraction"]),
        ("bare spaCy", r["bare_spacy"]),
        ("bare spaCy, stored only", r["bare_spacy_stored_pages"]),
    ]
    print(f"{'':26}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'peak RSS MB':>13}")
    for name, row in rows:
        print(
            f"{name:26}{row['pages']:>7}{row['seconds']:>10.1f}"
            f"{row['pages_per_second']:>10.2f}{row['peak_rss_mb']:>13.0f}"
        )
    if r["dask_missing"]:
        print("(no Dask row: Dask is not installed; pip install 'sayso[dask]')")
    print(f"\n{'ratio to bare spaCy':26}{'pages/s':>10}{'peak RSS':>10}{'vs 1 worker':>13}")
    for key, ratio in r["ratio"].items():
        print(
            f"{r['ingest'][key]['label']:26}{ratio['pages_per_second']:>10.2f}"
            f"{ratio['peak_rss']:>10.2f}{ratio['speed_up_vs_1_worker']:>12.2f}x"
        )
    one = r["ingest"]["workers_1"]
    print(
        f"sayso (1 worker) seconds / bare spaCy seconds on the "
        f"{r['bare_spacy_stored_pages']['pages']} pages sayso stored: "
        f"{r['ratio']['workers_1']['seconds_vs_stored_pages']:.2f}"
    )
    print(
        f"\nsayso ingest pages = read: {one['stored']} stored, {one['failed']} failed, "
        f"{one['duplicates']} duplicates; {one['accounts']} accounts"
    )
    for reason in one["failed_reasons"]:
        print(f"  failed: {reason}")
    spa = r["bare_spacy"]
    print(
        f"bare spaCy: load {spa['load_seconds']:.1f} s + parse {spa['parse_seconds']:.1f} s, "
        f"{spa['tokens']} tokens ({spa['tokens'] / spa['parse_seconds']:.0f} tokens/s), "
        f"pipeline {', '.join(spa['pipeline'])}"
    )
    ext = r["trafilatura_extraction"]
    print(
        f"trafilatura: {ext['html_without_text']} of {ext['html_pages']} HTML pages "
        "gave no text (parsed as empty by spaCy)"
    )
    print(
        "sayso ingest seconds are the whole process: start-up and every worker's model load"
        " included; peak RSS is the process tree's (workers included)."
    )


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        kind = argv[1]
        if kind == "extract":
            out = child_extract(argv[2], argv[3])
        else:
            out = child_spacy(argv[2], int(argv[3]), argv[4])
        Path(argv[-1]).write_text(json.dumps(out), encoding="utf-8")
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pages",
        type=int,
        default=None,
        help="N pages from the datasets (default: the repository's 40 news texts)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of K runs (1)")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (16)")
    parser.add_argument("--data", help="datasets folder (default $SAYSO_DATA or ../shared)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-claims", action="store_true", help="ingest without claim clusters")
    args = parser.parse_args(argv)
    if (args.pages is not None and args.pages < 1) or args.repeat < 1:
        parser.error("--pages and --repeat must be at least 1")
    result = figures(args)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
