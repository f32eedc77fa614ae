"""Every figure, series and table cites the slide it was read from (generator/cited.py and the
validation around it), with one date per slide on every page, and the 「出典をコピー」 control
(content/javascripts/citations.js) gives that citation in a browser."""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape

import pytest
import yaml

from generator.build import ROOT
from generator.cited import named_slides
from generator.enrich import enrich
from generator.errors import DataError
from generator.load import load_data
from generator.outputs.pages import programmes, reference
from tests.conftest import DATA_TODAY

TODAY = DATA_TODAY


def slide_titles() -> dict[str, str]:
    sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text("utf-8"))
    return {s["id"]: s["title"] for d in sources["documents"] for s in d["slides"]}


def error(data) -> DataError:
    from generator.validate import validate

    with pytest.raises(DataError) as caught:
        validate(load_data(data), TODAY)
    return caught.value


def line_of(text: str, needle: str, start: int = 0) -> int:
    return text[: text.index(needle, start)].count("\n") + 1


def test_a_note_names_a_slide_by_its_title_or_the_start_of_it():
    titles = slide_titles()
    assert named_slides("資料（一体的実施事業における就職件数等の推移）のグラフから抽出", titles) == {
        "integrated-placements"
    }
    assert named_slides("出典：（参考）一体的実施事業の取組状況の脚注。", titles) == {"integrated-entities"}
    assert named_slides("「地域連携就労支援事業」のスライドでも137か所。", titles) == {"regional-employment-support"}
    assert named_slides("3年連続増加（令和5年度）。「270拠点（82.1％）」", titles) == set()


def test_a_series_whose_note_names_another_slide_fails_with_file_line_and_field(data_copy):
    # the fault of issue #23: the series inherits the overview slide while its note names its own
    path = data_copy / "programmes" / "integrated.yaml"
    text = path.read_text("utf-8")
    series = yaml.safe_load(text)["series"]
    index = next(i for i, s in enumerate(series) if s["id"] == "placements-by-year")
    start = text.index("- id: placements-by-year")
    text = text[:start] + text[start:].replace(
        "  source: integrated-placements\n", "  source: integrated-overview\n", 1
    )
    path.write_text(text, "utf-8")
    fault = error(data_copy)
    assert (fault.file, fault.field) == ("data/programmes/integrated.yaml", f"series[{index}].note")
    assert fault.line == line_of(text, "  note: ", start)
    assert "一体的実施事業における就職件数等の推移と事業効果の向上に向けた取組" in fault.message


def test_a_table_without_its_own_source_fails(data_copy):
    path = data_copy / "programmes" / "integrated.yaml"
    text = path.read_text("utf-8")
    start = text.index("- id: satisfaction")
    path.write_text(text[:start] + text[start:].replace("  source: integrated-results\n", "", 1), "utf-8")
    fault = error(data_copy)
    index = next(i for i, b in enumerate(yaml.safe_load(text)["breakdowns"]) if b["id"] == "satisfaction")
    assert (fault.file, fault.field) == ("data/programmes/integrated.yaml", f"breakdowns[{index}].source")
    assert "必須の項目がありません" in fault.message


def test_a_slide_named_for_comparison_must_be_listed_in_also_in(data_copy):
    path = data_copy / "programmes" / "furusato.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("  also_in: [regional-employment-support]\n", "", 1), "utf-8")
    fault = error(data_copy)
    assert (fault.file, fault.field) == ("data/programmes/furusato.yaml", "figures[0].note")
    assert "also_in" in fault.message


def test_a_record_citing_a_slide_has_the_slides_date(data_copy):
    path = data_copy / "case_studies" / "kesennuma.yaml"
    text = path.read_text("utf-8")
    slide_date = str(
        next(
            s["as_of"]
            for s in yaml.safe_load((data_copy / "sources.yaml").read_text("utf-8"))["documents"][0]["slides"]
            if s["id"] == "case-kesennuma"
        )
    )
    path.write_text(text.replace(f"\nas_of: {slide_date}\n", "\nas_of: 2024-03-31\n"), "utf-8")
    fault = error(data_copy)
    assert (fault.file, fault.field) == ("data/case_studies/kesennuma.yaml", "as_of")
    assert slide_date in fault.message


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def directory():
    from generator.validate import validate

    return enrich(validate(load_data(ROOT / "data"), TODAY), TODAY)


def sections(page: str) -> list[tuple[str, str]]:
    """(heading text, the page text up to the next heading) for each ## or <h3> heading."""
    parts = re.split(r"^(?:## (.+)|<h3>(.+)</h3>)$", page, flags=re.M)
    return [(unescape(a or b), body) for a, b, body in zip(parts[1::3], parts[2::3], parts[3::3], strict=True)]


def cited_titles(body: str, titles: dict[str, str]) -> set[str]:
    """Ids of the slides the section's source lines cite."""
    spans = [unescape(span) for span in re.findall(r'<span class="epd-citation">(.*?)</span>', body)]
    return {sid for span in spans for sid, title in titles.items() if f"スライド「{title}」" in span}


@pytest.mark.parametrize("page_of", ["stats", "integrated"])
def test_each_series_and_table_cites_its_own_slide(directory, page_of):
    shown = [p for p in directory.programmes if page_of == "stats" or p.id == "integrated"]
    items = [s for p in shown for s in p.series] + [b for p in shown for b in p.breakdowns]
    page = reference.statistics(directory) if page_of == "stats" else programmes.programme_page(directory, "integrated")
    titles = {sid: c.title for sid, c in directory.slides.items() if c.slide}
    wanted = {item.title for item in items}
    cited = [(title, cited_titles(body, titles)) for title, body in sections(page) if title in wanted]
    assert len(items) > 10
    assert cited == [(item.title, {item.source}) for item in items]


def citation_dates(root) -> dict[str, set[str]]:
    """Slide title → every date its source lines carry, across the whole built site."""
    found = defaultdict(set)
    # source lines (…のスライド「title」（date時点）) and chart captions (…資料「title」（date時点）)
    lines = {
        re.compile(r'<span class="epd-citation">(.*?)</span>', re.S): r"スライド「(.+?)」（(.+?)(?:時点|の値)）",
        re.compile(
            r'<figcaption>.*?<span class="epd-source">(.*?)</span>', re.S
        ): r"資料「(.+?)」（(.+?)(?:時点|の値)）",
    }
    for path in root.rglob("*.html"):
        html = path.read_text("utf-8")
        for line, cite in lines.items():
            for span in line.findall(html):
                for title, when in re.findall(cite, unescape(re.sub(r"<[^>]+>", "", span))):
                    found[title].add(when)
    return found


def test_one_date_per_slide_on_every_page(site, directory):
    found = citation_dates(site.root)
    slides = {c.title: c for c in directory.slides.values() if c.slide}
    kesennuma = directory.slides["case-kesennuma"]
    assert kesennuma.title in found  # the case, municipality and agreement pages cite it
    for title, dates in found.items():
        assert len(dates) == 1, (title, dates)
        slide = slides[title].slide
        if slide.measures:
            assert "年" in next(iter(dates)) and "日" not in next(iter(dates))  # the month measured
        else:
            assert slide.as_of.isoformat() in next(iter(dates)), (title, dates)


# --- the copy control in a browser ----------------------------------------------------------


def test_copy_control_copies_the_citation_with_the_page_address(site, browser):
    context = browser.new_context(locale="ja-JP")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
    page = context.new_page()
    page.goto(site.url + "programmes/integrated/")
    # the last line citing the users' voices slide: the satisfaction table's
    line = page.locator("p.epd-source", has=page.locator(".epd-copy")).filter(has_text="利用者の声").last
    citation = line.locator(".epd-citation").inner_text()
    button = line.get_by_role("button", name="出典をコピー")
    button.focus()
    page.keyboard.press("Enter")
    status = line.get_by_role("status")
    page.wait_for_function("s => s.textContent !== ''", arg=status.element_handle())
    assert status.inner_text() == "出典をコピーしました"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{citation} {site.url}programmes/integrated/"
    assert "厚生労働省" in copied and "国と地方公共団体との連携について" in copied and "時点" in copied
    context.close()


def test_without_javascript_the_citation_is_there_and_the_control_hidden(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "stats/")
    lines = page.locator("p.epd-source .epd-citation")
    assert lines.count() > 0 and lines.first.is_visible()
    assert page.get_by_role("button", name="出典をコピー").count() == 0
    context.close()


def test_the_data_page_names_documents_by_publisher_title_and_date(directory):
    page = reference.data_page(directory)
    sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text("utf-8"))
    for document in sources["documents"]:
        heading = re.search(rf'<h3 id="source-{document["id"]}">(.*?)</h3>', page).group(1)
        assert document["publisher"] in heading and document["title"] in heading
        assert document["as_of"].isoformat() in heading
        if document.get("file"):
            assert unescape(document["file"]) not in unescape(page)
