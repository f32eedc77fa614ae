"""Stage 4 — render open data: CSV (UTF-8 with BOM, for Excel) and JSON twins.

Column names are a public contract (see README); change them only with care.
"""

from __future__ import annotations

from .. import urls
from ..directory import Citation, Directory
from ..formats import to_csv, to_json
from ..gazetteer import Place, prefectural_office
from ..words import words
from . import hsds, public_facilities
from .case_figures import case_figures

AGREEMENT_COLUMNS = ("code", "name", "prefecture", "kind", "concluded_on", "latitude", "longitude")
INTEGRATED_COLUMNS = ("code", "name", "prefecture", "kind", "region")
RATIO_COLUMNS = ("prefecture_code", "prefecture", "month", "ratio")
CASE_COLUMNS = (
    "id",
    "title",
    "prefecture_code",
    "prefecture",
    "municipality_codes",
    "municipalities",
    "programmes",
    "agreement_on",
    "started_on",
    "challenges",
    "target_groups",
    "figures",
    "source",
    "as_of",
)
CASE_FIGURE_COLUMNS = (
    "case_id",
    "case_title",
    "codes",
    "places",
    "measure",
    "label",
    "target",
    "value",
    "unit",
    "period",
    "date",
    "note",
    "source",
    "source_as_of",
)
STATISTIC_COLUMNS = (
    "programme",
    "table",
    "title",
    "label",
    "period",
    "value",
    "unit",
    "change",
    "as_of",
    "note",
    "source",
)
SERVICE_POINT_COLUMNS = ("id", "name", "kind", "code", "municipality", "precision", "latitude", "longitude", "source")


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


def case_rows(directory: Directory) -> list[dict]:
    """One row per case; lists are space-separated ids (codes keep their leading zeros)."""
    return [
        {
            "id": c.record.id,
            "title": c.record.title,
            "prefecture_code": c.record.prefecture_code,
            "prefecture": c.prefecture.name,
            "municipality_codes": " ".join(c.record.municipality_codes),
            "municipalities": " ".join(p.full_name for p in c.places),
            "programmes": " ".join(c.record.programmes),
            "agreement_on": c.record.agreement_on,
            "started_on": c.record.started_on,
            "challenges": " ".join(c.record.challenges),
            "target_groups": " ".join(c.record.target_groups),
            "figures": len(c.record.results),
            "source": public_facilities.cited(c.source),
            "as_of": c.record.as_of,
        }
        for c in directory.cases
    ]


def case_figure_rows(directory: Directory) -> list[dict]:
    """Every figure each case reports, as on the comparison page (measure = metric id or 'other')."""
    return [
        {
            "case_id": row.case.record.id,
            "case_title": row.case.record.title,
            "codes": " ".join(p.code for p in row.places),
            "places": " ".join(p.full_name for p in row.places),
            "measure": row.measure.id,
            "label": row.label,
            "target": row.target,
            "value": row.value,
            "unit": row.unit,
            "period": row.period,
            "date": row.on,
            "note": row.note,
            "source": public_facilities.cited(row.source),
            "source_as_of": row.source.as_of,
        }
        for row in case_figures(directory)
    ]


def _statistic(programme: str, table: str, title: str | None, source: Citation, **figure: object) -> dict:
    return {"programme": programme, "table": table, "title": title, "source": public_facilities.cited(source), **figure}


def statistic_rows(directory: Directory) -> list[dict]:
    """The programmes' figures, series and breakdowns, and the national figures, one number a row."""
    rows = []
    for f in directory.national_figures:
        rows.append(
            _statistic(
                "",
                "national",
                None,
                directory.slides[f.source],
                label=f.label,
                period=f.period,
                value=f.value,
                unit=f.unit,
                change=f.change,
                as_of=f.as_of,
                note=f.note,
            )
        )
    for p in directory.programmes:
        for f in p.figures:
            rows.append(
                _statistic(
                    p.id,
                    "figure",
                    None,
                    directory.slides[f.source],
                    label=f.label,
                    period=f.period,
                    value=f.value,
                    unit=f.unit,
                    change=None,
                    as_of=f.as_of or directory.slides[f.source].as_of,
                    note=f.note,
                )
            )
        for s in p.series:
            rows += [
                _statistic(
                    p.id,
                    "series",
                    s.title,
                    directory.slides[s.source],
                    label=None,
                    period=point.period,
                    value=point.value,
                    unit=s.unit,
                    change=None,
                    as_of=directory.slides[s.source].as_of,
                    note=s.note,
                )
                for point in s.points
            ]
        for b in p.breakdowns:
            rows += [
                _statistic(
                    p.id,
                    "breakdown",
                    b.title,
                    directory.slides[b.source],
                    label=f.label,
                    period=f.period,
                    value=f.value,
                    unit=f.unit,
                    change=None,
                    as_of=f.as_of or directory.slides[b.source].as_of,
                    note=f.note or b.note,
                )
                for f in b.rows
            ]
    return rows


def service_point_rows(directory: Directory) -> list[dict]:
    return [
        {
            "id": point.id,
            "name": point.name,
            "kind": point.kind.id,
            "code": point.place.code,
            "municipality": point.place.full_name,
            "precision": point.precision,
            "latitude": point.place.lat,
            "longitude": point.place.lon,
            "source": public_facilities.cited(point.source),
        }
        for point in directory.service_points
    ]


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
        urls.CASES_CSV: to_csv(CASE_COLUMNS, case_rows(directory)),
        urls.CASE_FIGURES_CSV: to_csv(CASE_FIGURE_COLUMNS, case_figure_rows(directory)),
        urls.STATISTICS_CSV: to_csv(STATISTIC_COLUMNS, statistic_rows(directory)),
        urls.SERVICE_POINTS_GEOJSON: to_json(service_points(directory)),
        urls.SERVICE_POINTS_CSV: to_csv(SERVICE_POINT_COLUMNS, service_point_rows(directory)),
        **hsds.render_hsds(directory),
        **public_facilities.render_public_facilities(directory),
    }
