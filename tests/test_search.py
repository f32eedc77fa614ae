"""Japanese search: words inside kanji compounds reach the right pages (browser)."""

from __future__ import annotations

import json

import pytest

# query → a page (URL path under the site root) that must be among the top results
QUERIES = {
    "説明会": "cases/kesennuma/",
    "半導体": "cases/kumamoto/",
    "企業": "cases/kumamoto/",
    "生活保護": "cases/hyogo-kobe/",
    "ハローワーク": "programmes/furusato/",
    "高萩市": "municipalities/082147/",
    "高萩": "municipalities/082147/",
    "ふるさとハローワーク": "programmes/furusato/",
    "ふるさと": "programmes/furusato/",
    "ジョブスポットあやせ": "cases/ayase/",
    "気仙沼": "cases/kesennuma/",
    "ジョブスポット": "cases/ayase/",
    "震災": "cases/ishikawa-noto/",
    "綾瀬": "municipalities/142182/",
    "一体的実施": "programmes/integrated/",
    "有効求人倍率": "stats/",
    "天童": "cases/tendo/",
    "若者": "cases/kesennuma/",
    "分権一括法": "programmes/decentralization-act/",
}
TOP = 10


def test_search_index_is_segmented_with_zero_width_spaces(site):
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    assert "\\u200b" in index["config"]["separator"]  # a JS regex escape: the browser splits on U+200B
    kumamoto = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("cases/kumamoto/"))
    assert "説明\u200b会" in kumamoto or "\u200b説明会\u200b" in kumamoto


@pytest.fixture(scope="module")
def search_page(site, browser):
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.goto(site.url)
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    box.fill(query)
    box.press("End")  # Material listens to keyup
    page.wait_for_function(
        """q => {
            const meta = document.querySelector('.md-search-result__meta');
            return meta && /件見つかりました|何も見つかりませんでした/.test(meta.textContent)
                && [...document.querySelectorAll('.md-search-result__link')].every(a => a.href.includes('h=') || !a.href.includes('?'))
                && document.querySelector('input.md-search__input').value === q;
        }""",
        arg=query,
        timeout=20000,
    )
    links = page.locator(".md-search-result__link").evaluate_all("els => els.map(a => a.href)")
    page.keyboard.press("Escape")
    return links[:TOP]


@pytest.mark.parametrize("query,expected", QUERIES.items())
def test_query_finds_expected_page(search_page, site, query, expected):
    results = search(search_page, query)
    paths = [url.replace(site.url, "").split("#")[0].split("?")[0] for url in results]
    assert expected in paths, f"{query}: {paths}"
