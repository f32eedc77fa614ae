"""The Markdown pages, one module per page kind; `render` collects them by docs path.

The Japanese site is every page; each translated edition (editions.py) renders the
citizen path again with its own words into its folder. Every page's front matter
names its edition and the same page in the other editions (the language switch).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import yaml

from ... import urls
from ...directory import Directory
from ...editions import EDITIONS, JAPANESE, TRANSLATED, Edition
from ...words import catalogue
from . import cases, home, places, programmes, reference

PageBuilder = Callable[[Edition], str]


def render(directory: Directory) -> dict[str, str]:
    """Every generated Markdown page, by path inside the docs dir."""
    builders = _builders(directory)
    pages = {path: _with_editions(path, JAPANESE, build(JAPANESE)) for path, build in builders.items()}
    for edition in TRANSLATED:
        for path, build in builders.items():
            if urls.has_editions(path):
                pages[urls.in_edition(path, edition.folder)] = _with_editions(path, edition, build(edition))
    return {path: scroll_boxes(text) for path, text in pages.items()}


# a table of ours (raw HTML, always captioned), with the plain box a template may already have put around it
_TABLE = re.compile(
    r'(<div class="epd-scroll">\n)?(<table\b.*?<caption>(.*?)</caption>.*?</table>)(?(1)\n</div>)', re.S
)
_TAG_OR_READING = re.compile(r"<rt>.*?</rt>|<[^>]*>", re.S)


def scroll_boxes(text: str) -> str:
    """Every table in a box of its own that scrolls sideways when the table is wider than the
    screen (WCAG 1.4.10: the page itself never does), focusable and named by the table's
    caption so a keyboard user can scroll it and a screen reader says what it holds."""

    def box(table: re.Match) -> str:
        name = _TAG_OR_READING.sub("", table[3]).replace('"', "&quot;").strip()
        return f'<div class="epd-scroll" role="region" tabindex="0" aria-label="{name}">\n{table[2]}\n</div>'

    return _TABLE.sub(box, text)


def _builders(directory: Directory) -> dict[str, PageBuilder]:
    """Japanese docs path → the function that renders that page in an edition."""
    builders: dict[str, PageBuilder] = {
        urls.HOME: lambda edition: home.home(directory, edition),
        urls.PROGRAMME_INDEX: lambda edition: programmes.programme_index(directory, edition),
        urls.PREFECTURE_INDEX: lambda _: places.prefecture_index(directory),
        urls.STATS: lambda _: reference.statistics(directory),
        urls.DATA: lambda _: reference.data_page(directory),
        urls.CASE_INDEX: lambda edition: cases.case_index(directory, edition),
        urls.CASE_COMPARISON: lambda _: cases.case_comparison(directory),
        urls.AGREEMENT_LIST: lambda _: programmes.agreement_list(directory),
        urls.FINDER: lambda edition: reference.finder(directory, edition),
        urls.SEARCH: lambda edition: reference.search(directory, edition),
    }
    for programme in directory.programmes:
        builders[urls.programme(programme.id)] = lambda edition, pid=programme.id: programmes.programme_page(
            directory, pid, edition
        )
    for prefecture in directory.prefectures:
        code = prefecture.place.prefecture_code
        builders[urls.prefecture(code)] = lambda edition, code=code: places.prefecture_page(directory, code, edition)
    for code in directory.municipalities:
        builders[urls.municipality(code)] = lambda edition, code=code: places.municipality_page(
            directory, code, edition
        )
    for case in directory.cases:
        builders[urls.case(case.record.id)] = lambda _, cid=case.record.id: cases.case_page(directory, cid)
    return builders


def _with_editions(path: str, edition: Edition, text: str) -> str:
    """The page with front matter naming its edition and, when it has them, its other editions."""
    meta: dict = {"edition": edition.id, "lang": edition.html_lang}
    if urls.has_editions(path):
        meta["editions"] = [
            {
                "name": catalogue(other.id)("site.edition_name"),
                "lang": other.html_lang,
                "hreflang": other.hreflang,
                "url": urls.page_url(urls.in_edition(path, other.folder)),
                "current": other == edition,
            }
            for other in EDITIONS
        ]
    if text.startswith("---\n"):  # the template's own front matter (hide: …) comes after ours
        head, _, text = text[len("---\n") :].partition("\n---\n")
        meta.update(yaml.safe_load(head))
    if edition is not JAPANESE:  # the navigation is the Japanese site's: the edition's pages link each other
        meta["hide"] = [*meta.get("hide", []), "navigation"]
    # JSON is YAML too, and far faster to write than yaml.safe_dump (which took half of this stage)
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n" + ("" if text.startswith("\n") else "\n") + text
