"""How a value must be written: text as typed, numbers as digits, dates as YYYY-MM-DD.

Dates as people in Japan write them are read only to suggest the YYYY-MM-DD a file must hold:
the file keeps one spelling (it is the open data, and editors check it against the JSON Schema),
so `令和6年3月21日`, `R6.3.21`, `2024/3/21` or full-width digits are refused, with the exact
replacement in the message; an era date outside its era (R1.4.1) gets no suggestion.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated

from pydantic import BeforeValidator

ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_WESTERN = re.compile(r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?$")
_ERA = re.compile(r"^(令和|平成|昭和|R|H|S)\s*([0-9]{1,2}|元)\s*[年./-]\s*([0-9]{1,2})\s*[月./-]\s*([0-9]{1,2})\s*日?$")
_ERAS = {  # first day of each era, and of the next
    "令和": (dt.date(2019, 5, 1), dt.date.max),
    "平成": (dt.date(1989, 1, 8), dt.date(2019, 5, 1)),
    "昭和": (dt.date(1926, 12, 25), dt.date(1989, 1, 8)),
}
_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}


def suggest_iso(written: str | int) -> str | None:
    """The YYYY-MM-DD that `written` can only mean, or None."""
    text = unicodedata.normalize("NFKC", str(written)).strip().upper()
    if re.fullmatch(r"[0-9]{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    western = _WESTERN.match(text)
    if western:
        return _iso(*(int(part) for part in western.groups()))
    era = _ERA.match(text)
    if not era:
        return None
    name = _LETTERS.get(era.group(1), era.group(1))
    first, following = _ERAS[name]
    year = first.year + (1 if era.group(2) == "元" else int(era.group(2))) - 1
    suggestion = _iso(year, int(era.group(3)), int(era.group(4)))
    return suggestion if suggestion and first <= dt.date.fromisoformat(suggestion) < following else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _as_written(value: object) -> object:
    """YAML types an unquoted 142182 or 14 as a number; the loader types only plain decimals
    (never 0-led), so the digits are exactly what was written: the text field takes them as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _written_number(value: object) -> object:
    """A number field takes only what the loader typed as a number: "0123", "1_000", "1:30",
    "1e3" or ".nan" are text a person did not mean as this number."""
    if isinstance(value, str):
        raise ValueError("数値が必要です（半角の数字で、先頭の 0・カンマ・記号なしに 123 や 32.2 のように）")
    return value


def _written_date(value: object) -> object:
    """One spelling, YYYY-MM-DD; an unquoted 20240321 would otherwise be read as seconds since 1970."""
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DATE.match(value)):
        return value
    suggestion = suggest_iso(value) if isinstance(value, (str, int)) else None
    hint = f"{suggestion} と書きます" if suggestion else "例: 2024-03-21"
    raise ValueError(f"日付は半角・西暦の YYYY-MM-DD で書いてください（{hint}）")


def _plain_characters(value: object) -> object:
    """Ids and codes are ASCII; a look-alike (‐ U+2010, − U+2212, ー) is named, as it cannot be seen.
    Full-width letters and digits are left to the validator's own message."""
    if isinstance(value, str):
        odd = next((c for c in value if not c.isascii() and not "\uff01" <= c <= "\uff5e"), None)
        if odd:
            name = unicodedata.name(odd, "")
            raise ValueError(
                f"「{odd}」（U+{ord(odd):04X} {name}）は使えません。"
                "id・コード・年月は半角の英小文字・数字・-（ハイフン）・_ で書いてください"
            )
    return value


AsWritten = BeforeValidator(_as_written)
AsWrittenCode = BeforeValidator(lambda value: _plain_characters(_as_written(value)))  # ids, codes, months
written_number = BeforeValidator(_written_number)
Date = Annotated[dt.date, BeforeValidator(_written_date)]
Number = Annotated[float | int, written_number]
Integer = Annotated[int, written_number]
Real = Annotated[float, written_number]
