"""Issue #17 — the English and やさしい日本語 editions of the citizen path.

What a reader sees in Chromium (the language switch, furigana, search per edition),
and what the built files say to machines (<html lang>, sitemap alternates), plus the
fallback when a translation is missing.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
import yaml

from generator.build import Paths, Report, load_directory
from generator.editions import ENGLISH
from generator.outputs.pages.programmes import programme_page

KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3005]")

# text nodes of `selector` outside <ruby> (a ruby's base is read with its <rt>)
BARE_TEXT = """(selector) => [...document.querySelectorAll(selector)].map((node) => {
  const copy = node.cloneNode(true);
  copy.querySelectorAll("ruby, [lang=ja]:not(html), .epd-fallback").forEach((n) => n.remove());
  return copy.textContent;
}).join(" ")"""


def test_switching_edition_on_a_programme_page_lands_on_the_same_programme(site, page):
    page.goto(site.url + "programmes/integrated/")
    switch = page.locator("nav.epd-editions")
    switch.get_by_role("link", name="English").click()
    page.wait_for_url(site.url + "en/programmes/integrated/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Integrated Employment Support Programme" in page.locator("article h1").inner_text()
    assert page.locator("nav.epd-editions a[aria-current=page]").inner_text() == "English"

    page.locator("nav.epd-editions").get_by_role("link", name="やさしい にほんご").click()
    page.wait_for_url(site.url + "easy/programmes/integrated/")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.locator("nav.epd-editions").get_by_role("link", name="日本語").click()
    page.wait_for_url(site.url + "programmes/integrated/")
    assert page.locator("article h1").inner_text().startswith("一体的実施事業")


def test_an_easy_japanese_page_has_furigana_on_its_kanji(site, page):
    page.goto(site.url + "easy/programmes/integrated/")
    lead = page.locator("article .epd-lead")
    assert lead.locator("ruby").count() >= 5
    assert lead.locator("ruby rt").first.inner_text() != ""
    # the translated summary, who can use it, and the page's fixed words: no kanji without a reading
    bare = page.evaluate(BARE_TEXT, "article .epd-lead, article .epd-who, article h2")
    assert not KANJI.findall(bare), bare


def test_english_pages_name_places_in_romaji_and_keep_japanese_marked(site, page):
    page.goto(site.url + "en/municipalities/142182/")
    assert page.locator("article h1").inner_text().startswith("Ayase-shi, Kanagawa")
    assert page.locator("html").get_attribute("lang") == "en"
    # fixed words are English; Japanese appears only inside lang=ja parts, facility records and sources
    programmes = page.evaluate(BARE_TEXT, "article .epd-programmes")
    assert "Integrated services programme" in programmes
    assert page.title().endswith("Employment Partnership Directory")


def test_search_stays_in_the_readers_edition(site, page):
    page.goto(site.url + "en/search/?q=integrated")
    page.wait_for_selector("[data-search-results] > li", timeout=20000)
    links = page.locator("[data-search-results] a.epd-search__title")
    hrefs = [urlparse(h).path for h in links.evaluate_all("(as) => as.map((a) => a.href)")]
    assert hrefs and all(h.startswith("/en/") for h in hrefs), hrefs
    assert "Integrated" in links.first.inner_text()

    page.goto(site.url + "easy/search/?q=" + "ハローワーク")
    page.wait_for_selector("[data-search-results] > li", timeout=20000)
    hrefs = page.locator("[data-search-results] a.epd-search__title").evaluate_all("(as) => as.map((a) => a.href)")
    assert hrefs and all(urlparse(h).path.startswith("/easy/") for h in hrefs), hrefs

    page.goto(site.url + "search/?q=" + "ハローワーク")
    page.wait_for_selector("[data-search-results] > li", timeout=20000)
    hrefs = page.locator("[data-search-results] a.epd-search__title").evaluate_all("(as) => as.map((a) => a.href)")
    assert hrefs and not any(urlparse(h).path.startswith(("/easy/", "/en/")) for h in hrefs), hrefs


@pytest.mark.parametrize(
    "path,lang",
    [("index.html", "ja"), ("en/index.html", "en"), ("easy/index.html", "ja"), ("en/prefectures/14/index.html", "en")],
)
def test_every_page_says_its_language(site, path, lang):
    assert f'<html lang="{lang}"' in (site.root / path).read_text("utf-8")


def test_the_sitemap_lists_every_edition_with_its_alternates(site):
    sitemap = (site.root / "sitemap.xml").read_text("utf-8")
    for edition in ("", "en/", "easy/"):
        assert f"<loc>{site.url}{edition}programmes/integrated/</loc>" in sitemap
    entry = sitemap.split(f"<loc>{site.url}en/programmes/integrated/</loc>", 1)[1].split("</url>", 1)[0]
    hreflangs = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
    assert hreflangs == {
        "ja": f"{site.url}programmes/integrated/",
        "en": f"{site.url}en/programmes/integrated/",
        "ja-x-easy": f"{site.url}easy/programmes/integrated/",
    }


def test_a_missing_translation_shows_the_japanese_with_a_note(data_copy):
    path = data_copy / "programmes" / "furusato.yaml"
    record = yaml.safe_load(path.read_text("utf-8"))
    del record["translations"]["en"]["summary"]
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    directory = load_directory(Paths(data=data_copy), Report(quiet=True))
    page = programme_page(directory, "furusato", ENGLISH)
    summary = directory.programme("furusato").summary
    lead = next(line for line in page.splitlines() if 'class="epd-lead"' in line)
    assert f'<span lang="ja">{summary}</span>' in lead
    assert "(in Japanese only)" in lead
