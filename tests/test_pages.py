"""The directory as a person sees it (browser): pages list their records, charts show, three clicks reach a municipality."""

from __future__ import annotations

from tests.test_enrich import directory


def test_prefecture_page_lists_its_entities(site, page):
    page.goto(site.url + "prefectures/14/")
    text = page.locator("article").inner_text()
    expected = [
        a.place.name for a in directory().agreements if a.place.prefecture_code == "14" and a.place.kind != "prefecture"
    ]
    expected += [e.place.name for e in directory().integrated if e.place.prefecture_code == "14"]
    assert expected and all(name in text for name in expected)
    assert "1.13" in text and "令和6年7月" in text  # 神奈川県 2024-07 ratio beside 全国 1.24
    assert page.locator("iframe[title*='神奈川県']").count() == 1
    assert page.requested_hosts <= {"127.0.0.1", "cyberjapandata.gsi.go.jp"}


def test_statistics_page_draws_charts_with_tables(site, page):
    page.goto(site.url + "stats/")
    charts = page.locator("figure.epd-chart svg[role=img]")
    assert charts.count() >= 10
    first = charts.first
    assert first.is_visible() and first.bounding_box()["height"] > 100
    assert page.locator("figure.epd-chart rect.epd-bar").count() > 100
    assert page.locator("table").count() >= charts.count()


def test_three_clicks_from_home_to_a_municipality(site, page):
    page.goto(site.url)
    page.get_by_role("link", name="都道府県から探す").first.click()
    page.locator("article").get_by_role("link", name="茨城県", exact=True).click()
    page.locator("article").get_by_role("link", name="高萩市", exact=True).first.click()
    assert page.url.endswith("municipalities/082147/")
    text = page.locator("article").inner_text()
    assert "高荻市" in text  # the seed's spelling, recorded as a correction
    assert "雇用対策協定" in text


def test_dates_are_shown_in_wareki_and_iso(site, page):
    page.goto(site.url + "municipalities/342131/")  # 廿日市市, concluded 2024-06-21
    assert "令和6年6月21日（2024-06-21）" in page.locator("article").inner_text()
