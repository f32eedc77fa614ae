"""Accessibility (JIS X 8341-3:2016 AA ≈ WCAG 2.0 AA): axe-core finds no serious or critical issue.

One page of every type, in light and dark schemes, at desktop and phone width,
with every axe rule (best practices too, not only the WCAG tags), and the
search panel open. axe-core comes from npm (node_modules), injected by Playwright.
"""

from __future__ import annotations

import pytest

from generator.build import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "programme": "programmes/integrated/",
    "prefecture": "prefectures/14/",
    "municipality": "municipalities/142182/",
    "case": "cases/ayase/",
    "case index": "cases/",
    "case comparison": "cases/compare/",
    "finder": "finder/?zip=2521192",
    "search results": "search/?q=%E7%B6%BE%E7%80%AC",
    "statistics": "stats/",
    "data": "data/",
    "agreement list": "agreements/",
    "map": "maps/agreements.html",
    # the editions (issue #17): each kind of page they have
    "en home": "en/",
    "en programme": "en/programmes/integrated/",
    "en prefecture": "en/prefectures/14/",
    "en municipality": "en/municipalities/142182/",
    "en case index": "en/cases/",
    "en finder": "en/finder/?zip=2521192",
    "en search results": "en/search/?q=ayase",
    "easy home": "easy/",
    "easy programme": "easy/programmes/integrated/",
    "easy prefecture": "easy/prefectures/14/",
    "easy municipality": "easy/municipalities/142182/",
    "easy case index": "easy/cases/",
    "easy finder": "easy/finder/?zip=2521192",
    "easy search results": "easy/search/?q=%E3%81%82%E3%82%84%E3%81%9B",
}


# what a page shows once its script has answered (other pages are complete at `load`)
READY = {
    "finder": ".epd-finder-card[data-code]",
    "search results": "[data-search-results] > li",
    "en finder": ".epd-finder-card[data-code]",
    "en search results": "[data-search-results] > li",
    "easy finder": ".epd-finder-card[data-code]",
    "easy search results": "[data-search-results] > li",
}


@pytest.fixture(scope="module")
def axe_context(browser):
    # bypass_csp: the axe script is injected inline, which our own CSP rightly forbids
    context = browser.new_context(bypass_csp=True, locale="ja-JP")
    yield context
    context.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name,path", PAGE_TYPES.items())
def test_no_serious_axe_violations(site, axe_context, name, path, scheme):
    page = axe_context.new_page()
    page.emulate_media(color_scheme=scheme)
    # not "networkidle": map tiles cannot load offline, and their retries kept a busy machine past the timeout
    page.goto(site.url + path, wait_until="load")
    if name in READY:
        page.wait_for_selector(READY[name], timeout=20000)
    try:
        assert page.locator("html").get_attribute("lang") == ("en" if name.startswith("en ") else "ja")
        violations = serious_violations(page)
        assert not violations, "\n".join(violations)
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_panel_has_no_serious_axe_violations(site, axe_context, scheme):
    page = axe_context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url + "cases/")
    page.fill("#epd-search-input", "ハローワーク")
    page.wait_for_function(
        "() => /件/.test(document.querySelector('[data-search-panel-status]').textContent)", timeout=20000
    )
    try:
        assert page.locator("#epd-search-panel").is_visible()
        violations = serious_violations(page)
        assert not violations, "\n".join(violations)
    finally:
        page.close()


def test_skip_link_and_visible_focus(site, axe_context):
    page = axe_context.new_page()
    page.goto(site.url + "cases/ayase/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), getComputedStyle(document.activeElement).outlineStyle, document.activeElement.getAttribute('href')]"
    )
    assert focused[2] and focused[2].startswith("#"), "the first Tab reaches the skip link"
    assert focused[1] != "none", "focus is visible"
    page.close()
