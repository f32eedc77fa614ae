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
from ..directory import Directory, ServicePoint, is_labour_bureau, is_national_office
from ..formats import both_dates, to_csv, to_json
from ..gazetteer import Place, local_government
from ..words import words

NAMESPACE = uuid.UUID("4a6fa18b-39fe-53a8-99d3-bb2258504e92")  # never change: ids are public
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas" / "hsds"
# HSDS resource name → (JSON file, CSV file as HSDS names it)
DATAPACKAGE = "datapackage.json"  # the names are HSDS's (its official datapackage.json), not ours
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
    if place.kind == "prefecture":
        description = words("hsds.prefecture_description", code=place.code)
    else:
        description = words("hsds.municipality_description", prefecture=place.prefecture, code=place.code)
    return {
        "id": hsds_id("organization", f"government:{place.code}"),
        "name": place.name,
        "description": description,
    }


def _office(name: str, parent: str | None = None) -> dict:
    kind = words("hsds.labour_bureau") if is_labour_bureau(name) else words("hsds.hello_work")
    organization = {
        "id": hsds_id("organization", f"office:{name}"),
        "name": name,
        "description": words("hsds.office_description", kind=kind),
    }
    if parent:
        organization["parent_organization_id"] = hsds_id("organization", f"office:{parent}")
    return organization


def _precision_note(place: Place) -> str:
    return words("hsds.precision_note", place=place.full_name)


def _location(point: ServicePoint, organization_id: str | None) -> dict:
    place = point.place
    location = {
        "id": hsds_id("location", point.id),
        "location_type": "physical",
        "name": words("hsds.location_in_municipality", name=point.name, place=place.full_name)
        if point.precision == "municipality"
        else point.name,
        "description": (_precision_note(place) if point.precision == "municipality" else "") + (point.note or ""),
        "latitude": place.lat,
        "longitude": place.lon,
        "external_identifier": place.code,
        "external_identifier_type": words("hsds.external_identifier_type"),
    }
    if organization_id:
        location["organization_id"] = organization_id
    return location


def _source(citation, as_of) -> str:
    return words("hsds.source", slide=citation.title, date=both_dates(as_of))


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
                words("hsds.service_name", programme=integrated.name, operator=point.place.name),
                words(
                    "hsds.counter_description",
                    place=point.place.full_name,
                    programme=integrated.name,
                    services=words("hsds.services_separator").join(point.services),
                    note=point.note,
                    source=_source(point.source, integrated_as_of[point.place.code]),
                ),
                point,
            )
            continue
        locations.append(_location(point, None))
        programme = directory.programme(facility.programme)
        for name in facility.operators:
            add_service(
                f"{point.id}:{name}",
                operator(name, point.place),
                words("hsds.service_name", programme=programme.name, operator=name),
                words(
                    "hsds.facility_description",
                    facility=facility.name,
                    operators=words("hsds.operator_separator").join(facility.operators),
                    programme=programme.name,
                    services=words("hsds.services_separator").join(facility.services),
                    source=_source(point.source, facility.as_of),
                ),
                point,
            )
    for entry in directory.integrated:
        if entry.place.kind == "prefecture":
            add_service(
                f"integrated-{entry.place.code}",
                government(entry.place),
                words("hsds.service_name", programme=integrated.name, operator=entry.place.name),
                words(
                    "hsds.prefecture_integrated_description",
                    prefecture=entry.place.name,
                    programme=integrated.name,
                    source=_source(entry.source, entry.as_of),
                ),
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
    return json.loads((SCHEMA_DIR / DATAPACKAGE).read_text("utf-8"))


def datapackage(descriptor: dict, documents) -> dict:
    """The official descriptor, trimmed to the published resources (and their foreign keys),
    crediting the documents the data come from."""
    trimmed = copy.deepcopy(descriptor)
    credits = words("pages.list_separator").join(
        words("hsds.credit", publisher=d.publisher, title=d.title) for d in documents
    )
    trimmed["description"] = descriptor["description"] + words("hsds.datapackage_note", credits=credits)
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
    package = datapackage(official_datapackage(), directory.documents)
    files = {urls.hsds(DATAPACKAGE): to_json(package)}
    for resource in package["resources"]:
        json_name, csv_name = FILES[resource["name"]]
        rows = by_kind[resource["name"]]
        columns = tuple(field["name"] for field in resource["schema"]["fields"])
        files[urls.hsds(json_name)] = to_json(rows)
        # No BOM: HSDS tools read plain UTF-8 and would see it in the first column's name.
        files[urls.hsds(csv_name)] = to_csv(columns, [{c: row.get(c) for c in columns} for row in rows], bom=False)
    return files
