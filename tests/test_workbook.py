"""The Excel workbooks (outputs/workbook.py): codes as text, Japanese headers, sources, no formulas, same bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from html import unescape

import openpyxl
import pytest

from generator.enrich import enrich
from generator.load import load_data
from generator.outputs import opendata
from generator.outputs.workbook import render, sheets
from generator.validate import validate
from generator.words import words
from tests.test_enrich import TODAY, directory


@pytest.fixture(scope="module")
def files():
    return render(directory())


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_every_open_data_table_is_a_sheet_with_japanese_headers(files):
    workbook = book(files["opendata/opendata.xlsx"])
    tables = sheets(directory())
    assert workbook.sheetnames == [s.name for s in tables] + [
        words("opendata_columns.sources_sheet"),
        words("opendata_columns.guide_sheet"),
    ]
    for table in tables:
        page = workbook[table.name]
        headers = [c.value for c in page[1]]
        assert headers == list(table.headers or (words(f"opendata_columns.{table.table}.{c}") for c in table.columns))
        assert page.max_row == len(table.rows) + 1
    assert [c.value for c in workbook[words("opendata_columns.agreements")][1]][:2] == ["団体コード", "団体名"]


def test_codes_stay_text_with_their_leading_zeros(files):
    agreements = book(files["opendata/opendata.xlsx"])[words("opendata_columns.agreements")]
    hokkaido = next(row for row in agreements.iter_rows(min_row=2) if row[1].value == "北海道")
    assert (hokkaido[0].value, hokkaido[0].data_type) == ("010006", "s")
    assert hokkaido[3].value == words("opendata_columns.kind.prefecture")  # Japanese, not `prefecture`
    assert all(row[0].data_type == "s" and len(row[0].value) == 6 for row in agreements.iter_rows(min_row=2))
    ratios = book(files["opendata/opendata.xlsx"])[words("opendata_columns.job_offer_ratios")]
    national = next(ratios.iter_rows(min_row=2))
    assert (national[0].value, national[0].data_type, national[3].data_type) == ("00", "s", "n")


def test_sources_sheet_names_each_tables_sources_and_as_of(files):
    workbook = book(files["opendata/opendata.xlsx"])
    rows = list(workbook[words("opendata_columns.sources_sheet")].iter_rows(min_row=2, values_only=True))
    for table in sheets(directory()):
        cited = [r for r in rows if r[0] == table.name]
        assert cited, table.name
        assert all(r[3].startswith(c.document.publisher) and r[4] for r, c in zip(cited, table.citations, strict=True))
    guide = list(workbook[words("opendata_columns.guide_sheet")].iter_rows(min_row=2, values_only=True))
    assert ("事例の成果", "target", "目標") in {r[:3] for r in guide}
    assert all(r[3] for r in guide)  # every column explained


def test_comparison_workbook_holds_the_deck_targets_beside_results(files):
    page = book(files["opendata/case_figures.xlsx"])[words("opendata_columns.case_figures")]
    header = [c.value for c in page[1]]
    target, value, label, case = (
        header.index(words(f"opendata_columns.case_figures.{k}")) for k in ("target", "value", "label", "case_id")
    )
    pairs = {(r[case], r[label], r[target], r[value]) for r in page.iter_rows(min_row=2, values_only=True)}
    assert {
        ("nishiyodogawa", "就職者数", 490, 581),
        ("hyogo-kobe", "支援対象者数", 200, 275),
        ("hyogo-kobe", "就職者数", 134, 213),
    } <= pairs


def test_same_directory_same_bytes_and_the_build_date_as_document_date():
    first, second = render(directory()), render(directory())
    assert first == second
    later = dataclasses.replace(directory(), built_on=dt.date(2030, 1, 2))
    properties = book(render(later)["opendata/opendata.xlsx"]).properties
    assert properties.created == properties.modified == dt.datetime(2030, 1, 2)


def test_text_that_looks_like_a_formula_stays_text(data_copy):
    poisons = {
        "ayase.yaml": ("label: 就職率\n", '=HYPERLINK("https://example.org","x")'),
        "tendo.yaml": ("label: 面接会などの共同開催\n", "@SUM(1)"),
        "kesennuma.yaml": ("label: 新規高卒の管内就職割合\n", "+1+1"),
        "sanyo-onoda.yaml": ("label: ミニ面接会 開催回数\n", "-2+3"),
    }
    for name, (old, poison) in poisons.items():
        path = data_copy / "case_studies" / name
        path.write_text(path.read_text("utf-8").replace(old, f"label: '{poison}'\n", 1), "utf-8")
    poisoned = enrich(validate(load_data(data_copy), TODAY), TODAY)
    page = book(render(poisoned)["opendata/case_figures.xlsx"])[words("opendata_columns.case_figures")]
    cells = {c.value: c for row in page.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    for _, poison in poisons.values():
        assert cells[poison].data_type == "s"  # a string, never a formula ('f')


def test_every_dataset_on_the_data_page_has_a_csv(site):
    html = unescape((site.root / "data" / "index.html").read_text("utf-8"))
    table = html[html.index(words("data.downloads_caption")) :].split("</table>")[0]
    rows = table.split("<tr>")[2:]  # after the caption's header row
    assert rows and all('.csv"' in row for row in rows), "a dataset without a CSV"
    for name in ("case_studies.csv", "case_figures.csv", "statistics.csv", "service_points.csv", "opendata.xlsx"):
        assert (site.root / "opendata" / name).stat().st_size > 100
        assert re.search(rf'href="[^"]*opendata/{re.escape(name)}"', html), name
    for table_name, columns in (
        ("case_studies.csv", opendata.CASE_COLUMNS),
        ("case_figures.csv", opendata.CASE_FIGURE_COLUMNS),
        ("statistics.csv", opendata.STATISTIC_COLUMNS),
        ("service_points.csv", opendata.SERVICE_POINT_COLUMNS),
    ):
        first = (site.root / "opendata" / table_name).read_text("utf-8-sig").splitlines()[0]
        assert first.split(",") == list(columns)
        readme = (site.root / "opendata" / "README.txt").read_text("utf-8-sig")
        assert table_name in readme and all(f" {c} " in readme or f"  {c} " in readme for c in columns), table_name


def test_readme_reads_as_utf8_in_chromium_when_served_without_a_charset(site, page):
    response = page.goto(site.url + "opendata/README.txt")
    assert "charset" not in response.headers["content-type"]  # as GitHub Pages serves .txt
    assert page.inner_text("body").startswith("雇用連携ディレクトリ オープンデータ")
