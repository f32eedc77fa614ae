"""Static SVG charts, laid out at build time (no chart library, no script).

A chart is computed here as plain geometry (`Chart`) and drawn by the one
template macro `chart()` in templates/_macros.j2. The SVG has no viewBox: text
is drawn at its CSS size (13 px) whatever the column's width, and horizontal
positions are percentages of the column, so a chart never scales its labels
down and never grows wider than the screen. Layout choices (labels level,
split into 年度 numbers under their era, or turned upright) are made for the
narrowest column a page has (320 px at a 360 px screen); wider columns only
add space. Each page puts the same numbers in a table beside the chart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...formats import number
from ...words import SOURCE_LANGUAGE, Catalogue, catalogue

FONT_PX = 13
NARROWEST_PX = 320  # the content column of a 360 px screen, less Material's margins
PLOT_PX = 160  # height of a column chart's plot
ROW_PX = 24  # one bar of a bar chart
LABEL_END = 24.0  # % of the width: bar labels end here, bars start at BAR_START
BAR_START = 25.0
BAR_SPAN = 56.0  # the longest bar; its value is written after it
_ERA_PERIOD = re.compile(r"^(明治|大正|昭和|平成|令和)(元|\d+)年度$")


@dataclass(frozen=True)
class Text:
    x: str  # an SVG length: "12.5%" or "0"
    y: float
    text: str
    anchor: str = "middle"
    upright: bool = False  # turned 90° (reads bottom to top), for labels too long to lie flat
    css: str = "epd-chart-label"


@dataclass(frozen=True)
class Box:
    x: str
    y: float
    width: str
    height: float
    css: str = "epd-bar"


@dataclass(frozen=True)
class Line:
    x1: str
    y1: float
    x2: str
    y2: float
    css: str = "epd-chart-axis"


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str
    source: str  # 出典 and 時点, printed under the chart
    height: float
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    language: str = SOURCE_LANGUAGE  # of its words (generator/words/<language>/charts.yaml)

    @property
    def caption(self) -> str:
        return catalogue(self.language)("charts.caption", title=self.title, unit=self.unit)


def _pct(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _px(text: str) -> float:
    """A generous width estimate: full-width characters 1 em, others 0.62 em."""
    return sum(FONT_PX if ord(c) > 0x2E80 else FONT_PX * 0.62 for c in text)


def formatted(value: float | int, decimals: int | None) -> str:
    """The deck's precision: a ratio printed 1.30 stays 1.30 (decimals=2)."""
    return f"{value:,.{decimals}f}" if decimals is not None else number(value)


def column_chart(
    title: str,
    unit: str,
    source: str,
    points: list[tuple[str, float]],
    decimals: int | None = None,
    language: str = SOURCE_LANGUAGE,
) -> Chart:
    """A time series: one column per period, oldest first, value on each column, periods on the axis."""
    count = len(points)
    slot = 100 / count
    slot_px = NARROWEST_PX / count
    values = [formatted(value, decimals) for _, value in points]
    values_upright = max(_px(v) for v in values) > slot_px - 4
    top = 22 + (max(_px(v) for v in values) + 6 if values_upright else FONT_PX + 6)
    base = top + PLOT_PX
    peak = max((value for _, value in points), default=0) or 1
    words = catalogue(language)
    boxes, texts = [], [Text("0", 14, words("charts.unit", unit=unit), anchor="start", css="epd-chart-unit")]
    for index, ((_, value), shown) in enumerate(zip(points, values, strict=True)):
        height = max(1.0, PLOT_PX * value / peak)
        boxes.append(Box(_pct(slot * (index + 0.2)), round(base - height, 1), _pct(slot * 0.6), round(height, 1)))
        anchor = "start" if values_upright else "middle"
        texts.append(
            Text(
                _pct(slot * (index + 0.5)),
                round(base - height - 5, 1),
                shown,
                anchor,
                values_upright,
                "epd-chart-value",
            )
        )
    labels, bottom = _period_labels([period for period, _ in points], base, slot, slot_px, words)
    lines = [Line("0", base, "100%", base)]
    return Chart(title, unit, source, round(bottom, 1), boxes, lines, texts + labels, language)


def _period_labels(
    periods: list[str], base: float, slot: float, slot_px: float, words: Catalogue
) -> tuple[list[Text], float]:
    """Periods under the axis: level when they fit; 年度 as numbers under their era
    (平成 24 25 … | 令和 元 2 …) when they do not; otherwise upright."""
    row = base + FONT_PX + 6
    if max(_px(p) for p in periods) <= slot_px - 4:
        return [Text(_pct(slot * (i + 0.5)), row, p) for i, p in enumerate(periods)], row + 8
    eras = [_ERA_PERIOD.match(p) for p in periods]
    if all(eras):
        texts = [Text(_pct(slot * (i + 0.5)), row, m.group(2)) for i, m in enumerate(eras)]
        start = 0
        for i in range(1, len(eras) + 1):
            if i == len(eras) or eras[i].group(1) != eras[start].group(1):
                texts.append(
                    Text(_pct(slot * (start + i) / 2), row + FONT_PX + 6, eras[start].group(1), css="epd-chart-era")
                )
                start = i
        texts.append(
            Text("100%", row + 2 * (FONT_PX + 6), words("charts.fiscal_years"), anchor="end", css="epd-chart-unit")
        )
        return texts, row + 2 * (FONT_PX + 6) + 8
    texts = [Text(_pct(slot * (i + 0.5)), base + 6, p, anchor="end", upright=True) for i, p in enumerate(periods)]
    return texts, base + 6 + max(_px(p) for p in periods) + 8


def bar_chart(
    title: str,
    unit: str,
    source: str,
    points: list[tuple[str, float]],
    marked: str | None = None,
    decimals: int | None = None,
    language: str = SOURCE_LANGUAGE,
) -> Chart:
    """A comparison: one bar per label, largest first; the `marked` label (全国) is
    drawn in its own colour and as a dashed line across every bar."""
    ordered = sorted(points, key=lambda point: (-point[1], point[0]))
    peak = max((value for _, value in ordered), default=0) or 1
    top = 22 + (FONT_PX + 8 if marked else 0)
    chart = Chart(title, unit, source, top + ROW_PX * len(ordered) + 6, language=language)
    unit_text = catalogue(language)("charts.unit", unit=unit)
    chart.texts.append(Text("0", 14, unit_text, anchor="start", css="epd-chart-unit"))
    for index, (label, value) in enumerate(ordered):
        y = top + index * ROW_PX
        length = max(0.2, BAR_SPAN * value / peak)
        css = "epd-bar epd-bar--marked" if label == marked else "epd-bar"
        chart.boxes.append(Box(_pct(BAR_START), y + 4, _pct(length), ROW_PX - 8, css))
        chart.texts.append(
            Text(
                _pct(LABEL_END),
                y + 17,
                label,
                anchor="end",
                css="epd-chart-label epd-chart-marked" if label == marked else "epd-chart-label",
            )
        )
        chart.texts.append(
            Text(
                _pct(BAR_START + length + 1), y + 17, formatted(value, decimals), anchor="start", css="epd-chart-value"
            )
        )
    if marked:
        value = dict(ordered)[marked]
        x = _pct(BAR_START + BAR_SPAN * value / peak)
        chart.lines.append(Line(x, top - 4, x, top + ROW_PX * len(ordered), "epd-chart-mark"))
        chart.texts.append(Text(x, top - 8, f"{marked} {formatted(value, decimals)}", css="epd-chart-marked"))
    return chart
