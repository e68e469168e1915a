"""The vocabulary as data: the packaged word lists, and --lexicon files that extend them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sayso.cli import cli
from sayso.errors import ConfigError
from sayso.nlp import lexicons
from sayso.nlp.lexicon import CUE_VERBS, SPEECH_VERBS

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "sayso"
# The modules whose vocabulary moved to the lexicon files.
MODULES = [
    *sorted((SRC / "nlp").glob("*.py")),
    *sorted((SRC / "events").glob("*.py")),
    SRC / "claims" / "statements.py",
    SRC / "claims" / "stance_features.py",
]
PAGE = (
    "Minister defends plan\n\nBy Jane Doe\n\n"
    "The plan to rebuild the bridge was announced on Monday. "
    "Omar Haddad, an opposition leader, harrumphs that the plan will fail.\n"
)
NAMED = re.compile(r"""(?:WordList|words|phrases|table|_by_word)\(([^)]*)\)""")


@pytest.fixture(autouse=True)
def packaged_only() -> Iterator[None]:
    lexicons.use(())
    yield
    lexicons.use(())


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_every_list_loads_and_is_not_empty() -> None:
    assert len(lexicons.packaged_files()) >= 3
    for name in lexicons.names():
        try:
            assert lexicons.phrases(name), name
        except KeyError:  # a table: a list per word
            assert lexicons.table(name), name


def test_every_list_named_in_code_exists() -> None:
    known = set(lexicons.names())
    named = set()
    for path in MODULES:
        for args in NAMED.findall(path.read_text("utf-8")):
            named |= set(re.findall(r'"([a-z_]+)"', args))
    assert named, "no list named in the code"
    assert named <= known, sorted(named - known)


def test_lists_read_as_the_code_used_them() -> None:
    assert "say" in SPEECH_VERBS and "believe" in CUE_VERBS and "find" in CUE_VERBS
    assert lexicons.words("speech_verbs", "belief_verbs") <= CUE_VERBS
    assert lexicons.table("prep_cues")["warn"] == {"of", "about", "against"}


def test_a_user_file_extends_a_list_and_a_union(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('speech_verbs = ["harrumph"]\n', encoding="utf-8")
    assert "harrumph" not in CUE_VERBS
    lexicons.use([extra])
    assert "harrumph" in SPEECH_VERBS and "harrumph" in CUE_VERBS
    lexicons.use(())
    assert "harrumph" not in CUE_VERBS


def test_lexicon_option_finds_a_new_account(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    extra = tmp_path / "verbs.toml"
    extra.write_text('# a verb of speech\nspeech_verbs = ["harrumph"]\n', encoding="utf-8")

    def cues(*more: str) -> set[str]:
        result = invoke("analyze", str(page), "--json", *more)
        assert result.exit_code == 0, result.output
        record = json.loads(result.stdout)
        return {a["cue"]["text"] for a in record["accounts"] if a.get("cue")}

    assert "harrumphs" not in cues()
    assert "harrumphs" in cues("--lexicon", str(extra))


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('speach_verbs = ["harrumph"]\n', "speach_verbs"),
        ("speech_verbs = [\n", "TOML"),
        ('speech_verbs = "harrumph"\n', "speech_verbs"),
        (None, "cannot read"),
    ],
)
@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_bad_lexicon_exits_3(tmp_path: Path, content: str | None, says: str, command: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    extra = tmp_path / "bad.toml"
    if content is not None:
        extra.write_text(content, encoding="utf-8")
    args = [command, str(page), "--lexicon", str(extra)]
    if command == "ingest":
        args += ["--db", str(tmp_path / "s.db")]
    result = invoke(*args)
    assert result.exit_code == 3, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "[E301]" in lines[0], result.stderr
    assert str(extra) in lines[0] and says in lines[0]
    assert "Traceback" not in result.output


def test_a_bad_file_leaves_the_lists_as_they_were(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('nothing_like_this = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        lexicons.use([bad])
    assert "say" in SPEECH_VERBS


def test_one_hedge_list() -> None:
    from sayso.claims.stance_features import HEDGING
    from sayso.claims.statements import hedge_pattern

    hedges = lexicons.phrases("hedges")
    assert "allegedly" in HEDGING and "allegedly" in hedges
    match = hedge_pattern().search("He said, without providing any evidence, that it was")
    assert match is not None and match.group(0) == "without providing any evidence"


@pytest.mark.parametrize("path", MODULES + [SRC / "nlp" / "lexicons.py"], ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text("utf-8").splitlines()) <= 400
