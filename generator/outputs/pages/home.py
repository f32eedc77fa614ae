"""The home page: the finder form, entry points, headline figures, newest agreements."""

from __future__ import annotations

from ... import urls
from ...directory import Directory
from ...formats import both_dates
from .templating import render_template

NEWEST_AGREEMENTS = 10


def home(directory: Directory) -> str:
    dated = sorted(
        (a for a in directory.agreements if a.concluded_on), key=lambda a: (a.concluded_on, a.place.code), reverse=True
    )
    agreement = directory.programme("agreement")
    headlines = [
        _headline(directory, programme_id, figure)
        for programme_id, figure_labels in HEADLINE_FIGURES
        for figure in _figures(directory, programme_id, figure_labels)
    ]
    return render_template(
        "home.md.j2",
        page=urls.HOME,
        cases=directory.cases,
        headlines=headlines,
        newest_agreements=dated[:NEWEST_AGREEMENTS],
        agreement_slide=directory.slides[agreement.source],
        programmes=directory.programmes,
    )


# (programme id, figure labels) shown as headline numbers on the home page


HEADLINE_FIGURES = (
    ("agreement", ("雇用対策協定の締結団体数",)),
    ("integrated", ("実施拠点数", "実施地方公共団体数")),
    ("furusato", ("設置箇所数",)),
    ("local-hellowork", ("設置事業所数",)),
)


def _figures(directory: Directory, programme_id: str, labels: tuple[str, ...]):
    programme = directory.programme(programme_id)
    for label in labels:
        figure = next((f for f in programme.figures if f.label == label), None)
        if figure is not None:
            yield figure


def _headline(directory: Directory, programme_id: str, figure) -> dict:
    slide = directory.slides[figure.source]
    when = both_dates(figure.as_of) if figure.as_of else (figure.period or both_dates(slide.as_of))
    total = directory.total(programme_id, figure.label)
    return {
        "value": figure.value,
        "unit": figure.unit,
        "label": figure.label,
        "when": when,
        "slide": slide,
        "listed": None if total is None or total.agrees else total.listed,
    }
