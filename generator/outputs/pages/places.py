"""Pages of places: the prefecture index, each prefecture, each municipality."""

from __future__ import annotations

from collections import Counter

from ... import urls
from ...directory import Citation, Directory
from ...editions import JAPANESE, Edition
from ...formats import month_label
from ...gazetteer import readings
from ...words import catalogue
from . import charts, jsonld
from .templating import plain_place_name, render_template, source_line


def prefecture_index(directory: Directory) -> str:
    # the table's sources: the ratios, and the lists its counts come from
    cited = {
        c.id: c for c in (directory.ratio_source, *_list_sources(directory, directory.agreements, directory.integrated))
    }
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
        agreed=sum(1 for row in rows if row["has_agreement"]),
        totals=totals,
        regions=[t.id for t in directory.regions],
        latest=directory.months[-1],
        national=directory.national_ratios,
        citations=list(cited.values()),
    )


def _list_sources(directory: Directory, *lists) -> list[Citation]:
    """Per list, the citation most of its entries share: the source its file names for all."""
    return [
        directory.slides[Counter(e.source.id for e in entries).most_common(1)[0][0]] for entries in lists if entries
    ]


def prefecture_page(directory: Directory, prefecture_code: str, edition: Edition = JAPANESE) -> str:
    profile = directory.prefecture_profiles[prefecture_code]
    prefecture = profile.prefecture
    return render_template(
        "prefecture.md.j2",
        edition=edition,
        page=urls.prefecture(prefecture_code),
        pref=prefecture,
        readings=readings(prefecture.place),
        months=directory.months,
        national=directory.national_ratios,
        ratio_slide=directory.ratio_source,
        ratio_chart=_ratio_chart(directory, prefecture, edition),
        prefecture_agreement=profile.agreement,
        municipal_agreements=profile.municipal_agreements,
        integrated=profile.integrated,
        facilities=profile.facilities,
        cases=profile.cases,
        agreement_programme=directory.programme("agreement"),
        integrated_list_month=month_label(f"{directory.programme('integrated').as_of:%Y-%m}", edition.id),
        slides=directory.slides,
    )


def _ratio_chart(directory: Directory, prefecture, edition: Edition) -> charts.Chart:
    words = catalogue(edition.id)
    return charts.column_chart(
        words("prefecture.ratio_chart", prefecture=plain_place_name(prefecture.place, edition)),
        words("prefecture.ratio_unit"),
        source_line(directory.ratio_source, edition=edition),
        [(month_label(m, edition.id), prefecture.job_offer_ratios[m]) for m in directory.months],
        decimals=2,
        language=edition.id,
    )


def municipality_page(directory: Directory, code: str, edition: Edition = JAPANESE) -> str:
    profile = directory.municipalities[code]
    return render_template(
        "municipality.md.j2",
        edition=edition,
        page=urls.municipality(code),
        m=profile,
        readings=readings(profile.place),
        prefecture=directory.prefecture(profile.place.prefecture_code),
        cases=profile.cases,
        jsonld=jsonld.script(jsonld.municipality_graph(directory, profile)),
    )
