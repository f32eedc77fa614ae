"""The enriched directory: what the render stage reads.

Records from data/ joined with the official code table and with each other
(municipality → programmes, facilities, cases). Built by enrich.py only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import records as r
from .gazetteer import Place


@dataclass(frozen=True)
class AgreementEntry:
    place: Place
    concluded_on: dt.date | None
    cumulative_no: int | None
    seed_spelling: str | None
    note: str | None
    source: r.Slide
    as_of: dt.date


@dataclass(frozen=True)
class IntegratedEntry:
    place: Place
    region: str
    seed_spelling: str | None
    note: str | None
    source: r.Slide
    as_of: dt.date


@dataclass(frozen=True)
class FacilityEntry:
    record: r.Facility
    place: Place
    source: r.Slide


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
    source: r.Slide
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
    source: r.Slide
    region: str
    similar: tuple[SimilarCase, ...] = ()


@dataclass(frozen=True)
class PrefectureEntry:
    place: Place
    region: str
    job_offer_ratios: dict[str, float]


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
    deck: r.Deck
    slides: dict[str, r.Slide]
    vocabularies: r.VocabulariesFile
    months: tuple[str, ...]
    ratio_source: r.Slide
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

    def programme(self, programme_id: str) -> r.Programme:
        return next(p for p in self.programmes if p.id == programme_id)

    def case(self, case_id: str) -> CaseEntry:
        return next(c for c in self.cases if c.record.id == case_id)

    def prefecture(self, prefecture_code: str) -> PrefectureEntry:
        return next(p for p in self.prefectures if p.place.prefecture_code == prefecture_code)

    def term(self, group: str, term_id: str) -> str:
        return next(t.label for t in getattr(self.vocabularies, group) if t.id == term_id)
