"""Charts (generator/charts.py + the chart() macro): layout rules, and how they render in Chromium.

The size rule (issue #12): every label at least 12 px as rendered, at 360 px and at
1280 px, in light and dark schemes; no chart wider than the screen; no two labels
overlapping; every id unique on its page (the Nu HTML Checker, npm vnu-jar).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from generator import words
from generator.build import ROOT
from generator.outputs.pages import charts

CHART_PAGES = ["stats/", "programmes/integrated/", "programmes/furusato/", "prefectures/03/", "prefectures/13/"]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_long_fiscal_years_go_under_their_era():
    periods = [f"平成{y}年度" for y in range(24, 31)] + ["令和元年度"] + [f"令和{y}年度" for y in range(2, 7)]
    chart = charts.column_chart("拠点数", "拠点", "出典: x", [(p, 100 + i) for i, p in enumerate(periods)])
    labels = [t.text for t in chart.texts if t.css == "epd-chart-label"]
    assert labels == [str(y) for y in range(24, 31)] + ["元"] + [str(y) for y in range(2, 7)]
    assert [t.text for t in chart.texts if t.css == "epd-chart-era"] == ["平成", "令和"]
    assert "（年度）" in [t.text for t in chart.texts]
    assert [b.height for b in chart.boxes] == sorted(b.height for b in chart.boxes)  # oldest first, growing here


def test_fixed_words_come_from_the_catalogue(monkeypatch):
    source = words.catalogue().source
    wrapped = words.Catalogue("xx", {k: f"«{v}»" for k, v in source.items()}, source)
    monkeypatch.setattr(charts, "catalogue", lambda language="ja": wrapped)
    periods = [f"平成{y}年度" for y in range(24, 31)]
    chart = charts.column_chart("拠点数", "拠点", "出典: x", [(p, 1) for p in periods])
    assert chart.caption == "«拠点数（単位: 拠点）»"
    assert {"«単位: 拠点»", "«（年度）»"} <= {t.text for t in chart.texts if t.css == "epd-chart-unit"}
    bars = charts.bar_chart("倍率", "倍", "出典: x", [("全国", 1.2)], marked="全国")
    assert "«単位: 倍»" in [t.text for t in bars.texts]


def test_few_periods_lie_flat_and_ratios_keep_two_decimals():
    chart = charts.column_chart(
        "岩手県", "倍", "出典: x", [("令和2年3月", 1.3), ("令和6年6月", 1.26), ("令和6年7月", 1.3)], decimals=2
    )
    assert [t.text for t in chart.texts if t.css == "epd-chart-label"] == ["令和2年3月", "令和6年6月", "令和6年7月"]
    assert [t.text for t in chart.texts if t.css == "epd-chart-value"] == ["1.30", "1.26", "1.30"]
    assert not any(t.upright for t in chart.texts)


def test_wide_values_stand_upright():
    chart = charts.column_chart("相談件数", "件", "出典: x", [(f"令和{y}年度", 987046) for y in range(1, 13)])
    assert all(t.upright for t in chart.texts if t.css == "epd-chart-value")


def test_comparison_is_sorted_with_the_nation_marked():
    chart = charts.bar_chart(
        "倍率", "倍", "出典: x", [("A県", 1.1), ("全国", 1.24), ("B県", 1.5)], marked="全国", decimals=2
    )
    labels = [t.text for t in chart.texts if "epd-chart-label" in t.css]
    assert labels == ["B県", "全国", "A県"]
    assert [b.css for b in chart.boxes] == ["epd-bar", "epd-bar epd-bar--marked", "epd-bar"]
    assert "全国 1.24" in [t.text for t in chart.texts] and chart.lines[0].css == "epd-chart-mark"


MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const charts = [...document.querySelectorAll("figure.epd-chart svg.epd-chart-svg")];
  const luminance = (css) => {
    const [r, g, b] = css.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = luminance(getComputedStyle(document.querySelector(".md-main")).backgroundColor === "rgba(0, 0, 0, 0)"
    ? getComputedStyle(document.body).backgroundColor : getComputedStyle(document.querySelector(".md-main")).backgroundColor);
  for (const [n, svg] of charts.entries()) {
    const box = svg.getBoundingClientRect();
    if (box.left < 0 || box.right > width + 0.5) problems.push(`chart ${n} spans ${box.left}–${box.right} of ${width}`);
    const texts = [...svg.querySelectorAll("text")];
    const boxes = [];
    for (const text of texts) {
      const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(text.getScreenCTM().a, text.getScreenCTM().b);
      if (px < 12) problems.push(`chart ${n} "${text.textContent}" at ${px.toFixed(1)} px`);
      const r = text.getBoundingClientRect();
      if (r.left < -0.5 || r.right > width + 0.5) problems.push(`chart ${n} "${text.textContent}" outside the screen (${r.left}–${r.right})`);
      const [a, b] = [luminance(getComputedStyle(text).fill), background];
      const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (contrast < 4.5) problems.push(`chart ${n} "${text.textContent}" contrast ${contrast.toFixed(2)}`);
      boxes.push([text.textContent, r]);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [[s, p], [t, q]] = [boxes[i], boxes[j]];
      if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) problems.push(`chart ${n}: "${s}" overlaps "${t}"`);
    }
  }
  return {count: charts.length, problems};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_every_chart_keeps_the_size_rule(site, browser, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ja-JP", color_scheme=scheme)
    page = context.new_page()
    try:
        for path in CHART_PAGES:
            page.goto(site.url + path)
            result = page.evaluate(MEASURE)
            assert result["count"] >= 1, path
            assert result["problems"] == [], f"{path} at {width} px ({scheme}): {result['problems'][:5]}"
    finally:
        context.close()


def test_charts_come_with_unit_source_and_table(site, browser):
    page = browser.new_page()
    page.goto(site.url + "programmes/integrated/")
    figure = page.locator("figure.epd-chart").first
    assert "単位: 拠点" in figure.locator("figcaption").inner_text()
    assert figure.locator("figcaption .epd-source").inner_text().startswith("出典: 厚生労働省資料「")
    # the same numbers beside it, in a box that scrolls at 320 px
    assert figure.locator("xpath=following-sibling::*[1][@role='region']/table").count() == 1
    page.goto(site.url + "stats/")
    assert "全国 1.24" in page.locator("figure.epd-chart").first.inner_text()
    page.close()


def test_ids_are_unique_on_every_page_with_charts(site):
    assert shutil.which("java"), "the Nu HTML Checker needs Java: run `make test` (it installs a JRE)"
    pages = [site.root / path / "index.html" for path in CHART_PAGES + ["prefectures/"]]
    pages += sorted((site.root / "programmes").glob("*/index.html")) + sorted(
        (site.root / "prefectures").glob("*/index.html")
    )
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, dict.fromkeys(pages))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    duplicates = [line for line in run.stderr.splitlines() if "Duplicate ID" in line or "same id" in line.lower()]
    assert duplicates == []
    assert run.returncode in (0, 1)  # 1: Material's own markup has errors of other kinds
