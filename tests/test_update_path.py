"""After the deck: a case from another document, a new agreement, and what readers see of it.

One site is built from a copy of data/ with three edits a maintainer would make:
a new document in sources.yaml cited by the 天童 case (checked again later),
and an agreement concluded after the deck (函館市). It must show the new
source, show the 302 figure next to the longer list, warn about it, date the
changed pages (and only those) later, and list it in the feed.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build import ROOT, Paths, Report, generate
from tests.conftest import build_site
from tests.test_enrich import directory

ATOM = "{http://www.w3.org/2005/Atom}"
REPORT = """  - id: tendo-report
    publisher: 天童市
    title: 天童ワークプラザの取組（テスト用の資料）
    url: https://example.org/tendo/report.pdf
    published_on: 2025-06-01
    as_of: 2025-05-31
    terms: 出典を明記して利用可
"""
HAKODATE = '  - {code: "012025", name: 函館市, concluded_on: 2025-04-01, as_of: 2025-04-01, source: tendo-report}\n'


def edit(data: Path) -> None:
    sources = data / "sources.yaml"
    sources.write_text(sources.read_text("utf-8").replace("documents:\n", "documents:\n" + REPORT, 1), "utf-8")
    case = data / "case_studies" / "tendo.yaml"
    case.write_text(
        case.read_text("utf-8").replace("source: case-tendo\n", "source: tendo-report\nchecked_on: 2025-06-02\n"),
        "utf-8",
    )
    agreements = data / "agreements.yaml"
    text = agreements.read_text("utf-8")
    anchor = '  - {code: "011002", name: 札幌市}\n'
    agreements.write_text(text.replace(anchor, anchor + HAKODATE, 1), "utf-8")


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("edited")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    edit(data)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        paths = build_site(tmp, data)
    return paths, stderr.getvalue()


def html(paths: Paths, page: str) -> str:
    return (paths.site / page / "index.html").read_text("utf-8")


def test_a_case_citing_a_city_report_shows_that_source_with_its_link(edited):
    paths, _ = edited
    page = html(paths, "cases/tendo")
    source = re.search(r'<p class="epd-source"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert (
        '天童市「<a href="https://example.org/tendo/report.pdf">天童ワークプラザの取組（テスト用の資料）</a>」'
        in source
    )
    assert "令和7年6月2日（2025-06-02）確認" in source
    assert "<dt>最終確認</dt><dd>令和7年6月2日（2025-06-02）</dd>" in page
    data_page = html(paths, "data")
    assert 'id="source-tendo-report"' in data_page and "https://example.org/tendo/report.pdf" in data_page


def test_a_new_agreement_shows_the_printed_302_next_to_the_list_and_warns(edited):
    paths, stderr = edited
    listed = len(directory().agreements) + 1  # data/'s list and 函館市
    programme = html(paths, "programmes/agreement")
    assert (
        f'302 団体<br><span class="epd-mismatch">資料の数値（令和6年8月31日（2024-08-31）時点）。この一覧には {listed} 件</span>'
        in programme
    )
    assert f"参加している団体（{listed}団体）" in programme
    home = html(paths, "")
    assert f"この一覧には {listed} 件" in home
    assert re.search(
        rf"警告: data/programmes/agreement\.yaml:\d+: 「雇用対策協定の締結団体数」は資料の数値 302団体 ですが、一覧 data/agreements\.yaml には {listed} 件",
        stderr,
    )
    assert "「締結市数」は資料の数値 230市" in stderr
    towns = sum(a.place.kind == "town" for a in directory().agreements)
    assert ("締結町数" in stderr) == (towns != 24)  # the towns agree unless data/ lists more than the deck's 24


def test_the_printed_totals_show_a_mismatch_exactly_when_the_lists_differ(site):
    """With the deck's lists the totals agree; a maintainer's later addition shows the list's count beside them."""
    totals = directory().totals
    differs = any(not total.agrees for (programme, _), total in totals.items() if programme == "agreement")
    assert ("epd-mismatch" in (site.root / "programmes" / "agreement" / "index.html").read_text("utf-8")) == differs
    assert ("epd-mismatch" in (site.root / "index.html").read_text("utf-8")) == bool(directory().warnings)


def lastmods(site_dir: Path) -> dict[str, str | None]:
    text = (site_dir / "sitemap.xml").read_text("utf-8")
    return {
        loc.split("/", 3)[3]: (lastmod or None)
        for loc, lastmod in re.findall(r"<loc>([^<]*)</loc>(?:\s*<lastmod>([^<]*)</lastmod>)?", text)
    }


def test_sitemap_lastmod_moves_only_for_pages_whose_records_changed(edited, site):
    paths, _ = edited
    before, after = lastmods(site.root), lastmods(paths.site)
    assert before["cases/tendo/"] == "2024-03-31" and after["cases/tendo/"] == "2025-06-02"
    assert before["cases/ayase/"] == after["cases/ayase/"] == "2024-03-31"
    assert after["municipalities/012025/"] == "2025-04-01"
    assert before["prefectures/13/"] == after["prefectures/13/"] == "2024-08-31"
    assert before["prefectures/06/"] == "2024-08-31" and after["prefectures/06/"] == "2025-06-02"  # shows the 天童 case
    assert after["about/"] is None  # a hand-written page has no record date: no lastmod rather than a wrong one
    assert gzip.decompress((paths.site / "sitemap.xml.gz").read_bytes()) == (paths.site / "sitemap.xml").read_bytes()


def entries(feed: bytes) -> dict[str, tuple[str, str]]:
    root = ET.fromstring(feed)
    assert root.tag == f"{ATOM}feed"
    return {
        e.find(f"{ATOM}id").text: (e.find(f"{ATOM}title").text, e.find(f"{ATOM}updated").text)
        for e in root.iter(f"{ATOM}entry")
    }


def test_the_feed_parses_and_two_builds_give_the_same_bytes(edited, tmp_path):
    paths, _ = edited
    feed = (paths.site / "feed.xml").read_bytes()
    again = Paths(data=paths.data, build=tmp_path / "build", site=tmp_path / "site")
    generate(again, Report(quiet=True))
    assert (again.docs / "feed.xml").read_bytes() == feed
    root = ET.fromstring(feed)
    for entry in root.iter(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        assert entry.find(f"{ATOM}link").get("href").endswith("/")
    titles = [title for title, _ in entries(feed).values()]
    assert "雇用対策協定の締結: 北海道函館市" in titles


def test_unchanged_records_keep_their_feed_entries(edited, site):
    paths, _ = edited
    before = entries((site.root / "feed.xml").read_bytes())
    after = entries((paths.site / "feed.xml").read_bytes())
    new = {key: value for key, value in after.items() if key not in before}
    assert [title for title, _ in new.values()] == ["雇用対策協定の締結: 北海道函館市"]
    moved = {key for key in before if before[key] != after[key]}
    assert [before[key][0] for key in moved] == [next(t for t, _ in before.values() if t.startswith("事例: 天童"))]
    assert after[next(iter(moved))][1].startswith("2025-06-02")


def test_every_page_links_the_feed(site):
    for page in ("index.html", "cases/tendo/index.html", "404.html"):
        text = (site.root / page).read_text("utf-8")
        assert re.search(
            r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="[^"]*feed\.xml">', text
        ), page


def source_lines(page: str, heading: str) -> list[str]:
    """The source lines of the section under the h2 `heading`."""
    section = page[re.search(rf"<h2[^>]*>{heading}", page).end() :]
    section = section[: section.find("<h2")]
    return re.findall(r'<p class="epd-source"[^>]*>(.*?)</p>', section, re.S)


def test_a_table_names_every_source_its_rows_come_from(edited):
    """函館市's row cites the new document: the newest-agreements table and 北海道's list name it beside the deck."""
    paths, _ = edited
    report = "天童ワークプラザの取組（テスト用の資料）"
    lines = source_lines(html(paths, ""), "新しく締結された雇用対策協定")
    assert any(report in line and "令和7年4月1日（2025-04-01）時点" in line for line in lines)
    assert any("昨今の雇用対策協定の動向等" in line for line in lines)  # the other rows: the deck's list of recent ones
    lines = source_lines(html(paths, "prefectures/01"), "雇用対策協定")
    assert any(report in line for line in lines) and any("雇用対策協定の締結状況" in line for line in lines)
    english = html(paths, "en")
    assert f'<span lang="ja">{report}</span>' in english  # the document's Japanese title is marked as such
