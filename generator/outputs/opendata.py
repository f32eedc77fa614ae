"""Stage 4 — render open data: CSV (UTF-8 with BOM, for Excel) and JSON twins.

Column names are a public contract (see README); change them only with care.
"""

from __future__ import annotations

from .. import urls
from ..directory import Directory
from ..formats import to_csv, to_json
from ..gazetteer import Place, prefectural_office
from ..words import words
from . import hsds, public_facilities

AGREEMENT_COLUMNS = ("code", "name", "prefecture", "kind", "concluded_on", "latitude", "longitude")
INTEGRATED_COLUMNS = ("code", "name", "prefecture", "kind", "region")
RATIO_COLUMNS = ("prefecture_code", "prefecture", "month", "ratio")


def _position(place: Place) -> Place:
    """A municipality's town hall; for a prefecture, the town hall of the municipality
    (or ward) holding its office — only known to municipality level, as the data page says."""
    if place.kind == "prefecture":
        return prefectural_office(place.prefecture_code) or place
    return place


def agreement_rows(directory: Directory) -> list[dict]:
    return [
        {
            "code": a.place.code,
            "name": a.place.name,
            "prefecture": a.place.prefecture,
            "kind": a.place.kind,
            "concluded_on": a.concluded_on.isoformat() if a.concluded_on else None,
            "latitude": _position(a.place).lat,
            "longitude": _position(a.place).lon,
        }
        for a in directory.agreements
    ]


def integrated_rows(directory: Directory) -> list[dict]:
    return [
        {
            "code": e.place.code,
            "name": e.place.name,
            "prefecture": e.place.prefecture,
            "kind": e.place.kind,
            "region": e.region.label,  # the published column holds the label
        }
        for e in directory.integrated
    ]


def ratio_rows(directory: Directory) -> list[dict]:
    rows = [
        {
            "prefecture_code": "00",
            "prefecture": words("opendata.national"),
            "month": m,
            "ratio": directory.national_ratios[m],
        }
        for m in directory.months
    ]
    for prefecture in directory.prefectures:
        rows += [
            {
                "prefecture_code": prefecture.place.prefecture_code,
                "prefecture": prefecture.place.name,
                "month": m,
                "ratio": prefecture.job_offer_ratios[m],
            }
            for m in directory.months
        ]
    return rows


def case_items(directory: Directory) -> list[dict]:
    items = []
    for case in directory.cases:
        record = case.record
        items.append(
            {
                "id": record.id,
                "title": record.title,
                "prefecture": case.prefecture.name,
                "prefecture_code": record.prefecture_code,
                "municipality_codes": list(record.municipality_codes),
                "programmes": list(record.programmes),
                "agreement_on": record.agreement_on,
                "started_on": record.started_on,
                "challenges": list(record.challenges),
                "target_groups": list(record.target_groups),
                "partners": [p.model_dump() for p in record.partners],
                "figures": [
                    {
                        "label": f.label,
                        "value": f.value,
                        "unit": f.unit,
                        "as_of": f.as_of or record.as_of,
                        "period": f.period,
                        "note": f.note,
                        "metric": f.metric,
                    }
                    for f in record.results
                ],
                "note": record.note,
                "source": case.source.title,
                "as_of": record.as_of,
            }
        )
    return items


def service_points(directory: Directory) -> dict:
    """Named facilities and entity-level counters, each with its location precision."""
    features = []
    for point in directory.service_points:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point.place.lon, point.place.lat]},
                "properties": {
                    "id": point.id,
                    "name": point.name,
                    "kind": point.kind.label,
                    "code": point.place.code,
                    "municipality": point.place.full_name,
                    "precision": point.precision,
                    "services": list(point.services),
                    "note": point.note,
                    "source": point.source.title,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def render(directory: Directory) -> dict[str, bytes]:
    agreements, integrated, ratios = agreement_rows(directory), integrated_rows(directory), ratio_rows(directory)
    return {
        urls.AGREEMENTS_CSV: to_csv(AGREEMENT_COLUMNS, agreements),
        urls.AGREEMENTS_JSON: to_json(agreements),
        urls.INTEGRATED_CSV: to_csv(INTEGRATED_COLUMNS, integrated),
        urls.INTEGRATED_JSON: to_json(integrated),
        urls.RATIOS_CSV: to_csv(RATIO_COLUMNS, ratios),
        urls.RATIOS_JSON: to_json(ratios),
        urls.CASES_JSON: to_json(case_items(directory)),
        urls.SERVICE_POINTS_GEOJSON: to_json(service_points(directory)),
        **hsds.render_hsds(directory),
        **public_facilities.render_public_facilities(directory),
    }
