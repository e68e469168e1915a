"""The PolNeAR evaluation: brat loading, the matcher, the scores, the command.

Runs on a hand-made two-article fixture (invented texts), never on ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sayso.cli import cli
from sayso.eval.polnear import (
    EvalReport,
    GoldArticle,
    article_from_text,
    canonical_correct,
    is_direct,
    is_speech,
    load_split,
    match,
    overlap,
    score_article,
    source_kind,
    speaker_correct,
)
from sayso.model import Account, Analysis, Span, Speaker

MINI = Path(__file__).parent / "data" / "polnear-mini"


@pytest.fixture(scope="module")
def mini() -> dict[str, GoldArticle]:
    return {a.name: a for a in load_split(MINI, "dev")}


def texts(article: GoldArticle, spans: tuple[Span, ...] | None) -> str:
    return " ".join(s.text(article.text) for s in spans or ())


# ------------------------------------------------------------ loading


def test_loads_first_annotator_only(mini: dict[str, GoldArticle]) -> None:
    assert sorted(mini) == ["mini-one", "mini-two"]
    assert mini["mini-two"].annotator == "a1b2"  # mini-two_e5f6.ann is ignored
    assert len(mini["mini-one"].attributions) == 3  # the one without Content is dropped
    assert len(mini["mini-two"].attributions) == 4


def test_later_t_ids_notes_and_offsets(mini: dict[str, GoldArticle]) -> None:
    one = mini["mini-one"]
    second = one.attributions[1]  # its E line names T5..T8 before they are defined
    assert texts(one, second.content) == "the work would start in spring"
    assert texts(one, second.source) == "Berg"
    assert texts(one, second.cue) == "said"


def test_discontinuous_multiline_span(mini: dict[str, GoldArticle]) -> None:
    two = mini["mini-two"]
    first = two.attributions[0]
    assert len(first.content) == 2
    assert first.content[1].text(two.text) == '"Parents should\nkeep children at home."'
    assert texts(two, first.source) == "the principal"


def test_missing_source_and_flags(mini: dict[str, GoldArticle]) -> None:
    two = mini["mini-two"].attributions
    assert two[3].source is None
    every = [*mini["mini-one"].attributions, *two]
    assert [g.is_direct for g in every] == [True, False, False, True, False, False, False]
    assert [g.is_speech for g in every] == [True, True, False, True, True, True, False]


def test_direct_and_speech_rules() -> None:
    assert is_direct("“We will go,”") and is_direct("a ‘crazy system’") and is_direct("'Big' win")
    assert not is_direct("Clinton’s team won’t go") and not is_direct("the voters' choice")
    assert is_speech("said") and is_speech("has denied") and is_speech("quipped")
    assert is_speech("told reporters") and not is_speech("fear") and not is_speech("according to")


def test_article_keeps_offsets() -> None:
    text = "A title\n\nFirst paragraph.\n\nSecond one."
    document, article = article_from_text(text, "x")
    assert article.text == text and article.title == "A title"
    assert article.title_span == Span(0, 7) and article.body_span == Span(9, len(text))
    assert article.language == "en" and article.dateline is None and article.authors == ()
    assert article_from_text(text, "x") == (document, article)  # stable ids


# ------------------------------------------------------------ matcher


def test_overlap_is_share_of_gold() -> None:
    assert overlap([Span(10, 20)], Span(10, 20)) == 1.0
    assert overlap([Span(10, 20)], Span(0, 100)) == 1.0  # a longer prediction still covers
    assert overlap([Span(0, 5), Span(10, 15)], Span(0, 5)) == 0.5
    assert overlap([Span(0, 10)], Span(20, 30)) == 0.0


@pytest.mark.parametrize(
    ("pred", "loose", "strict"),
    [
        (Span(0, 10), True, True),  # exact
        (Span(2, 20), True, True),  # 0.8: strict boundary, inclusive
        (Span(3, 20), True, False),  # 0.7
        (Span(7, 20), True, False),  # 0.3: loose boundary, inclusive
        (Span(8, 20), False, False),  # 0.2
    ],
)
def test_thresholds(pred: Span, loose: bool, strict: bool) -> None:
    assert bool(match([[Span(0, 10)]], [pred], 0.3)) is loose
    assert bool(match([[Span(0, 10)]], [pred], 0.8)) is strict


def test_one_to_one_greedy() -> None:
    # One prediction covering two golds matches one of them only.
    assert match([[Span(0, 10)], [Span(10, 20)]], [Span(0, 20)], 0.3) == {0: 0}
    # Best first: gold 1 takes the prediction that fits it exactly, not gold 0's.
    gold = [[Span(0, 10)], [Span(0, 4)]]
    assert match(gold, [Span(0, 4), Span(0, 10)], 0.3) == {0: 1, 1: 0}
    # A prediction is used once even when two golds want it most.
    assert match([[Span(0, 10)], [Span(0, 10)]], [Span(0, 10), Span(5, 10)], 0.3) == {
        0: 0,
        1: 1,
    }


# ------------------------------------------------------------ scores


def account(content: Span, mention: Span | None = None, speaker: str | None = None) -> Account:
    return Account(
        id=f"acc{content.start}",
        article_id="art",
        kind="indirect",
        content=content,
        partial=None,
        speaker_id=speaker,
        speaker_mention=mention,
        cue=None,
        recipient=None,
        channel=None,
        where="body",
        confidence=1.0,
        rule="test",
    )


def speaker(name: str | None) -> Speaker:
    return Speaker(
        id=f"spk_{name}",
        name=name,
        group=None,
        mentions=(),
        descriptor=None,
        affiliation=None,
        side="unknown",
        side_evidence=None,
    )


def test_speaker_correct(mini: dict[str, GoldArticle]) -> None:
    one = mini["mini-one"]
    berg = one.attributions[1]  # Source "Berg" at the start of the second paragraph
    acc = account(berg.content[0], mention=berg.source[0] if berg.source else None)
    assert speaker_correct(one.text, berg, acc, None)  # the mention overlaps
    unmentioned = account(berg.content[0])
    assert speaker_correct(one.text, berg, unmentioned, "Anna Berg")  # the name holds "Berg"
    assert not speaker_correct(one.text, berg, unmentioned, "Bergman")  # whole words only
    assert not speaker_correct(one.text, mini["mini-two"].attributions[3], unmentioned, "X")


def test_canonical_speaker(mini: dict[str, GoldArticle]) -> None:
    one, two = mini["mini-one"], mini["mini-two"]
    assert source_kind("Berg") == ("surname", "Berg")
    assert source_kind("Mr. Trump’s") == ("surname", "Trump")
    assert source_kind("She") == ("pronoun", "She")
    assert source_kind("the principal") is None
    berg = one.attributions[1]
    assert canonical_correct(one.text, berg, one.attributions, "Anna Berg") is True
    assert canonical_correct(one.text, berg, one.attributions, "Berg") is False  # one word
    assert canonical_correct(one.text, berg, one.attributions, "Hans Berg") is False  # absent
    assert canonical_correct(one.text, one.attributions[0], one.attributions, "Anna Berg") is None
    she = two.attributions[1]
    # "She" is right when another gold Source names the predicted speaker.
    assert canonical_correct(two.text, she, two.attributions, "principal") is True
    assert canonical_correct(two.text, she, two.attributions, "weather") is True
    assert canonical_correct(two.text, she, two.attributions, "Storm") is False


def test_score_article_on_hand_made_predictions(mini: dict[str, GoldArticle]) -> None:
    one = mini["mini-one"]
    direct, berg, _critics = one.attributions
    document, article = article_from_text(one.text, "mini-one")
    anna = speaker("Anna Berg")
    accounts = (
        account(direct.content[0], mention=direct.source[0] if direct.source else None),
        account(Span(berg.content[0].start, berg.content[0].start + 12), speaker=anna.id),
        account(Span(0, 5)),  # the title: matches nothing
    )
    analysis = Analysis(document=document, article=article, speakers=(anna,), accounts=accounts)
    report = EvalReport(split="dev")
    score_article(report, one, analysis)
    figures = report.as_dict()
    loose, strict = figures["all"]["loose"], figures["all"]["strict"]
    assert (loose["matched"], loose["predicted"]) == (2, 3)  # 12/30 = 0.4 of "the work..."
    assert loose["recall"] == pytest.approx(2 / 3) and loose["precision"] == pytest.approx(2 / 3)
    assert strict["matched"] == 1 and strict["direct_recall"] == 1.0
    assert loose["indirect_recall"] == 0.5
    assert figures["all"]["speaker"] == {
        "accuracy": 1.0,
        "scored": 2,
        "correct": 2,
        "no_gold_source": 0,
    }
    assert figures["all"]["canonical_speaker"]["scored"] == 1
    assert figures["all"]["canonical_speaker"]["correct"] == 1
    speech = figures["speech"]
    assert speech["gold"] == 2 and speech["loose"]["recall"] == 1.0


# ------------------------------------------------------------ the command


def ratios(figures: dict[str, Any]) -> list[float]:
    out = []
    for level in ("loose", "strict"):
        out += [figures[level][k] for k in ("precision", "recall", "f1")]
        out += [figures[level]["direct_recall"], figures[level]["indirect_recall"]]
    out += [figures["speaker"]["accuracy"], figures["canonical_speaker"]["accuracy"]]
    return out


def test_command_json() -> None:
    result = CliRunner().invoke(cli, ["eval", "attribution", "--data", str(MINI), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"split", "articles", "seconds", "pages_per_second", "all", "speech"} <= set(data)
    assert data["articles"] == 2 and data["split"] == "dev"
    assert data["all"]["gold"] == 7 and data["speech"]["gold"] == 5
    assert data["all"]["direct"] == 2 and data["all"]["indirect"] == 5
    for subset in ("all", "speech"):
        assert all(0.0 <= x <= 1.0 for x in ratios(data[subset]))
    assert data["pages_per_second"] > 0


def test_command_table() -> None:
    result = CliRunner().invoke(cli, ["eval", "attribution", "--data", str(MINI), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "precision (loose)" in result.stdout and "pages/s" in result.stdout


def test_missing_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(cli, ["eval", "attribution", "--data", str(tmp_path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path) in lines[0] and "SAYSO_DATA" in lines[0]
    assert "Traceback" not in result.output
    monkeypatch.setenv("SAYSO_DATA", str(tmp_path))
    result = CliRunner().invoke(cli, ["eval", "attribution"])
    assert result.exit_code == 2 and str(tmp_path / "polnear") in result.stderr


def test_eval_attribution_min_confidence_keeps_fewer_predictions() -> None:
    def predicted(*extra: str) -> int:
        args = ["eval", "attribution", "--data", str(MINI), "--json", *extra]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        return int(json.loads(result.output)["all"]["loose"]["predicted"])

    everything = predicted()
    assert everything > 0
    assert predicted("--min-confidence", "0.95") < everything


def test_by_rule_and_without_through_the_cli() -> None:
    """`sayso eval attribution --by-rule` gives a row per rule, and `--without`
    scores a run without one (on the hand-made mini split, so it always runs)."""
    import json

    from click.testing import CliRunner

    from sayso.cli import cli
    from sayso.nlp.rules import RULES

    runner = CliRunner()
    args = ["eval", "attribution", "--data", str(MINI), "--split", "dev", "--json"]
    by_rule = json.loads(runner.invoke(cli, [*args, "--by-rule"]).stdout)
    assert [row["rule"] for row in by_rule["rules"]] == [r.name for r in RULES]
    reported = next(row for row in by_rule["rules"] if row["rule"] == "reported-speech")
    assert reported["matches"] > 0 and reported["f1_lost"] > 0
    full = json.loads(runner.invoke(cli, args).stdout)
    without = json.loads(runner.invoke(cli, [*args, "--without", "reported-speech"]).stdout)
    assert without["all"]["loose"]["f1"] == pytest.approx(reported["f1_without"])
    assert without["all"]["loose"]["f1"] < full["all"]["loose"]["f1"]
    unknown = runner.invoke(cli, [*args, "--without", "no-such-rule"])
    assert unknown.exit_code == 3 and "reported-speech" in unknown.output
