"""Claims across articles: clusters, stances, reprints and independent sources.

The corpus in tests/data/claims was written for these tests (CC0): a market
strike reported by a Ukrainian outlet, denied by a Russian one, carried by a
wire service and reprinted by another outlet; and an unrelated grain convoy.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.batch import ingest_paths
from sayso.cli import cli
from sayso.store import Store
from sayso.store.claims import ClaimSummary

CORPUS = Path(__file__).parent / "data" / "claims"
REFERENCE = Path(__file__).parent / "data" / "reference" / "aleppo-conscription.txt"
STRIKE = "a Russian missile struck the central market in Kupiansk"


def _ingest(tmp_path: Path, names: list[str], db: str = "claims.db") -> Path:
    path = tmp_path / db
    with Store(path) as store:
        summary = ingest_paths([str(CORPUS / n) for n in names], store)
    assert summary.ok, summary.failed
    return path


def _strike(store: Store) -> ClaimSummary:
    [found] = [c for c in store.claims() if any(STRIKE in s.text for s in c.statements)]
    return found


ALL = sorted(p.name for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _ingest(tmp_path_factory.mktemp("claims"), ALL)


def test_the_strike_is_one_claim_across_outlets_and_contested(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        strike = _strike(store)
    sources = {Path(s.source).name for s in strike.statements}
    assert {"01-kyiv-independent-market.txt", "02-moscow-daily-denial.txt"} <= sources
    assert {"03-wire-kupiansk.txt", "04-reprint-kupiansk.txt"} <= sources
    assert all("grain" not in s.text and "convoy" not in s.text for s in strike.statements)
    [denial] = [s for s in strike.statements if s.stance == "denies"]
    assert Path(denial.source).name == "02-moscow-daily-denial.txt"
    assert denial.stance_evidence == "denied"
    assert strike.contested
    headlines = [s.text for s in strike.statements if s.account_id is None]
    assert "Twelve dead as missile hits Ukrainian market" in headlines  # the wire's own
    with Store(corpus_db) as store:
        assert strike.claim_id in {c.claim_id for c in store.claims(contested=True)}


def test_a_reprint_is_marked_and_adds_no_independent_source(tmp_path: Path) -> None:
    without = _ingest(tmp_path, ALL[:3], "three.db")
    with_reprint = _ingest(tmp_path, ALL[:4], "four.db")
    with Store(without) as store:
        before = _strike(store)
    with Store(with_reprint) as store:
        after = _strike(store)
    reprinted = [s for s in after.statements if Path(s.source).name == "04-reprint-kupiansk.txt"]
    wire = {s.article_id for s in after.statements if Path(s.source).name == "03-wire-kupiansk.txt"}
    assert reprinted and all(s.original_article_id in wire for s in reprinted)
    assert len(after.statements) > len(before.statements)
    assert after.independent_sources() == before.independent_sources()


def test_a_named_speaker_counts_once_wherever_he_spoke(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        strike = _strike(store)
    governor = [s for s in strike.statements if s.speaker == "Oleh Syniehubov"]
    assert len({s.article_id for s in governor}) >= 2
    side = governor[0].side
    others = {
        ("story", s.original_article_id)
        for s in strike.statements
        if s.side == side and not s.speaker
    } | {("name", s.speaker) for s in strike.statements if s.side == side and s.speaker}
    assert strike.independent_sources()[side] == len(others)


def _grouping(path: Path) -> set[tuple[str, frozenset[tuple[str, str]]]]:
    """Each claim as its id and its statements with their stances."""
    with Store(path) as store:
        return {
            (c.claim_id, frozenset((s.statement_id, s.stance) for s in c.statements))
            for c in store.claims()
        }


def test_the_claims_do_not_depend_on_the_order_articles_come_in(tmp_path: Path) -> None:
    pages = [*ALL, "../reference/aleppo-conscription.txt"]
    forward = _grouping(_ingest(tmp_path, pages, "forward.db"))
    shuffled = pages[:]
    random.Random(7).shuffle(shuffled)
    assert shuffled != pages
    assert _grouping(_ingest(tmp_path, shuffled, "shuffled.db")) == forward
    one_by_one = tmp_path / "one_by_one.db"
    for page in reversed(pages):  # one run per article, in reverse
        with Store(one_by_one) as store:
            assert ingest_paths([str(CORPUS / page)], store).ok
    assert _grouping(one_by_one) == forward
    result = CliRunner().invoke(cli, ["relink", "--db", str(one_by_one), "-q"])
    assert result.exit_code == 0, result.output
    assert _grouping(one_by_one) == forward
    assert any(len({s for s, _ in statements}) > 1 for _, statements in forward)


def test_a_reported_silence_joins_the_main_claim(tmp_path: Path) -> None:
    path = tmp_path / "reference.db"
    with Store(path) as store:
        ingest_paths([str(REFERENCE)], store)
        found = store.claims(search="forced")
    silent = [s for c in found for s in c.statements if s.stance == "silent"]
    assert [s.speaker for s in silent] == ["Pro-regime media outlets"]
    [main] = [c for c in found if silent[0] in c.statements]
    assert sum(s.stance == "supports" for s in main.statements) >= 3


def test_cli_claims_and_claim_json(corpus_db: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["claims", "--db", str(corpus_db), "--contested", "--json"])
    assert listed.exit_code == 0, listed.output
    claims = json.loads(listed.stdout)
    assert claims and all(c["contested"] for c in claims)
    shown = runner.invoke(
        cli, ["claim", claims[0]["claim_id"][:12], "--db", str(corpus_db), "--json"]
    )
    assert shown.exit_code == 0, shown.output
    claim = json.loads(shown.stdout)
    assert claim["claim_id"] == claims[0]["claim_id"]
    stances = {stance for side in claim["by_side"].values() for stance in side}
    assert {"supports", "denies"} <= stances
    missing = runner.invoke(cli, ["claim", "clm_nope", "--db", str(corpus_db)])
    assert missing.exit_code == 2
    assert "no claim" in missing.output


def test_cli_claims_page_by_page(corpus_db: Path) -> None:
    """`sayso claims --limit N` is a page read by index; the pages, followed by
    their cursors, are the whole list, largest first, once each."""
    runner = CliRunner()
    whole = json.loads(runner.invoke(cli, ["claims", "--db", str(corpus_db), "--json"]).stdout)
    assert len(whole) >= 3
    seen: list[dict[str, object]] = []
    cursor: list[str] = []
    for _ in range(len(whole)):
        result = runner.invoke(
            cli, ["claims", "--db", str(corpus_db), "--json", "--limit", "2", *cursor]
        )
        assert result.exit_code == 0, result.output
        seen += json.loads(result.stdout)
        following = re.search(r"--cursor (\S+)", result.stderr)
        if following is None:
            break
        cursor = ["--cursor", following.group(1)]
    assert sorted(c["claim_id"] for c in seen) == sorted(c["claim_id"] for c in whole)
    sizes = [c["statements"] for c in seen]
    assert sizes == sorted(sizes, reverse=True)


def _gold_clusters(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, object]]:
    """Gold quote id -> our cluster id and stance, for the statement holding its words."""
    gold = json.loads(REFERENCE.with_suffix(".gold.json").read_text(encoding="utf-8"))
    with Store(path) as store:
        ingest_paths([str(REFERENCE)], store)
        found = store.claims()
    cluster: dict[str, str] = {}
    stance: dict[str, str] = {}
    for quote in gold["quotes"]:
        words = quote["content"].strip(" ,.")
        for claim in found:
            for s in claim.statements:
                if s.account_id and words in s.text:
                    cluster[quote["id"]], stance[quote["id"]] = claim.claim_id, s.stance
    return cluster, stance, {c["id"]: c for c in gold["claims"]}


def _gold_quote(quote_id: str) -> str:
    gold = json.loads(REFERENCE.with_suffix(".gold.json").read_text(encoding="utf-8"))
    return str(next(q["content"] for q in gold["quotes"] if q["id"] == quote_id))


def test_the_reference_claims_group_their_elaborations(tmp_path: Path) -> None:
    """Gold c3 (men stay for fear of conscription) is one cluster of its own: a
    group's paraphrase, then one of them quoted, and his quote going on. Gold c1's
    supports share one cluster with the silence of pro-regime media; the pro-regime
    journalist's two qualified statements partly support it. Gold c2's headline
    and quote are a third cluster."""
    cluster, stance, claims = _gold_clusters(tmp_path / "reference.db")
    fear = {cluster[q] for q in claims["c3"]["support"]}  # type: ignore[index]
    assert len(fear) == 1
    assert [q for q, c in cluster.items() if c in fear] == ["q4", "q5", "q6"]
    conscription = {cluster[q] for q in claims["c1"]["support"]}  # type: ignore[index]
    assert len(conscription) == 1
    assert {q: stance[q] for q in claims["c1"]["partly"]} == {  # type: ignore[index]
        "q12": "partly",
        "q14": "partly",
    }
    assert all(stance[q] == "supports" for q in claims["c1"]["support"])  # type: ignore[index]
    with Store(tmp_path / "reference.db") as store:
        found = store.claims()
    [main] = [c for c in found if c.claim_id in conscription]
    assert [s.speaker for s in main.statements if s.stance == "silent"] == [
        "Pro-regime media outlets"
    ]
    # Gold c2 (many who fled now fight with the army): the headline and the
    # journalist's quote, apart from c1, since they do not say the men were forced;
    # and what q12 holds in full, before its restriction ("including both ...").
    fighting = {cluster["q0"], cluster["q13"]}
    assert len(fighting) == 1 and not fighting & conscription
    [c2] = [c for c in found if c.claim_id in fighting]
    q12 = _gold_quote("q12")
    assert any(s.stance == "supports" and q12.startswith(s.text) for s in c2.statements)


def test_a_coerced_statement_does_not_join_the_plain_claim() -> None:
    """ "were forced to fight" claims more than "are fighting"; the reverse joins."""
    import numpy as np

    from sayso.claims.clusters import COERCED, Centroid, content_words, nearest

    plain = content_words("Many men who fled the city are now fighting with the army")
    forced = content_words("The men who fled the city were forced to fight with the army")
    assert COERCED in forced and COERCED not in plain
    assert COERCED not in content_words("Government forces shelled the city")
    vector = np.ones(4, dtype=np.float32) / 2

    def cluster(words: frozenset[str]) -> Centroid:
        return Centroid("clm", vector.copy(), 1, 1, words, "art", frozenset())

    assert nearest(vector, forced, [cluster(plain)])[0] is None
    assert nearest(vector, plain, [cluster(forced)])[0] is not None


def test_a_schema_6_store_gets_a_part_per_cluster_and_relinks_to_the_claims(
    tmp_path: Path,
) -> None:
    """A store from before parts: each stored cluster becomes one part holding
    its statements; the store takes new articles and a re-analysis as it is, and
    `sayso relink` groups it as a fresh ingest would."""
    path = _ingest(tmp_path, ALL[:3], "v6.db")
    before = _grouping(path)
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE claim_parts; DROP TABLE actor_sides; DROP INDEX statements_part;"
        " ALTER TABLE statements DROP COLUMN part_id;"
        " ALTER TABLE statements DROP COLUMN part_stance;"
        " DELETE FROM migrations WHERE name = '0010_parts_and_sides'; PRAGMA user_version = 6;"
    )
    conn.close()
    assert _grouping(path) == before  # migrated when opened: the same claims
    conn = sqlite3.connect(path)
    parts = conn.execute("SELECT id, claim_id FROM claim_parts ORDER BY id").fetchall()
    claims = conn.execute("SELECT id, id FROM claims ORDER BY id").fetchall()
    unparted = conn.execute(
        "SELECT COUNT(*) FROM statements WHERE claim_id IS NOT NULL"
        " AND (part_id IS NOT claim_id OR part_stance IS NOT stance)"
    ).fetchone()[0]
    conn.close()
    assert parts == claims and unparted == 0
    with Store(path) as store:
        assert ingest_paths([str(CORPUS / n) for n in ALL[3:]], store).ok
        assert ingest_paths([str(CORPUS / ALL[0])], store, replace=True).ok
    result = CliRunner().invoke(cli, ["relink", "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    assert _grouping(path) == _grouping(_ingest(tmp_path, ALL, "fresh.db"))


RIVAL_PAGES = {
    "russian-jets.txt": (
        "Russian jets strike market in Maarat al-Numan\n\nPublished 14 December 2015\n\n"
        "Russian jets struck the crowded market in the town of Maarat al-Numan in Idlib "
        "province on Sunday, killing 40 people, the Syrian Observatory for Human Rights said.\n"
    ),
    "regime-helicopters.txt": (
        "Regime aircraft bomb Maarat al-Numan market\n\nPublished 14 December 2015\n\n"
        "Syrian government helicopters struck the market in the town of Maarat al-Numan on "
        "Sunday, killing 38 people, local activists said.\n"
    ),
}


def test_claims_that_cannot_both_be_true_are_rivals_side_by_side(tmp_path: Path) -> None:
    """One strike, two authors named: two claims, each the other's rival."""
    for name, text in RIVAL_PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "rivals.db"
    with Store(db) as store:
        assert ingest_paths([str(tmp_path / n) for n in RIVAL_PAGES], store).ok
        claims = {c.claim_id: c for c in store.claims()}
    russian = next(c for c in claims.values() if c.text.startswith("Russian jets"))
    regime = next(c for c in claims.values() if c.text.startswith("Syrian government"))
    assert [r.claim_id for r in russian.rivals] == [regime.claim_id]
    assert [r.claim_id for r in regime.rivals] == [russian.claim_id]
    shown = CliRunner().invoke(cli, ["claim", russian.claim_id, "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    [rival] = json.loads(shown.stdout)["rivals"]
    assert rival["claim_id"] == regime.claim_id and rival["text"] == regime.text
    assert rival["sides"] == sorted({s.side for s in regime.statements if s.stance == "supports"})
    plain = CliRunner().invoke(cli, ["claim", russian.claim_id, "--db", str(db)])
    assert "cannot both be true" in plain.output and regime.claim_id in plain.output
