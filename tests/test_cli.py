"""The command line: analyze, ingest, accounts; exit codes, error lines, resumable runs."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import sayso.batch
from sayso.cli import cli
from sayso.export import SCHEMA_VERSION
from sayso.store import Store

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aleppo-conscription.txt"
TITLE = (
    "Pro-regime journalist: ‘a large number’ of men who fled east Aleppo pocket "
    "now fighting with regime"
)
ACCOUNTS_ON_EXAMPLE = 15
# Speakers of the example whose side is plain from the page.
SIDES = {
    "Abu Khaled": "civilian",
    "Rida al-Basha": "government",
    "Mumtaz Abu Muhammad": "opposition",
    "Yazan al-Halabi": "opposition",
}
ARMY = (
    "Army opens corridor\n\nBy Jane Doe\n\n"
    "The army said on Monday that the corridor out of the city was open to families. "
    "“We will not leave our homes,” said Abu Omar, a rebel fighter.\n"
)
CONVOY = (
    "Aid convoy reaches town\n\n"
    "A United Nations official said the convoy had reached the town after a long wait. "
    "“The needs of the people here are enormous,” the official told reporters.\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
MAX_BYTES = 10_000_000  # Settings.max_bytes
ERROR_CODE = re.compile(r"\[E(\d{3})\]")


def invoke(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def spans_in(value: Any) -> list[dict[str, Any]]:
    """Every serialised span ({"start", "end", "text"}) anywhere in a record."""
    if isinstance(value, dict):
        if set(value) == {"start", "end", "text"}:
            return [value]
        return [span for v in value.values() for span in spans_in(v)]
    if isinstance(value, list):
        return [span for v in value for span in spans_in(v)]
    return []


def speaker_sides(record: dict[str, Any]) -> dict[str, str]:
    return {s["name"]: s["side"] for s in record["speakers"] if s["name"] and not s["group"]}


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    result = invoke("analyze", str(EXAMPLE), "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- analyze -----------------------------------------------------------------


def test_analyze_prints_title_authors_and_speakers_with_sides() -> None:
    result = invoke("analyze", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0] == TITLE
    assert "Hussein al-Khattab" in out
    assert "Justin Clark" in out
    for name, side in SIDES.items():
        assert f"{name} — side: {side}" in out
    assert f"Accounts ({ACCOUNTS_ON_EXAMPLE})" in out


def test_analyze_json_is_the_record(record: dict[str, Any]) -> None:
    assert record["schema"] == SCHEMA_VERSION
    for key in ("document", "article", "entities", "speakers", "accounts", "notes"):
        assert key in record
    article = record["article"]
    assert article["title"] == TITLE
    assert article["authors"] == ["Hussein al-Khattab", "Justin Clark"]
    assert len(record["accounts"]) == ACCOUNTS_ON_EXAMPLE
    assert speaker_sides(record).items() >= SIDES.items()


def test_analyze_json_spans_quote_the_article_text(record: dict[str, Any]) -> None:
    text = record["article"]["text"]
    spans = spans_in(record)
    assert len(spans) > 3 * ACCOUNTS_ON_EXAMPLE
    for span in spans:
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert span["text"] == text[span["start"] : span["end"]]
    speakers = {s["id"] for s in record["speakers"]}
    for account in record["accounts"]:
        assert account["content"]["text"].strip()
        assert account["speaker_id"] is None or account["speaker_id"] in speakers


def test_accounts_do_not_overlap(record: dict[str, Any]) -> None:
    spans = sorted((a["content"]["start"], a["content"]["end"]) for a in record["accounts"])
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, f"accounts overlap: {spans}"


def test_analyze_reads_stdin(record: dict[str, Any]) -> None:
    result = invoke("analyze", "-", "--json", input=EXAMPLE.read_bytes())
    assert result.exit_code == 0, result.output
    piped = json.loads(result.stdout)
    assert piped["document"]["source"] == "-"
    assert piped["document"]["sha256"] == record["document"]["sha256"]
    assert piped["article"]["text"] == record["article"]["text"]
    assert [a["id"] for a in piped["accounts"]] == [a["id"] for a in record["accounts"]]


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _png(path: Path) -> None:
    path.write_bytes(PNG)


def _oversize(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: refused on its size, never read
        handle.truncate(MAX_BYTES + 1)


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("empty.txt", _empty, "E102"),
        ("image.txt", _png, "E103"),
        ("missing.txt", None, "E101"),
        ("huge.txt", _oversize, "E105"),
    ],
)
def test_analyze_bad_input_is_one_line_and_exit_1(
    tmp_path: Path, name: str, make: Any, code: str
) -> None:
    path = tmp_path / name
    if make is not None:
        make(path)
    result = invoke("analyze", str(path))
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert f"[{code}]" in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_installed_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("sayso")
    assert script.exists(), "sayso is not installed in this environment"
    done = subprocess.run(
        [str(script), "analyze", str(EXAMPLE), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["accounts"]) == ACCOUNTS_ON_EXAMPLE

    missing = tmp_path / "nowhere.html"
    done = subprocess.run(
        [str(script), "analyze", str(missing)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [f"error: {missing}: [E101] no such file"]


# --- ingest and accounts -----------------------------------------------------


def make_corpus(directory: Path, *, bad: bool = True) -> dict[str, Path]:
    """Three good pages, a copy of one of them, and (optionally) an empty file."""
    directory.mkdir()
    files = {
        "aleppo": directory / "a-aleppo.txt",
        "army": directory / "b-army.txt",
        "convoy": directory / "d-convoy.txt",
        "copy": directory / "e-copy.txt",
    }
    files["aleppo"].write_bytes(EXAMPLE.read_bytes())
    files["army"].write_text(ARMY, encoding="utf-8")
    files["convoy"].write_text(CONVOY, encoding="utf-8")
    files["copy"].write_text(ARMY, encoding="utf-8")
    if bad:
        files["bad"] = directory / "c-empty.txt"
        files["bad"].write_bytes(b"  \n")
    return files


def counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return store.counts()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    root = tmp_path_factory.mktemp("ingest")
    corpus = root / "pages"
    make_corpus(corpus)
    db = root / "sayso.db"
    return corpus, db, invoke("ingest", str(corpus), "--db", str(db), "--json")


def test_ingest_stores_the_good_and_reports_the_bad(
    ingested: tuple[Path, Path, Result],
) -> None:
    corpus, db, result = ingested
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["db"] == str(db)
    assert summary["read"] == 5
    assert summary["stored"] == 3
    assert summary["duplicates"] == 1  # the copy, by content hash
    assert [f["source"] for f in summary["failed"]] == [str(corpus / "c-empty.txt")]
    assert "[E102]" in summary["failed"][0]["error"]
    lines = stderr_lines(result)
    assert len(lines) == 1 and str(corpus / "c-empty.txt") in lines[0] and "[E102]" in lines[0]
    assert "Traceback" not in result.output
    stored = counts(db)
    assert stored["documents"] == stored["articles"] == 3
    assert stored["accounts"] == summary["accounts"] >= ACCOUNTS_ON_EXAMPLE


def test_ingest_again_stores_nothing_new(ingested: tuple[Path, Path, Result]) -> None:
    corpus, db, _first = ingested
    before = counts(db)
    result = invoke("ingest", str(corpus), "--db", str(db), "--json")
    assert result.exit_code == 1  # the bad file is still bad
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["stored"], summary["duplicates"]) == (5, 0, 4)
    assert summary["accounts"] == 0
    assert len(summary["failed"]) == 1
    assert counts(db) == before


def test_ingest_text_summary_goes_to_stderr(tmp_path: Path) -> None:
    page = tmp_path / "army.txt"
    page.write_text(ARMY, encoding="utf-8")
    db = tmp_path / "s.db"
    result = invoke("ingest", str(page), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert re.match(
        r"read 1, stored 1, skipped as duplicates 0, failed 0; \d+ accounts", result.stderr
    )


def test_accounts_filter_by_side(ingested: tuple[Path, Path, Result]) -> None:
    _corpus, db, _result = ingested
    result = invoke("accounts", "--db", str(db), "--side", "opposition", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    assert {r["side"] for r in rows} == {"opposition"}
    assert {"Mumtaz Abu Muhammad", "Yazan al-Halabi"} <= {r["speaker"] for r in rows}
    upper = invoke("accounts", "--db", str(db), "--side", "OPPOSITION", "--json")
    assert json.loads(upper.stdout) == rows


def test_accounts_filter_by_speaker(ingested: tuple[Path, Path, Result]) -> None:
    _corpus, db, _result = ingested
    result = invoke("accounts", "--db", str(db), "--speaker", "Abu Khaled", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 2
    assert {r["speaker"] for r in rows} == {"Abu Khaled"}
    assert {r["side"] for r in rows} == {"civilian"}
    assert rows[0]["content"].startswith("Death inside the siege")
    assert rows[0]["source"].endswith("a-aleppo.txt")
    limited = invoke(
        "accounts", "--db", str(db), "--speaker", "Abu Khaled", "--limit", "1", "--json"
    )
    assert json.loads(limited.stdout) == rows[:1]


def test_accounts_table_prints_article_text_verbatim(ingested: tuple[Path, Path, Result]) -> None:
    _corpus, db, _result = ingested
    result = invoke("accounts", "--db", str(db), "--speaker", "al-Basha")
    assert result.exit_code == 0, result.output
    # Square brackets in a quote are the article's words, not rich markup.
    assert "[men who fled East Aleppo]" in result.stdout
    assert re.fullmatch(r"\d+ accounts\n", result.stderr)


def test_accounts_needs_an_existing_db(tmp_path: Path) -> None:
    result = invoke("accounts", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_interrupted_ingest_keeps_what_was_done_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "pages"
    make_corpus(corpus, bad=False)
    db = tmp_path / "sayso.db"
    real = sayso.batch.analyze_input
    calls: list[str] = []

    def interrupt_on_second(raw: Any, settings: Any = None) -> Any:
        calls.append(raw.document.source)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(raw, settings)

    monkeypatch.setattr(sayso.batch, "analyze_input", interrupt_on_second)
    result = invoke("ingest", str(corpus), "--db", str(db), "--json")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "1 documents kept" in result.stderr
    assert "Traceback" not in result.output
    assert counts(db)["documents"] == 1

    monkeypatch.undo()
    result = invoke("ingest", str(corpus), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["stored"], summary["duplicates"]) == (4, 2, 2)
    assert summary["failed"] == []
    after = counts(db)
    assert after["documents"] == after["articles"] == 3
    with sqlite3.connect(db) as conn:
        distinct = conn.execute("SELECT COUNT(DISTINCT sha256) FROM documents").fetchone()[0]
        sources = [r[0] for r in conn.execute("SELECT source FROM documents ORDER BY source")]
    assert distinct == 3
    assert [Path(s).name for s in sources] == ["a-aleppo.txt", "b-army.txt", "d-convoy.txt"]

    again = invoke("ingest", str(corpus), "--db", str(db), "--json")
    assert json.loads(again.stdout)["stored"] == 0
    assert counts(db) == after


# --- options -----------------------------------------------------------------


def test_user_sides_move_a_term(tmp_path: Path, record: dict[str, Any]) -> None:
    assert speaker_sides(record)["Abu Khaled"] == "civilian"  # "a father of three"
    sides = tmp_path / "sides.toml"
    sides.write_text('[opposition]\nterms = ["father"]\n', encoding="utf-8")
    result = invoke("analyze", str(EXAMPLE), "--json", "--sides", str(sides))
    assert result.exit_code == 0, result.output
    moved = json.loads(result.stdout)
    khaled = next(s for s in moved["speakers"] if s["name"] == "Abu Khaled")
    assert khaled["side"] == "opposition"
    assert khaled["side_evidence"] == "father"
    assert speaker_sides(moved)["Rida al-Basha"] == "government"  # the rest unchanged


@pytest.mark.parametrize("command", ["analyze", "ingest"])
@pytest.mark.parametrize(
    "content", ['[opposition\nterms = ["x"]\n', 'opposition = "rebels"\n', None]
)
def test_bad_side_dictionary_exits_3(tmp_path: Path, command: str, content: str | None) -> None:
    sides = tmp_path / "sides.toml"
    if content is not None:
        sides.write_text(content, encoding="utf-8")
    args = [command, str(EXAMPLE), "--sides", str(sides)]
    if command == "ingest":
        args += ["--db", str(tmp_path / "s.db")]
    result = invoke(*args)
    assert result.exit_code == 3
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert "[E301]" in lines[0] and str(sides) in lines[0]
    assert "Traceback" not in result.output


def test_min_confidence_drops_accounts(record: dict[str, Any]) -> None:
    result = invoke("analyze", str(EXAMPLE), "--json", "--min-confidence", "0.85")
    assert result.exit_code == 0, result.output
    strict = json.loads(result.stdout)
    kept = [a["id"] for a in record["accounts"] if a["confidence"] >= 0.85]
    assert 0 < len(kept) < ACCOUNTS_ON_EXAMPLE
    assert [a["id"] for a in strict["accounts"]] == kept
    used = {a["speaker_id"] for a in strict["accounts"]}
    assert {s["id"] for s in strict["speakers"]} <= used


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_min_confidence_out_of_range_is_a_usage_error(value: str) -> None:
    result = invoke("analyze", str(EXAMPLE), "--min-confidence", value)
    assert result.exit_code == 2


@pytest.mark.parametrize("command", [[], ["analyze"], ["ingest"], ["accounts"]])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(command: list[str], flag: str) -> None:
    result = invoke(*command, flag)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("sayso, version ")


def test_ingest_without_claims_stores_accounts_and_no_clusters(tmp_path: Path) -> None:
    fast, full = tmp_path / "fast.db", tmp_path / "full.db"
    assert invoke("ingest", str(EXAMPLE), "--db", str(fast), "--no-claims").exit_code == 0
    assert invoke("ingest", str(EXAMPLE), "--db", str(full)).exit_code == 0
    with Store(fast) as store:
        assert store.counts()["accounts"] == ACCOUNTS_ON_EXAMPLE
        assert store.claims() == []
    with Store(full) as store:
        assert store.claims()


_PROBE = (
    "import sys\nfrom click.testing import CliRunner\nfrom sayso.cli import cli\n"
    "result = CliRunner().invoke(cli, sys.argv[1:])\n"
    "heavy = {'spacy', 'torch', 'sentence_transformers', 'trafilatura'}\n"
    "heavy = sorted(heavy & set(sys.modules))\n"
    "print(result.exit_code, ','.join(heavy) or '-')"
)


@pytest.mark.parametrize(
    "command",
    [["accounts"], ["claims"], ["events"], ["events", "--format", "csv"], ["actors"], ["failures"]],
)
def test_read_commands_load_no_language_model(
    ingested: tuple[Path, Path, Result], command: list[str]
) -> None:
    # issue 20: a command that only reads the store starts without spaCy, the
    # embedding model or the page extractor (each costs a fraction of a second
    # to import, spaCy's model seconds to load)
    db = ingested[1]
    probe = [sys.executable, "-c", _PROBE, *command, "--db", str(db)]
    out = subprocess.run(probe, capture_output=True, text=True, check=True).stdout.split()
    assert out[-2:] == ["0", "-"], out


def test_conflict_names_the_war_of_every_page(tmp_path: Path) -> None:
    """--conflict decides the side a state's voice takes where the page's towns
    do not say (no towns here): the Kremlin stands with Syria's government."""
    page = tmp_path / "kremlin.txt"
    page.write_text("Strikes\n\nThe Kremlin said its jets hit only militants.\n", encoding="utf-8")

    def sides(*options: str) -> list[str]:
        result = invoke("analyze", str(page), "--json", *options)
        assert result.exit_code == 0, result.output
        return [s["side"] for s in json.loads(result.output)["speakers"]]

    assert sides() == ["russia"]
    assert sides("--conflict", "syria") == ["government"]
    assert sides("--conflict", "Ukraine") == ["russia"]
    bad = invoke("analyze", str(page), "--conflict", "narnia")
    assert bad.exit_code == 2 and "known: ethiopia" in bad.output
