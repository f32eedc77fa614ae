"""Text from data is escaped wherever it lands: no injected script runs anywhere (browser).

The site is built from a copy of data/ whose free-text fields hold classic
payloads; every affected page is opened in Chromium and must show the payload
as text, with the trap `window.__xss` never set and no dialog opened.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import build_site, free_port, serve

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '"><svg onload="window.__xss=3">',
    "[罠](javascript:window.__xss=4)",
    '{: onclick="window.__xss=5" }',
]
MARK = "XSSMARK"


def poison(data_dir) -> None:
    """Put a payload into free-text fields of several record types."""

    def sub(path, pattern, replacement, count=1):
        text = path.read_text("utf-8")
        new, n = re.subn(pattern, replacement, text, count=count)
        assert n, f"{path}: {pattern}"
        path.write_text(new, "utf-8")

    quoted = [json.dumps(f"{MARK}{i} {p}", ensure_ascii=False) for i, p in enumerate(PAYLOADS)]
    sub(data_dir / "facilities.yaml", r"name: ジョブスポットあやせ", f"name: {quoted[0]}")
    sub(data_dir / "case_studies" / "kesennuma.yaml", r"(?m)^title: .*$", f"title: {quoted[1]}")
    sub(
        data_dir / "case_studies" / "kesennuma.yaml",
        r"(?m)^  - speaker: ハローワーク気仙沼$",
        f"  - speaker: {quoted[2]}",
    )
    sub(data_dir / "programmes" / "furusato.yaml", r"(?m)^summary: .*$", f"summary: {quoted[3]}")
    # the translations go: the editions then show the poisoned Japanese summary, marked as Japanese
    sub(data_dir / "programmes" / "furusato.yaml", r"(?m)^    summary: .*\n", "", count=2)
    sub(
        data_dir / "agreements.yaml",
        r'\{code: "011002", name: 札幌市\}',
        '{code: "011002", name: 札幌市, note: ' + quoted[4] + "}",
    )


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    import shutil

    from generator.build import ROOT

    tmp = tmp_path_factory.mktemp("poisoned")
    shutil.copytree(ROOT / "data", tmp / "data")
    poison(tmp / "data")
    port = free_port()
    paths = build_site(tmp, data=tmp / "data", site_url=f"http://127.0.0.1:{port}/")
    served = serve(paths.site, port)
    yield served
    served.server.shutdown()


PAGES = [
    ("municipalities/142182/", 0),  # facility name
    ("prefectures/14/", 0),
    ("cases/ayase/", 0),
    ("programmes/integrated/", 0),
    ("cases/kesennuma/", 1),  # case title, voice speaker
    ("cases/", 1),
    ("cases/compare/", 1),
    ("programmes/furusato/", 3),  # summary
    ("en/programmes/furusato/", 3),  # the same summary, untranslated, in an edition
    ("programmes/", 3),
    ("municipalities/011002/", 4),  # agreement note
    ("data/", 4),
    ("maps/cases.html", 1),
    ("maps/prefectures/14.html", 0),
]


@pytest.mark.parametrize("path,payload", PAGES)
def test_payload_shows_as_text_and_never_runs(poisoned_site, page, path, payload):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(poisoned_site.url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    html = page.content()
    assert f"{MARK}{payload}" in html, "the poisoned field is on this page"
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("[onerror], [onload], [onclick]").count() == 0
    if not path.startswith("maps/"):
        visible = page.locator("article").inner_text()
        assert f"{MARK}{payload}" in visible


def test_exports_and_finder_shards_keep_payloads_inert(poisoned_site):
    for name in ("case_studies.json", "service_points.geojson"):
        text = (poisoned_site.root / "opendata" / name).read_text("utf-8")
        assert MARK in text and "<" not in text
    points = "".join(p.read_text("utf-8") for p in (poisoned_site.root / "finder" / "points").glob("*.json"))
    assert MARK in points and "<" not in points


@pytest.mark.parametrize("place", ["panel", "results page"])
def test_search_results_show_payloads_as_text(poisoned_site, page, place):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    if place == "panel":
        page.goto(poisoned_site.url)
        page.fill("#epd-search-input", MARK)
        results = "[data-search-panel-results]"
        status = "[data-search-panel-status]"
    else:
        page.goto(poisoned_site.url + f"search/?q={MARK}")
        results, status = "[data-search-results]", "[data-search-status]"
    page.wait_for_function(f"() => /件/.test(document.querySelector('{status}')?.textContent || '')", timeout=20000)
    page.wait_for_timeout(300)
    shown = page.locator(results).inner_text()
    assert f"{MARK}1 {PAYLOADS[1]}" in shown, "the poisoned case title is a result, shown as text"
    assert page.evaluate("window.__xss") is None and dialogs == []
    assert page.locator(f"{results} img, {results} svg, {results} script").count() == 0


def strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def test_json_ld_and_standard_exports_keep_payloads_as_data(poisoned_site):
    for path, payload in (("municipalities/142182/index.html", 0), ("cases/kesennuma/index.html", 1)):
        html = (poisoned_site.root / path).read_text("utf-8")
        bodies = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(bodies) == 1 and "<" not in bodies[0], path
        assert any(f"{MARK}{payload} {PAYLOADS[payload]}" in s for s in strings(json.loads(bodies[0]))), path
    for name in ("services.json", "locations.json"):
        text = (poisoned_site.root / "opendata" / "hsds" / name).read_text("utf-8")
        assert any(f"{MARK}0 {PAYLOADS[0]}" in s for s in strings(json.loads(text))) and "<" not in text
    facilities = (poisoned_site.root / "opendata" / "public_facilities.csv").read_text("utf-8-sig")
    assert f"{MARK}0 {PAYLOADS[0]}" in facilities  # CSV is data: kept verbatim, read by csv readers
