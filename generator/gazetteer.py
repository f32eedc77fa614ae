"""The official code table of local governments, read from the `japancode` package.

japancode ships 全国地方公共団体コード with names, kana and town-hall
coordinates. Its codes drop the leading zero for prefectures 01–09 and its
ward names hold a space ("札幌市 中央区"); both are normalised here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import pykakasi

Kind = Literal["prefecture", "city", "town", "village", "ward"]


@dataclass(frozen=True)
class Place:
    """A prefecture or municipality as the code table knows it."""

    code: str  # 6 digits with check digit
    name: str
    kana: str
    romaji: str
    prefecture_code: str  # 2 digits
    prefecture: str
    kind: Kind
    lat: float | None
    lon: float | None

    @property
    def full_name(self) -> str:
        return self.name if self.kind == "prefecture" else f"{self.prefecture}{self.name}"


def _kind(name: str) -> Kind:
    if name.endswith("区"):
        return "ward"
    return {"市": "city", "町": "town", "村": "village"}[name[-1]]


@cache
def _romaniser() -> pykakasi.kakasi:
    return pykakasi.kakasi()


def romanise(kana: str) -> str:
    """Hepburn without long vowels, as people type it: おおさか → osaka."""
    text = "".join(part["hepburn"] for part in _romaniser().convert(kana.replace(" ", "")))
    return normalise_romaji(text)


def normalise_romaji(text: str) -> str:
    text = text.lower().replace("'", "")
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u"), ("ee", "e"), ("aa", "a")):
        text = text.replace(long, short)
    return text


@cache
def places() -> dict[str, Place]:
    """Every prefecture and municipality by 6-digit code."""
    data_dir = resources.files("japancode") / "data"
    prefectures = json.loads((data_dir / "prefectures.json").read_text("utf-8"))
    municipalities = json.loads((data_dir / "municipalities.json").read_text("utf-8"))
    table: dict[str, Place] = {}
    for row in prefectures:
        code = row["lgcode"].zfill(6)
        table[code] = Place(
            code, row["pref"], row["prefkana"], romanise(row["prefkana"]), code[:2], row["pref"], "prefecture", None, None
        )
    for row in municipalities:
        code = row["lgcode"].zfill(6)
        name = row["city"].replace(" ", "")
        table[code] = Place(
            code=code,
            name=name,
            kana=row["citykana"].replace(" ", ""),
            romaji=romanise(row["citykana"]),
            prefecture_code=code[:2],
            prefecture=row["pref"],
            kind=_kind(name),
            lat=round(row["lat"], 6),
            lon=round(row["lng"], 6),
        )
    return table


def prefecture_place(prefecture_code: str) -> Place | None:
    for place in places().values():
        if place.kind == "prefecture" and place.prefecture_code == prefecture_code:
            return place
    return None
