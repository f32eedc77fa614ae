"""Small pure formatting helpers shared by the render modules."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from markupsafe import Markup

_ERAS = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
)

# Characters that HTML or Markdown would read as markup; written as entities so
# text from data/ always lands as text (pages, tables, headings, attributes).
_MARKUP_CHARACTERS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~<>&\"'="})


def escape_text(value: Any) -> Markup:
    """Jinja finalize hook: every value printed from data is inert text."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(str(value).translate(_MARKUP_CHARACTERS))


def wareki(date: dt.date) -> str:
    for start, era in _ERAS:
        if date >= start:
            year = date.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{date.month}月{date.day}日"
    return f"{date.year}年{date.month}月{date.day}日"


_ERA_ROMAJI = {"令和": "Reiwa", "平成": "Heisei", "昭和": "Showa"}


def both_dates(date: dt.date | None, edition: str = "ja") -> str | Markup:
    """令和6年8月31日（2024-08-31）; in English 2024-08-31 (Reiwa 6); in やさしい日本語
    the Western year first, with furigana on the era (ISO dates are what residents
    from abroad read best)."""
    if date is None:
        return ""
    era, year = _era(date)
    if edition == "en":
        return f"{date.isoformat()} ({_ERA_ROMAJI.get(era, era)} {1 if year == '元' else year})"
    if edition == "easy":
        western = f"{date.year}<ruby>年<rt>ねん</rt></ruby>{date.month}<ruby>月<rt>がつ</rt></ruby>{date.day}<ruby>日<rt>にち</rt></ruby>"
        if not era:
            return Markup(western)
        era_year = "<ruby>元<rt>がん</rt></ruby>" if year == "元" else year
        return Markup(
            f"{western}（<ruby>{era}<rt>{_ERA_READINGS[era]}</rt></ruby>{era_year}<ruby>年<rt>ねん</rt></ruby>）"
        )
    return f"{wareki(date)}（{date.isoformat()}）"


_ERA_READINGS = {"令和": "れいわ", "平成": "へいせい", "昭和": "しょうわ"}


def era_starts() -> tuple[tuple[str, str], ...]:
    """Each era's first day (ISO) and its name in lower-case romaji, newest first:
    what a script needs to write dates as both_dates() does."""
    return tuple((start.isoformat(), _ERA_ROMAJI[era].lower()) for start, era in _ERAS)


def _era(date: dt.date) -> tuple[str, str]:
    for start, era in _ERAS:
        if date >= start:
            year = date.year - start.year + 1
            return era, "元" if year == 1 else str(year)
    return "", str(date.year)


def month_label(month: str, edition: str = "ja") -> str | Markup:
    """'2024-07' → '令和6年7月'; 'Jul 2024' in English, '2024年7月' with furigana in やさしい日本語
    ('2024ねん7がつ' for edition 'easy-kana': chart text, which cannot hold <ruby>)."""
    year, mon = (int(part) for part in month.split("-"))
    if edition == "en":
        return dt.date(year, mon, 1).strftime("%b %Y")
    if edition == "easy":
        return Markup(f"{year}<ruby>年<rt>ねん</rt></ruby>{mon}<ruby>月<rt>がつ</rt></ruby>")
    if edition == "easy-kana":
        return f"{year}ねん{mon}がつ"
    return wareki(dt.date(year, mon, 1)).rsplit("1日", 1)[0]


def number(value: float | int) -> str:
    """Digits as the deck prints them: 4.0 stays 4.0 (a float), 302 stays 302 (an int)."""
    if isinstance(value, float):
        return format(value, ",")
    return f"{value:,}"


def ratio(value: float) -> str:
    """有効求人倍率 as the deck prints it, to two decimals: 1.30, not 1.3."""
    return f"{value:.2f}"


def signed(value: float | None, decimals: int | None = None) -> str:
    """+0.2 / −0.04; with `decimals`, exactly that many (a ratio's +0.10)."""
    if value is None:
        return ""
    sign = "+" if round(value, 2) > 0 else "±" if round(value, 2) == 0 else "−"
    if decimals is not None:
        return f"{sign}{abs(value):.{decimals}f}"
    return f"{sign}{abs(value):.2f}".rstrip("0").rstrip(".")


def to_json(value: Any, compact: bool = False) -> bytes:
    """JSON with <, > and & as \\u escapes, so it stays inert even if embedded in HTML."""
    if compact:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=1, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")


def to_csv(columns: tuple[str, ...], rows: list[dict], bom: bool = True) -> bytes:
    """CSV with CRLF; UTF-8 with BOM by default, so that Excel opens it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if row[key] is None else row[key] for key in columns})
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
