"""An incident's dead summed over the sides an article counts apart
(sayso.events.tolls), and the sum carried through ingest into the store."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import httpx
import pytest

from sayso import Store, ingest_paths
from sayso.events.casualties import counted_apart
from sayso.events.tolls import EITHER, group_of, summed
from sayso.web import create_app
from sayso.web.server import BackgroundServer


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Shelling killed six soldiers.", "state"),
        ("killing 19 members of the regime forces and allied militias", "state"),
        ("Airstrikes killed 22 militants near the town.", "armed"),
        ("The raid killed eight villagers.", "civilian"),
        ("four fighters of the brigade were killed", EITHER),
        ("killing at least 40 of them", EITHER),
        ("At least 27 fighters were killed in the clashes.", "all"),  # both sides
        ("Clashes kill 27", "all"),
        ("killed 20 people", "all"),
        ("The death toll rose to 31.", "all"),
        ("killed 12 pro-government militants", None),  # both sides' words in one phrase
    ],
)
def test_whose_dead_a_figure_counts(text: str, group: str | None) -> None:
    (figure,) = counted_apart(text)
    assert group_of(text, figure) == group


@pytest.mark.parametrize(
    ("sentences", "total"),
    [
        (
            [
                "Government troops repelled the assault, killing at least 35 of them.",
                "Six soldiers were killed in the fighting, the source added.",
            ],
            41,
        ),
        (
            [
                "More than 20 insurgents were killed in the battle, the army said.",
                "The army lost three soldiers.",
            ],
            23,
        ),
        (
            [
                "The rebels killed 14 members of the regime forces, while two fighters"
                " of the brigade were killed."
            ],
            16,
        ),
        (["The strikes killed nine civilians and four gunmen."], 13),
    ],
)
def test_each_sides_dead_summed(sentences: list[str], total: int) -> None:
    assert summed(sentences) == total


@pytest.mark.parametrize(
    "sentences",
    [
        # the article writes the total itself
        ["At least 27 fighters were killed.", "They were 17 soldiers and 10 rebels."],
        ["The strike killed 11 people, including six students."],
        ["The attack killed 20 people.", "Three rebels were also killed."],
        # one side only, or one side's figure twice
        ["Airstrikes killed 22 militants.", "The 22 militants included a commander."],
        ["SOHR said 30 rebels were killed.", "The army said it killed 50 terrorists."],
        # "40 of them" with no side named, or beside both sides named
        ["killing 40 of them", "four of their fighters were killed"],
        ["killing 40 of them", "five soldiers and 12 militants were killed"],
        # the other side's figure equal to one side's: the same dead, told twice
        ["Six soldiers were killed.", "The ambush killed six of them."],
    ],
)
def test_no_sum_when_a_total_is_written_or_the_sides_are_not_plain(
    sentences: list[str],
) -> None:
    assert summed(sentences) is None


PAGE = (
    "Army repels assault on Tal Rifaat\n\n"
    "Published 12 May 2016\n\n"
    "Syrian troops repelled an attack by militants on the town of Tal Rifaat on Wednesday,"
    " killing at least 35 of them, a military source said.\n\n"
    "The source added that six soldiers were killed in the fighting.\n"
)


def test_the_sum_is_stored_on_the_incidents_first_report_and_shown(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        assert ingest_paths([str(page)], store).stored == 1
        (event,) = [e for e in store.events() if any(r.main for r in e.reports)]
    reports = event.reports
    assert sorted(r.fatalities for r in reports if r.fatalities) == [6, 35]
    assert [r.fatalities_summed for r in reports if r.fatalities_summed] == [41]
    with BackgroundServer(create_app(tmp_path / "s.db")) as url:
        shown = httpx.get(f"{url}/events/{event.event_id}").text
    assert re.search(r"41 in all\s*<span", shown)


def test_a_store_from_before_the_sum_gains_its_column(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    path = tmp_path / "s.db"
    with Store(path) as store:
        ingest_paths([str(page)], store)
    conn = sqlite3.connect(path)
    conn.executescript(
        "ALTER TABLE events DROP COLUMN fatalities_summed;"
        " DELETE FROM migrations WHERE name = '0012_summed_tolls';"
    )
    conn.close()
    with Store(path) as store:
        before = [r.fatalities_summed for e in store.events() for r in e.reports]
        assert before and not any(before)  # kept, with no sum until re-ingested
        ingest_paths([str(page)], store, replace=True)
        assert 41 in {r.fatalities_summed for e in store.events() for r in e.reports}
