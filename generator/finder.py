"""Stage 4 — render the finder's static data, in small shards.

- `finder/names/NN.json`: municipalities by a bucket of the first character of
  their name, kana and romaji (so 綾瀬, あやせ and ayase each fetch one shard);
- `finder/profiles/PP.json`: per prefecture, what each municipality takes part in;
- `finder/points/index.json` + `finder/points/LAT_LON.json`: service points in
  1°×1° tiles, fetched nearest-first.
Page paths are relative to the site root; the finder script prefixes its base.
"""

from __future__ import annotations

import math
from collections import defaultdict

from .directory import Directory, ServicePoint
from .formats import to_json
from .gazetteer import Place, places
from .render import entity_page, page_url

NAME_BUCKETS = 64


def name_bucket(character: str) -> str:
    """The shard of a first character; katakana share hiragana's bucket."""
    code = ord(character.lower())
    if 0x30A1 <= code <= 0x30F6:
        code -= 0x60
    return f"{code % NAME_BUCKETS:02d}"


def tile_of(lat: float, lon: float) -> str:
    return f"{math.floor(lat)}_{math.floor(lon)}"


def _parent_city(place: Place) -> str | None:
    if place.kind != "ward":
        return None
    for candidate in places().values():
        if candidate.kind == "city" and candidate.prefecture_code == place.prefecture_code and place.name.startswith(candidate.name):
            return candidate.code
    return None  # Tokyo's special wards are municipalities in their own right


def _municipalities() -> list[Place]:
    return [p for p in places().values() if p.kind != "prefecture"]


def name_shards() -> dict[str, bytes]:
    shards: dict[str, dict[str, list]] = defaultdict(dict)
    for place in sorted(_municipalities(), key=lambda p: p.code):
        entry = [place.code, place.name, place.prefecture, place.kana, place.romaji]
        for text in (place.name, place.kana, place.romaji):
            shards[name_bucket(text[0])][place.code] = entry
    return {f"finder/names/{bucket}.json": to_json(list(entries.values()), compact=True) for bucket, entries in sorted(shards.items())}


def profile_shards(directory: Directory) -> dict[str, bytes]:
    agreements = {a.place.code: a for a in directory.agreements}
    integrated = {e.place.code for e in directory.integrated}
    points_by_code = defaultdict(list)
    for point in directory.service_points:
        points_by_code[point.place.code].append(point.id)
    cases_by_code = defaultdict(list)
    for case in directory.cases:
        for place in case.places:
            cases_by_code[place.code].append([case.record.id, case.record.title])
    shards: dict[str, dict] = {}
    for prefecture in directory.prefectures:
        place = prefecture.place
        shards[place.prefecture_code] = {
            "prefecture": _profile(place, agreements, integrated, points_by_code, cases_by_code, page=entity_page(place)),
            "municipalities": {},
        }
    for place in sorted(_municipalities(), key=lambda p: p.code):
        page = entity_page(place) if place.code in directory.municipalities else None
        shards[place.prefecture_code]["municipalities"][place.code] = _profile(
            place, agreements, integrated, points_by_code, cases_by_code, page=page, parent=_parent_city(place)
        )
    return {f"finder/profiles/{code}.json": to_json(shard, compact=True) for code, shard in sorted(shards.items())}


def _profile(place: Place, agreements, integrated, points_by_code, cases_by_code, page: str | None, parent: str | None = None) -> dict:
    profile: dict = {"name": place.name, "full": place.full_name}
    if place.lat is not None:
        profile.update(lat=place.lat, lon=place.lon)
    if parent:
        profile["parent"] = parent
    if place.code in agreements:
        concluded = agreements[place.code].concluded_on
        profile["agreement"] = concluded.isoformat() if concluded else True
    if place.code in integrated:
        profile["integrated"] = True
    if points_by_code.get(place.code):
        profile["points"] = points_by_code[place.code]
    if cases_by_code.get(place.code):
        profile["cases"] = cases_by_code[place.code]
    if page:
        profile["page"] = page_url(page)
    return profile


def _point(point: ServicePoint) -> dict:
    anchor = f"#facility-{point.id}" if point.facility else ""
    return {
        "id": point.id,
        "name": point.name,
        "kind": point.kind,
        "services": list(point.services),
        "code": point.place.code,
        "municipality": point.place.full_name,
        "lat": point.place.lat,
        "lon": point.place.lon,
        "precision": point.precision,
        "page": page_url(entity_page(point.place)) + anchor,
    }


def point_tiles(directory: Directory) -> dict[str, bytes]:
    tiles: dict[str, list] = defaultdict(list)
    for point in directory.service_points:
        if point.place.lat is not None:
            tiles[tile_of(point.place.lat, point.place.lon)].append(_point(point))
    index = {"tiles": sorted(tiles), "count": sum(len(points) for points in tiles.values())}
    files = {"finder/points/index.json": to_json(index, compact=True)}
    files.update({f"finder/points/{tile}.json": to_json(points, compact=True) for tile, points in sorted(tiles.items())})
    return files


def render_finder_data(directory: Directory) -> dict[str, bytes]:
    return {**name_shards(), **profile_shards(directory), **point_tiles(directory)}
