"""Metadata for every page: date lines, outlet and credit lines, chrome lines,
mojibake, and what the user gives (sidecar, CLI options, the web form)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.batch import ingest_paths
from sayso.cli import cli
from sayso.errors import BadSidecar
from sayso.extract import build_article
from sayso.extract.meta import (
    credit_of_line,
    outlet_of_line,
    parse_date,
    parse_wire_dateline,
    read_text_page,
)
from sayso.extract.outlets import OutletDictionary
from sayso.extract.text import is_chrome, split_glued_tags
from sayso.ingest import PageMeta, expand_paths, read_bytes, read_input, read_sidecar
from sayso.ingest.mojibake import repair_mojibake
from sayso.ingest.pagemeta import page_meta, sidecar_paths
from sayso.model import Article
from sayso.store import Store
from sayso.store.jobs import PageFields, fields_json, fields_of
from sayso.web import create_app

OUTLETS = OutletDictionary.load()
BODY = (
    "At least 12 civilians were killed on Monday when warplanes struck a crowded market "
    "in the town of Talbiseh, local activists said.\n\n"
    "\u201cThe planes came twice,\u201d said Abu Ahmad, a resident who helped carry the "
    "wounded to a field clinic.\n"
)
TOKEN = "test-token-5b1e-9c2d-a7f0"


def article_of(text: str, meta: PageMeta | None = None) -> Article:
    raw = read_bytes(text.encode("utf-8"), "page.txt")
    return build_article(raw.document, raw.text, meta, OUTLETS)


# ------------------------------------------------------------------ date lines


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published March 9 2015", "2015-03-09"),
        ("Mon 27 Apr 2016 14.32 BST", "2016-04-27"),
        ("April 27, 2016", "2016-04-27"),
        ("27 April 2016", "2016-04-27"),
        ("27/04/2016", "2016-04-27"),
        ("2016-04-27 10:31 GMT", "2016-04-27"),
        ("Posted on 27 April 2016", "2016-04-27"),
        ("Updated: 27.04.2016", "2016-04-27"),
        ("Wednesday, 27 April 2016", "2016-04-27"),
        ("Published: 27 April 2016, 14:32 GMT+3", "2016-04-27"),
        ("Last modified on Wed 27 Apr 2016 16.00 BST", "2016-04-27"),
        ("Published 27 April 2016 | Updated 28 April 2016", "2016-04-27"),
        ("Apr. 27, 2016 2:05 p.m. ET", "2016-04-27"),
        ("2016-04-27T10:31:00Z", "2016-04-27"),
        ("Sept. 3rd, 2015", "2015-09-03"),
        ("Date: 2015-03-09", "2015-03-09"),
        ("04/27/2016", "2016-04-27"),  # month first only where day first is no date
    ],
)
def test_page_meta_date_line_forms(line: str, iso: str) -> None:
    assert parse_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "The strike on 27 April 2016 killed 9 people.",
        "Published March 9 2015, the report said 9 died.",
        "31/02/2016",
        "April 2016",
        "9 2015",
        "Updated figures show 40 people were killed.",
        "",
    ],
)
def test_page_meta_no_date_from_a_sentence(line: str) -> None:
    assert parse_date(line) is None


@given(st.text(max_size=120))
@settings(max_examples=300, deadline=None)
def test_page_meta_date_parser_never_crashes_nor_invents(text: str) -> None:
    found = parse_date(text)
    assert found is None or date.fromisoformat(found).isoformat() == found


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["%d %B %Y", "%B %d, %Y", "%Y-%m-%d", "%d/%m/%Y", "%a %d %b %Y 14.32 BST"]),
    st.sampled_from(["", "Published ", "Updated: ", "Posted on "]),
)
@settings(max_examples=200, deadline=None)
def test_page_meta_date_parser_reads_what_it_writes(day: date, form: str, prefix: str) -> None:
    assert parse_date(prefix + day.strftime(form)) == day.isoformat()


@pytest.mark.parametrize(
    ("page", "published"),
    [
        (f"Strike on market\n\nPublished March 9 2015\n\n{BODY}", "2015-03-09"),
        (f"Strike on market\nMon 27 Apr 2016 14.32 BST\n{BODY}", "2016-04-27"),
        (f"27 April 2016\nStrike on market\n\n{BODY}", "2016-04-27"),
        (f"Strike on market\n\n{BODY}\n27/04/2016\n", "2016-04-27"),
        (f"Strike on market\n\n{BODY}", None),
    ],
)
def test_page_meta_date_line_gives_published_and_is_cut(page: str, published: str | None) -> None:
    article = article_of(page)
    assert article.title == "Strike on market"
    assert article.published == published
    assert not re.search(r"\b(?:2015|2016)\b", article.text)  # cut as chrome
    assert article.text.endswith("field clinic.")


def test_page_meta_wire_dateline_needs_a_year() -> None:
    wire = parse_wire_dateline("ALEPPO, April 27 (Reuters) - Air strikes hit the city.")
    assert wire is not None and (wire.month, wire.day, wire.agency) == (4, 27, "Reuters")
    page = f"Strikes hit Aleppo\n\nALEPPO, April 27 (Reuters) - {BODY}"
    no_year = article_of(page)
    assert no_year.published is None and no_year.site_name == "Reuters"
    assert no_year.dateline is not None and no_year.dateline.text(no_year.text) == "ALEPPO"
    with_year = article_of(page + "\n© Reuters 2016\n")
    assert with_year.published == "2016-04-27"
    by_url = article_of(page, PageMeta(url="https://www.reuters.com/article/2016/04/28/x"))
    assert by_url.published == "2016-04-27"


def test_page_meta_date_lines_after_an_unknown_outlets_name() -> None:
    """RT's "Published time:", an outlet the dictionary lacks ("RFI") on the line
    before the date line, Sudan Tribune's dateline with the date first."""
    assert parse_date("Published time: 23 Jul, 2019 11:05") == "2019-07-23"
    page = article_of(f"Strike on a market\n\nRFI\n\nPublished on : 19/02/2025 - 12:05\n\n{BODY}")
    assert (page.published, page.site_name) == ("2025-02-19", "RFI")
    assert "RFI" not in page.text[page.body_span.start : page.body_span.end]
    dated = article_of(f"Shelling kills 12\n\nJune 15, 2024 (EL FASHER) – {BODY}")
    assert dated.published == "2024-06-15"


def test_page_meta_wire_dateline_with_its_own_year_and_agency() -> None:
    wire = parse_wire_dateline("Riyadh, Sept 14, 2018, SPA -- The coalition denied it.")
    assert wire is not None
    assert (wire.month, wire.day, wire.year, wire.agency) == (9, 14, 2018, "SPA")
    page = article_of(f"Coalition denies strike\n\nRiyadh, Sept 14, 2018, SPA -- {BODY}")
    assert page.published == "2018-09-14"
    assert page.dateline is not None and page.dateline.text(page.text) == "Riyadh"
    # a capitalised word and a date without a year is no dateline: prose
    assert parse_wire_dateline("Monday, March 5 - the talks resumed.") is None


# ------------------------------------------------------------------ outlets


@pytest.mark.parametrize(
    ("line", "outlet", "authors"),
    [
        ("SANA", "SANA", ()),
        ("Enab Baladi", "Enab Baladi", ()),
        ("Reuters Staff", "Reuters", ()),
        ("By Staff, Al-Masdar News", "Al-Masdar News", ()),
        ("By Jane Doe, Reuters", "Reuters", ("Jane Doe",)),
        ("By Jane Doe and John Roe | AFP", "AFP", ("Jane Doe", "John Roe")),
        ("Source: SANA", "SANA", ()),
        ("Al Jazeera and news agencies", "Al Jazeera", ()),
    ],
)
def test_page_meta_outlet_lines(line: str, outlet: str, authors: tuple[str, ...]) -> None:
    found = outlet_of_line(line, OUTLETS)
    assert found is not None and (found[0].name, found[1]) == (outlet, authors)


@pytest.mark.parametrize("line", ["By Jane Doe", "Syria", "The war goes on", "Staff"])
def test_page_meta_not_outlet_lines(line: str) -> None:
    assert outlet_of_line(line, OUTLETS) is None


@pytest.mark.parametrize(
    ("line", "outlet", "year"),
    [
        ("(Reporting by Suleiman Al-Khalidi; Editing by Tom Perry)", "Reuters", None),
        ("Source: SANA", "SANA", None),
        ("- AFP", "AFP", None),
        ("(AFP)", "AFP", None),
        ("© AFP 2016", "AFP", 2016),
        ("Copyright 2016 The Associated Press. All rights reserved.", "Associated Press", 2016),
        ("SANA", "SANA", None),
    ],
)
def test_page_meta_credit_lines(line: str, outlet: str, year: int | None) -> None:
    found = credit_of_line(line, OUTLETS)
    assert found is not None and found[0] is not None
    assert (found[0].name, found[1]) == (outlet, year)


@pytest.mark.parametrize(
    ("head", "tail", "outlet", "authors"),
    [
        ("SANA", "", "SANA", ()),
        ("Enab Baladi", "", "Enab Baladi", ()),
        ("Reuters Staff", "", "Reuters", ()),
        ("By Staff, Al-Masdar News", "", "Al-Masdar News", ()),
        ("By Jane Doe, Middle East Eye", "", "Middle East Eye", ("Jane Doe",)),
        ("", "(Reporting by John Smith; Editing by Jane Doe)", "Reuters", ()),
        ("", "Source: SANA", "SANA", ()),
        ("", "- AFP", "AFP", ()),
        ("", "© AFP 2016", "AFP", ()),
    ],
)
def test_page_meta_outlet_of_a_text_page(
    head: str, tail: str, outlet: str, authors: tuple[str, ...]
) -> None:
    page = f"Strike on market\n{head}\n\n{BODY}\n{tail}\n"
    article = article_of(page)
    assert article.site_name == outlet and article.authors == authors
    for line in (head, tail):
        if line:
            assert line not in article.text and line in article.removed
    assert article.text.startswith("Strike on market\n\nAt least 12 civilians")
    assert article.text.endswith("field clinic.")


@pytest.mark.parametrize(
    ("head", "published", "outlet", "authors"),
    [
        ("By Jane Doe | April 27, 2016", "2016-04-27", None, ("Jane Doe",)),
        ("SANA · 27 April 2016", "2016-04-27", "SANA", ()),
        ("By Staff, Al-Masdar News | 27/04/2016", "2016-04-27", "Al-Masdar News", ()),
    ],
)
def test_page_meta_byline_outlet_and_date_on_one_line(
    head: str, published: str, outlet: str | None, authors: tuple[str, ...]
) -> None:
    article = article_of(f"Strike on market\n{head}\n\n{BODY}")
    assert (article.published, article.site_name, article.authors) == (published, outlet, authors)
    assert article.removed == (head,)


def test_page_meta_outlet_lines_stay_in_the_middle_of_the_body() -> None:
    page = f"Strike on market\n\n{BODY}\nSANA\n\nThe army denied the report.\n"
    article = article_of(page)
    assert "\n\nSANA\n\n" in article.text and article.site_name is None


def test_page_meta_html_sitename_is_mapped_to_its_canonical_name() -> None:
    html = (
        "<html><head><title>Strike on market</title>"
        '<meta property="og:site_name" content="Syrian Arab News Agency"></head><body>'
        "<article><h1>Strike on market</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
        + "</article></body></html>"
    )
    raw = read_bytes(html.encode("utf-8"), "page.html")
    article = build_article(raw.document, raw.text, None, OUTLETS)
    assert article.site_name == "SANA"


# ------------------------------------------------------------------ chrome lines


@pytest.mark.parametrize(
    "line",
    [
        "Tags Syria Homs Hama airstrike Russia",
        "Topics Syria Aleppo",
        "Share on Facebook Share on Twitter WhatsApp",
        "Facebook Twitter WhatsApp Telegram",
        "Related: Russian jets pound Idlib after talks fail",
        "Read more: Russian jets pound Idlib after talks fail",
        "Published March 9 2015",
        "Updated 2 hours ago",
        "Youtube Subscribe",
        "Follow us on Telegram",
    ],
)
def test_page_meta_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Updated figures show 40 people were killed.",
        "Published in 2015, the report found that 40 people died.",
        "Tags were found on the bodies of 12 men.",
        "Topics include the war in Syria and the economy.",
        "Facebook said it removed the posts.",
    ],
)
def test_page_meta_sentences_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_page_meta_glued_tag_line_is_not_a_sentence_of_the_body() -> None:
    assert split_glued_tags(
        "Tags Syria Homs Hama airstrike Russia At least 31 civilians were killed."
    ) == ("Tags Syria Homs Hama airstrike Russia", "At least 31 civilians were killed.")
    for glued in (
        "Tags Syria Homs Hama airstrike Russia\nAt least 31 civilians were killed in Homs.",
        "Tags Syria Homs Hama airstrike Russia At least 31 civilians were killed in Homs.",
    ):
        article = article_of(f"Strike on market\n\n{BODY}\n{glued}\n")
        assert "Tags" not in article.text and "Hama airstrike" not in article.text
        assert article.text.endswith("At least 31 civilians were killed in Homs.")


def test_page_meta_everything_at_once() -> None:
    page = (
        "Russian jets strike Homs countryside\nEnab Baladi\nPublished March 9 2015\n\n"
        f"HOMS, March 9 (Reuters) - {BODY}"
        "Tags Syria Homs Hama airstrike Russia\n"
        "Share on Facebook Share on Twitter WhatsApp\n"
        "(Reporting by John Smith; Editing by Jane Doe)\n"
    )
    clean, facts = read_text_page(page, OUTLETS)
    assert (facts.published, facts.outlet) == ("2015-03-09", "Enab Baladi")
    assert clean.paragraphs[0].startswith("HOMS, March 9 (Reuters) - At least 12")
    assert clean.paragraphs[-1].endswith("field clinic.")
    assert len(clean.removed) == 5


# ------------------------------------------------------------------ mojibake


def test_page_meta_mojibake_is_repaired_with_a_note() -> None:
    page = (
        "Strike on market\n\nâ€œWe donâ€™t know how many died,â€\x9d said Abu Ahmad, "
        "a resident of the town, on Monday.\nThe café stayed open.\n"
    )
    raw = read_bytes(page.encode("utf-8"), "bad.txt")
    assert "\u201cWe don\u2019t know how many died,\u201d said Abu Ahmad" in raw.text
    assert "â€" not in raw.text and "The café stayed open." in raw.text
    assert raw.notes == ("repaired mojibake (ftfy) in 1 line",)


@pytest.mark.parametrize(
    "page",
    [
        "Strike\n\n\u201cWe don\u2019t know,\u201d said the man \u2014 in Homs, caf\u00e9.",
        "Plain ASCII page\n\nNothing to repair here, said the official.",
        "Straße in München, Çanakkale, İstanbul, Şanlıurfa, ½ of 20 × 30 °C, Âge",
        "Ｆｕｌｌ ｗｉｄｔｈ and the ﬁ ligature stay as they are.",
    ],
)
def test_page_meta_a_clean_page_is_untouched(page: str) -> None:
    assert repair_mojibake(page) == (page, 0)
    raw = read_bytes(page.encode("utf-8"), "good.txt")
    assert raw.text == page and raw.notes == ()


# ------------------------------------------------------------------ what the user gives


def test_page_meta_sidecar_paths_and_reading(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    assert sidecar_paths(str(page)) == (f"{page}.meta.json", str(tmp_path / "a.meta.json"))
    assert sidecar_paths(str(tmp_path / "a.txt.gz"))[1] == f"{page}.meta.json"
    assert read_sidecar(str(page)) == PageMeta()
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"published": "2016-04-27", "outlet": "SANA", "url": None}), "utf-8"
    )
    assert read_sidecar(str(page)) == PageMeta(published="2016-04-27", outlet="SANA")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not JSON"),
        ('["2016-04-27"]', "not a JSON object"),
        ('{"published": "27 April 2016"}', "YYYY-MM-DD"),
        ('{"published": "2016-02-30"}', "not a date of the calendar"),
        ('{"outlet": 12}', "must be a string"),
        ('{"url": "ftp://x.org/a"}', r"not an http\(s\) URL"),
        ('{"publised": "2016-04-27"}', "unknown keys"),
    ],
)
def test_page_meta_bad_sidecar_is_a_coded_error(tmp_path: Path, content: str, reason: str) -> None:
    page = tmp_path / "a.txt"
    page.write_text(f"Title\n\n{BODY}", "utf-8")
    (tmp_path / "a.txt.meta.json").write_text(content, "utf-8")
    with pytest.raises(BadSidecar, match=reason) as caught:
        read_input(str(page))
    message = str(caught.value)
    assert "[E111]" in message and "a.txt.meta.json" in message and message.startswith(str(page))


def test_page_meta_user_fields_checked() -> None:
    assert page_meta(" 2016-04-27 ", " SANA ", "") == PageMeta("2016-04-27", "SANA", None)
    for bad in (("2016-4-27", None, None), (None, "x" * 201, None), (None, None, "javascript:x")):
        with pytest.raises(ValueError):
            page_meta(*bad)
    assert PageMeta(published="2016-01-01").over(PageMeta("2015-01-01", "SANA", None)) == (
        PageMeta("2016-01-01", "SANA", None)
    )


def test_page_meta_given_comes_before_the_page() -> None:
    page = f"Strike on market\nEnab Baladi\nPublished March 9 2015\n\n{BODY}"
    given = PageMeta(published="2016-04-27", outlet="syrian arab news agency", url=None)
    article = article_of(page, given)
    assert (article.published, article.site_name) == ("2016-04-27", "SANA")
    by_url = article_of(page, PageMeta(url="https://sana.sy/en/?p=1"))
    assert (by_url.published, by_url.site_name, by_url.url) == (
        "2015-03-09",
        "SANA",
        "https://sana.sy/en/?p=1",
    )


def test_page_meta_directory_walk_skips_sidecars(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", "utf-8")
    (tmp_path / "a.txt.meta.json").write_text("{}", "utf-8")
    (tmp_path / "b.meta.json").write_text("{}", "utf-8")
    (tmp_path / "c.html.meta.json").write_text("{}", "utf-8")
    assert list(expand_paths([str(tmp_path)])) == [str(tmp_path / "a.txt")]


def test_page_meta_bad_sidecar_fails_alone_in_an_ingest(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text(f"Strike on market\n\n{BODY}", "utf-8")
    (pages / "good.txt.meta.json").write_text('{"outlet": "Enab Baladi"}', "utf-8")
    (pages / "bad.txt").write_text(f"Another strike\n\nSANA\n\n{BODY}", "utf-8")
    (pages / "bad.txt.meta.json").write_text('{"published": "yesterday"}', "utf-8")
    with Store(tmp_path / "sayso.db") as store:
        summary = ingest_paths([str(pages)], store)
        [(source, message)] = summary.failed
        assert source == str(pages / "bad.txt")
        assert "[E111]" in message and "bad.txt.meta.json" in message
        assert summary.stored == 1
        [stored] = store.articles()
        view = store.article(stored.article_id)
        assert view is not None and view.outlet == "Enab Baladi"


def test_page_meta_cli_options_and_sidecar(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"Strike on market\nSANA\n\n{BODY}", "utf-8")

    def record(*options: str) -> dict[str, Any]:
        result = CliRunner().invoke(cli, ["analyze", str(page), "--json", *options])
        assert result.exit_code == 0, result.output
        article: dict[str, Any] = json.loads(result.stdout)["article"]
        return article

    own = record()
    assert (own["published"], own["site_name"], own["url"]) == (None, "SANA", None)
    given = record(
        "--published", "2016-04-27", "--outlet", "Enab Baladi", "--url", "https://x.org/a"
    )
    assert (given["published"], given["site_name"], given["url"]) == (
        "2016-04-27",
        "Enab Baladi",
        "https://x.org/a",
    )
    (tmp_path / "page.txt.meta.json").write_text(
        '{"published": "2016-05-01", "outlet": "RT"}', "utf-8"
    )
    sidecar = record("--published", "2016-04-27", "--url", "https://x.org/a")
    assert (sidecar["published"], sidecar["site_name"], sidecar["url"]) == (
        "2016-05-01",
        "RT",
        "https://x.org/a",
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [("--published", "27/04/2016"), ("--published", "2016-02-30"), ("--url", "sana.sy")],
)
def test_page_meta_cli_options_are_validated(tmp_path: Path, option: str, value: str) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), option, value])
    assert result.exit_code == 2 and f"Invalid value for '{option}'" in result.output


# ------------------------------------------------------------------ the web form


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        (None, PageFields()),
        ("https://x.org/a", PageFields()),
        (None, PageFields(published="2016-04-27", outlet="SANA")),
        ("https://x.org/a", PageFields(page_url="https://sana.sy/en/?p=1")),
    ],
)
def test_page_meta_form_fields_are_kept_beside_the_url(
    tmp_path: Path, url: str | None, fields: PageFields
) -> None:
    packed = fields_json(fields)
    assert fields_of(packed) == fields
    assert (packed is None) == (not fields)  # nothing said: NULL
    with Store(tmp_path / "sayso.db") as store:
        store.keep_original("ab" * 32, "paste:x", "paste", b"page", url, fields)
        kept = store.original("ab" * 32)
    assert kept is not None and (kept.url, kept.fields) == (url, fields)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "sayso.db"
    Store(db).close()
    browser = {"base_url": "http://127.0.0.1", "headers": {"Origin": "http://127.0.0.1"}}
    with TestClient(create_app(db, token=TOKEN), **browser) as found:  # type: ignore[arg-type]
        yield found


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def test_page_meta_web_form_fields_reach_the_stored_article(client: TestClient) -> None:
    login = {"token": TOKEN, "reviewer": "Ana Analyst", "next": "/"}
    done = client.post(
        "/login",
        data={"csrf_token": _csrf(client.get("/login").text), **login},
        follow_redirects=False,
    )
    assert done.status_code == 303
    form = client.get("/add").text
    for name in ("published", "outlet", "page_url"):
        assert f'name="{name}"' in form
    csrf = _csrf(form)
    bad = client.post("/add", data={"csrf_token": csrf, "text": BODY, "published": "soon"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text
    fields = {"published": "2016-04-27", "outlet": "enab baladi", "page_url": "https://e.org/a"}
    posted = client.post(
        "/add",
        data={"csrf_token": csrf, "text": f"Strike on market\nSANA\n\n{BODY}", **fields},
        follow_redirects=False,
    )
    assert posted.status_code == 303, posted.text
    job_id = posted.headers["location"].rsplit("/", 1)[1]
    deadline = time.monotonic() + 180
    while (job := client.get(f"/api/jobs/{job_id}").json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    assert job["status"] == "done", job
    article = client.get(f"/api/articles/{job['article_ids'][0]}").json()
    assert (article["published"], article["outlet"], article["url"]) == (
        "2016-04-27",
        "Enab Baladi",
        "https://e.org/a",
    )
