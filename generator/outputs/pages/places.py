"""Pages of places: the prefecture index, each prefecture, each municipality."""

from __future__ import annotations

from ... import urls
from ...directory import Directory
from ...formats import month_label
from ...gazetteer import readings
from . import charts, jsonld
from .templating import render_template, source_line


def prefecture_index(directory: Directory) -> str:
    rows = []
    for profile in directory.prefecture_profiles.values():
        rows.append(
            {
                "prefecture": profile.prefecture,
                "municipal_agreements": len(profile.municipal_agreements),
                "integrated": len(profile.integrated),
                "service_points": len(profile.service_points),
                "cases": len(profile.cases),
                "has_agreement": profile.agreement is not None,
            }
        )
    totals = {
        key: sum(row[key] for row in rows) for key in ("municipal_agreements", "integrated", "service_points", "cases")
    }
    return render_template(
        "prefecture_index.md.j2",
        page=urls.PREFECTURE_INDEX,
        rows=rows,
        totals=totals,
        regions=[t.id for t in directory.regions],
        latest=directory.months[-1],
        national=directory.national_ratios,
        ratio_slide=directory.ratio_source,
    )


def prefecture_page(directory: Directory, prefecture_code: str) -> str:
    profile = directory.prefecture_profiles[prefecture_code]
    prefecture = profile.prefecture
    return render_template(
        "prefecture.md.j2",
        page=urls.prefecture(prefecture_code),
        pref=prefecture,
        readings=readings(prefecture.place),
        months=directory.months,
        national=directory.national_ratios,
        ratio_slide=directory.ratio_source,
        ratio_chart=charts.column_chart(
            f"{prefecture.place.name}の有効求人倍率",
            "倍",
            source_line(directory.ratio_source),
            [(month_label(m), prefecture.job_offer_ratios[m]) for m in directory.months],
            decimals=2,
        ),
        prefecture_agreement=profile.agreement,
        municipal_agreements=profile.municipal_agreements,
        integrated=profile.integrated,
        facilities=profile.facilities,
        cases=profile.cases,
        agreement_programme=directory.programme("agreement"),
        slides=directory.slides,
    )


def municipality_page(directory: Directory, code: str) -> str:
    profile = directory.municipalities[code]
    return render_template(
        "municipality.md.j2",
        page=urls.municipality(code),
        m=profile,
        readings=readings(profile.place),
        prefecture=directory.prefecture(profile.place.prefecture_code),
        cases=profile.cases,
        jsonld=jsonld.script(jsonld.municipality_graph(directory, profile)),
    )
