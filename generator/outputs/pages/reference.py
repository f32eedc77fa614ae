"""Reference pages: statistics, sources and data, the finder and search pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from markupsafe import Markup

from ... import urls
from ...directory import Directory
from ...editions import JAPANESE, Edition
from ...formats import month_label, to_json
from ...words import words
from .. import finder as finder_data
from .. import hsds, opendata
from . import charts
from .templating import render_template, series_chart, source_line


def statistics(directory: Directory) -> str:
    latest = directory.months[-1]
    ratio_points = [(p.place.name, p.job_offer_ratios[latest]) for p in directory.prefectures]
    national = words("stats.national")
    ratio_points.append((national, directory.national_ratios[latest]))
    series = [(p, s) for p in directory.programmes for s in p.series]
    breakdowns = [(p, b) for p in directory.programmes for b in p.breakdowns]
    return render_template(
        "stats.md.j2",
        page=urls.STATS,
        national=directory.national_figures,
        slides=directory.slides,
        months=directory.months,
        prefectures=directory.prefectures,
        national_ratios=directory.national_ratios,
        ratio_slide=directory.ratio_source,
        ratio_chart=charts.bar_chart(
            words("stats.ratio_chart_title", month=month_label(latest)),
            words("stats.ratio_unit"),
            source_line(directory.ratio_source),
            ratio_points,
            marked=national,
            decimals=2,
        ),
        series=series,
        series_chart=lambda s: series_chart(s, directory.slides[s.source]),
        breakdowns=breakdowns,
    )


def data_page(directory: Directory) -> str:
    corrections = [
        (entry.place, entry.seed_spelling, entry.note, label)
        for label, entries in (
            (words("data.corrections_in_agreements"), directory.agreements),
            (words("data.corrections_in_integrated"), directory.integrated),
        )
        for entry in entries
        if entry.seed_spelling or entry.note
    ]
    dated = _record_dates(directory)
    oldest = min(dated, key=lambda item: (item[0], item[1]))
    supports = _supports(directory)
    # per document: itself when a record cites it as a whole, then each of its slides
    sources = [
        (d, [directory.slides[d.id]] * (d.id in supports) + [directory.slides[s.id] for s in d.slides])
        for d in directory.documents
    ]
    return render_template(
        "data.md.j2",
        page=urls.DATA,
        hsds_files=hsds.FILES,
        hsds_datapackage=hsds.DATAPACKAGE,
        links=directory.links,
        figure_notes=_figure_notes(directory),
        sources=sources,
        supports=supports,
        corrections=corrections,
        deck_total=next((t for t in directory.totals.values() if t.counts == "agreements"), None),
        counts={
            "agreements": len(directory.agreements),
            "integrated": len(directory.integrated),
            "ratios": (len(directory.prefectures) + 1) * len(directory.months),
            "cases": len(directory.cases),
            "facilities": len(directory.facilities),
            "service_points": len(directory.service_points),
            "case_figures": sum(len(c.record.results) for c in directory.cases),
            "statistics": len(opendata.statistic_rows(directory)),
        },
        hsds=hsds.counts(directory),
        oldest=oldest,
        oldest_age=_age(oldest[0], directory.built_on),
        checked=sum(1 for _, _, checked_on in dated if checked_on),
        dated_count=len(dated),
        built_on=directory.built_on,
    )


def _supports(directory: Directory) -> dict[str, list[tuple[str, str]]]:
    """What each citable id supports: (label, page), entries of one list counted together."""
    items: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a in directory.agreements:
        items[a.source.id].append((words("data.supports_agreements"), urls.programme("agreement")))
    for e in directory.integrated:
        items[e.source.id].append((words("data.supports_integrated"), urls.programme("integrated")))
    for f in directory.facilities:
        items[f.source.id].append(
            (words("data.supports_facility", name=f.record.name), urls.municipality(f.place.code))
        )
    for c in directory.cases:
        items[c.source.id].append((words("data.supports_case", title=c.record.title), urls.case(c.record.id)))
    for p in directory.programmes:
        items[p.source].append((words("data.supports_programme_text", programme=p.name), urls.programme(p.id)))
        for figure in p.figures:
            items[figure.source].append(
                (words("data.supports_programme_figures", programme=p.name), urls.programme(p.id))
            )
        for table in (*p.series, *p.breakdowns):
            items[table.source].append(
                (words("data.supports_programme_table", title=table.title), urls.programme(p.id))
            )
    for figure in directory.national_figures:
        items[figure.source].append((words("data.supports_national_figures"), urls.STATS))
    items[directory.ratio_source.id].append((words("data.supports_ratios"), urls.STATS))
    return {
        cid: [
            (words("data.supports_many", what=label, count=n) if n > 1 else label, page)
            for (label, page), n in Counter(entries).items()
        ]
        for cid, entries in items.items()
    }


def _record_dates(directory: Directory) -> list[tuple[dt.date, str, dt.date | None]]:
    """(as of, what, checked on) of every dated record: the freshness the data page reports."""
    dated = [
        (a.as_of, words("data.oldest_agreement", name=a.place.full_name), a.checked_on) for a in directory.agreements
    ]
    dated += [
        (e.as_of, words("data.oldest_integrated", name=e.place.full_name), e.checked_on) for e in directory.integrated
    ]
    dated += [
        (f.record.as_of, words("data.oldest_facility", name=f.record.name), f.record.checked_on)
        for f in directory.facilities
    ]
    dated += [
        (c.record.as_of, words("data.oldest_case", title=c.record.title), c.record.checked_on) for c in directory.cases
    ]
    dated += [(p.as_of, words("data.oldest_programme", name=p.name), p.checked_on) for p in directory.programmes]
    dated.append((directory.ratio_as_of, words("data.oldest_ratios"), None))
    return dated


def _age(then: dt.date, now: dt.date) -> str:
    """'約8年3か月' between two dates (whole months)."""
    months = (now.year - then.year) * 12 + now.month - then.month - (now.day < then.day)
    years, months = divmod(max(months, 0), 12)
    if years:
        return words("data.age_in_years_and_months", years=years, months=months)
    return words("data.age_in_months", months=months)


def _figure_notes(directory: Directory) -> list[tuple[str, str, str, str]]:
    """(page, where, label, note) for every noted figure, series and case: where the
    deck is inconsistent or a value was inferred, the note says so."""
    notes = []
    for p in directory.programmes:
        page = urls.programme(p.id)
        notes += [(page, p.name, f.label, f.note) for f in p.figures if f.note]
        notes += [(page, p.name, s.title, s.note) for s in p.series if s.note]
        for b in p.breakdowns:
            notes += [(page, p.name, f"{b.title}: {f.label}", f.note) for f in b.rows if f.note]
            notes += [(page, p.name, b.title, b.note)] if b.note else []
    for c in directory.cases:
        page = urls.case(c.record.id)
        notes += [(page, c.record.title, f.label, f.note) for f in c.record.results if f.note]
        notes += [(page, c.record.title, words("data.figure_notes_whole_case"), c.record.note)] if c.record.note else []
    return notes


def finder(directory: Directory, edition: Edition = JAPANESE) -> str:
    # to_json escapes <, > and &: the block stays inert inside <script type="application/json">
    data = finder_data.script_data(directory.vocabularies.facility_kinds, edition)
    script_data = Markup(to_json(data, compact=True).decode("utf-8").strip())
    return render_template(
        "finder.md.j2", edition=edition, page=urls.FINDER, links=directory.links, script_data=script_data
    )


def search(directory: Directory, edition: Edition = JAPANESE) -> str:
    """The results page; its prefecture filter lists the prefectures in code order (北海道→沖縄)."""
    prefectures = sorted((p.place for p in directory.prefectures), key=lambda place: place.code)
    return render_template("search.md.j2", edition=edition, page=urls.SEARCH, prefectures=prefectures)
