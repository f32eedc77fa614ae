"""The home page renders in Chromium with only local requests."""


def test_home_renders_with_only_local_requests(site, page):
    page.goto(site.url)
    assert page.locator("h1").first.inner_text().rstrip("¶") == "雇用連携ディレクトリ"
    assert page.get_by_role("link", name="近くの窓口を探す").first.is_visible()
    assert page.requested_hosts == {"127.0.0.1"}
    assert page.console_errors == []
