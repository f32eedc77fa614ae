"""Every figure each case reports, one row each: the comparison page, its CSV and its workbook sheet.

A figure's measure is its `metric` (vocabularies.yaml), or 「その他の成果」 when it has
none, so no reported figure is left out. Rows come in the vocabulary's order of
measures, then in the order of the cases and of their figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..directory import CaseEntry, Citation, Directory
from ..gazetteer import Place
from ..words import words

OTHER = "other"  # the measure of a figure without a metric


@dataclass(frozen=True)
class Measure:
    id: str
    label: str


@dataclass(frozen=True)
class CaseFigure:
    case: CaseEntry
    measure: Measure
    label: str
    value: float | int
    target: float | int | None
    unit: str
    period: str | None
    on: dt.date | None  # the figure's own date (an event's day), when it has one
    note: str | None
    source: Citation

    @property
    def places(self) -> tuple[Place, ...]:
        """Where the case is: its municipalities, or its prefecture for a prefecture-wide case."""
        return self.case.places or (self.case.prefecture,)


def measures(directory: Directory) -> list[Measure]:
    """The measures some case reports, in the vocabulary's order, 「その他の成果」 last."""
    used = {f.metric or OTHER for c in directory.cases for f in c.record.results}
    listed = [Measure(t.id, t.label) for t in directory.vocabularies.metrics if t.id in used]
    return listed + [Measure(OTHER, words("case_compare.measure_other"))] * (OTHER in used)


def case_figures(directory: Directory) -> list[CaseFigure]:
    order = {m.id: (index, m) for index, m in enumerate(measures(directory))}
    rows = [
        CaseFigure(
            case=case,
            measure=order[f.metric or OTHER][1],
            label=f.label,
            value=f.value,
            target=f.target,
            unit=f.unit,
            period=f.period,
            on=f.as_of,
            note=f.note,
            source=case.source,
        )
        for case in directory.cases
        for f in case.record.results
    ]
    return sorted(rows, key=lambda row: order[row.measure.id][0])  # stable: cases and figures keep their order


def cases_without_figures(directory: Directory) -> list[CaseEntry]:
    return [c for c in directory.cases if not c.record.results]
