"""Open data: the columns others rely on, with every record of the deck."""

from __future__ import annotations

import csv
import io
import json

from generator.outputs.opendata import render as render_opendata
from tests.deck import DECK_CASES, from_deck
from tests.test_enrich import directory


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode()), "UTF-8 with BOM so that Excel opens it"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_agreements_csv_has_302_rows_and_the_contract_columns():
    files = render_opendata(directory())
    rows = read_csv(files["opendata/agreements.csv"])
    assert list(rows[0]) == ["code", "name", "prefecture", "kind", "concluded_on", "latitude", "longitude"]
    assert [r["code"] for r in rows] == [a.place.code for a in directory().agreements]  # one row each
    deck = {a.place.code for a in from_deck(directory().agreements)}
    assert len(deck) == 302 and deck <= {r["code"] for r in rows}
    assert {r["kind"] for r in rows if r["code"] in deck} == {"prefecture", "city", "town", "village"}
    assert sum(1 for r in rows if r["code"] in deck and r["concluded_on"]) == 36
    takahagi = next(r for r in rows if r["name"] == "高萩市")
    assert takahagi["code"] == "082147" and takahagi["prefecture"] == "茨城県" and float(takahagi["latitude"]) > 36
    assert json.loads(files["opendata/agreements.json"])[0]["code"] == rows[0]["code"]


def test_integrated_and_ratio_csvs():
    files = render_opendata(directory())
    integrated = read_csv(files["opendata/integrated_entities.csv"])
    assert list(integrated[0]) == ["code", "name", "prefecture", "kind", "region"]
    assert [r["code"] for r in integrated] == [e.place.code for e in directory().integrated]
    assert {e.place.code for e in from_deck(directory().integrated)} <= {r["code"] for r in integrated}
    ratios = read_csv(files["opendata/job_offer_ratios.csv"])
    assert list(ratios[0]) == ["prefecture_code", "prefecture", "month", "ratio"] and len(ratios) == 144
    assert ratios[0] == {"prefecture_code": "00", "prefecture": "全国", "month": "2020-03", "ratio": "1.39"}
    assert {r["prefecture_code"] for r in ratios} == {f"{i:02d}" for i in range(48)}


def test_case_studies_json_and_service_points_geojson():
    files = render_opendata(directory())
    cases = json.loads(files["opendata/case_studies.json"])
    assert [c["id"] for c in cases] == [c.record.id for c in directory().cases]
    assert set(DECK_CASES) <= {c["id"] for c in cases}
    for case in cases:
        assert {"id", "title", "prefecture", "municipality_codes", "programmes", "figures"} <= set(case)
        assert all({"label", "value", "unit", "as_of"} <= set(f) for f in case["figures"])
    geojson = json.loads(files["opendata/service_points.geojson"])
    assert geojson["type"] == "FeatureCollection"
    properties = [f["properties"] for f in geojson["features"]]
    assert {"id", "name", "kind", "code", "precision"} <= set(properties[0])
    assert len(properties) == len(directory().service_points)
    assert {p["precision"] for p in properties} == {"municipality"}


def test_opendata_is_in_the_built_site(site):
    for name in (
        "agreements.csv",
        "integrated_entities.csv",
        "job_offer_ratios.csv",
        "case_studies.json",
        "service_points.geojson",
    ):
        assert (site.root / "opendata" / name).stat().st_size > 100


def test_prefecture_rows_are_placed_where_their_office_is():
    """47 prefecture rows had no position; now the town hall of the municipality holding the office."""
    from generator.gazetteer import prefectural_office

    rows = [r for r in read_csv(render_opendata(directory())["opendata/agreements.csv"]) if r["kind"] == "prefecture"]
    assert len(rows) == 47 and all(r["latitude"] and r["longitude"] for r in rows)
    kanagawa = next(r for r in rows if r["code"] == "140007")
    naka = prefectural_office("14")  # 横浜市中区
    assert (float(kanagawa["latitude"]), float(kanagawa["longitude"])) == (naka.lat, naka.lon)
