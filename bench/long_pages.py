"""How the time and memory of one analysis grow with the page (issue 19).

Builds pages of realistic news prose (quotes with their speakers, reported
speech, pronouns, places, numbers of dead; see :func:`prose`) of 0.1, 0.5, 1,
2, 4 and 8 MB, analyses each in a child process of its own (so that the peak
memory is that page's: ``ru_maxrss`` of the child, through ``os.wait4``), and
prints for each size the seconds of the analysis (the model loaded before the
clock starts), MB per second, the peak resident memory in MB and the number
of accounts found. It ends with the ratio of the time per MB of the largest
page to that of the smallest (issue 19 asks at most 1.5 for 8 MB against
0.5 MB).

Run it from the repository root (about ten minutes for every size on 2 cores)::

    .venv/bin/python bench/long_pages.py
    .venv/bin/python bench/long_pages.py --sizes 0.5 8
    .venv/bin/python bench/long_pages.py --sizes 0.1 1 --json

``--profile SIZE`` analyses one page in this process under cProfile and prints
the 30 costliest functions (cumulative time).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SIZES = (0.1, 0.5, 1.0, 2.0, 4.0, 8.0)

_FIRST = (
    "Ahmed",
    "Maria",
    "John",
    "Fatima",
    "Oleksandr",
    "Aung",
    "Mohammed",
    "Sara",
    "David",
    "Amina",
    "Yusuf",
    "Elena",
    "Kofi",
    "Nadia",
    "Tomas",
    "Leila",
)
_LAST = (
    "Hassan",
    "Petrenko",
    "Okafor",
    "Khalil",
    "Smith",
    "Ibrahim",
    "Kovalenko",
    "Mensah",
    "Haddad",
    "Nakamura",
    "Osman",
    "Rahman",
    "Garcia",
    "Abdi",
    "Novak",
)
_ORGS = (
    "the Red Cross",
    "the United Nations",
    "Human Rights Watch",
    "the defence ministry",
    "the Syrian Observatory for Human Rights",
    "Doctors Without Borders",
    "the interior ministry",
    "Amnesty International",
    "the World Food Programme",
    "the local council",
)
_ROLES = (
    "a spokesman for",
    "a spokeswoman for",
    "the head of",
    "a senior official at",
    "a researcher with",
    "the director of",
)
_PLACES = (
    "Aleppo",
    "Kharkiv",
    "El Fasher",
    "Khan Younis",
    "Taiz",
    "Mandalay",
    "Bakhmut",
    "Nyala",
    "Idlib",
    "Goma",
    "Mosul",
    "Darfur",
    "Rafah",
    "Hama",
)
_VERBS = ("said", "told reporters", "added", "said in a statement", "warned")
_REPORTED = ("said", "told Reuters", "claimed", "stated", "insisted")
_EVENTS = (
    "shelling",
    "an air strike",
    "a drone attack",
    "fighting",
    "a car bomb",
    "artillery fire",
)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _paragraphs(rng: random.Random) -> list[str]:
    """One short story: a lead, a named speaker quoted, then quoted again by
    pronoun, reported speech, an official's denial."""
    place, other = rng.choice(_PLACES), rng.choice(_PLACES)
    speaker, official = _name(rng), _name(rng)
    dead, wounded = rng.randint(2, 60), rng.randint(3, 120)
    event = rng.choice(_EVENTS)
    pronoun = rng.choice(("he", "she"))
    return [
        f"{event.capitalize()} killed at least {dead} people and wounded {wounded} "
        f"others in {place} on {rng.choice(('Monday', 'Tuesday', 'Friday', 'Sunday'))}, "
        f"local officials said, the deadliest attack on the city since {rng.randint(2012, 2023)}.",
        f"“We heard the explosions before dawn and then the whole street was on fire,” "
        f"said {speaker}, {rng.choice(_ROLES)} {rng.choice(_ORGS)}. "
        f"“Most of the dead were women and children.”",
        f"“There is no water and no electricity in the hospitals,” {pronoun} "
        f"{rng.choice(_VERBS)}. “We cannot treat the wounded.”",
        f"{official}, {rng.choice(_ROLES)} {rng.choice(_ORGS)}, "
        f"{rng.choice(_REPORTED)} that the {event} had targeted fighters near {other} "
        f"and denied that civilians had been hit.",
        f"The army said in a statement that {rng.randint(2, 30)} militants were killed "
        f"in clashes near {other}, a claim that could not be independently verified.",
        f"According to {rng.choice(_ORGS)}, more than {rng.randint(2, 90) * 1000} people "
        f"have fled {place} since the fighting began, many of them to camps near {other}.",
    ]


def prose(size: int, seed: int = 19) -> str:
    """A page of about ``size`` characters: a title line, then paragraphs of news
    prose separated by blank lines (stories repeat in shape, not in words)."""
    rng = random.Random(seed)
    parts = ["Fighting spreads as civilians flee the cities", "", f"GENEVA — {_paragraphs(rng)[0]}"]
    length = sum(len(p) + 1 for p in parts)
    while length < size:
        for para in _paragraphs(rng):
            parts += ["", para]
            length += len(para) + 2
    return "\n".join(parts) + "\n"


def _analyse(size_mb: float, out: Any) -> None:
    from sayso.ingest import read_bytes
    from sayso.model import Document  # noqa: F401  (imported before the clock)
    from sayso.nlp.parse import load_nlp
    from sayso.pipeline import Settings, analyze_input

    load_nlp()
    settings = Settings(max_bytes=20_000_000)
    text = prose(int(size_mb * 1_000_000))
    raw = read_bytes(
        text.encode("utf-8"), f"bench-{size_mb}MB.txt", kind="text", max_bytes=settings.max_bytes
    )
    start = time.perf_counter()
    analysis = analyze_input(raw, settings)
    seconds = time.perf_counter() - start
    json.dump({"seconds": seconds, "accounts": len(analysis.accounts), "chars": len(text)}, out)


def _child(size_mb: float) -> dict[str, Any]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one analysis, its result on the pipe
        os.close(read)
        code = 0
        try:
            with os.fdopen(write, "w") as out:
                _analyse(size_mb, out)
        except BaseException as exc:  # noqa: BLE001
            print(f"{size_mb} MB: {type(exc).__name__}: {exc}", file=sys.stderr)
            code = 1
        os._exit(code)
    os.close(write)
    with os.fdopen(read) as inp:
        data = inp.read()
    _, status, usage = os.wait4(pid, 0)
    if status != 0 or not data:
        return {"size_mb": size_mb, "error": f"the child exited with status {status}"}
    result: dict[str, Any] = json.loads(data)
    result["size_mb"] = size_mb
    result["mb_per_s"] = size_mb / result["seconds"]
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=float,
        nargs="+",
        default=list(SIZES),
        help="page sizes in MB (default: 0.1 0.5 1 2 4 8)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--profile", type=float, metavar="SIZE", help="profile one analysis of a page of SIZE MB"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    if args.profile:
        import cProfile
        import pstats

        with cProfile.Profile() as prof:
            _analyse(args.profile, sys.stdout)
        print()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return 0
    results = []
    for size in sorted(args.sizes):
        result = _child(size)
        results.append(result)
        if not args.json:
            if "error" in result:
                print(f"{size:5.1f} MB  {result['error']}", flush=True)
            else:
                print(
                    f"{size:5.1f} MB  {result['seconds']:8.1f} s  "
                    f"{result['mb_per_s']:6.3f} MB/s  {result['peak_mb']:7.0f} MB peak  "
                    f"{result['accounts']:6d} accounts",
                    flush=True,
                )
    ok = [r for r in results if "error" not in r]
    ratio = None
    if len(ok) >= 2:
        per_mb = [r["seconds"] / r["size_mb"] for r in (ok[0], ok[-1])]
        ratio = per_mb[1] / per_mb[0]
    if args.json:
        print(json.dumps({"results": results, "ratio": ratio}, indent=2))
    elif ratio is not None:
        print(f"time per MB at {ok[-1]['size_mb']:g} MB / at {ok[0]['size_mb']:g} MB: {ratio:.2f}")
    return 0 if len(ok) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
