"""When each record, and so each page, last changed: dates from the records only.

A record's date is the latest of its as-of, its `checked_on` and (agreements)
its `concluded_on`; a page's is the latest date of the records it shows. The
feed and the sitemap's lastmod read these, so one commit always gives the same
dates, and a page whose records did not change keeps its date.
"""

from __future__ import annotations

import datetime as dt

from . import records as r
from . import urls
from .directory import AgreementEntry, CaseEntry, Directory, FacilityEntry, IntegratedEntry


def latest(*dates: dt.date | None) -> dt.date:
    return max(d for d in dates if d is not None)


def agreement_date(entry: AgreementEntry) -> dt.date:
    return latest(entry.as_of, entry.checked_on, entry.concluded_on)


def integrated_date(entry: IntegratedEntry) -> dt.date:
    return latest(entry.as_of, entry.checked_on)


def facility_date(entry: FacilityEntry) -> dt.date:
    return latest(entry.record.as_of, entry.record.checked_on)


def case_date(entry: CaseEntry) -> dt.date:
    return latest(entry.record.as_of, entry.record.checked_on, *(facility_date(f) for f in entry.facilities))


def figure_date(programme: r.Programme, figure: r.Figure) -> dt.date:
    return latest(figure.as_of or programme.as_of, programme.checked_on)


def programme_date(programme: r.Programme) -> dt.date:
    return latest(programme.as_of, programme.checked_on, *(figure_date(programme, f) for f in programme.figures))


def page_dates(directory: Directory) -> dict[str, dt.date]:
    """Docs path → the latest date of the records shown on that generated page."""
    agreements = {a.place.code: agreement_date(a) for a in directory.agreements}
    integrated = {e.place.code: integrated_date(e) for e in directory.integrated}
    cases = {c.record.id: case_date(c) for c in directory.cases}
    programmes = {p.id: programme_date(p) for p in directory.programmes}
    national = latest(directory.ratio_as_of, *(f.as_of for f in directory.national_figures))
    facilities = [(f, facility_date(f)) for f in directory.facilities]

    dates = {urls.case(case_id): date for case_id, date in cases.items()}
    for code, profile in directory.municipalities.items():
        dates[urls.municipality(code)] = latest(
            agreements.get(code),
            integrated.get(code),
            *(facility_date(f) for f in profile.facilities),
            *(cases[c.record.id] for c in profile.cases),
        )
    for code, prefecture in directory.prefecture_profiles.items():
        dates[urls.prefecture(code)] = latest(
            directory.ratio_as_of,
            programmes["agreement"],
            *(agreements[a.place.code] for a in prefecture.agreements),
            *(integrated[e.place.code] for e in prefecture.integrated),
            *(facility_date(f) for f in prefecture.facilities),
            *(cases[c.record.id] for c in prefecture.cases),
        )
    lists = {"agreement": agreements.values(), "integrated": integrated.values()}
    for programme in directory.programmes:
        dates[urls.programme(programme.id)] = latest(
            programmes[programme.id],
            *lists.get(programme.id, ()),
            *(d for f, d in facilities if f.record.programme == programme.id),
            *(cases[c.record.id] for c in directory.cases if programme.id in c.record.programmes),
        )
    everything = latest(
        national,
        *agreements.values(),
        *integrated.values(),
        *cases.values(),
        *programmes.values(),
        *(d for _, d in facilities),
    )
    dates.update(
        {
            urls.HOME: everything,
            urls.DATA: everything,
            urls.PREFECTURE_INDEX: latest(
                directory.ratio_as_of,
                *agreements.values(),
                *integrated.values(),
                *(d for _, d in facilities),
                *cases.values(),
            ),
            urls.PROGRAMME_INDEX: latest(*programmes.values()),
            urls.CASE_INDEX: latest(*cases.values()),
            urls.CASE_COMPARISON: latest(*cases.values()),
            urls.STATS: latest(national, *programmes.values()),
            urls.FINDER: latest(*integrated.values(), *(d for _, d in facilities)),
        }
    )
    return dates
