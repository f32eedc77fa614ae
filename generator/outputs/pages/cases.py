"""Case study pages: the filterable index, the comparison table, one page per case."""

from __future__ import annotations

from ... import urls
from ...directory import CaseEntry, Directory
from ...editions import JAPANESE, Edition
from ..case_figures import case_figures, cases_without_figures, measures
from . import jsonld
from .templating import render_template


def case_page(directory: Directory, case_id: str) -> str:
    case = directory.case(case_id)
    return render_template(
        "case.md.j2",
        page=urls.case(case_id),
        c=case,
        r=case.record,
        headline=headline(case),
        acting_partners=[p for p in case.record.partners if p.actions],
        jsonld=jsonld.script(jsonld.case_graph(directory, case)),
    )


def headline(case: CaseEntry) -> list:
    """The first figure of each measure the case reports (the comparison page has them all)."""
    first: dict[str, object] = {}
    for f in case.record.results:
        if f.metric:
            first.setdefault(f.metric, f)
    return list(first.values())


def case_facets(case: CaseEntry) -> dict[str, str]:
    """The data-* attributes the case filter reads (space-separated ids)."""
    return {
        "region": case.region.label if case.region else "",  # the filter matches labels
        "prefecture": case.record.prefecture_code,
        "programmes": " ".join(case.record.programmes),
        "challenges": " ".join(case.record.challenges),
        "targets": " ".join(case.record.target_groups),
    }


def case_index(directory: Directory, edition: Edition = JAPANESE) -> str:
    programmes = [p for p in directory.programmes if any(p.id in c.record.programmes for c in directory.cases)]
    used = lambda attribute: sorted({v for c in directory.cases for v in getattr(c.record, attribute)})  # noqa: E731
    return render_template(
        "case_index.md.j2",
        edition=edition,
        page=urls.CASE_INDEX,
        cases=directory.cases,
        facets=case_facets,
        programmes=programmes,
        regions=[t for t in directory.regions if any(c.region == t for c in directory.cases)],
        prefectures=sorted({(c.record.prefecture_code, c.prefecture.name) for c in directory.cases}),
        challenges=[t for t in directory.vocabularies.challenges if t.id in used("challenges")],
        targets=[t for t in directory.vocabularies.target_groups if t.id in used("target_groups")],
    )


def case_comparison(directory: Directory) -> str:
    rows = case_figures(directory)
    return render_template(
        "case_compare.md.j2",
        page=urls.CASE_COMPARISON,
        rows=rows,
        measures=measures(directory),
        cases=[c for c in directory.cases if c.record.results],
        without_figures=cases_without_figures(directory),
    )
