"""The SQLite store: round trips, idempotent saves, filters, atomicity."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.errors import StoreError
from sayso.model import Account, Analysis, Article, Document, Entity, Span, Speaker, stable_id
from sayso.store import SCHEMA_VERSION, AccountRow, Store
from sayso.store import saving as store_saving

TITLE = "Rebels vow to stay"
BODY = (
    "\u201cWe will not leave,\u201d said Abu Omar, a rebel fighter, told Reuters. "
    "The army said the corridor was open."
)


def make_analysis(body: str = BODY, title: str = TITLE, source: str = "a.html") -> Analysis:
    text = f"{title}\n\n{body}"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = Document(
        id=f"doc_{digest[:16]}", source=source, kind="html", sha256=digest, size=len(text)
    )
    start = len(title) + 2
    article = Article(
        id=stable_id("art", document.id),
        document_id=document.id,
        source=source,
        text=text,
        title=title,
        title_span=Span(0, len(title)),
        body_span=Span(start, len(text)),
        authors=("Jane Doe",),
        dateline=None,
        published="2016-11-30",
        language="en",
        site_name="Example News",
        url="https://example.org/a",
    )
    return Analysis(
        document=document,
        article=article,
        entities=_entities(text, article.id),
        speakers=_speakers(text, article.id),
        accounts=_accounts(text, article.id),
    )


def _find(text: str, needle: str) -> Span | None:
    at = text.find(needle)
    return Span(at, at + len(needle)) if at >= 0 and needle else None


def _entities(text: str, article_id: str) -> tuple[Entity, ...]:
    span = _find(text, "Abu Omar")
    if span is None:
        return ()
    return (
        Entity(
            id=stable_id("ent", article_id, "Abu Omar"),
            label="PERSON",
            name="Abu Omar",
            aliases=("Omar",),
            mentions=(span,),
        ),
    )


def _speakers(text: str, article_id: str) -> tuple[Speaker, ...]:
    omar = Speaker(
        id=stable_id("spk", article_id, "omar"),
        name="Abu Omar" if "Abu Omar" in text else None,
        group=None,
        mentions=tuple(s for s in [_find(text, "Abu Omar")] if s is not None),
        descriptor="a rebel fighter",
        affiliation=None,
        side="opposition",
        side_evidence="rebel",
    )
    army = Speaker(
        id=stable_id("spk", article_id, "army"),
        name=None,
        group="The army",
        mentions=tuple(s for s in [_find(text, "The army")] if s is not None),
        descriptor=None,
        affiliation=None,
        side="government",
        side_evidence="army",
    )
    return (omar, army)


def _quoted(text: str) -> Span | None:
    start = text.find("\u201c")
    end = text.find("\u201d", start + 1)
    return Span(start + 1, end) if 0 <= start < end else None


def _accounts(text: str, article_id: str) -> tuple[Account, ...]:
    found: list[Account] = []
    quote = _quoted(text)
    if quote is not None:
        found.append(
            Account(
                id=stable_id("acc", article_id, "quote"),
                article_id=article_id,
                kind="direct",
                content=quote,
                partial=None,
                speaker_id=stable_id("spk", article_id, "omar"),
                speaker_mention=_find(text, "Abu Omar"),
                cue=_find(text, "said"),
                recipient=_find(text, "Reuters"),
                channel=None,
                where="body",
                confidence=0.9,
                rule="quote-said-name",
            )
        )
    reported = _find(text, "the corridor was open")
    if reported is not None:
        found.append(
            Account(
                id=stable_id("acc", article_id, "reported"),
                article_id=article_id,
                kind="indirect",
                content=reported,
                partial=None,
                speaker_id=stable_id("spk", article_id, "army"),
                speaker_mention=_find(text, "The army"),
                cue=_find(text, "said the"),
                recipient=None,
                channel=None,
                where="body",
                confidence=0.7,
                rule="group-said-that",
            )
        )
    return tuple(found)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "sayso.db")


def test_save_then_read_back(store: Store) -> None:
    analysis = make_analysis()
    assert not store.has_document(analysis.document.sha256)
    assert store.save(analysis) is True
    assert store.has_document(analysis.document.sha256)
    assert store.counts() == {
        "documents": 1,
        "articles": 1,
        "accounts": 2,
        "speakers": 2,
        "entities": 1,
    }
    first, second = store.accounts()
    assert first == AccountRow(
        account_id=analysis.accounts[0].id,
        article_id=analysis.article.id,
        source="a.html",
        title=TITLE,
        kind="direct",
        content="We will not leave,",
        speaker="Abu Omar",
        speaker_as_written="Abu Omar",
        descriptor="a rebel fighter",
        side="opposition",
        cue="said",
        recipient="Reuters",
        channel=None,
        confidence=0.9,
        content_start=analysis.accounts[0].content.start,
        content_end=analysis.accounts[0].content.end,
        stance=None,  # no statements in this analysis, so no claim
        claim_id=None,
        reviewed=False,
        rejected=False,
        published=analysis.article.published,
        outlet=analysis.article.site_name,
    )
    assert second.speaker == "The army"  # a group speaker is listed by its group
    assert second.side == "government"


def test_record_defaults_to_the_dataclasses_and_accepts_an_injected_one(tmp_path: Path) -> None:
    analysis = make_analysis()
    other = make_analysis(body="Another body. The army said so.", source="b.html")
    with Store(tmp_path / "s.db") as store:
        store.save(analysis)
        store.save(other, record={"injected": True, "name": "Ab\u00fb"})
    conn = sqlite3.connect(tmp_path / "s.db")
    records = dict(conn.execute("SELECT id, record FROM articles").fetchall())
    authors = conn.execute("SELECT authors FROM articles LIMIT 1").fetchone()[0]
    conn.close()
    stored = json.loads(records[analysis.article.id])
    assert stored["article"]["text"] == analysis.article.text
    assert stored["accounts"][0]["content"] == {
        "start": analysis.accounts[0].content.start,
        "end": analysis.accounts[0].content.end,
    }
    assert json.loads(records[other.article.id]) == {"injected": True, "name": "Ab\u00fb"}
    assert json.loads(authors) == ["Jane Doe"]


def test_second_save_of_same_document_is_skipped(store: Store) -> None:
    analysis = make_analysis()
    assert store.save(analysis) is True
    before = store.counts()
    assert store.save(analysis) is False
    assert store.counts() == before


def test_reopen_keeps_data_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.save(make_analysis())
    with Store(str(path)) as store:
        assert store.counts()["accounts"] == 2
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_a_version_1_store_gains_the_claim_and_event_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        assert store.save(make_analysis())
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE statements; DROP TABLE claims; DROP TABLE fingerprints;"
        "DROP TABLE events; DROP TABLE event_clusters; PRAGMA user_version = 1;"
    )
    conn.close()
    with Store(path) as store:
        assert store.counts()["accounts"] == 2
        assert store.claims() == []
        assert store.save(make_analysis(body="The mayor said the bridge was open."))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"statements", "claims", "fingerprints", "events", "event_clusters"} <= tables
    assert conn.execute("SELECT COUNT(*) FROM fingerprints").fetchone()[0] == 1  # the new one
    conn.close()


def test_filters_by_speaker_side_and_limit(store: Store) -> None:
    store.save(make_analysis())
    store.save(make_analysis(body="\u201cNo,\u201d said Abu Omar again.", source="b.html"))
    assert [r.content for r in store.accounts(speaker="omar")] == ["We will not leave,", "No,"]
    assert [r.speaker for r in store.accounts(speaker="ARMY")] == ["The army"]
    assert [r.content for r in store.accounts(side="Government")] == ["the corridor was open"]
    assert store.accounts(side="govern") == []  # side is exact, not a substring
    assert len(store.accounts(speaker="omar", side="opposition", limit=2)) == 2
    assert store.accounts(speaker="nobody") == []
    assert store.accounts(limit=0) == []


def test_rows_are_ordered_by_article_then_position(store: Store) -> None:
    store.save(make_analysis())
    store.save(make_analysis(body="The army said so. \u201cNo,\u201d said Abu Omar.", source="b"))
    found = store.accounts()
    assert [r.source for r in found] == ["a.html", "a.html", "b"]
    for one, two in zip(found, found[1:], strict=False):
        if one.article_id == two.article_id:
            assert one.content_start <= two.content_start


def test_failing_save_leaves_nothing_half_written(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = make_analysis()
    store.save(good)
    before = store.counts()

    def explode(*args: object) -> None:
        raise RuntimeError("disk on fire")

    # Fails after the document and article rows are written, mid-transaction.
    monkeypatch.setattr(store_saving, "insert_all", explode)
    bad = make_analysis(body="Different. The army said so.", source="bad.html")
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(bad)
    assert store.counts() == before
    assert not store.has_document(bad.document.sha256)
    monkeypatch.undo()
    assert store.save(bad) is True  # the store is usable, and the re-run picks it up


def test_sqlite_error_becomes_store_error(store: Store) -> None:
    analysis = make_analysis()
    broken = Analysis(
        document=analysis.document,
        article=analysis.article,
        speakers=analysis.speakers + analysis.speakers,  # duplicate primary keys
    )
    with pytest.raises(StoreError, match="UNIQUE"):
        store.save(broken)
    assert store.counts()["documents"] == 0


def test_mismatched_document_id_is_refused(store: Store) -> None:
    analysis = make_analysis()
    other = make_analysis(source="x", body="Other body.")
    mixed = Analysis(document=other.document, article=analysis.article)
    with pytest.raises(StoreError, match="names document"):
        store.save(mixed)


def test_not_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, just some text that is long enough" * 20)
    with pytest.raises(StoreError, match="E401"):
        Store(path)


def test_someone_elses_sqlite_db(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a sayso database"):
        Store(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer sayso"):
        Store(path)


def test_unopenable_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "no" / "such" / "dir" / "s.db")
    with pytest.raises(StoreError):
        Store(tmp_path)  # a directory


def test_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.counts()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(), body=st.text(min_size=1), name=st.text(min_size=1))
def test_arbitrary_text_round_trips(tmp_path: Path, title: str, body: str, name: str) -> None:
    base = make_analysis(body=body, title=title, source=name)
    text = base.article.text
    whole = Span(len(title) + 2, len(text))
    account = Account(
        id="acc_x",
        article_id=base.article.id,
        kind="indirect",
        content=whole,
        partial=None,
        speaker_id="spk_x",
        speaker_mention=Span(0, len(title)),
        cue=None,
        recipient=None,
        channel=None,
        where="body",
        confidence=0.5,
        rule="t",
    )
    speaker = Speaker(
        id="spk_x",
        name=name,
        group=None,
        mentions=(),
        descriptor=body,
        affiliation=None,
        side=name,
        side_evidence=None,
    )
    analysis = Analysis(
        document=base.document, article=base.article, speakers=(speaker,), accounts=(account,)
    )
    with Store(":memory:") as store:
        assert store.save(analysis)
        (row,) = store.accounts()
    assert row.content == body
    assert row.title == title
    assert row.source == name
    assert row.speaker == name
    assert row.speaker_as_written == title
    assert row.descriptor == body
    assert row.side == name


def test_migrations_are_numbered_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert names[0] == "0001_documents" and names[-1] == "0012_summed_tolls"
    assert len(names) == 12
    # a store from before the table: a baseline, then what its version lacks
    conn.executescript(
        "DROP TABLE migrations; DROP TABLE job_inputs; DROP TABLE jobs; DROP TABLE originals;"
        " PRAGMA user_version = 4;"
    )
    conn.close()
    with Store(path) as store:
        assert store.job("none") is None
    conn = sqlite3.connect(path)
    rows = dict(conn.execute("SELECT name, applied_at FROM migrations").fetchall())
    assert rows["0004_reviews_and_search"] == "before migrations"
    assert rows["0005_originals_and_jobs"] != "before migrations"
    conn.close()


def test_a_reader_store_reads_and_writes_through_another_connection(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with Store(path) as store:
        store.save(make_analysis())
    reader = Store.reader(path)
    try:
        [account, *_] = reader.accounts()
        reader.review(account.account_id, reviewer="ana", side="opposition")
        assert reader.accounts()[0].side == "opposition"
    finally:
        reader.close()


def test_reviewed_views_apply_a_review_over_the_analysis(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    with Store(path) as store:
        store.save(make_analysis())
        [account, *_] = store.accounts()
        store.review(account.account_id, reviewer="ana", side="opposition", speaker="Someone")
    conn = sqlite3.connect(path)
    row = conn.execute(
        "SELECT speaker, side, reviewed, rejected, reviewed_speaker, analysed_speaker"
        " FROM reviewed_accounts WHERE id = ?",
        (account.account_id,),
    ).fetchone()
    conn.close()
    assert row == ("Someone", "opposition", 1, 0, "Someone", account.speaker)


def test_the_views_come_with_a_store_from_before_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP VIEW reviewed_accounts; DROP VIEW reviewed_statements; DROP VIEW reviewed_events;"
        " DELETE FROM migrations WHERE name = '0006_reviewed_views';"
    )
    conn.close()
    with pytest.raises(StoreError, match="needs migrating"):
        Store.reader(path)
    Store(path).close()
    conn = sqlite3.connect(path)
    views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert views == {"reviewed_accounts", "reviewed_statements", "reviewed_events"}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    conn.close()


def test_a_schema_5_store_gains_search_keys_from_its_index(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    with Store(path) as store:
        store.save(make_analysis(), claims=False)
        store.save(make_analysis(body="The mayor said the bridge was open.", source="b.html"))
        found = store.search("said").as_dict()
    conn = sqlite3.connect(path)
    index = "SELECT rowid, kind, item_id, article_id FROM search_index ORDER BY rowid"
    before = conn.execute(index).fetchall()
    conn.executescript(
        "DROP TABLE search_keys; DELETE FROM migrations"
        " WHERE name = '0008_search_keys_and_indexes'; PRAGMA user_version = 5;"
    )
    conn.close()
    with Store(path) as store:
        assert store.search("said").as_dict() == found
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    keys = "SELECT fts_rowid, kind, item_id, article_id FROM search_keys ORDER BY fts_rowid"
    assert conn.execute(index).fetchall() == conn.execute(keys).fetchall() == before
    conn.close()


def test_search_rows_follow_the_articles_by_key(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    with Store(path) as store:
        analysis = make_analysis()
        store.save(analysis)
        store.save(analysis, replace=True)
        [account, *_] = store.accounts()
        store.review(account.account_id, reviewer="ana", rejected=True)
    conn = sqlite3.connect(path)
    index = conn.execute(
        "SELECT rowid, kind, item_id, article_id FROM search_index ORDER BY rowid"
    ).fetchall()
    keys = conn.execute(
        "SELECT fts_rowid, kind, item_id, article_id FROM search_keys ORDER BY fts_rowid"
    ).fetchall()
    claims = {r[0] for r in conn.execute("SELECT id FROM claims")}
    conn.close()
    assert index == keys
    assert len({(k, i) for _, k, i, _ in index}) == len(index)  # one row per item
    assert account.account_id not in {i for _, _, i, _ in index}  # rejected: left out
    assert {i for _, k, i, _ in index if k == "claim"} == claims
