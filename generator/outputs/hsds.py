"""Stage 4 — render the directory as Open Referral HSDS 3.0 (JSON and the tabular form).

Mapping (only what the deck says):
- organization: each local government that runs a service here, each Hello Work
  office and labour bureau named in the deck (an office's bureau is its parent);
- service: one per programme, place and operator — each operator of a named joint
  facility, the municipality of an integrated-implementation counter, and each
  prefecture running the programme (the deck names no point for prefectures,
  so their services have no location);
- location: one per service point (named facilities and counters), at the town
  hall of its municipality, with the 全国地方公共団体コード as external identifier;
  a Hello Work office's own point belongs to the office and offers no service here,
  because the deck tells what an office does in a case, not at the office;
- service_at_location: a service at its point.

Ids are uuid5 of a fixed namespace and a stable key, so rebuilds are byte-identical.
"""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import urls
from ..directory import Directory, ServicePoint, is_national_office
from ..formats import both_dates, to_csv, to_json
from ..gazetteer import Place, local_government

NAMESPACE = uuid.UUID("4a6fa18b-39fe-53a8-99d3-bb2258504e92")  # never change: ids are public
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas" / "hsds"
EXTERNAL_IDENTIFIER_TYPE = "全国地方公共団体コード"
# HSDS resource name → (JSON file, CSV file as HSDS names it)
FILES = {
    "organization": ("organizations.json", "organizations.csv"),
    "service": ("services.json", "services.csv"),
    "location": ("locations.json", "locations.csv"),
    "service_at_location": ("service_at_locations.json", "service_at_location.csv"),
}


def hsds_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@dataclass
class Tables:
    organizations: dict[str, dict]
    services: list[dict]
    locations: list[dict]
    links: list[dict]


def _government(place: Place) -> dict:
    where = "" if place.kind == "prefecture" else f"{place.prefecture}の"
    return {
        "id": hsds_id("organization", f"government:{place.code}"),
        "name": place.name,
        "description": f"{where}地方公共団体（全国地方公共団体コード {place.code}）。各事業の出典は services の description に記載。",
    }


def _office(name: str, parent: str | None = None) -> dict:
    kind = "都道府県労働局" if name.endswith("労働局") else "公共職業安定所（ハローワーク）"
    organization = {
        "id": hsds_id("organization", f"office:{name}"),
        "name": name,
        "description": f"国の機関（{kind}）。このディレクトリが出典とする資料の事例に名前が出てくる。所在地・連絡先は資料に記載がない。",
    }
    if parent:
        organization["parent_organization_id"] = hsds_id("organization", f"office:{parent}")
    return organization


def _precision_note(place: Place) -> str:
    return f"位置は市区町村（{place.full_name}）までしか分からない。緯度・経度は{place.full_name}の役所・役場の位置で、窓口の所在地ではない。"


def _location(point: ServicePoint, organization_id: str | None) -> dict:
    place = point.place
    location = {
        "id": hsds_id("location", point.id),
        "location_type": "physical",
        "name": f"{point.name}（{place.full_name}・位置は市区町村まで）"
        if point.precision == "municipality"
        else point.name,
        "description": (_precision_note(place) if point.precision == "municipality" else "") + (point.note or ""),
        "latitude": place.lat,
        "longitude": place.lon,
        "external_identifier": place.code,
        "external_identifier_type": EXTERNAL_IDENTIFIER_TYPE,
    }
    if organization_id:
        location["organization_id"] = organization_id
    return location


def _source(point: ServicePoint, as_of) -> str:
    return f"出典: 資料「{point.source.title}」（{both_dates(as_of)}時点）。"


def build_tables(directory: Directory) -> Tables:
    organizations: dict[str, dict] = {}
    services: list[dict] = []
    locations: list[dict] = []
    links: list[dict] = []

    def government(place: Place) -> str:
        organization = organizations.setdefault(f"government:{place.code}", _government(place))
        return organization["id"]

    def office(name: str, parent: str | None = None) -> str:
        if parent:
            office(parent)
        organization = organizations.setdefault(f"office:{name}", _office(name, parent))
        return organization["id"]

    def operator(name: str, place: Place) -> str:
        return (
            office(name) if is_national_office(name) else government(local_government(name, place.prefecture_code))
        )  # checked in enrich

    def add_service(key: str, organization_id: str, name: str, description: str, point: ServicePoint | None) -> None:
        service_id = hsds_id("service", key)
        services.append(
            {
                "id": service_id,
                "organization_id": organization_id,
                "name": name,
                "description": description,
                "status": "active",
            }
        )
        if point is not None:
            links.append(
                {
                    "id": hsds_id("service_at_location", key),
                    "service_id": service_id,
                    "location_id": hsds_id("location", point.id),
                }
            )

    integrated = directory.programme("integrated")
    integrated_as_of = {entry.place.code: entry.as_of for entry in directory.integrated}
    for point in directory.service_points:
        facility = point.facility
        if facility is not None and facility.kind == "hello-work":
            parent = next((o for o in facility.operators if o != facility.name), None)
            locations.append(_location(point, office(facility.name, parent)))
            continue
        if facility is None:  # an integrated entity's counter: the deck names the entity only
            locations.append(_location(point, government(point.place)))
            add_service(
                point.id,
                government(point.place),
                f"{integrated.name}（{point.place.name}）",
                f"{point.place.full_name}が国（ハローワーク）と同一の拠点で一体的に実施する{integrated.name}。"
                f"資料が事業全体について記載していること: {'／'.join(point.services)}。{point.note} {_source(point, integrated_as_of[point.place.code])}",
                point,
            )
            continue
        locations.append(_location(point, None))
        programme = directory.programme(facility.programme)
        for name in facility.operators:
            add_service(
                f"{point.id}:{name}",
                operator(name, point.place),
                f"{programme.name}（{name}）",
                f"{facility.name}で{'・'.join(facility.operators)}が実施する{programme.name}。"
                f"資料が記載する内容: {'／'.join(facility.services)}。{_source(point, facility.as_of)}",
                point,
            )
    for entry in directory.integrated:
        if entry.place.kind == "prefecture":
            add_service(
                f"integrated-{entry.place.code}",
                government(entry.place),
                f"{integrated.name}（{entry.place.name}）",
                f"{entry.place.name}が国（ハローワーク）と一体的に実施する{integrated.name}。資料には実施団体名のみ記載があり、拠点の名称・所在地は記載がない。"
                f"出典: 資料「{entry.source.title}」（{both_dates(entry.as_of)}時点）。",
                None,
            )
    return Tables(organizations, services, locations, links)


# The data page counts the tables and render_hsds writes them: one build of them per directory.
_last: list[tuple[Directory, Tables]] = []


def tables(directory: Directory) -> Tables:
    """The tables of `directory`, built on its first use (only the latest directory is kept)."""
    if not _last or _last[0][0] is not directory:
        _last[:] = [(directory, build_tables(directory))]
    return _last[0][1]


def counts(directory: Directory) -> dict[str, int]:
    built = tables(directory)
    return {
        "organization": len(built.organizations),
        "service": len(built.services),
        "location": len(built.locations),
        "service_at_location": len(built.links),
    }


def _ordered(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: row["id"])


def official_datapackage() -> dict:
    return json.loads((SCHEMA_DIR / "datapackage.json").read_text("utf-8"))


def datapackage(descriptor: dict) -> dict:
    """The official descriptor, trimmed to the published resources (and their foreign keys)."""
    trimmed = copy.deepcopy(descriptor)
    trimmed["description"] = (
        descriptor["description"]
        + " This descriptor is the official HSDS 3.0 datapackage.json (Open Referral, CC BY-SA 4.0), "
        "trimmed to the files published here; the data follow 出典: 厚生労働省資料「国と地方公共団体との連携について」を加工して作成."
    )
    trimmed["resources"] = [r for r in trimmed["resources"] if r["name"] in FILES]
    for resource in trimmed["resources"]:
        resource["path"] = FILES[resource["name"]][1]
        keys = resource["schema"].get("foreignKeys", [])
        resource["schema"]["foreignKeys"] = [k for k in keys if k["reference"]["resource"] in FILES]
    return trimmed


def render_hsds(directory: Directory) -> dict[str, bytes]:
    built = tables(directory)
    by_kind = {
        "organization": _ordered(list(built.organizations.values())),
        "service": _ordered(built.services),
        "location": _ordered(built.locations),
        "service_at_location": _ordered(built.links),
    }
    package = datapackage(official_datapackage())
    files = {urls.hsds("datapackage.json"): to_json(package)}
    for resource in package["resources"]:
        json_name, csv_name = FILES[resource["name"]]
        rows = by_kind[resource["name"]]
        columns = tuple(field["name"] for field in resource["schema"]["fields"])
        files[urls.hsds(json_name)] = to_json(rows)
        # No BOM: HSDS tools read plain UTF-8 and would see it in the first column's name.
        files[urls.hsds(csv_name)] = to_csv(columns, [{c: row.get(c) for c in columns} for row in rows], bom=False)
    return files
