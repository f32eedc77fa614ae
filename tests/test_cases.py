"""事例から学ぶ (issue #6): similar cases, comparison, validation, filters, sorting, printing, contributing.

Expectations come from the YAML files themselves, read here independently of the
generator, so a new or edited case needs no change to these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from conftest import build_site, free_port, serve

from generator import records as r
from generator import urls
from generator.build import ROOT
from generator.enrich import enrich, facets
from generator.errors import DataError
from generator.gazetteer import places
from generator.load import load_data
from generator.outputs.case_figures import OTHER, case_figures, measures
from generator.schemas import SCHEMA_DIR, render_schemas
from generator.validate import validate
from generator.words import words
from tests.maintainer import add_case

TODAY = dt.date.today()
TEMPLATE = "case_studies/_template.yaml.example"
# filter (select name, URL parameter) → the YAML field it filters on
FILTERS = {
    "region": "region",
    "prefecture": "prefecture_code",
    "programme": "programmes",
    "challenge": "challenges",
    "target": "target_groups",
}


def build_directory(data: Path):
    return enrich(validate(load_data(data), TODAY), TODAY)


@pytest.fixture(scope="module")
def directory():
    return build_directory(ROOT / "data")


def region_labels(data: Path = ROOT / "data") -> dict[str, str]:
    return {t["id"]: t["label"] for t in yaml.safe_load((data / "vocabularies.yaml").read_text("utf-8"))["regions"]}


def yaml_cases(data: Path = ROOT / "data") -> dict[str, dict]:
    """Every case as plain YAML, with its region's label from prefectures.yaml (as the filter sees it)."""
    labels = region_labels(data)
    regions = {
        p["code"]: labels.get(p.get("region"))
        for p in yaml.safe_load((data / "prefectures.yaml").read_text("utf-8"))["records"]
    }
    cases = {}
    for path in sorted((data / "case_studies").glob("*.yaml")):
        case = yaml.safe_load(path.read_text("utf-8"))
        case["region"] = regions[case["prefecture_code"]]
        cases[case["id"]] = case
    return cases


def values_of(case: dict, attribute: str) -> set[str]:
    value = case.get(attribute) or []
    return {value} if isinstance(value, str) else set(value)


def with_template_case(data: Path, case_id: str, municipality_code: str, source: str, **replace: str) -> Path:
    """A case copied from the template with every example written over (CONTRIBUTING.md), translated."""
    return add_case(data, case_id, places()[municipality_code], source, translated=True, **replace)


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


# --- unit tests -------------------------------------------------------------


def test_facets_are_the_filterable_ids(directory):
    for case in directory.cases:
        record = case.record
        assert facets(case) == (
            {("programme", p) for p in record.programmes}
            | {("challenge", c) for c in record.challenges}
            | {("target", t) for t in record.target_groups}
            | {("region", case.region.id)}
        )


def test_similar_cases_rank_by_shared_facets_then_id(directory):
    cases = yaml_cases()

    def shared(a: dict, b: dict) -> int:
        return sum(
            len(values_of(a, attribute) & values_of(b, attribute))
            for attribute in ("programmes", "challenges", "target_groups", "region")
        )

    for case in directory.cases:
        me = cases[case.record.id]
        ranked = sorted(((-shared(me, other), other_id) for other_id, other in cases.items() if other_id != me["id"]))
        expected = [other_id for score, other_id in ranked if score < 0][:3]
        assert [s.case_id for s in case.similar] == expected, case.record.id


def test_similar_cases_show_shared_facets_by_label(directory):
    hyogo = directory.case("hyogo-kobe")
    ayase = next(s for s in hyogo.similar if s.case_id == "ayase")
    # programme first, by name (not id), then the shared challenge and target
    assert ayase.shared[0] == directory.programme("integrated").name
    labels = {t.id: t.label for t in (*directory.vocabularies.challenges, *directory.vocabularies.target_groups)}
    assert set(ayase.shared[1:]) == {labels["welfare-to-work"], labels["welfare-recipients"]}


# What the deck prints on each case slide (seed 000_653276eeff5ed0fa.txt), read off the slides, not
# off data/: (case, label in data/, target or None, result, unit). A maintainer's correct addition
# keeps these green; losing or changing one of them fails.
DECK_FIGURES = [
    ("nishiyodogawa", "就職者数", 490, 581, "件"),  # 就職者数 目標 ４９０件 → 実績 ５８１件
    ("nishiyodogawa", "就職者数 前年度比", None, 114.6, "%"),
    ("nishiyodogawa", "e-ラーニング研修を受講した区役所職員", None, 74, "名"),
    ("hyogo-kobe", "支援対象者数", 200, 275, "人"),  # 目標２００人 → 実績２７５人
    ("hyogo-kobe", "就職者数", 134, 213, "人"),  # 目標１３４人 → 実績２１３人
    ("hyogo-kobe", "支援対象者数 前年度比の増加", None, 3.8, "%"),
    ("hyogo-kobe", "就職者数 前年度比の増加", None, 26.0, "%"),
    ("ayase", "就職率", None, 32.2, "%"),
    ("ayase", "就職率 令和4年度実績からの上昇", None, 7.5, "%"),
    ("kumamoto", "「半導体関連企業説明・就職相談会」第1回 参加事業所", None, 20, "社"),
    ("kumamoto", "「半導体関連企業説明・就職相談会」第1回 参加求職者", None, 304, "人"),
    ("kumamoto", "「半導体関連企業説明・就職相談会」第2回 参加事業所", None, 31, "社"),
    ("kumamoto", "「半導体関連企業説明・就職相談会」第2回 参加求職者", None, 456, "人"),
    ("kumamoto", "熊本県内半導体関連求人（電子部品・デバイス・電子回路製造業）", None, 2090, "人"),
    ("kesennuma", "新規高卒の管内就職割合", None, 29.8, "%"),
    ("kesennuma", "新規高卒者向けの合同企業説明会 参加者（のべ）", None, 119, "人"),
    ("kesennuma", "新規高卒者向けの合同企業説明会 参加企業（のべ）", None, 58, "社"),
    ("kesennuma", "職場環境整備やワーク・ライフ・バランスに関する企業セミナー参加企業数（のべ）", None, 21, "社"),
    ("tendo", "面接会などの共同開催", None, 3, "回"),
    ("tendo", "共同開催の面接会などによる就職決定", None, 28, "名"),
    ("tendo", "ハローワークの重点的なあっせんによる充足", None, 25, "名分"),
    ("sanyo-onoda", "ミニ面接会 開催回数", None, 5, "回"),
    ("sanyo-onoda", "ミニ面接会 参加者数（延べ）", None, 48, "名"),
    ("sanyo-onoda", "ミニ面接会 参加者のうち就職", None, 9, "名"),
    ("sanyo-onoda", "ミニ面接会（運輸分野）参加企業", None, 5, "社"),  # 令和6年2月22日開催（運輸分野）
    ("sanyo-onoda", "ミニ面接会（運輸分野）参加者数", None, 10, "名"),
    ("sanyo-onoda", "ミニ面接会（運輸分野）就職件数", None, 2, "名"),
    ("sanyo-onoda", "地域職業相談室の就職実績（延べ）", None, 11000, "人"),  # 延べ11,000人以上
    ("tendo", "市の声掛けにより事業主が求人条件緩和をハローワークに相談した求人（件数）", None, 61, "件"),
    ("tendo", "市の声掛けにより事業主が求人条件緩和をハローワークに相談した求人（人数）", None, 84, "名分"),
    ("ishikawa-noto", "大手コンビニエンスストアチェーンの石川県内店舗", None, 246, "店舗"),
    ("ishikawa-noto", "うち休業中で周知の対象から除いた店舗", None, 15, "店舗"),
]
# where each case is, as the comparison names it (a municipality, or the prefecture of a prefecture-wide case)
DECK_PLACES = {"kesennuma": "宮城県気仙沼市", "hyogo-kobe": "兵庫県神戸市兵庫区", "kumamoto": "熊本県"}


def test_comparison_holds_every_figure_the_deck_prints_with_its_target(directory):
    rows = {(row.case.record.id, row.label): row for row in case_figures(directory)}
    for case_id, label, target, value, unit in DECK_FIGURES:
        row = rows[(case_id, label)]
        assert (row.target, row.value, row.unit) == (target, value, unit), (case_id, label)
        assert row.source == directory.case(case_id).source
    # 熊本: both fairs, each with its day (第1回 R5.6.20, 第2回 R5.12.20)
    assert rows[("kumamoto", "「半導体関連企業説明・就職相談会」第1回 参加求職者")].on == dt.date(2023, 6, 20)
    assert rows[("kumamoto", "「半導体関連企業説明・就職相談会」第2回 参加求職者")].on == dt.date(2023, 12, 20)
    for case_id, place in DECK_PLACES.items():
        assert {" ".join(p.full_name for p in row.places) for key, row in rows.items() if key[0] == case_id} == {place}


def test_comparison_lists_every_reported_figure_once_in_the_order_of_measures(directory):
    rows = case_figures(directory)
    assert sorted((row.case.record.id, row.label) for row in rows) == sorted(
        (c.record.id, f.label) for c in directory.cases for f in c.record.results
    )
    order = [m.id for m in measures(directory)]
    assert [order.index(row.measure.id) for row in rows] == sorted(order.index(row.measure.id) for row in rows)
    assert order[-1] == OTHER  # the stores of ishikawa-noto have no metric


def test_no_figure_is_a_target_on_its_own():
    """目標 goes beside its result (`target`), never as a figure of its own."""
    for case in yaml_cases().values():
        assert not any("目標" in f["label"] for f in case.get("results", [])), case["id"]


def test_unknown_challenge_names_file_line_and_field(data_copy):
    path = data_copy / "case_studies" / "kesennuma.yaml"
    path.write_text(
        path.read_text("utf-8").replace("challenges: [depopulation,", "challenges: [jinkou-gensho,"), "utf-8"
    )
    with pytest.raises(DataError) as caught:
        validate(load_data(data_copy), TODAY)
    error = caught.value
    assert (error.file, error.line, error.field) == (
        "data/case_studies/kesennuma.yaml",
        line_of(path, "challenges:"),
        "challenges[0]",
    )
    assert "知らない分類です（値: jinkou-gensho、使える値: " in error.message and "depopulation" in error.message
    assert str(error).startswith(f"data/case_studies/kesennuma.yaml:{error.line} [challenges[0]]: 知らない分類です")


@pytest.mark.parametrize(
    "old, new, message", [("metric: placements", "metric: hires", "知らない比較項目です（値: hires")]
)
def test_metric_errors_name_the_figure(data_copy, old, new, message):
    path = data_copy / "case_studies" / "hyogo-kobe.yaml"
    text = path.read_text("utf-8").replace(old, new)
    path.write_text(text, "utf-8")
    with pytest.raises(DataError) as caught:
        validate(load_data(data_copy), TODAY)
    # reported at the (last) figure now carrying `new`
    index = max(i for i, f in enumerate(yaml.safe_load(text)["results"]) if f.get("metric") == new.split(": ")[1])
    line = max(n for n, content in enumerate(text.splitlines(), 1) if content.strip() == new)
    assert (caught.value.file, caught.value.line, caught.value.field) == (
        "data/case_studies/hyogo-kobe.yaml",
        line,
        f"results[{index}].metric",
    )
    assert message in caught.value.message


def test_template_lists_every_field_of_the_schema():
    text = (ROOT / "data" / TEMPLATE).read_text("utf-8")
    for model in (r.CaseStudy, r.Figure, r.Partner, r.Voice):
        for name in model.model_fields:
            assert re.search(rf"^[#\s-]*{name}:", text, re.M), f"{model.__name__}.{name} is not in the template"


def test_a_copied_template_reports_every_example_left_in_one_run(data_copy):
    shutil.copy(data_copy / TEMPLATE, data_copy / "case_studies" / "copied.yaml")
    with pytest.raises(DataError) as caught:
        build_directory(data_copy)
    faults = {e.field: e.message for e in caught.value.errors if e.file == "data/case_studies/copied.yaml"}
    # the three ★ fields (CONTRIBUTING.md: 必ず書き換える3項目) and the examples that would publish themselves
    assert {"prefecture_code", "municipality_codes[0]", "source", "id", "title", "summary", "results[0].value"} <= set(
        faults
    )
    assert "id はファイル名と同じ copied にしてください" in faults["id"]
    assert "就職者数 100人" in faults["results[0].value"]
    assert all(e.file == "data/case_studies/copied.yaml" for e in caught.value.errors)


def test_a_template_filled_in_as_contributing_says_validates(data_copy):
    kesennuma = yaml_cases(data_copy)["kesennuma"]
    with_template_case(data_copy, "new-case", kesennuma["municipality_codes"][0], kesennuma["source"])
    directory = build_directory(data_copy)
    assert directory.case("new-case").record.results[0].metric == "placements"


def test_contributing_guide_is_the_same_in_repository_and_site():
    assert (ROOT / "CONTRIBUTING.md").read_text("utf-8") == (ROOT / "content" / "contributing.md").read_text("utf-8")


def test_case_schema_is_current():
    for name in ("case_study.schema.json", "vocabularies.schema.json"):
        assert (SCHEMA_DIR / name).read_text("utf-8") == render_schemas()[name], "run `python -m generator.schemas`"


# --- browser tests ------------------------------------------------------------


def script_errors(page) -> list[str]:
    """Console errors but failed loads (the case map's tiles are not served in tests)."""
    return [error for error in page.console_errors if not error.startswith("Failed to load resource")]


def visible_cases(page) -> list[str]:
    return page.eval_on_selector_all("li.epd-case:not([hidden])", "items => items.map(item => item.dataset.case)")


def assert_sections_match(page) -> None:
    """A programme section is shown exactly when one of its cases is."""
    for shown, has_visible in page.eval_on_selector_all(
        ".epd-case-group", "groups => groups.map(g => [!g.hidden, !!g.querySelector('li.epd-case:not([hidden])')])"
    ):
        assert shown == has_visible


def pick(cases: dict[str, dict], attribute: str) -> tuple[str, set[str]]:
    """The most shared value of a facet that still leaves some cases out."""
    counts: dict[str, set[str]] = {}
    for case_id, case in cases.items():
        for value in values_of(case, attribute):
            counts.setdefault(value, set()).add(case_id)
    value, matching = max(
        ((v, ids) for v, ids in counts.items() if len(ids) < len(cases)), key=lambda item: (len(item[1]), item[0])
    )
    return value, matching


@pytest.mark.parametrize("name", FILTERS)
def test_filter_by_each_facet_and_restore_from_url(site, page, name):
    cases = yaml_cases()
    value, expected = pick(cases, FILTERS[name])
    page.goto(site.url + "cases/")
    assert len(set(visible_cases(page))) == len(cases)
    page.select_option(f"#case-filters select[name={name}]", value)
    assert set(visible_cases(page)) == expected
    assert page.inner_text("#case-count") == f"{len(expected)}件の事例"
    assert parse_qs(urlparse(page.url).query) == {name: [value]}
    assert_sections_match(page)

    page.reload()
    assert page.input_value(f"#case-filters select[name={name}]") == value
    assert set(visible_cases(page)) == expected
    assert page.inner_text("#case-count") == f"{len(expected)}件の事例"
    assert script_errors(page) == []


def test_filters_combine_and_reset(site, page):
    cases = yaml_cases()
    programme, in_programme = pick(cases, "programmes")
    region = next(iter(sorted(cases[case_id]["region"] for case_id in in_programme)))
    page.goto(f"{site.url}cases/?programme={programme}&region={region}")
    expected = {case_id for case_id in in_programme if cases[case_id]["region"] == region}
    assert set(visible_cases(page)) == expected
    assert page.inner_text("#case-count") == f"{len(expected)}件の事例"
    assert_sections_match(page)

    page.click("#case-filters button[type=reset]")
    page.wait_for_function(
        "expected => document.querySelector('#case-count').textContent === expected", arg=f"{len(cases)}件の事例"
    )
    assert urlparse(page.url).query == ""
    assert len(set(visible_cases(page))) == len(cases)


def test_without_javascript_every_case_is_listed(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "cases/")
    assert not page.is_visible("#case-filters")
    assert {
        item for item in page.eval_on_selector_all("li.epd-case", "items => items.map(i => i.dataset.case)")
    } == set(yaml_cases())
    context.close()


def test_case_page_shows_summary_sections_and_similar_cases(site, page, directory):
    case = directory.case("hyogo-kobe")
    page.goto(site.url + "cases/hyogo-kobe/")
    summary = page.inner_text(".epd-summary")
    for text in ("どこで", "だれが", "事業開始", "主な成果", "213"):
        assert text in summary
    for heading in ("それぞれの取組", "成果", "双方の声", "似ている事例"):
        assert page.locator("h2", has_text=heading).count() == 1
    links = page.eval_on_selector_all(".epd-similar a", "links => links.map(a => new URL(a.href).pathname)")
    assert links == [f"/cases/{s.case_id}/" for s in case.similar]
    assert page.inner_text(".epd-note") == "注記: " + yaml_cases()["hyogo-kobe"]["note"]
    assert page.inner_text(".epd-source").startswith("出典: ")  # the macro's HTML, not escaped text
    assert script_errors(page) == []


def sorted_column(page, column: int) -> list[str]:
    return page.eval_on_selector_all(
        "#case-compare tbody tr", f"rows => rows.map(row => row.cells[{column}].dataset.value)"
    )


def test_comparison_table_sorts_numbers_with_empty_cells_last(site, page):
    page.goto(site.url + "cases/compare/")
    headers = page.locator("#case-compare thead th")
    column = next(
        i for i in range(headers.count()) if headers.nth(i).inner_text() == words("case_compare.column_target")
    )
    button = headers.nth(column).locator("button")

    button.click()
    values = sorted_column(page, column)
    numbers = [float(v) for v in values if v]
    assert numbers == sorted(numbers) and values == [v for v in values if v] + [""] * values.count("")
    assert headers.nth(column).get_attribute("aria-sort") == "ascending"

    button.click()
    values = sorted_column(page, column)
    numbers = [float(v) for v in values if v]
    assert numbers == sorted(numbers, reverse=True) and values[len(numbers) :] == [""] * (len(values) - len(numbers))
    assert headers.nth(column).get_attribute("aria-sort") == "descending"
    assert headers.nth(0).get_attribute("aria-sort") == "none"

    headers.nth(1).locator("button").click()  # 地方公共団体, by code
    codes = sorted_column(page, 1)
    assert codes == sorted(codes)
    assert headers.nth(column).get_attribute("aria-sort") == "none"
    assert script_errors(page) == []


def shown_rows(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(
        "#case-compare tbody tr",
        "rows => rows.filter(r => r.offsetParent).map(r => [r.dataset.case, r.dataset.measure])",
    )


def test_choosing_cases_and_measures_is_kept_in_the_url(site, page, directory):
    every = {(row.case.record.id, row.measure.id) for row in case_figures(directory)}
    page.goto(site.url + "cases/compare/")
    assert set(map(tuple, shown_rows(page))) == every and urlparse(page.url).query == ""

    page.click("#compare-filters button[data-choose=none]")
    page.check('#compare-filters input[name=cases][value="hyogo-kobe"]')
    page.check('#compare-filters input[name=cases][value="nishiyodogawa"]')
    page.check('#compare-filters input[name=measures][value="placements"]')
    expected = [("nishiyodogawa", "placements"), ("hyogo-kobe", "placements")]
    assert sorted(map(tuple, shown_rows(page))) == sorted(expected)
    assert parse_qs(urlparse(page.url).query) == {"cases": ["nishiyodogawa,hyogo-kobe"], "measures": ["placements"]}
    assert page.inner_text("#compare-count") == words("case_compare.count", count=2)
    # both rows carry the deck's target beside the result: 490 → 581, 134 → 213
    assert sorted(
        page.eval_on_selector_all(
            "#case-compare tbody tr:not([hidden])",
            "rows => rows.map(r => [r.cells[4].dataset.value, r.cells[5].dataset.value])",
        )
    ) == [["134", "213"], ["490", "581"]]

    page.reload()
    assert sorted(map(tuple, shown_rows(page))) == sorted(expected)
    assert page.is_checked('#compare-filters input[name=cases][value="hyogo-kobe"]')
    assert not page.is_checked('#compare-filters input[name=cases][value="kumamoto"]')
    assert page.inner_text("[data-page-url]") == page.url  # the printed footer names this view

    page.goto(site.url + "cases/compare/?cases=")  # an empty choice shows nothing
    assert shown_rows(page) == []
    assert script_errors(page) == []


def test_comparison_without_javascript_shows_every_figure(site, browser, directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "cases/compare/?cases=kumamoto")
    assert not page.is_visible("#compare-filters")
    assert len(shown_rows(page)) == len(case_figures(directory))
    context.close()


def test_comparison_prints_landscape_from_page_one_with_its_column_names(site, page):
    page.goto(site.url + "cases/compare/")
    page.emulate_media(media="print")
    assert not page.is_visible("#compare-filters") and not page.is_visible(".md-header")
    assert page.eval_on_selector_all("#case-compare thead th", "cells => cells.map(c => c.innerText)") == [
        words(f"case_compare.column_{name}")
        for name in ("case", "place", "measure", "label", "target", "value", "unit", "period", "source")
    ]
    # Chromium repaints no form controls in the header row it repeats on every printed page: the sort
    # buttons give way to their text (else page 2 on showed only the columns without a button)
    shown_as = page.eval_on_selector_all("#case-compare th button", "bs => bs.map(b => getComputedStyle(b).display)")
    assert set(shown_as) == {"contents"}
    assert page.is_visible("#case-compare tfoot") and site.url + "cases/compare/" in page.inner_text(
        "#case-compare tfoot"
    )
    # the table starts on page 1, right under the heading (not pushed whole onto page 2)
    heading, table = (page.locator(s).bounding_box() for s in ("h1", "#case-compare"))
    assert table["y"] - (heading["y"] + heading["height"]) < 300
    pdf = page.pdf(prefer_css_page_size=True)
    width, height = (float(v) for v in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert width > height  # A4 landscape


def map_shows(page, count: int, shown: set[str] | None) -> None:
    """Wait until the case map's iframe holds the document for `shown` (None: every case) with `count` markers."""
    query = "" if shown is None else "?only=" + ",".join(sorted(shown))
    page.wait_for_function(
        """([query, count]) => {
          const frame = document.querySelector('iframe[data-case-map]').contentWindow;
          return frame.location.search === query && frame.document.querySelector('.leaflet-container')
            && frame.document.querySelectorAll('.leaflet-marker-icon').length === count;
        }""",
        arg=[query, count],
    )


def test_case_map_shows_only_the_cases_the_filters_leave(site, page):
    cases = yaml_cases()
    page.goto(site.url + "cases/")
    page.locator("iframe[data-case-map]").scroll_into_view_if_needed()
    map_shows(page, len(cases), None)

    value, expected = pick(cases, "programmes")
    page.select_option("#case-filters select[name=programme]", value)
    map_shows(page, len(expected), expected)

    # a prefecture without a case of that programme: the filters leave none, and so does the map
    empty = next(
        c["prefecture_code"]
        for c in cases.values()
        if not any(o["prefecture_code"] == c["prefecture_code"] and value in o["programmes"] for o in cases.values())
    )
    page.select_option("#case-filters select[name=prefecture]", empty)
    assert page.inner_text("#case-count") == "0件の事例"
    map_shows(page, 0, set())

    page.click("#case-filters button[type=reset]")
    map_shows(page, len(cases), None)
    assert script_errors(page) == []


def test_case_page_prints_on_a4_without_navigation(site, page):
    page.goto(site.url + "cases/kesennuma/")
    assert page.is_visible(".md-sidebar--primary")
    page.emulate_media(media="print")
    for hidden in (".md-sidebar--primary", ".md-header", ".md-footer"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible(".epd-summary") and page.is_visible(".epd-table")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


# --- end to end -----------------------------------------------------------------


def test_new_case_file_appears_everywhere_without_code_changes(tmp_path, data_copy, browser):
    """A contributor's case, copied from the template: index, filters, comparison, open data (and map)."""
    cases = yaml_cases(data_copy)
    prefectures = yaml.safe_load((data_copy / "prefectures.yaml").read_text("utf-8"))["records"]
    labels = region_labels(data_copy)
    # somewhere no case is yet, so every facet of the new case is a new filter option
    prefecture = next(
        p for p in prefectures if p.get("region") and labels[p["region"]] not in {c["region"] for c in cases.values()}
    )
    municipality = next(p for p in places().values() if p.prefecture_code == prefecture["code"] and p.kind == "city")
    used_programmes = {p for c in cases.values() for p in c["programmes"]}
    programme = next(p.stem for p in sorted((data_copy / "programmes").glob("*.yaml")) if p.stem not in used_programmes)
    with_template_case(
        data_copy,
        "new-case",
        municipality.code,
        cases["kesennuma"]["source"],
        **{
            "programmes: [agreement]": f"programmes: [{programme}]",
            "title: ○○市における人材確保に向けた連携": "title: 新しい連携事例",
        },
    )

    paths = build_site(tmp_path, data=data_copy)
    index = (paths.site / "cases" / "index.html").read_text("utf-8")
    for option in (
        f'<option value="{labels[prefecture["region"]]}">',  # the filter matches labels
        f'<option value="{prefecture["code"]}">',
        f'<option value="{programme}">',
    ):
        assert option in index
    compare = (paths.site / "cases" / "compare" / "index.html").read_text("utf-8")
    assert f'href="{urls.href(urls.case("new-case"))}"' in compare
    opendata = {c["id"]: c for c in json.loads((paths.site / "opendata" / "case_studies.json").read_text("utf-8"))}
    assert opendata["new-case"]["prefecture_code"] == prefecture["code"]
    assert [f["metric"] for f in opendata["new-case"]["figures"]] == ["placements"]
    case_map = paths.site / "maps" / "cases.html"
    if case_map.exists():  # the case map is being written separately (issue #4)
        assert "新しい連携事例" in case_map.read_text("utf-8")

    served = serve(paths.site, free_port())
    page = browser.new_page()
    try:
        page.goto(f"{served.url}cases/?prefecture={prefecture['code']}")
        assert visible_cases(page) == ["new-case"]
        assert page.inner_text("#case-count") == "1件の事例"
        page.goto(f"{served.url}cases/compare/")
        assert page.locator("#case-compare tbody th", has_text="新しい連携事例").count() == 1
    finally:
        page.close()
        served.server.shutdown()
