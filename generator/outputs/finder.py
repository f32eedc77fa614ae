"""Stage 4 — render the finder's static data, in small shards.

A lookup must fetch at most ~30 KB, so the shards are compact JSON, mostly
positional arrays, without anything the script can rebuild (full names of
municipalities, long service texts repeated per point).

Every edition's finder reads the same shards, so they hold no words of ours:
kinds are vocabulary ids, dates ISO, places their Japanese and English names;
the script writes the rest in its edition's words. Names from data (facilities,
services, operators, cases) are Japanese, as the deck gives them.

- `finder/names/NN.json`: "<code><name>", "<code><name> <kana>" or
  "<code> <English>" for each municipality whose name, kana or romaji starts with
  a character of bucket NN (romaji entries go without the kanji name: romaji
  fills the largest shards, and whoever types romaji reads it best; the romaji
  the script matches is the English name in lower case without '-' and spaces);
- `finder/profiles/PP.json`: {"prefecture": {code, name, english, office, tiles,
  extras}, "municipalities": {code: [name, english, lat, lon] or [name, english,
  lat, lon, {extras}]}}; see `_extras`. `office` is [lat, lon, municipality code]
  of the town hall of the municipality holding the prefectural office; `tiles`
  the point tiles holding every point of the prefecture or run with it;
- `finder/points/index.json` ({"tiles", "count"}) + `finder/points/LAT_LON.json`
  ({"kinds", "services", "points": [[name, kind, [services], code, [municipality,
  English], lat, lon, precision, page, [operators], [with], city]]}, kind (an id)
  and services indexing the tile's lists; `with` the codes of the municipalities
  (or the prefecture) a point serves with its own, from the cases that name it;
  `city` the designated city of a ward's point, or ""): service points in 1°×1°
  tiles. An integrated counter the deck names no facility for has no name and no
  services, and a point whose operators the deck does not name no operators:
  the script words them (see `_point_name`, `_operators`);
- `finder/places/index.json` ({"tiles"}) + `finder/places/LAT_LON.json`
  ({code: [lat, lon]}): town halls, so a device position finds its nearest one.
Page paths are relative to the site root; the finder script prefixes its base.
Coordinates are rounded to 4 decimals (~10 m): they are town halls anyway.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from .. import records as r
from .. import urls
from ..directory import Directory, ServicePoint
from ..editions import ENGLISH, JAPANESE, Edition
from ..formats import era_starts, to_json
from ..gazetteer import Place, places, prefectural_office
from ..words import catalogue

NAME_BUCKETS = 64
# What may follow a name query for it to name a municipality exactly (綾瀬 → 綾瀬市, ayase → ayaseshi).
NAME_SUFFIXES = (
    "",
    "市",
    "町",
    "村",
    "区",
    "し",
    "ちょう",
    "まち",
    "むら",
    "そん",
    "く",
    "shi",
    "cho",
    "machi",
    "mura",
    "son",
    "ku",
)


# the script's names for enrich's words of an integrated counter without a facility
COUNTER_WORDS = {
    "kind_integrated_counter": "counter_kind",
    "counter_name": "counter_name",
    "counter_service_national": "counter_service_national",
    "counter_service_local": "counter_service_local",
}


def name_bucket(character: str) -> str:
    """The shard of a first character; katakana share hiragana's bucket."""
    code = ord(character.lower())
    if 0x30A1 <= code <= 0x30F6:
        code -= 0x60
    return f"{code % NAME_BUCKETS:02d}"


def tile_of(lat: float, lon: float) -> str:
    return f"{math.floor(lat)}_{math.floor(lon)}"


def _coordinate(value: float) -> float:
    return round(value, 4)


def _tile(place: Place) -> str:
    """The tile of a place's coordinates as written (rounding may cross a tile edge)."""
    return tile_of(_coordinate(place.lat), _coordinate(place.lon))


@cache
def _parents() -> dict[str, str]:
    """ward code → its designated city's code (Tokyo's special wards have none: they are municipalities)."""
    cities = [p for p in places().values() if p.kind == "city"]
    return {
        ward.code: city.code
        for ward in places().values()
        if ward.kind == "ward"
        for city in cities
        if city.prefecture_code == ward.prefecture_code and ward.name.startswith(city.name)
    }


def _municipalities() -> list[Place]:
    return sorted((p for p in places().values() if p.kind != "prefecture"), key=lambda p: p.code)


def name_shards() -> dict[str, bytes]:
    shards: dict[str, list[str]] = defaultdict(list)
    for place in _municipalities():
        shards[name_bucket(place.name[0])].append(place.code + place.name)
        if place.kana != place.name:
            shards[name_bucket(place.kana[0])].append(f"{place.code}{place.name} {place.kana}")
        shards[name_bucket(place.romaji[0])].append(f"{place.code} {place.english}")
    return {urls.finder_names(bucket): to_json(entries, compact=True) for bucket, entries in sorted(shards.items())}


def profile_shards(directory: Directory) -> dict[str, bytes]:
    """Per prefecture: what it and each of its municipalities take part in.
    Municipal facts come from enrich's profiles; only service points are grouped here."""
    points_by_code = defaultdict(list)
    for point in directory.service_points:
        points_by_code[point.place.code].append([_point_name(point), _point_page(point)])
    partners = _partners(directory)
    tiles_by_prefecture = defaultdict(set)
    for point in directory.service_points:
        for code in {point.place.code, *partners.get(point.id, ())}:
            tiles_by_prefecture[code[:2]].add(_tile(point.place))
    shards: dict[str, dict] = {}
    for prefecture in directory.prefecture_profiles.values():
        place = prefecture.place
        extras = _extras(prefecture.agreement, prefecture.integrated_entry is not None, [], [], page=urls.entity(place))
        office = prefectural_office(place.prefecture_code)
        header = {
            "code": place.code,
            "name": place.name,
            "english": place.english,
            "tiles": sorted(tiles_by_prefecture[place.prefecture_code]),
        }
        if office:
            header["office"] = [_coordinate(office.lat), _coordinate(office.lon), office.code]
        shards[place.prefecture_code] = {"prefecture": {**header, **extras}, "municipalities": {}}
    offices = _named_offices(directory)
    for place in _municipalities():
        profile = directory.municipalities.get(place.code)
        cases = profile.cases if profile else ()
        extras = _extras(
            profile.agreement if profile else None,
            bool(profile and profile.integrated),
            points_by_code.get(place.code, []),
            [[case.record.title, urls.page_url(urls.case(case.record.id))] for case in cases],
            page=urls.entity(place) if profile else None,
            parent=_parents().get(place.code),
            offices=offices.get(place.code, []),
        )
        entry = [place.name, place.english, _coordinate(place.lat), _coordinate(place.lon)]
        shards[place.prefecture_code]["municipalities"][place.code] = [*entry, extras] if extras else entry
    return {urls.finder_profiles(code): to_json(shard, compact=True) for code, shard in sorted(shards.items())}


def _partners(directory: Directory) -> dict[str, set[str]]:
    """point id → codes of the places it serves with its own: the municipalities of
    the cases naming it, or the case's prefecture when a case names none."""
    found: dict[str, set[str]] = defaultdict(set)
    for case in directory.cases:
        codes = {p.code for p in case.places} or {case.prefecture.code}
        for facility in case.facilities:
            found[facility.record.id] |= codes
    return found


def _named_offices(directory: Directory) -> dict[str, list]:
    """municipality code → [name, page] of the Hello Work offices the deck names for it:
    those in it, and those of the cases it takes part in."""
    offices: dict[str, list] = defaultdict(list)
    by_id = {p.id: p for p in directory.service_points}
    for point in directory.service_points:
        if point.kind.id == "hello-work":
            offices[point.place.code].append(point.id)
    for case in directory.cases:
        for facility in case.facilities:
            if facility.record.kind == "hello-work":
                for place in case.places:
                    offices[place.code].append(facility.record.id)
    return {code: [[by_id[i].name, _point_page(by_id[i])] for i in dict.fromkeys(ids)] for code, ids in offices.items()}


def _operators(point: ServicePoint) -> list[str]:
    """Who runs a point, as the deck names them; none when it does not (the script
    then says a Hello Work office is the state's, other points the place's and the state's)."""
    return list(point.facility.operators) if point.facility else []


def _point_name(point: ServicePoint) -> str:
    """A facility's name; none for an integrated counter without one (the script names it after its place)."""
    return point.name if point.facility else ""


def _extras(
    agreement,
    integrated: bool,
    points: list,
    cases: list,
    page: str | None,
    parent: str | None = None,
    offices: list | None = None,
) -> dict:
    """Only what applies: parent (city code of a ward), agreement (ISO date,
    or true when the deck gives none), integrated (true), points, cases and the
    Hello Work offices the deck names for it ([name, page] each), page."""
    extras: dict = {}
    if parent:
        extras["parent"] = parent
    if agreement:
        extras["agreement"] = agreement.concluded_on.isoformat() if agreement.concluded_on else True
    if integrated:
        extras["integrated"] = True
    if points:
        extras["points"] = points
    if cases:
        extras["cases"] = cases
    if offices:
        extras["offices"] = offices
    if page:
        extras["page"] = urls.page_url(page)
    return extras


def _point_page(point: ServicePoint) -> str:
    anchor = "#" + urls.facility_anchor(point.id) if point.facility else ""
    return urls.page_url(urls.entity(point.place)) + anchor


def point_tiles(directory: Directory) -> dict[str, bytes]:
    partners = _partners(directory)
    by_tile: dict[str, list[ServicePoint]] = defaultdict(list)
    for point in directory.service_points:  # all in municipalities, which all have a town hall
        by_tile[_tile(point.place)].append(point)
    files = {
        urls.FINDER_POINTS_INDEX: to_json(
            {"tiles": sorted(by_tile), "count": len(directory.service_points)}, compact=True
        )
    }
    for tile, points in sorted(by_tile.items()):
        kinds = sorted({p.kind.id for p in points})
        services = sorted({s for p in points if p.facility for s in p.services})
        rows = [
            [
                _point_name(p),
                kinds.index(p.kind.id),
                [services.index(s) for s in p.services if p.facility],
                p.place.code,
                [p.place.name, p.place.english],
                _coordinate(p.place.lat),
                _coordinate(p.place.lon),
                p.precision,
                _point_page(p),
                _operators(p),
                sorted(partners.get(p.id, set()) - {p.place.code}),
                _parents().get(p.place.code, ""),
            ]
            for p in points
        ]
        files[urls.finder_points(tile)] = to_json({"kinds": kinds, "services": services, "points": rows}, compact=True)
    return files


def place_tiles() -> dict[str, bytes]:
    """Town halls for a device position; a designated city is left to its wards."""
    cities = set(_parents().values())
    tiles: dict[str, dict] = defaultdict(dict)
    for place in _municipalities():
        if place.code not in cities:
            tiles[_tile(place)][place.code] = [_coordinate(place.lat), _coordinate(place.lon)]
    files = {urls.FINDER_PLACES_INDEX: to_json({"tiles": sorted(tiles)}, compact=True)}
    files.update({urls.finder_places(tile): to_json(entries, compact=True) for tile, entries in sorted(tiles.items())})
    return files


def script_data(kinds: Iterable[r.Term], edition: Edition = JAPANESE) -> dict:
    """What the finder page gives javascripts/finder.js: its words (the `finder_script`
    area of the page's catalogue, enrich's for counters, and the facility kinds' labels from
    data/vocabularies.yaml), the shards' paths from the site's root ({key} marks
    a shard's name), the names it parses before fetching anything, which names of
    places it shows, and the first day of each era (ISO, its word `era_<id>`)."""
    entries = catalogue(edition.id)
    area = "finder_script."
    prefectures = sorted((p for p in places().values() if p.kind == "prefecture"), key=lambda p: p.code)

    def path(to: str) -> str:
        return urls.href(to)

    return {
        "words": {
            **{key[len(area) :]: entries(key) for key in entries.source if key.startswith(area)},
            # an integrated counter the deck names no facility for, as enrich words it
            **{name: entries(f"enrich.{key}") for name, key in COUNTER_WORDS.items()},
            **{"kind_" + kind.id.replace("-", "_"): _label(kind, edition) for kind in kinds},
        },
        "paths": {
            "names": path(urls.finder_names("{key}")),
            "profiles": path(urls.finder_profiles("{key}")),
            "points": path(urls.FINDER_POINTS_INDEX),
            "points_tile": path(urls.finder_points("{key}")),
            "places": path(urls.FINDER_PLACES_INDEX),
            "places_tile": path(urls.finder_places("{key}")),
            "postal": path(urls.postal_shard("{key}")),
            "agreement": path(urls.in_edition(urls.programme("agreement"), edition.folder)),
            "integrated": path(urls.in_edition(urls.programme("integrated"), edition.folder)),
        },
        # page links in the shards are from the site's root: those the edition has go to its own pages
        "site_root": urls.href(urls.HOME),
        "edition_root": path(urls.in_edition(urls.HOME, edition.folder)),
        "edition_folders": list(urls.EDITION_FOLDERS),
        "prefectures": [p.name for p in prefectures],
        "prefectures_english": [p.english for p in prefectures],
        "suffixes": list(NAME_SUFFIXES),
        # which of a place's names the edition shows: English (romaji) or Japanese
        "romaji": edition == ENGLISH,
        "eras": [list(era) for era in era_starts()],
    }


def _label(term: r.Term, edition: Edition) -> str:
    """A term's label in the edition, falling back to Japanese (finder.js reads {漢字|かな} itself)."""
    return (getattr(term, edition.id, None) if edition is not JAPANESE else None) or term.label


def render(directory: Directory) -> dict[str, bytes]:
    return {**name_shards(), **profile_shards(directory), **point_tiles(directory), **place_tiles()}
