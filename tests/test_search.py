"""Site search (Pagefind) in Chromium: what people type finds the page, and nothing loads before it is used.

The queries are the seed deck's own words: place names (whole and in part),
readings in kana and romaji, programme names, terms that occur only inside case
texts, and figure labels. Each must bring its page into the first five results
of the results page search/?q=… (the contract: <li> items inside
[data-search-results], each with one link whose text begins with the title).
"""

from __future__ import annotations

from urllib.parse import urlencode, urlparse

import pytest
import yaml

from generator.build import ROOT

QUERIES = {
    # places, whole and in part
    "宇治田原": "municipalities/263443/",
    "志布志": "municipalities/462217/",
    "高萩": "municipalities/082147/",
    "高萩市": "municipalities/082147/",
    "北茨城": "municipalities/082155/",
    "新見": "municipalities/332101/",
    "南アルプス": "municipalities/192082/",
    "綾瀬": "municipalities/142182/",
    "気仙沼": "cases/kesennuma/",
    "天童": "cases/tendo/",
    "山陽小野田": "cases/sanyo-onoda/",
    "西淀川": "cases/nishiyodogawa/",
    "兵庫区": "cases/hyogo-kobe/",
    "能登": "cases/ishikawa-noto/",
    "熊本県": "prefectures/43/",
    "綾瀬市": "municipalities/142182/",
    "都城": "municipalities/452025/",
    "南相馬": "municipalities/072125/",
    "杉並": "municipalities/131156/",
    "松戸": "municipalities/122076/",
    "寝屋川": "municipalities/272159/",
    # readings: kana and romaji, with and without the suffix
    "あやせ": "municipalities/142182/",
    "アヤセ": "municipalities/142182/",
    "ayase": "municipalities/142182/",
    "たかはぎ": "municipalities/082147/",
    "うじたわら": "municipalities/263443/",
    "shibushi": "municipalities/462217/",
    "kesennuma": "municipalities/042056/",
    "けせんぬま": "municipalities/042056/",
    "てんどう": "municipalities/062103/",
    # programmes
    "雇用対策協定": "programmes/agreement/",
    "一体的実施事業": "programmes/integrated/",
    "一体的実施": "programmes/integrated/",
    "ふるさとハローワーク": "programmes/furusato/",
    "ふるさと": "programmes/furusato/",
    "地方版ハローワーク": "programmes/local-hellowork/",
    "オンライン相談ブース": "programmes/online-booth/",
    "分権一括法": "programmes/decentralization-act/",
    "民間人材ビジネス": "programmes/role-sharing/",
    "民間人材": "programmes/role-sharing/",
    "求職情報": "programmes/info-provision/",
    # terms found only inside case texts
    "求人情報誌": "cases/kumamoto/",
    "半導体技術科": "cases/kumamoto/",
    "半導体": "cases/kumamoto/",
    "人材確保": "cases/kumamoto/",
    "地域職業相談室": "cases/sanyo-onoda/",
    "ジョブスポットあやせ": "cases/ayase/",
    "説明会": "cases/kesennuma/",
    "生活保護": "cases/hyogo-kobe/",
    "社会福祉協議会": "cases/ishikawa-noto/",
    "NPO法人": "cases/kanagawa-npo/",
    "ジョブスポット": "cases/ayase/",
    "しごと情報ひろば": "cases/nishiyodogawa/",
    "ワークサポートひょうご": "cases/hyogo-kobe/",
    "天童ワークプラザ": "cases/tendo/",
    "震災": "cases/ishikawa-noto/",
    # figure labels and the sources page
    "有効求人倍率": "stats/",
    "完全失業率": "stats/",
    "設置箇所数": "programmes/furusato/",
    "設置事業所数": "programmes/local-hellowork/",
    "実施拠点数": "programmes/integrated/",
    "高荻市": "data/",
}
TOP = 5
DONE = "() => /件|見つかりません/.test(document.querySelector('[data-search-status]')?.textContent || '')"


def results_page(page, base: str, query: str, **filters: str) -> list[dict]:
    page.goto(f"{base}search/?{urlencode({'q': query, **filters})}")
    page.wait_for_function(DONE, timeout=20000)
    return page.locator("[data-search-results] > li").evaluate_all(
        """items => items.map(li => ({
            links: li.querySelectorAll('a[href]').length,
            href: li.querySelector('a').href,
            title: li.querySelector('a').textContent,
            kind: li.querySelector('.epd-search__kind')?.textContent || '',
            marked: li.querySelectorAll('mark').length,
        }))"""
    )


def path_of(site, url: str) -> str:
    return urlparse(url).path[len(urlparse(site.url).path) :]


@pytest.fixture(scope="module")
def search_page(browser):
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def hits(site, search_page) -> dict[str, list[str]]:
    """Every query's first five result paths, gathered once."""
    return {
        query: [path_of(site, r["href"]) for r in results_page(search_page, site.url, query)[:TOP]] for query in QUERIES
    }


def test_at_least_95_percent_of_queries_find_their_page_in_the_first_five(hits):
    misses = {query: hits[query] for query, expected in QUERIES.items() if expected not in hits[query]}
    rate = 1 - len(misses) / len(QUERIES)
    print(f"search hit rate: {len(QUERIES) - len(misses)}/{len(QUERIES)} = {rate:.0%}")
    assert len(QUERIES) >= 40
    assert rate >= 0.95, misses


@pytest.mark.parametrize("query", ["宇治田原", "志布志", "求人情報誌", "半導体技術科", "ayase", "アヤセ"])
def test_queries_of_the_issue_find_their_page(hits, query):
    assert QUERIES[query] in hits[query], hits[query]


def test_results_follow_the_contract_and_say_what_and_where(site, search_page):
    results = results_page(search_page, site.url, "半導体")
    assert results and all(r["links"] == 1 for r in results)
    kumamoto = next(r for r in results if path_of(site, r["href"]) == "cases/kumamoto/")
    assert kumamoto["title"].startswith("熊本県：県内への半導体製造企業等の進出に伴う人材確保支援の取組")
    assert kumamoto["kind"].startswith("事例") and kumamoto["marked"] >= 1
    municipality = results_page(search_page, site.url, "宇治田原")[0]
    assert municipality["title"] == "京都府宇治田原町" and municipality["kind"] == "市区町村・京都府"
    assert search_page.locator("#search-page-query").input_value() == "宇治田原"
    # a reading is found but never shown on the page
    search_page.goto(site.url + "municipalities/142182/")
    assert "ayase" not in search_page.locator("article").inner_text()


def test_filters_narrow_the_results_and_stay_in_the_url(site, search_page):
    everything = results_page(search_page, site.url, "ハローワーク")
    search_page.select_option("select[name=kind]", "事例")
    search_page.wait_for_function("() => location.search.includes('kind=')", timeout=10000)
    search_page.wait_for_function(DONE)
    search_page.wait_for_timeout(300)
    kinds = search_page.locator("[data-search-results] .epd-search__kind").all_text_contents()
    assert kinds and all(kind.startswith("事例") for kind in kinds)
    assert len(kinds) < len(everything)
    filtered = results_page(search_page, site.url, "ハローワーク", prefecture="神奈川県")
    assert filtered and all("神奈川県" in r["kind"] or r["title"] == "神奈川県" for r in filtered)
    assert search_page.locator("select[name=prefecture]").input_value() == "神奈川県"


def test_nothing_of_the_search_loads_before_the_field_gets_focus(site, page):
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    loaded = "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/pagefind/'))"
    assert page.evaluate(loaded) == []
    # nor anything else that weighs on every page (the theme reads sitemap.xml for language alternates)
    assert (
        page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.endsWith('sitemap.xml')).length")
        == 0
    )
    page.focus("#epd-search-input")
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some(e => e.name.includes('pagefind.js'))", timeout=10000
    )
    assert script_errors(page) == []


def script_errors(page) -> list[str]:
    """Console errors but the map tiles' host, which cannot be reached offline."""
    return [error for error in page.console_errors if not error.startswith("Failed to load resource")]


def test_header_panel_answers_as_one_types_and_works_with_the_keyboard(site, page):
    page.goto(site.url + "prefectures/14/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "epd-search-input"
    page.keyboard.type("気仙沼")
    status = page.locator("[data-search-panel-status]")
    page.wait_for_function(
        "() => /件/.test(document.querySelector('[data-search-panel-status]').textContent)", timeout=20000
    )
    assert status.get_attribute("aria-live") == "polite" and "「気仙沼」の検索結果" in status.text_content()
    panel = page.locator("#epd-search-panel")
    assert panel.is_visible() and panel.get_attribute("role") == "dialog" and panel.get_attribute("aria-label")
    assert page.locator("#epd-search-input").get_attribute("aria-expanded") == "true"
    titles = page.locator("[data-search-panel-results] > li > a").all_text_contents()
    assert "宮城県気仙沼市" in titles
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == titles[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == titles[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "epd-search-input"
    page.keyboard.press("Escape")
    assert panel.is_hidden() and page.locator("#epd-search-input").get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")  # the field submits to the shareable results page
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function(DONE, timeout=20000)
    assert page.locator("[data-search-results] > li").count() >= 1
    assert script_errors(page) == []


def test_nothing_found_is_said(site, search_page):
    assert (
        results_page(search_page, site.url, "xqzjvwkpq") == []
    )  # letters no page holds: any Japanese words may appear in data as it grows
    assert "見つかりませんでした" in search_page.locator("[data-search-status]").text_content()


def test_a_kana_reading_finds_its_place_and_is_never_shown(site, search_page):
    """Readings are indexed (in katakana, a hiragana query asked in katakana too) but cut from excerpts."""
    results = results_page(search_page, site.url, "こうしゅう")
    assert path_of(site, results[0]["href"]) == "municipalities/192139/" and results[0]["title"] == "山梨県甲州市"
    for query, hidden in {
        "こうしゅう": "コウシュウ",
        "けせんぬま": "ケセンヌマ",
        "ayase": "ayase",
        "アヤセ": "アヤセ",
    }.items():
        results_page(search_page, site.url, query)
        excerpts = search_page.locator("[data-search-results] .epd-search__excerpt").all_text_contents()
        assert excerpts and not [e for e in excerpts if hidden in e or "⟦" in e or "⟧" in e], (query, excerpts)


EDITION_SEARCH = {"": "ja", "en/": "en", "easy/": "easy"}


@pytest.mark.parametrize("folder,edition", EDITION_SEARCH.items())
def test_each_editions_filters_are_its_own_words_in_order_and_each_finds_pages(site, search_page, folder, edition):
    kinds = set(yaml.safe_load((ROOT / "generator" / "words" / edition / "kinds.yaml").read_text("utf-8")).values())
    search_page.goto(site.url + folder + "search/")
    search_page.wait_for_selector("[data-search-filters]:not([hidden])", timeout=20000)
    options = search_page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('select[data-filter]')].map(s =>
            [s.name, [...s.options].filter(o => o.value).map(o => [o.value, o.text])]))"""
    )
    assert options["kind"] and {value for value, _ in options["kind"]} <= kinds
    prefectures = [value for value, _ in options["prefecture"]]
    assert len(prefectures) == 47 and prefectures[0].startswith(("北海道", "Hokkaido"))
    assert prefectures[-1].startswith(("沖縄県", "Okinawa"))
    if edition == "easy":  # an <option> holds no furigana: the reading follows the name
        assert options["prefecture"][0] == ["北海道（ほっかいどう）"] * 2
    # every value offered finds pages of this edition only (Pagefind, filters alone)
    counts = search_page.evaluate(
        """async (options) => {
            const widget = document.querySelector('[data-epd-search]');
            const root = new URL((widget.dataset.base || '.') + '/', location.href);
            const pagefind = await import(new URL(widget.dataset.bundle + '/pagefind.js', root).href);
            const found = {};
            for (const [name, values] of Object.entries(options)) {
                for (const [value] of values) {
                    const search = await pagefind.search(null, {filters: {[name]: value}});
                    const urls = await Promise.all(search.results.slice(0, 3).map(r => r.data().then(d => d.url)));
                    found[name + '=' + value] = urls;
                }
            }
            return found;
        }""",
        options,
    )
    assert all(counts.values()), [facet for facet, urls in counts.items() if not urls]
    inside = urlparse(site.url).path + folder
    for urls in counts.values():
        assert all(u.startswith(inside) and (folder or not u.startswith(("/en/", "/easy/"))) for u in urls), urls
