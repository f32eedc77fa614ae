"""The Markdown pages, one module per page kind; `render` collects them by docs path."""

from __future__ import annotations

from ... import urls
from ...directory import Directory
from . import cases, home, places, programmes, reference


def render(directory: Directory) -> dict[str, str]:
    """Every generated Markdown page, by path inside the docs dir."""
    pages = {
        urls.HOME: home.home(directory),
        urls.PROGRAMME_INDEX: programmes.programme_index(directory),
        urls.PREFECTURE_INDEX: places.prefecture_index(directory),
        urls.STATS: reference.statistics(directory),
        urls.DATA: reference.data_page(directory),
        urls.CASE_INDEX: cases.case_index(directory),
        urls.CASE_COMPARISON: cases.case_comparison(directory),
        urls.FINDER: reference.finder(directory),
        urls.SEARCH: reference.search(),
    }
    for programme in directory.programmes:
        pages[urls.programme(programme.id)] = programmes.programme_page(directory, programme.id)
    for prefecture in directory.prefectures:
        code = prefecture.place.prefecture_code
        pages[urls.prefecture(code)] = places.prefecture_page(directory, code)
    for code in directory.municipalities:
        pages[urls.municipality(code)] = places.municipality_page(directory, code)
    for case in directory.cases:
        pages[urls.case(case.record.id)] = cases.case_page(directory, case.record.id)
    return pages
