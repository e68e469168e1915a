"""Corpora in one file (issue 18): JSON Lines and CSV exports of scrapers and
WARC web archives, each record a page, with its metadata; a bad record is a
failure of its own, named FILE#N, and the others go on; a re-run stores nothing
twice. The records are the bundled test pages."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.batch import ingest_paths
from sayso.cli import cli
from sayso.ingest import expand_paths
from sayso.ingest.corpora import corpus_kind, record_meta
from sayso.store import Store

DATA = Path(__file__).parent / "data"
TEXT_PAGE = (DATA / "claims" / "01-kyiv-independent-market.txt").read_text(encoding="utf-8")
HTML_PAGE = (DATA / "events" / "02-black-sea-wire.html").read_text(encoding="utf-8")
TITLE, _, BODY = TEXT_PAGE.partition("\n\n")


def _records(store: Store) -> dict[str, dict[str, object]]:
    """Each stored article's record, by its source."""
    out = {}
    for summary in store.articles():
        view = store.article(summary.article_id)
        assert view is not None
        out[summary.source] = {
            "published": view.published,
            "url": view.url,
            "outlet": view.outlet,
            "title": view.title,
        }
    return out


def test_a_jsonl_export_is_read_record_by_record(tmp_path: Path) -> None:
    corpus = tmp_path / "export.jsonl"
    lines = [
        json.dumps(
            {
                "title": TITLE,
                "maintext": BODY,
                "date_publish": "2026-03-10 08:00:00",
                "source_domain": "kyivindependent.example",
                "url": "https://kyivindependent.example/market",
            }
        ),
        "{not json",
        json.dumps({"title": "No body", "url": "https://example.org/x"}),
        "",
        json.dumps({"html": HTML_PAGE, "date": "yesterday", "url": "not a url"}),
        json.dumps(["a", "list"]),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    with Store(db) as store:
        summary = ingest_paths([str(corpus)], store)
        assert (summary.read, summary.stored) == (5, 2)
        failed = {source: message for source, message in summary.failed}
        assert set(failed) == {f"{corpus}#2", f"{corpus}#3", f"{corpus}#6"}
        assert "[E101]" in failed[f"{corpus}#2"] and "[E102]" in failed[f"{corpus}#3"]
        records = _records(store)
        first = records[f"{corpus}#1"]
        assert first["published"] == "2026-03-10" and first["title"] == TITLE
        assert first["url"] == "https://kyivindependent.example/market"
        assert first["outlet"] == "kyivindependent.example"
        html = records[f"{corpus}#5"]
        assert html["url"] is None  # "not a url" is left out, never guessed
        assert {f.source for f in store.failures()} == set(failed)
        again = ingest_paths([str(corpus)], store)
        assert again.stored == 0 and again.duplicates == 2


def test_a_gzipped_csv_export_and_its_field_names(tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Title", "Text", "Date", "Site", "Link"])
    writer.writerow([TITLE, BODY, "2026-03-10", "Kyiv Independent", "https://ki.example/m"])
    writer.writerow(["Empty", "", "2026-03-10", "", ""])
    corpus = tmp_path / "export.csv.gz"
    corpus.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8")))
    assert corpus_kind(str(corpus)) == "csv"
    with Store(tmp_path / "c.db") as store:
        summary = ingest_paths([str(tmp_path)], store)  # a directory: corpora are walked
        assert summary.stored == 1 and [s for s, _ in summary.failed] == [f"{corpus}#2"]
        [record] = _records(store).values()
        assert record["outlet"] == "Kyiv Independent" and record["url"] == "https://ki.example/m"


def test_a_web_archive_gives_its_html_responses_with_their_url_and_date(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "crawl.warc.gz"
    with archive.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, kind, payload in (
            ("https://news.example.org/odesa", "text/html; charset=utf-8", HTML_PAGE.encode()),
            ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(payload),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2026-03-11T09:30:00Z"},
                )
            )
    assert list(expand_paths([str(tmp_path)])) == [str(archive)]
    with Store(tmp_path / "w.db") as store:
        summary = ingest_paths([str(archive)], store)
        assert (summary.read, summary.stored, summary.failed) == (1, 1, [])
        [(source, record)] = _records(store).items()
    assert source == f"{archive}#1"
    assert record["url"] == "https://news.example.org/odesa"
    assert record["published"] == "2026-03-11"


def test_a_file_that_is_no_archive_is_one_failure(tmp_path: Path) -> None:
    bad = tmp_path / "broken.warc"
    bad.write_bytes(b"this is not a web archive\n")
    good = tmp_path / "page.txt"
    good.write_text(TEXT_PAGE, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(bad), str(good), "--db", str(tmp_path / "x.db"), "--json", "-q"]
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["stored"] == 1
    [failure] = summary["failed"]
    assert failure["source"] == str(bad) and failure["code"] == "E101"
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date": "2016-04-27T10:31:00Z"}, ("2016-04-27", None, None)),
        ({"published": "2016-02-30"}, (None, None, None)),
        ({"pubdate": "April 27, 2016"}, (None, None, None)),
        (
            {"sitename": "  SANA  ", "link": "http://sana.sy/en/?p=1"},
            (None, "SANA", "http://sana.sy/en/?p=1"),
        ),
        ({"url": "javascript:alert(1)", "outlet": ""}, (None, None, None)),
    ],
)
def test_record_metadata_is_taken_only_when_it_is_what_it_says(
    fields: dict[str, str], expected: tuple[str | None, str | None, str | None]
) -> None:
    meta = record_meta(fields)
    assert (meta.published, meta.outlet, meta.url) == expected


def test_an_archive_without_html_pages_is_reported_not_skipped(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "images.warc"
    with archive.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/a.png",
                "response",
                payload=io.BytesIO(b"png"),
                http_headers=headers,
            )
        )
    with Store(tmp_path / "i.db") as store:
        summary = ingest_paths([str(archive)], store)
    assert summary.stored == 0
    [(source, message)] = summary.failed
    assert source == str(archive) and "[E102]" in message and "no HTML" in message
