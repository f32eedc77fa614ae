"""The list of agreements (agreements/, pages/programmes.agreement_list and javascripts/agreements.js):
every agreement of data/ in the table without JavaScript, and sorting and filtering with it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import yaml

from generator.build import ROOT


def agreements() -> dict[str, dict]:
    """Code → record of data/agreements.yaml (counted from data, never a printed total)."""
    return {a["code"]: a for a in yaml.safe_load((ROOT / "data" / "agreements.yaml").read_text("utf-8"))["records"]}


def visible_codes(page) -> list[str]:
    return page.eval_on_selector_all(
        "#agreement-list tbody tr:not([hidden]) th a",
        "links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())",
    )


def code_of(href_tail: str, records: dict[str, dict]) -> str:
    """A row links to its municipality (6-digit code) or prefecture (2-digit) page."""
    if len(href_tail) == 6:
        return href_tail
    return next(code for code in records if code.startswith(href_tail) and code[2:5] == "000")


def test_without_javascript_every_agreement_is_in_the_table(site, browser):
    records = agreements()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "agreements/")
    assert page.locator("#agreement-filters").is_hidden()
    links = visible_codes(page)
    assert sorted(code_of(tail, records) for tail in links) == sorted(records)
    dated = [a for a in records.values() if a.get("concluded_on")]
    assert page.locator("#agreement-list tbody td", has_text="資料に記載なし").count() == len(records) - len(dated)
    context.close()


def test_filters_sort_and_restore_from_the_url(site, page):
    records = agreements()
    page.goto(site.url + "agreements/")
    assert len(visible_codes(page)) == len(records)

    page.select_option("#agreement-filters select[name=prefecture]", "13")
    tokyo = {code for code in records if code.startswith("13")}
    assert {code_of(t, records) for t in visible_codes(page)} == tokyo
    assert page.inner_text("#agreement-count") == f"{len(tokyo)}団体を表示"

    page.check("#agreement-filters input[name=dated]")
    page.select_option("#agreement-filters select[name=prefecture]", "")
    dated = {code for code, a in records.items() if a.get("concluded_on")}
    assert {code_of(t, records) for t in visible_codes(page)} == dated
    assert parse_qs(urlparse(page.url).query) == {"dated": ["1"]}

    # sorting by the signing date: oldest first, then newest first
    button = page.get_by_role("button", name="締結日")
    button.click()
    ordered = sorted(dated, key=lambda code: (records[code]["concluded_on"], code))
    shown = [code_of(t, records) for t in visible_codes(page)]
    assert [records[c]["concluded_on"] for c in shown] == [records[c]["concluded_on"] for c in ordered]
    assert page.locator("#agreement-list th", has=button).get_attribute("aria-sort") == "ascending"
    button.click()
    shown = [code_of(t, records) for t in visible_codes(page)]
    assert records[shown[0]]["concluded_on"] == max(records[c]["concluded_on"] for c in dated)

    page.reload()
    assert page.is_checked("#agreement-filters input[name=dated]")
    assert {code_of(t, records) for t in visible_codes(page)} == dated
    page.click("#agreement-filters button[type=reset]")
    page.wait_for_function(
        "n => document.querySelectorAll('#agreement-list tbody tr:not([hidden])').length === n", arg=len(records)
    )
    assert urlparse(page.url).query == ""
