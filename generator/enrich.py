"""Stage 3 — enrich: join validated records with the official code table and each other.

Every code must exist in the table and its name must match what the YAML
says; faults stop the build with the record's file and line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations

from . import records as r
from .directory import (
    AgreementEntry,
    CaseEntry,
    Citation,
    Directory,
    FacilityEntry,
    IntegratedEntry,
    MunicipalityProfile,
    PrefectureEntry,
    PrefectureProfile,
    ServicePoint,
    SimilarCase,
    Total,
    is_national_office,
)
from .editions import TRANSLATED
from .gazetteer import Place, local_government, places, prefecture_place
from .validate import Dataset, Located
from .words import catalogue, words

SIMILAR_CASES = 3


def lookup(located: Located, code: str, field: str, name: str | None = None) -> Place:
    place = places().get(code)
    if place is None:
        raise located.error(field, f"全国地方公共団体コードが見つかりません（値: {code}）")
    if name is not None and name.replace(" ", "") != place.name:
        raise located.error("name", f"名前がコード {code} の団体（{place.full_name}）と一致しません（値: {name}）")
    return place


def _operators_known(located: Located, place: Place) -> Place:
    """Each operator is a national office or a local government of the facility's prefecture."""
    for index, name in enumerate(located.record.operators):
        if not is_national_office(name) and local_government(name, place.prefecture_code) is None:
            raise located.document.error(
                located.location + ("operators", index),
                f"{place.prefecture}の地方公共団体にも、ハローワーク・労働局の名前にも当たりません（値: {name}）",
            )
    return place


def citations(sources: r.SourcesFile) -> dict[str, Citation]:
    """Every citable id (validated as unique): each document, and each of its slides."""
    found: dict[str, Citation] = {}
    for document in sources.documents:
        found[document.id] = Citation(document.id, document.title, document.as_of, document)
        for slide in document.slides:
            found[slide.id] = Citation(slide.id, slide.title, slide.as_of, document, slide)
    return found


def terms(group: list[r.Term]) -> dict[str, r.Term]:
    return {t.id: t for t in group}


def enrich(data: Dataset, built_on: dt.date) -> Directory:
    slides = citations(data.sources)
    vocabularies = data.vocabularies
    integrated_regions = terms(vocabularies.integrated_regions)
    agreements = tuple(
        AgreementEntry(
            place=lookup(a, a.record.code, "code", a.record.name),
            concluded_on=a.record.concluded_on,
            cumulative_no=a.record.cumulative_no,
            seed_spelling=a.record.seed_spelling,
            note=a.record.note,
            source=slides[a.record.source or data.agreements_file.source],
            **_dates(a.record, data.agreements_file),
        )
        for a in data.agreements
    )
    integrated = tuple(
        IntegratedEntry(
            place=lookup(e, e.record.code, "code", e.record.name),
            region=integrated_regions[e.record.region],
            seed_spelling=e.record.seed_spelling,
            note=e.record.note,
            source=slides[e.record.source or data.integrated_file.source],
            **_dates(e.record, data.integrated_file),
        )
        for e in data.integrated
    )
    kinds = terms(vocabularies.facility_kinds)
    facilities = tuple(
        FacilityEntry(
            f.record,
            _operators_known(f, lookup(f, f.record.code, "code")),
            slides[f.record.source],
            kinds[f.record.kind],
        )
        for f in data.facilities
    )
    prefectures, national = _prefectures(data)
    regions = {p.place.prefecture_code: p.region for p in prefectures}
    cases = _cases(data, slides, facilities, regions)
    agreements = tuple(sorted(agreements, key=lambda a: a.place.code))
    integrated = tuple(sorted(integrated, key=lambda e: e.place.code))
    facilities = tuple(sorted(facilities, key=lambda f: (f.place.code, f.record.id)))
    service_points = _service_points(facilities, integrated)
    municipalities = _profiles(agreements, integrated, facilities, cases)
    return Directory(
        built_on=built_on,
        documents=tuple(data.sources.documents),
        slides=slides,
        vocabularies=vocabularies,
        regions=tuple(vocabularies.regions),
        integrated_regions=tuple(vocabularies.integrated_regions),
        months=tuple(data.prefectures.months),
        ratio_source=slides[data.prefectures.source],
        ratio_as_of=data.prefectures.as_of,
        national_ratios=national,
        national_figures=tuple(data.national.figures),
        programmes=tuple(sorted((p.record for p in data.programmes), key=lambda p: (p.order, p.id))),
        prefectures=prefectures,
        agreements=agreements,
        integrated=integrated,
        facilities=facilities,
        cases=cases,
        service_points=service_points,
        links=tuple(link.record for link in data.links),
        municipalities=municipalities,
        prefecture_profiles=_prefecture_profiles(
            prefectures, agreements, integrated, facilities, service_points, cases
        ),
        totals=_totals(data, agreements, integrated),
    )


def _totals(
    data: Dataset, agreements: tuple[AgreementEntry, ...], integrated: tuple[IntegratedEntry, ...]
) -> dict[tuple[str, str], Total]:
    """Each printed figure that counts a list, next to the records of that list."""
    lists = {"agreements": (agreements, data.agreements), "integrated_entities": (integrated, data.integrated)}
    totals = {}
    for located in data.programmes:
        for index, figure in enumerate(located.record.figures):
            if figure.counts is None:
                continue
            name, _, kind = figure.counts.partition(".")
            entries, records = lists[name]
            listed = sum(1 for e in entries if _of_kind(e.place.kind, kind))
            document = located.document
            totals[(located.record.id, figure.label)] = Total(
                programme_id=located.record.id,
                label=figure.label,
                counts=figure.counts,
                printed=figure.value,
                unit=figure.unit,
                as_of=figure.as_of or located.record.as_of,
                listed=listed,
                figure_at=f"{document.path}:{document.line_of(('figures', index, 'value'))}",
                list_file=records[0].document.path if records else name,
            )
    return totals


def _of_kind(place_kind: str, wanted: str) -> bool:
    """'' = every entry; 'municipality' = every entry but prefectures."""
    if wanted == "municipality":
        return place_kind != "prefecture"
    return wanted in ("", place_kind)


def _dates(record: r.Agreement | r.IntegratedEntity, file: r.Sourced) -> dict:
    """A list entry's as-of and check date: its own, else the file's (a file-wide
    check does not cover an entry with facts of its own date)."""
    if record.as_of is not None:
        return {"as_of": record.as_of, "checked_on": record.checked_on}
    return {"as_of": file.as_of, "checked_on": record.checked_on or file.checked_on}


def _prefectures(data: Dataset) -> tuple[tuple[PrefectureEntry, ...], dict[str, float]]:
    regions = terms(data.vocabularies.regions)
    entries = []
    national: dict[str, float] = {}
    for located in data.prefecture_records:
        record = located.record
        if record.code == "00":
            national = dict(record.job_offer_ratios)
            continue
        place = prefecture_place(record.code)
        if place is None:
            raise located.error("code", f"都道府県コードが見つかりません（値: {record.code}）")
        if place.name != record.name:
            raise located.error(
                "name", f"名前が都道府県コード {record.code}（{place.name}）と一致しません（値: {record.name}）"
            )
        if record.region is None:
            raise located.error("region", "都道府県には地方区分（region）が必要です")
        entries.append(PrefectureEntry(place, regions[record.region], dict(record.job_offer_ratios)))
    if not national:
        raise data.prefecture_records[0].document.error(("records",), '全国（code: "00"）の行がありません')
    return tuple(sorted(entries, key=lambda p: p.place.code)), national


def _cases(
    data: Dataset, slides: dict[str, Citation], facilities: tuple[FacilityEntry, ...], regions: dict[str, r.Term]
) -> tuple[CaseEntry, ...]:
    by_id = {f.record.id: f for f in facilities}
    challenges, targets = terms(data.vocabularies.challenges), terms(data.vocabularies.target_groups)
    programmes = {p.record.id: p.record for p in data.programmes}
    entries = []
    for located in data.case_studies:
        record = located.record
        prefecture = prefecture_place(record.prefecture_code)  # validate.py checked the codes and their places
        case_places = [places()[code] for code in record.municipality_codes]
        entries.append(
            CaseEntry(
                record=record,
                prefecture=prefecture,
                places=tuple(case_places),
                facilities=tuple(by_id[i] for i in record.facility_ids),
                source=slides[record.source],
                region=regions.get(record.prefecture_code),
                programmes=tuple(programmes[i] for i in record.programmes),
                challenges=tuple(challenges[i] for i in record.challenges),
                target_groups=tuple(targets[i] for i in record.target_groups),
            )
        )
    entries.sort(key=lambda c: (c.record.prefecture_code, c.record.id))
    return _with_similar(entries, _facet_labels(data))


# The facets the case index filters on (prefecture aside: it would count the same
# place twice with its region), in the order shared facets are shown.
FACET_KINDS = ("programme", "region", "challenge", "target")


def facets(case: CaseEntry) -> set[tuple[str, str]]:
    """(kind, id) pairs of one case; similar cases share the most of them."""
    found = {("programme", p) for p in case.record.programmes}
    found |= {("challenge", c) for c in case.record.challenges}
    found |= {("target", t) for t in case.record.target_groups}
    if case.region:
        found.add(("region", case.region.id))
    return found


def _facet_labels(data: Dataset) -> dict[tuple[str, str], str]:
    labels = {("programme", p.record.id): p.record.name for p in data.programmes}
    labels |= {("region", t.id): t.label for t in data.vocabularies.regions}
    labels |= {("challenge", t.id): t.label for t in data.vocabularies.challenges}
    labels |= {("target", t.id): t.label for t in data.vocabularies.target_groups}
    return labels


def _with_similar(entries: list[CaseEntry], labels: dict[tuple[str, str], str]) -> tuple[CaseEntry, ...]:
    """Rank other cases by the number of facets they share (ties by id)."""
    case_facets = {c.record.id: facets(c) for c in entries}
    shared: dict[str, list[tuple[int, str, tuple[str, ...]]]] = defaultdict(list)
    for a, b in combinations(entries, 2):
        common = sorted(
            case_facets[a.record.id] & case_facets[b.record.id], key=lambda f: (FACET_KINDS.index(f[0]), f[1])
        )
        if common:
            shown = tuple(labels[facet] for facet in common)
            shared[a.record.id].append((len(common), b.record.id, shown))
            shared[b.record.id].append((len(common), a.record.id, shown))
    titles = {c.record.id: c.record.title for c in entries}
    result = []
    for case in entries:
        ranked = sorted(shared[case.record.id], key=lambda item: (-item[0], item[1]))[:SIMILAR_CASES]
        similar = tuple(SimilarCase(case_id, titles[case_id], shown) for _, case_id, shown in ranked)
        result.append(CaseEntry(**{**case.__dict__, "similar": similar}))
    return tuple(result)


# The kind of an integrated entity's counter, beside the facility kinds of vocabularies.yaml.
COUNTER_KIND = "integrated-counter"


def _service_points(
    facilities: tuple[FacilityEntry, ...], integrated: tuple[IntegratedEntry, ...]
) -> tuple[ServicePoint, ...]:
    """Named facilities, plus one counter for each municipal integrated entity without one."""
    points = [
        ServicePoint(
            id=f.record.id,
            name=f.record.name,
            kind=f.kind,
            place=f.place,
            services=tuple(f.record.services),
            precision=f.record.location_precision,
            source=f.source,
            facility=f.record,
            note=f.record.note,
        )
        for f in facilities
    ]
    named = {f.place.code for f in facilities if f.record.kind == "integrated-facility"}
    counter = r.Term(
        id=COUNTER_KIND,
        label=words("enrich.counter_kind"),
        **{edition.id: catalogue(edition.id)("enrich.counter_kind") for edition in TRANSLATED},
    )
    services = (words("enrich.counter_service_national"), words("enrich.counter_service_local"))
    for entry in integrated:
        if entry.place.kind == "prefecture" or entry.place.code in named:
            continue
        points.append(
            ServicePoint(
                id=f"integrated-{entry.place.code}",
                name=words("enrich.counter_name", name=entry.place.name),
                kind=counter,
                place=entry.place,
                services=services,
                precision="municipality",
                source=entry.source,
                note=words("enrich.counter_note"),
            )
        )
    return tuple(sorted(points, key=lambda p: (p.place.code, p.id)))


def _profiles(
    agreements: tuple[AgreementEntry, ...],
    integrated: tuple[IntegratedEntry, ...],
    facilities: tuple[FacilityEntry, ...],
    cases: tuple[CaseEntry, ...],
) -> dict[str, MunicipalityProfile]:
    """One profile for every municipality (not prefecture) that appears in any record."""
    parts: dict[str, dict] = defaultdict(lambda: {"facilities": [], "cases": []})
    for entry in agreements:
        if entry.place.kind != "prefecture":
            parts[entry.place.code].update(place=entry.place, agreement=entry)
    for entry in integrated:
        if entry.place.kind != "prefecture":
            parts[entry.place.code].update(place=entry.place, integrated=entry)
    for entry in facilities:
        parts[entry.place.code]["place"] = entry.place
        parts[entry.place.code]["facilities"].append(entry)
    for case in cases:
        for place in case.places:
            parts[place.code]["place"] = place
            parts[place.code]["cases"].append(case)
    return {
        code: MunicipalityProfile(
            place=value["place"],
            agreement=value.get("agreement"),
            integrated=value.get("integrated"),
            facilities=tuple(value["facilities"]),
            cases=tuple(value["cases"]),
        )
        for code, value in sorted(parts.items())
    }


def _prefecture_profiles(
    prefectures: tuple[PrefectureEntry, ...],
    agreements: tuple[AgreementEntry, ...],
    integrated: tuple[IntegratedEntry, ...],
    facilities: tuple[FacilityEntry, ...],
    service_points: tuple[ServicePoint, ...],
    cases: tuple[CaseEntry, ...],
) -> dict[str, PrefectureProfile]:
    """One profile for each prefecture: its own entries and those of its municipalities, in list order."""
    parts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name, entries in (("agreements", agreements), ("integrated", integrated), ("facilities", facilities)):
        for entry in entries:
            parts[entry.place.prefecture_code][name].append(entry)
    for point in service_points:
        parts[point.place.prefecture_code]["service_points"].append(point)
    for case in cases:
        parts[case.record.prefecture_code]["cases"].append(case)
    return {
        p.place.prefecture_code: PrefectureProfile(
            p, **{name: tuple(entries) for name, entries in parts[p.place.prefecture_code].items()}
        )
        for p in prefectures
    }
