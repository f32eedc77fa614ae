"""Issue #22 — one page of every kind in every edition, the one with the most content:
no sideways scroll at 320 CSS px (WCAG 1.4.10 Reflow: wide tables scroll in a box of
their own, focusable and named), and markup the W3C Nu HTML Checker accepts.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.editions import EDITIONS
from tests.test_charts import VNU

# every HTML page the site has, by kind (paths inside an edition's folder)
KINDS = {
    "home": "index.html",
    "finder": "finder/index.html",
    "search": "search/index.html",
    "programme index": "programmes/index.html",
    "programme": "programmes/*/index.html",
    "prefecture index": "prefectures/index.html",
    "prefecture": "prefectures/*/index.html",
    "municipality": "municipalities/*/index.html",
    "case index": "cases/index.html",
    "case comparison": "cases/compare/index.html",
    "case": "cases/*/index.html",
    "statistics": "stats/index.html",
    "data": "data/index.html",
    "agreement list": "agreements/index.html",
    "about": "about/index.html",
    "contributing": "contributing/index.html",
    "not found": "404.html",
}
NOT_PAGES = ("maps/*", "vendor/*", "assets/*", "*pagefind/*")  # map frames, npm and theme files, search bundles
WIDTH = 320


def kind_of(path: str) -> str | None:
    """The kind of a page (its path inside its edition); the most specific pattern wins."""
    matches = [kind for kind, pattern in KINDS.items() if fnmatch.fnmatch(path, pattern)]
    return min(matches, key=lambda kind: KINDS[kind].count("*"), default=None)


def edition_pages(root: Path) -> dict[tuple[str, str], Path]:
    """(edition, kind) → its page with the most content (the largest file): the widest tables, longest lists."""
    chosen: dict[tuple[str, str], Path] = {}
    for file in root.rglob("*.html"):
        relative = file.relative_to(root).as_posix()
        if any(fnmatch.fnmatch(relative, pattern) for pattern in NOT_PAGES):
            continue
        edition = next((e for e in EDITIONS if e.folder and relative.startswith(e.folder + "/")), EDITIONS[0])
        inside = relative.removeprefix(edition.folder + "/") if edition.folder else relative
        kind = kind_of(inside)
        assert kind, f"{relative}: a page of no known kind (add it to KINDS)"
        key = (edition.id, kind)
        if key not in chosen or file.stat().st_size > chosen[key].stat().st_size:
            chosen[key] = file
    return chosen


@pytest.fixture(scope="module")
def pages(site) -> dict[tuple[str, str], Path]:
    chosen = edition_pages(site.root)
    assert len({kind for _, kind in chosen}) == len(KINDS)
    assert {edition for edition, _ in chosen} == {e.id for e in EDITIONS}
    return chosen


def test_no_page_scrolls_sideways_at_320_css_px(site, browser, pages):
    context = browser.new_context(viewport={"width": WIDTH, "height": 640}, locale="ja-JP")
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())  # tiles: offline
    page = context.new_page()
    wide, unnamed = {}, {}
    for key, file in sorted(pages.items()):
        url = site.url + file.relative_to(site.root).as_posix().removesuffix("index.html")
        page.goto(url)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > WIDTH:
            wide[key] = (url, width)
        # a table wider than the screen scrolls in a box a keyboard can reach and a screen reader names
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('article table')].map(table => {
                const box = table.closest('.epd-scroll, .md-typeset__scrollwrap');
                return box && (box.classList.contains('md-typeset__scrollwrap') ||
                    (box.tabIndex === 0 && box.getAttribute('role') === 'region' && box.getAttribute('aria-label')));
            })"""
        )
        if not all(boxes):
            unnamed[key] = url
    context.close()
    assert wide == {}
    assert unnamed == {}


def test_a_wide_table_scrolls_inside_its_box(site, browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.goto(site.url + "programmes/integrated/")
    box = page.locator("article .epd-scroll[role=region]").first
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")  # the deck's table does not fit 320 px
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())
    context.close()


# The theme's own markup (Material 9.8 base.html and nav partials, class md-*) that an override
# cannot fix without copying the theme's templates: autocomplete on its toggle checkboxes,
# tabindex="" on navigation labels, and the table-of-contents label on pages hiding the toc.
THEME_ERRORS = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "Bad value “” for attribute “tabindex” on element “label”",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
)
GNU = re.compile(r'^"file:(?P<file>[^"]+)":(?P<line>\d+)\.\d+-\d+\.\d+: error: (?P<message>.*)$')


def is_theme_error(line: str) -> bool:
    found = GNU.match(line)
    if not found or not found["message"].startswith(THEME_ERRORS):
        return False
    source = Path(found["file"]).read_text("utf-8").splitlines()[int(found["line"]) - 1]
    return 'class="md-' in source


def test_the_nu_html_checker_finds_no_error_in_our_markup(pages):
    assert shutil.which("java"), "the Nu HTML Checker needs Java: run `make test` (it installs a JRE)"
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, sorted(set(pages.values())))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line for line in run.stderr.splitlines() if line.strip() and not is_theme_error(line)]
    assert errors == []
    assert any(map(is_theme_error, run.stderr.splitlines()))  # the filter is for errors that are there
