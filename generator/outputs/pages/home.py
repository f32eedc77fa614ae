"""The home page: the finder form, entry points, headline figures, newest agreements."""

from __future__ import annotations

from ... import urls
from ...directory import Directory
from ...editions import JAPANESE, Edition
from ...formats import both_dates
from .templating import render_template

NEWEST_AGREEMENTS = 10


def home(directory: Directory, edition: Edition = JAPANESE) -> str:
    newest = newest_first(directory.agreements)[:NEWEST_AGREEMENTS]
    headlines = sorted(
        (
            (figure.headline, programme.id, figure)
            for programme in directory.programmes
            for figure in programme.figures
            if figure.headline
        ),
        key=lambda item: item[0],
    )
    return render_template(
        "home.md.j2",
        edition=edition,
        page=urls.HOME,
        cases=directory.cases,
        prefecture_count=len(directory.prefectures),
        headlines=[_headline(directory, programme_id, figure, edition) for _, programme_id, figure in headlines],
        newest_agreements=newest,
        # the dated agreements are read from their own slide, not the programme's
        agreement_sources=list({a.source.id: a.source for a in newest}.values()),
        agreement_count=len(directory.agreements),
        programmes=directory.programmes,
    )


def newest_first(agreements) -> list:
    """Dated agreements, newest first; those of one day by the deck's cumulative number (累計), highest first."""
    return sorted(
        (a for a in agreements if a.concluded_on),
        key=lambda a: (a.concluded_on, a.cumulative_no or 0, a.place.code),
        reverse=True,
    )


def _headline(directory: Directory, programme_id: str, figure, edition: Edition) -> dict:
    slide = directory.slides[figure.source]
    if figure.as_of:
        when = both_dates(figure.as_of, edition.id)
    else:
        when = figure.period or both_dates(slide.as_of, edition.id)
    total = directory.total(programme_id, figure.label)
    return {
        "value": figure.value,
        "unit": figure.unit,
        "label": figure.label,
        "when": when,
        "slide": slide,
        "listed": None if total is None or total.agrees else total.listed,
    }
