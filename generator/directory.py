"""The enriched directory: what the render stage reads.

Records from data/ joined with the official code table and with each other
(municipality and prefecture → agreements, facilities, cases …), vocabulary ids
resolved to their terms. Built by enrich.py only: entries hold what they refer
to, so render never looks an id up again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import records as r
from .gazetteer import Place
from .words import words


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
    region: r.Term  # a block of vocabularies.yaml integrated_regions
    seed_spelling: str | None
    note: str | None
    source: Citation
    as_of: dt.date
    checked_on: dt.date | None = None


def is_national_office(name: str) -> bool:
    """Operators named in the deck are local governments, or national offices like these."""
    return name.startswith("ハローワーク") or is_labour_bureau(name)  # parses names: not site words


def is_labour_bureau(name: str) -> bool:
    return name.endswith("労働局")  # parses names: not site words


@dataclass(frozen=True)
class FacilityEntry:
    record: r.Facility
    place: Place
    source: Citation
    kind: r.Term  # the record's kind with its label


@dataclass(frozen=True)
class ServicePoint:
    """A place a citizen can go: a named facility, or an entity's integrated counter.

    Integrated-implementation entities have a counter in their municipality, but the
    deck gives neither its name nor its address: such points say so (`facility` None).
    """

    id: str
    name: str
    kind: r.Term  # a facility kind, or the integrated counter's
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
    region: r.Term | None  # None when the prefecture has no region
    programmes: tuple[r.Programme, ...] = ()
    challenges: tuple[r.Term, ...] = ()
    target_groups: tuple[r.Term, ...] = ()
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
        return words("directory.case_title_with_place", place=self.place_name, title=self.record.title)


@dataclass(frozen=True)
class PrefectureEntry:
    place: Place
    region: r.Term
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
        return (  # a build warning for maintainers: not site words
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
    cases: tuple[CaseEntry, ...] = ()


@dataclass(frozen=True)
class PrefectureProfile:
    """Everything the directory lists in one prefecture: the prefecture's own entries and its municipalities'."""

    prefecture: PrefectureEntry
    agreements: tuple[AgreementEntry, ...] = ()  # in code order: the prefecture's own first
    integrated: tuple[IntegratedEntry, ...] = ()  # likewise
    facilities: tuple[FacilityEntry, ...] = ()
    service_points: tuple[ServicePoint, ...] = ()
    cases: tuple[CaseEntry, ...] = ()

    @property
    def place(self) -> Place:
        return self.prefecture.place

    @property
    def agreement(self) -> AgreementEntry | None:
        """The prefecture's own agreement."""
        return next((a for a in self.agreements if a.place.kind == "prefecture"), None)

    @property
    def integrated_entry(self) -> IntegratedEntry | None:
        """The prefecture's own integrated implementation."""
        return next((e for e in self.integrated if e.place.kind == "prefecture"), None)

    @property
    def municipal_agreements(self) -> tuple[AgreementEntry, ...]:
        return tuple(a for a in self.agreements if a.place.kind != "prefecture")


@dataclass(frozen=True)
class Directory:
    built_on: dt.date
    documents: tuple[r.SourceDocument, ...]
    slides: dict[str, Citation]  # every citable id: documents and their slides
    vocabularies: r.VocabulariesFile
    regions: tuple[r.Term, ...]  # the eight regions in display order
    integrated_regions: tuple[r.Term, ...]  # the deck's blocks in display order
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
    prefecture_profiles: dict[str, PrefectureProfile] = field(default_factory=dict)  # by prefecture code
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
        return self.prefecture_profiles[prefecture_code].prefecture
