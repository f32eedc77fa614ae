"""Pure render helpers: relative links, escaping, Japanese dates, charts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from generator.enrich import enrich
from generator.formats import both_dates, escape_text, month_label, wareki
from generator.load import load_data
from generator.outputs.pages import home, places, reference, scroll_boxes
from generator.outputs.pages import render as render_pages
from generator.urls import href, page_url
from generator.validate import validate
from tests.test_enrich import TODAY, directory


def test_page_urls_and_links_from_the_site_root(monkeypatch):
    assert page_url("index.md") == "" and page_url("cases/index.md") == "cases/" and page_url("stats.md") == "stats/"
    monkeypatch.delenv("SITE_URL", raising=False)
    assert href("prefectures/13.md") == "/prefectures/13/"
    assert href("index.md") == "/"
    assert href("maps/prefectures/13.html") == "/maps/prefectures/13.html"
    assert href("municipalities/2.md#facility-x") == "/municipalities/2/#facility-x"
    monkeypatch.setenv("SITE_URL", "https://example.github.io/epd")  # a project subpath, with or without its slash
    assert href("cases/ayase.md") == "/epd/cases/ayase/" and href("index.md") == "/epd/"


def test_japanese_dates():
    assert wareki(dt.date(2024, 8, 31)) == "令和6年8月31日"
    assert wareki(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(dt.date(2019, 4, 30)) == "平成31年4月30日"
    assert both_dates(dt.date(2024, 8, 31)) == "令和6年8月31日（2024-08-31）"
    assert month_label("2020-03") == "令和2年3月"


def test_text_from_data_is_inert_in_html_and_markdown():
    escaped = str(escape_text('<script>alert(1)</script> [x](javascript:alert(1)) "><svg onload=alert(1)> *b* {: .x }'))
    for dangerous in ("<", ">", "[", "]", "(", ")", '"', "*", "{", "}"):
        assert dangerous not in escaped


def test_charts_are_svg_with_a_title_and_every_value():
    figures = render_pages(directory())["stats.md"].split('<figure class="epd-chart">')[1:]
    assert len(figures) >= 2
    placements = next(f for f in figures if "就職件数の推移" in f.split("</title>")[0])
    assert 'role="img"' in placements and "64,021" in placements and "63,082" in placements
    assert all(" id=" not in figure.split("</figure>")[0] for figure in figures)  # many charts, no shared ids


def test_every_record_gets_a_page():
    pages = render_pages(directory())
    assert {f"prefectures/{i:02d}.md" for i in range(1, 48)} <= set(pages)
    assert {f"municipalities/{code}.md" for code in directory().municipalities} <= set(pages)
    assert {f"cases/{c.record.id}.md" for c in directory().cases} <= set(pages)
    assert {f"programmes/{p.id}.md" for p in directory().programmes} <= set(pages)
    kumamoto = pages["prefectures/43.md"]
    assert "令和6年7月" in kumamoto and "1.39" in kumamoto and "平成28年1月28日（2016-01-28）" in kumamoto


def test_programme_pages_count_every_participating_entity():
    pages = render_pages(directory())
    assert "参加している団体（302団体）" in pages["programmes/agreement.md"]
    assert "参加している団体（187団体）" in pages["programmes/integrated.md"]


def test_data_page_records_every_correction_and_figure_note():
    page = render_pages(directory())["data.md"]
    assert "高荻市" in page and "宇治田原町" in page  # seed spellings and split names
    assert "280" in page and "89.2" in page  # printed-but-inconsistent figures keep a note
    assert "平成24年度" in page  # inferred year labels of the chart series


def directory_of(data: Path):
    return enrich(validate(load_data(data), TODAY), TODAY)


def remove_line(path: Path, needle: str) -> None:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if needle not in line), "utf-8")


def test_prefecture_index_counts_the_prefectures_with_an_agreement(data_copy):
    assert "<p>47都道府県すべてが国（労働局）と雇用対策協定を締結しています。" in places.prefecture_index(directory())
    remove_line(data_copy / "agreements.yaml", '{code: "010006", name: 北海道}')
    page = places.prefecture_index(directory_of(data_copy))
    assert "<p>47都道府県のうち46都道府県が国（労働局）と雇用対策協定を締結しています。" in page
    assert "すべて" not in page


def test_prefecture_index_cites_the_slides_its_lists_name(data_copy):
    """The source line names the ratio slide and the slide each list file cites for all its rows."""
    sources = data_copy / "sources.yaml"
    sources.write_text(
        sources.read_text("utf-8").replace("title: 雇用対策協定の締結状況,", "title: 締結状況（改訂）,"), "utf-8"
    )
    slides = {s["id"]: s["title"] for d in yaml.safe_load(sources.read_text("utf-8"))["documents"] for s in d["slides"]}
    files = ("prefectures.yaml", "agreements.yaml", "integrated_entities.yaml")
    cited = [slides[yaml.safe_load((data_copy / f).read_text("utf-8"))["source"]] for f in files]
    line = places.prefecture_index(directory_of(data_copy)).split('<span class="epd-citation">')[1].split("</span>")[0]
    assert "締結状況（改訂）" in cited
    assert line.startswith("出典: 厚生労働省資料「国と地方公共団体との連携について」のスライド")
    assert re.findall(r"スライド「(.+?)」", line) == cited


def test_data_page_dates_the_deck_total_from_its_record(data_copy):
    path = data_copy / "programmes" / "agreement.yaml"
    text = path.read_text("utf-8").replace(
        "  value: 302\n  unit: 団体\n  as_of: 2024-08-31", "  value: 303\n  unit: 団体\n  as_of: 2024-08-30"
    )
    path.write_text(text, "utf-8")
    page = reference.data_page(directory_of(data_copy))
    assert "たとえば雇用対策協定の締結団体数は303団体（令和6年8月30日時点）ですが" in page
    assert "締結団体数は302団体（令和6年8月31日時点）ですが" in reference.data_page(directory())


def test_newest_agreements_of_one_day_follow_the_decks_cumulative_order():
    """甲賀市 (累計 294) and 周南市 (累計 293) both signed on 2024-03-21: the later number is the newer."""
    codes = [a.place.code for a in home.newest_first(directory().agreements)]
    assert codes.index("252093") == codes.index("352152") - 1


def test_every_table_scrolls_in_a_box_named_by_its_caption():
    """A plain box a template put around a table is taken over, not nested; the name is plain text."""
    text = (
        '<table class="epd-table">\n<caption>{}</caption>\n<tr><td>1</td></tr>\n</table>\n\n'
        '<div class="epd-scroll">\n<table class="epd-table">\n<caption>B</caption>\n</table>\n</div>\n'
    ).format('<ruby>表<rt>ひょう</rt></ruby> "A" <span lang="ja">甲</span>')
    boxed = scroll_boxes(text)
    assert boxed.count('<div class="epd-scroll" role="region" tabindex="0" aria-label=') == 2
    assert 'aria-label="表 &quot;A&quot; 甲"' in boxed and 'aria-label="B"' in boxed
    assert boxed.count("<div") == boxed.count("</div>") == 2
