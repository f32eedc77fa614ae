"""The programme index and one page per programme (figures, series, entity lists)."""

from __future__ import annotations

from itertools import groupby

from ... import urls
from ...directory import Directory
from ...editions import JAPANESE, Edition
from .templating import render_template, series_chart


def programme_index(directory: Directory, edition: Edition = JAPANESE) -> str:
    return render_template(
        "programme_index.md.j2",
        edition=edition,
        page=urls.PROGRAMME_INDEX,
        programmes=directory.programmes,
        slides=directory.slides,
    )


def programme_page(directory: Directory, programme_id: str, edition: Edition = JAPANESE) -> str:
    programme = directory.programme(programme_id)
    page = urls.programme(programme_id)
    entities = []
    map_path = None
    if programme_id == "agreement":
        entities = _grouped_by_prefecture(directory.agreements)
        map_path = urls.AGREEMENT_MAP
    elif programme_id == "integrated":
        in_block = lambda block: [e for e in directory.integrated if e.region == block]  # noqa: E731
        entities = [(block.label, in_block(block)) for block in directory.integrated_regions if in_block(block)]
        map_path = urls.INTEGRATED_MAP
    totals = {t.label: t for t in directory.totals.values() if t.programme_id == programme_id}
    figure_sources = []
    for figure in programme.figures:
        slide = directory.slides[figure.source]
        if slide not in figure_sources:
            figure_sources.append(slide)
    return render_template(
        "programme.md.j2",
        edition=edition,
        page=page,
        p=programme,
        slides=directory.slides,
        figure_sources=figure_sources,
        series_chart=lambda s: series_chart(s, directory.slides[s.source], edition),
        entities=entities,
        entity_count=sum(len(members) for _, members in entities),
        totals=totals,
        list_total=next((t for t in totals.values() if "." not in t.counts), None),
        map_path=map_path,
        facilities=[f for f in directory.facilities if f.record.programme == programme_id],
        cases=[c for c in directory.cases if programme_id in c.record.programmes],
    )


# The order of the kind column when sorted (gazetteer.Kind).
KINDS = ("prefecture", "city", "ward", "town", "village")


def agreement_list(directory: Directory) -> str:
    """Every agreement in one table (code order), to sort and filter in the browser."""
    rows = sorted(directory.agreements, key=lambda a: a.place.code)
    citations = []
    for row in rows:
        if row.source not in citations:
            citations.append(row.source)
    prefectures = {row.place.prefecture_code: row.place.prefecture for row in rows}
    return render_template(
        "agreement_list.md.j2",
        page=urls.AGREEMENT_LIST,
        rows=rows,
        kinds=[kind for kind in KINDS if any(row.place.kind == kind for row in rows)],
        kind_order=KINDS,
        prefectures=sorted(prefectures.items()),
        dated=sum(1 for row in rows if row.concluded_on),
        citations=citations,
    )


def _grouped_by_prefecture(entries) -> list:
    ordered = sorted(entries, key=lambda e: e.place.code)
    return [(prefecture, list(members)) for prefecture, members in groupby(ordered, key=lambda e: e.place.prefecture)]
