"""Static SVG charts drawn at build time (no chart library, no CDN).

Each chart is an <svg role="img"> with a <title> and a text summary; the page
always puts the same numbers in a table next to it.
"""

from __future__ import annotations

from markupsafe import Markup

from .formats import escape_text, number

WIDTH = 720
BAR_AREA_LEFT = 150
ROW_HEIGHT = 22


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(title: str, unit: str, points: list[tuple[str, float]], highlight: set[str] | None = None) -> Markup:
    """Horizontal bars, one row per point, value printed at the bar's end."""
    highlight = highlight or set()
    peak = max((value for _, value in points), default=0) or 1
    height = ROW_HEIGHT * len(points) + 30
    span = WIDTH - BAR_AREA_LEFT - 90
    rows = []
    for index, (label, value) in enumerate(points):
        y = 20 + index * ROW_HEIGHT
        length = max(1.0, span * value / peak)
        css = "epd-bar epd-bar--hl" if label in highlight else "epd-bar"
        rows.append(
            f'<text x="{BAR_AREA_LEFT - 8}" y="{y + 14}" text-anchor="end" class="epd-chart-label">{escape_text(label)}</text>'
            f'<rect x="{BAR_AREA_LEFT}" y="{y + 3}" width="{_fmt(length)}" height="{ROW_HEIGHT - 6}" class="{css}"></rect>'
            f'<text x="{_fmt(BAR_AREA_LEFT + length + 6)}" y="{y + 14}" class="epd-chart-value">{escape_text(number(value))}</text>'
        )
    caption = f"{title}（単位: {unit}）"
    return Markup(
        f'<figure class="epd-chart"><svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{_id(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{_id(title)}">{escape_text(caption)}</title>'
        f'<text x="{BAR_AREA_LEFT}" y="12" class="epd-chart-unit">単位: {escape_text(unit)}</text>{"".join(rows)}</svg>'
        f"<figcaption>{escape_text(caption)}</figcaption></figure>"
    )


def _id(title: str) -> str:
    return "chart-" + format(abs(hash_text(title)), "x")


def hash_text(text: str) -> int:
    """A stable hash (Python's hash() changes between runs; builds must be reproducible)."""
    value = 0
    for char in text:
        value = (value * 131 + ord(char)) % 2_147_483_647
    return value
