"""The enriched directory: what the render stage reads.

Records from data/ joined with the official code table and with each other
(municipality → programmes, facilities, cases). Built by enrich.py only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import get_args

from . import records as r
from .gazetteer import Place

REGIONS: tuple[str, ...] = get_args(r.Region)  # display order of the eight regions


@dataclass(frozen=True)
class Citation:
    """What a record cites: a slide (or page) of a document, or a whole document.

    `title` and `as_of` are the slide's when there is one, else the document's.
    """

    id: str
    title: str
    as_of: dt.date
    document: r.SourceDocument
    slide: r.Slide | None = None


@dataclass(frozen=True)
class AgreementEntry:
    place: Place
    concluded_on: dt.date | None
    cumulative_no: int | None
    seed_spelling: str | None
    note: str | None
    source: Citation
    as_of: dt.date
    checked_on: dt.date | None = None


@dataclass(frozen=True)
class IntegratedEntry:
    place: Place
    region: str
    seed_spelling: str | None
    note: str | None
    source: Citation
    as_of: dt.date
    checked_on: dt.date | None = None


def is_national_office(name: str) -> bool:
    """Operators named in the deck are local governments, or national offices like these."""
    return name.startswith("ハローワーク") or name.endswith("労働局")


@dataclass(frozen=True)
class FacilityEntry:
    record: r.Facility
    place: Place
    source: Citation


@dataclass(frozen=True)
class ServicePoint:
    """A place a citizen can go: a named facility, or an entity's integrated counter.

    Integrated-implementation entities have a counter in their municipality, but the
    deck gives neither its name nor its address: such points say so (`facility` None).
    """

    id: str
    name: str
    kind: str
    place: Place
    services: tuple[str, ...]
    precision: str
    source: Citation
    facility: r.Facility | None = None
    note: str | None = None


@dataclass(frozen=True)
class SimilarCase:
    case_id: str
    title: str
    shared: tuple[str, ...]  # labels of the shared facets


@dataclass(frozen=True)
class CaseEntry:
    record: r.CaseStudy
    prefecture: Place
    places: tuple[Place, ...]
    facilities: tuple[FacilityEntry, ...]
    source: Citation
    region: str
    similar: tuple[SimilarCase, ...] = ()

    @property
    def place_name(self) -> str:
        """熊本県, or 宮城県気仙沼市 when the case belongs to a municipality."""
        return self.places[0].full_name if self.places else self.prefecture.name

    @property
    def title_with_place(self) -> str:
        """The title as a search result or a tab shows it: it says where, unless it already does."""
        names = {self.prefecture.name, *(p.name for p in self.places)}
        if any(name in self.record.title for name in names):
            return self.record.title
        return f"{self.place_name}：{self.record.title}"


@dataclass(frozen=True)
class PrefectureEntry:
    place: Place
    region: str
    job_offer_ratios: dict[str, float]


@dataclass(frozen=True)
class Total:
    """A total the deck prints next to the number of records that list the same things."""

    programme_id: str
    label: str
    counts: str  # what the figure counts (records.Tally)
    printed: float | int
    unit: str
    as_of: dt.date | None
    listed: int
    figure_at: str  # file:line of the printed figure
    list_file: str  # the file that lists the records

    @property
    def agrees(self) -> bool:
        return self.printed == self.listed

    def warning(self) -> str:
        return (
            f"{self.figure_at}: 「{self.label}」は資料の数値 {self.printed}{self.unit} ですが、一覧 {self.list_file} には {self.listed} 件あります"
            f"（両方をページに表示します。資料の新しい数値があれば値・時点・出典を更新してください）"
        )


@dataclass(frozen=True)
class MunicipalityProfile:
    """Everything the directory knows about one municipality."""

    place: Place
    agreement: AgreementEntry | None = None
    integrated: IntegratedEntry | None = None
    facilities: tuple[FacilityEntry, ...] = ()
    case_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Directory:
    built_on: dt.date
    documents: tuple[r.SourceDocument, ...]
    slides: dict[str, Citation]  # every citable id: documents and their slides
    vocabularies: r.VocabulariesFile
    months: tuple[str, ...]
    ratio_source: Citation
    ratio_as_of: dt.date
    national_ratios: dict[str, float]
    national_figures: tuple[r.NationalFigure, ...]
    programmes: tuple[r.Programme, ...]
    prefectures: tuple[PrefectureEntry, ...]
    agreements: tuple[AgreementEntry, ...]
    integrated: tuple[IntegratedEntry, ...]
    facilities: tuple[FacilityEntry, ...]
    cases: tuple[CaseEntry, ...]
    service_points: tuple[ServicePoint, ...]
    links: tuple[r.Link, ...] = ()
    municipalities: dict[str, MunicipalityProfile] = field(default_factory=dict)
    totals: dict[tuple[str, str], Total] = field(default_factory=dict)  # by (programme id, figure label)

    def total(self, programme_id: str, label: str) -> Total | None:
        return self.totals.get((programme_id, label))

    @property
    def warnings(self) -> list[str]:
        return [t.warning() for t in self.totals.values() if not t.agrees]

    def programme(self, programme_id: str) -> r.Programme:
        return next(p for p in self.programmes if p.id == programme_id)

    def case(self, case_id: str) -> CaseEntry:
        return next(c for c in self.cases if c.record.id == case_id)

    def prefecture(self, prefecture_code: str) -> PrefectureEntry:
        return next(p for p in self.prefectures if p.place.prefecture_code == prefecture_code)

    def term(self, group: str, term_id: str) -> str:
        return next(t.label for t in getattr(self.vocabularies, group) if t.id == term_id)
