"""Pages of places: the prefecture index, each prefecture, each municipality."""

from __future__ import annotations

from collections import Counter

from ... import urls
from ...directory import REGIONS, Citation, Directory
from ...editions import JAPANESE, Edition
from ...formats import month_label
from ...gazetteer import readings
from ...words import words
from . import charts, jsonld
from .templating import render_template, source_line


def prefecture_index(directory: Directory) -> str:
    agreements = {a.place.code for a in directory.agreements}
    # the table's sources: the ratios, and the lists its counts come from
    cited = {
        c.id: c for c in (directory.ratio_source, *_list_sources(directory, directory.agreements, directory.integrated))
    }
    documents = {c.document.id: c.document for c in cited.values()}
    rows = []
    for prefecture in directory.prefectures:
        code = prefecture.place.prefecture_code
        rows.append(
            {
                "prefecture": prefecture,
                "municipal_agreements": sum(
                    1 for a in directory.agreements if a.place.prefecture_code == code and a.place.kind != "prefecture"
                ),
                "integrated": sum(1 for e in directory.integrated if e.place.prefecture_code == code),
                "service_points": sum(1 for s in directory.service_points if s.place.prefecture_code == code),
                "cases": sum(1 for c in directory.cases if c.record.prefecture_code == code),
                "has_agreement": prefecture.place.code in agreements,
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
        regions=REGIONS,
        latest=directory.months[-1],
        national=directory.national_ratios,
        sources=[(d, [c.title for c in cited.values() if c.document.id == d.id]) for d in documents.values()],
    )


def _list_sources(directory: Directory, *lists) -> list[Citation]:
    """Per list, the citation most of its entries share: the source its file names for all."""
    return [
        directory.slides[Counter(e.source.id for e in entries).most_common(1)[0][0]] for entries in lists if entries
    ]


def prefecture_page(directory: Directory, prefecture_code: str, edition: Edition = JAPANESE) -> str:
    prefecture = directory.prefecture(prefecture_code)
    in_prefecture = lambda entries: [e for e in entries if e.place.prefecture_code == prefecture_code]  # noqa: E731
    agreements = in_prefecture(directory.agreements)
    return render_template(
        "prefecture.md.j2",
        edition=edition,
        page=urls.prefecture(prefecture_code),
        pref=prefecture,
        readings=readings(prefecture.place),
        months=directory.months,
        national=directory.national_ratios,
        ratio_slide=directory.ratio_source,
        ratio_chart=charts.column_chart(
            words("prefecture.ratio_chart", prefecture=prefecture.place.name),
            words("prefecture.ratio_unit"),
            source_line(directory.ratio_source),
            [(month_label(m), prefecture.job_offer_ratios[m]) for m in directory.months],
            decimals=2,
        ),
        prefecture_agreement=next((a for a in agreements if a.place.kind == "prefecture"), None),
        municipal_agreements=[a for a in agreements if a.place.kind != "prefecture"],
        integrated=in_prefecture(directory.integrated),
        facilities=in_prefecture(directory.facilities),
        cases=[c for c in directory.cases if c.record.prefecture_code == prefecture_code],
        agreement_programme=directory.programme("agreement"),
        integrated_list_month=month_label(f"{directory.programme('integrated').as_of:%Y-%m}"),
        slides=directory.slides,
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
        cases=[directory.case(case_id) for case_id in profile.case_ids],
        jsonld=jsonld.script(jsonld.municipality_graph(directory, profile)),
    )
