"""HSDS 3.0: every object valid against the official schemas, ids unique, references whole."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from functools import cache

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.build import ROOT
from generator.enrich import enrich
from generator.load import load_data
from generator.outputs import hsds
from generator.outputs.hsds import FILES, SCHEMA_DIR, hsds_id, render_hsds
from generator.validate import validate
from tests.deck import from_deck
from tests.test_enrich import TODAY, directory

BASE = "https://hsds.invalid/schema/"  # the schemas have no $id: relative $refs resolve against this


@cache
def files() -> dict[str, bytes]:
    return render_hsds(directory())


def objects(kind: str) -> list[dict]:
    return json.loads(files()[f"opendata/hsds/{FILES[kind][0]}"])


@cache
def validator(kind: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        (
            BASE + path.name,
            Resource.from_contents(json.loads(path.read_text("utf-8")), default_specification=DRAFT202012),
        )
        for path in SCHEMA_DIR.glob("*.json")
        if path.name != "datapackage.json"
    )
    return Draft202012Validator(
        {"$ref": BASE + f"{kind}.json"}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("kind", list(FILES))
def test_every_object_is_valid_hsds_3(kind):
    items = objects(kind)
    assert items, kind
    for item in items:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(item)]
        assert not errors, (item.get("name"), errors)


def test_the_validator_rejects_what_hsds_forbids():
    service = dict(objects("service")[0])
    assert not validator("service").is_valid({**service, "id": "not-a-uuid"})
    assert not validator("service").is_valid({**service, "status": "open"})
    assert not validator("location").is_valid({**objects("location")[0], "location_type": "office"})
    assert not validator("organization").is_valid(
        {k: v for k, v in objects("organization")[0].items() if k != "description"}
    )


def test_ids_are_unique_and_references_resolve():
    ids = {kind: [item["id"] for item in objects(kind)] for kind in FILES}
    everything = [i for values in ids.values() for i in values]
    assert len(everything) == len(set(everything))
    organizations, services, locations = set(ids["organization"]), set(ids["service"]), set(ids["location"])
    assert all(s["organization_id"] in organizations for s in objects("service"))
    assert all(
        o["parent_organization_id"] in organizations for o in objects("organization") if "parent_organization_id" in o
    )
    assert all(loc["organization_id"] in organizations for loc in objects("location") if "organization_id" in loc)
    links = objects("service_at_location")
    assert all(link["service_id"] in services and link["location_id"] in locations for link in links)
    assert len({(link["service_id"], link["location_id"]) for link in links}) == len(links)
    # every organization runs something or is the parent of an office that has a location
    used = {s["organization_id"] for s in objects("service")} | {
        loc.get("organization_id") for loc in objects("location")
    }
    used |= {o.get("parent_organization_id") for o in objects("organization")}
    assert organizations <= used


def test_the_mapping_counts_and_examples():
    organizations, services = objects("organization"), objects("service")
    locations, links = objects("location"), objects("service_at_location")
    assert (len(organizations), len(services), len(locations), len(links)) == (199, 196, 164, 162)
    names = Counter(o["name"] for o in organizations)
    assert names["綾瀬市"] == names["ハローワーク大和"] == names["熊本労働局"] == 1
    # ジョブスポットあやせ: one service per operator, both at the facility
    ayase = next(loc for loc in locations if loc["name"].startswith("ジョブスポットあやせ"))
    at_ayase = {link["service_id"] for link in links if link["location_id"] == ayase["id"]}
    by_id = {o["id"]: o["name"] for o in organizations}
    assert sorted(by_id[s["organization_id"]] for s in services if s["id"] in at_ayase) == [
        "ハローワーク大和",
        "綾瀬市",
    ]
    assert ayase["external_identifier"] == "142182" and ayase["external_identifier_type"] == "全国地方公共団体コード"
    assert "市区町村まで" in ayase["name"] and "役所・役場の位置" in ayase["description"]
    # all 34 prefectures of the integrated programme run a service, with no point the deck would name
    unlinked = [s for s in services if s["id"] not in {link["service_id"] for link in links}]
    prefectural = [e for e in directory().integrated if e.place.kind == "prefecture"]
    assert len(unlinked) == len(prefectural) and len(from_deck(prefectural)) == 34
    assert all("拠点の名称・所在地は記載がない" in s["description"] for s in unlinked)
    kikuchi = next(o for o in organizations if o["name"] == "ハローワーク菊池")
    assert by_id[kikuchi["parent_organization_id"]] == "熊本労働局"
    for location in locations:
        assert re.fullmatch(r"\d{6}", location["external_identifier"]) and 24 < location["latitude"] < 46
    for item in organizations + services + locations:
        assert not {"phones", "schedules", "addresses", "email"} & set(item), "the deck gives none of these"


def fresh_directory():
    return enrich(validate(load_data(ROOT / "data"), TODAY), TODAY)


def test_ids_are_deterministic_uuid5():
    again = render_hsds(fresh_directory())  # a new directory: the tables are built again
    assert again == files()
    assert hsds_id("location", "job-spot-ayase") == next(
        loc["id"] for loc in objects("location") if loc["name"].startswith("ジョブスポットあやせ")
    )


def test_csv_tables_match_the_json_and_the_trimmed_datapackage():
    package = json.loads(files()["opendata/hsds/datapackage.json"])
    assert [r["name"] for r in package["resources"]] == ["organization", "service", "service_at_location", "location"]
    published = {r["name"] for r in package["resources"]}
    for resource in package["resources"]:
        json_name, csv_name = FILES[resource["name"]]
        assert resource["path"] == csv_name
        assert all(k["reference"]["resource"] in published for k in resource["schema"]["foreignKeys"])
        data = files()[f"opendata/hsds/{csv_name}"]
        assert not data.startswith("\ufeff".encode())
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert list(rows[0]) == fields
        items = {item["id"]: item for item in json.loads(files()[f"opendata/hsds/{json_name}"])}
        assert [row["id"] for row in rows] == list(items)
        for row in rows:
            item = items[row["id"]]
            assert {k: v for k, v in row.items() if v} == {k: str(v) for k, v in item.items()}
    official = json.loads((SCHEMA_DIR / "datapackage.json").read_text("utf-8"))
    assert package["version"] == official["version"] == "3.0.0" and package["license"] == official["license"]


def test_the_tables_are_built_once_per_directory(monkeypatch):
    built = []
    build_tables = hsds.build_tables
    monkeypatch.setattr(hsds, "build_tables", lambda d: built.append(d) or build_tables(d))
    first = fresh_directory()
    counts = hsds.counts(first)
    files_ = render_hsds(first)
    assert built == [first]
    assert counts == {kind: len(json.loads(files_[f"opendata/hsds/{FILES[kind][0]}"])) for kind in FILES}
    second = fresh_directory()
    render_hsds(second)
    assert built == [first, second], "another directory gets its own tables"
