"""Stage 4 — render the open data as Excel workbooks (.xlsx), for people rather than programs.

The CSV files stay as they are for programs; the workbook holds the same tables with
Japanese headers and Japanese values in place of ids, a sheet naming each table's
sources and 時点, and a column guide. XlsxWriter writes it (pure Python, no
dependencies, write-only); every text cell is written as a string, so codes keep
their leading zeros (010006) and text starting with = + - @ never becomes a formula.
Reproducible: the document's dates are the build date and XlsxWriter stamps its zip
entries with a fixed time, so one commit gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import xlsxwriter

from .. import urls
from ..directory import Citation, Directory
from ..formats import both_dates
from ..words import words
from . import opendata, public_facilities

NUMBERS = frozenset({"latitude", "longitude", "ratio", "value", "target", "change", "figures"})
WIDTH = 14  # characters: Japanese headers fit, long text wraps in Excel's own way


@dataclass(frozen=True)
class Sheet:
    table: str  # the words' key for the table (opendata_columns.<table>)
    file: str  # the CSV twin
    columns: tuple[str, ...]
    rows: list[dict]
    citations: list[Citation]  # what the rows cite, in first-seen order
    headers: tuple[str, ...] = ()  # Japanese headers; default from the words

    @property
    def name(self) -> str:
        return words(f"opendata_columns.{self.table}")

    def header(self, column: str) -> str:
        return words(f"opendata_columns.{self.table}.{column}")


def _unique(citations) -> list[Citation]:
    return list({c.id: c for c in citations}.values())


def _labels(directory: Directory) -> dict[str, Callable[[object], object]]:
    """Column → how an id in it reads in Japanese (lists are space-separated ids)."""
    vocabulary = directory.vocabularies
    names = {p.id: p.name for p in directory.programmes}
    terms = {t.id: t.label for group in (vocabulary.challenges, vocabulary.target_groups) for t in group}
    measures = {t.id: t.label for t in vocabulary.metrics} | {"other": words("case_compare.measure_other")}
    kinds = {t.id: t.label for t in vocabulary.facility_kinds} | {
        p.kind.id: p.kind.label for p in directory.service_points
    }
    separator = words("opendata_columns.list_separator")

    def each(table: dict[str, str]) -> Callable[[object], object]:
        return lambda value: separator.join(table.get(v, v) for v in str(value).split()) if value else value

    def worded(prefix: str) -> Callable[[object], object]:
        return lambda value: words(f"opendata_columns.{prefix}.{value}") if value else value

    return {
        "kind": worded("kind"),
        "precision": worded("precision"),
        "table": worded("table"),
        "programmes": each(names),
        "programme": each(names),
        "challenges": each(terms),
        "target_groups": each(terms),
        "measure": each(measures),
        "service_points.kind": each(kinds),
    }


def sheets(directory: Directory) -> list[Sheet]:
    programmes = directory.programmes
    statistic_sources = [directory.slides[f.source] for f in directory.national_figures]
    statistic_sources += [directory.slides[f.source] for p in programmes for f in p.figures]
    statistic_sources += [directory.slides[t.source] for p in programmes for t in (*p.series, *p.breakdowns)]
    return [
        Sheet(
            "agreements",
            urls.AGREEMENTS_CSV,
            opendata.AGREEMENT_COLUMNS,
            opendata.agreement_rows(directory),
            _unique(a.source for a in directory.agreements),
        ),
        Sheet(
            "integrated_entities",
            urls.INTEGRATED_CSV,
            opendata.INTEGRATED_COLUMNS,
            opendata.integrated_rows(directory),
            _unique(e.source for e in directory.integrated),
        ),
        Sheet(
            "job_offer_ratios",
            urls.RATIOS_CSV,
            opendata.RATIO_COLUMNS,
            opendata.ratio_rows(directory),
            [directory.ratio_source],
        ),
        Sheet(
            "case_studies",
            urls.CASES_CSV,
            opendata.CASE_COLUMNS,
            opendata.case_rows(directory),
            _unique(c.source for c in directory.cases),
        ),
        case_figures_sheet(directory),
        Sheet(
            "statistics",
            urls.STATISTICS_CSV,
            opendata.STATISTIC_COLUMNS,
            opendata.statistic_rows(directory),
            _unique(statistic_sources),
        ),
        Sheet(
            "service_points",
            urls.SERVICE_POINTS_CSV,
            opendata.SERVICE_POINT_COLUMNS,
            opendata.service_point_rows(directory),
            _unique(p.source for p in directory.service_points),
        ),
        Sheet(
            "public_facilities",
            urls.PUBLIC_FACILITIES_CSV,
            public_facilities.COLUMNS,
            public_facilities.rows(directory),
            _unique(f.source for f in directory.facilities),
            headers=public_facilities.COLUMNS,  # the standard's own Japanese names
        ),
    ]


def case_figures_sheet(directory: Directory) -> Sheet:
    return Sheet(
        "case_figures",
        urls.CASE_FIGURES_CSV,
        opendata.CASE_FIGURE_COLUMNS,
        opendata.case_figure_rows(directory),
        _unique(c.source for c in directory.cases if c.record.results),
    )


def _cell(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _write_table(book, sheet: Sheet, shown: dict[str, Callable[[object], object]], styles) -> None:
    page = book.add_worksheet(sheet.name)
    headers = sheet.headers or tuple(sheet.header(c) for c in sheet.columns)
    for column, header in enumerate(headers):
        page.write_string(0, column, header, styles["header"])
    for number, row in enumerate(sheet.rows, 1):
        for column, key in enumerate(sheet.columns):
            show = shown.get(f"{sheet.table}.{key}") or shown.get(key)
            value = _cell(show(row[key]) if show else row[key])
            if value is None or value == "":
                continue
            if key in NUMBERS and isinstance(value, int | float):
                page.write_number(number, column, value)
            else:
                page.write_string(number, column, str(value))  # never a formula, never a number
    page.freeze_panes(1, 0)
    page.autofilter(0, 0, len(sheet.rows), len(sheet.columns) - 1)
    page.set_column(0, len(sheet.columns) - 1, WIDTH)


def _write_rows(book, name: str, header: list[str], rows: list[list[object]], style) -> None:
    page = book.add_worksheet(name)
    for column, text in enumerate(header):
        page.write_string(0, column, text, style)
    for number, row in enumerate(rows, 1):
        for column, value in enumerate(row):
            if isinstance(value, int):
                page.write_number(number, column, value)
            elif value:
                page.write_string(number, column, str(value))
    page.freeze_panes(1, 0)
    page.set_column(0, len(header) - 1, WIDTH * 2)


def _sources_rows(tables: list[Sheet]) -> list[list[object]]:
    return [
        [
            sheet.name,
            urls.file_name(sheet.file),
            len(sheet.rows),
            public_facilities.cited(citation),
            both_dates(citation.as_of),
            citation.document.terms,
        ]
        for sheet in tables
        for citation in sheet.citations
    ]


def _guide_rows(tables: list[Sheet]) -> list[list[object]]:
    rows = []
    for sheet in tables:
        for column in sheet.columns:
            if sheet.headers:
                rows.append([sheet.name, column, column, words(f"opendata_columns.{sheet.table}.about")])
            else:
                rows.append(
                    [sheet.name, column, sheet.header(column), words(f"opendata_columns.{sheet.table}.{column}.about")]
                )
    return rows


def workbook(directory: Directory, tables: list[Sheet], title: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    built = dt.datetime.combine(directory.built_on, dt.time(), tzinfo=dt.UTC)
    book.set_properties({"title": title, "subject": words("opendata_columns.subject"), "author": "", "created": built})
    styles = {"header": book.add_format({"bold": True, "text_wrap": True, "valign": "top"})}
    shown = _labels(directory)
    for sheet in tables:
        _write_table(book, sheet, shown, styles)
    w = lambda key: words(f"opendata_columns.{key}")  # noqa: E731
    _write_rows(
        book,
        w("sources_sheet"),
        [
            w(k)
            for k in (
                "sources_sheet_column",
                "sources_file_column",
                "sources_rows_column",
                "sources_cite_column",
                "sources_as_of_column",
                "sources_terms_column",
            )
        ],
        _sources_rows(tables),
        styles["header"],
    )
    _write_rows(
        book,
        w("guide_sheet"),
        [w(k) for k in ("sources_sheet_column", "guide_column", "guide_header_column", "guide_about_column")],
        _guide_rows(tables),
        styles["header"],
    )
    book.close()
    return buffer.getvalue()


def render(directory: Directory) -> dict[str, bytes]:
    return {
        urls.OPENDATA_XLSX: workbook(directory, sheets(directory), words("opendata_columns.title")),
        urls.CASE_FIGURES_XLSX: workbook(
            directory, [case_figures_sheet(directory)], words("opendata_columns.case_figures_title")
        ),
    }
