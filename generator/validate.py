"""Stage 2 — validate: turn loaded documents into typed records, or stop with every fault found.

Checks the schema of each file (records.py) and the rules that span records:
unique ids and codes, references to source documents and their slides, programmes, vocabularies and
facilities, check digits, as-of dates that are not in the future, translated fields (translated.py),
and what a maintainer copying the case template may leave: its examples, an id other than the file
name, a place whose codes disagree. Each check adds to `Problems` and goes on, so one run
(`make check`, the build) reports every fault, in file and line order (errors.DataErrors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar, get_args

from pydantic import BaseModel

from . import case_rules
from . import records as r
from .cited import check_cited, check_slide_dates, cited_items
from .codes import check_digit_ok
from .errors import DataError
from .load import Document, Path_, RawData
from .problems import Problems
from .translated import check_translations

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located(Generic[T]):
    """A record and where it was written, so later stages can report faults."""

    record: T
    document: Document
    location: Path_

    def error(self, field: str | None, message: str) -> DataError:
        location = self.location + ((field,) if field else ())
        return self.document.error(location, message)


@dataclass(frozen=True)
class Dataset:
    sources: r.SourcesFile
    vocabularies: r.VocabulariesFile
    agreements: list[Located[r.Agreement]]
    agreements_file: r.AgreementsFile
    integrated: list[Located[r.IntegratedEntity]]
    integrated_file: r.IntegratedEntitiesFile
    prefectures: r.PrefecturesFile
    prefecture_records: list[Located[r.PrefectureRatios]]
    national: r.NationalStatsFile
    facilities: list[Located[r.Facility]]
    links: list[Located[r.Link]]
    programmes: list[Located[r.Programme]]
    case_studies: list[Located[r.CaseStudy]]


def validate(raw: RawData, today: dt.date) -> Dataset:
    """The typed records, or a DataErrors listing every fault found in data/."""
    problems = Problems()
    sources = problems.parse(r.SourcesFile, raw.sources)
    vocabularies = problems.parse(r.VocabulariesFile, raw.vocabularies)
    agreements_file = problems.parse(r.AgreementsFile, raw.agreements)
    integrated_file = problems.parse(r.IntegratedEntitiesFile, raw.integrated_entities)
    prefectures = problems.parse(r.PrefecturesFile, raw.prefectures)
    national = problems.parse(r.NationalStatsFile, raw.national)
    facilities_file = problems.parse(r.FacilitiesFile, raw.facilities)
    links_file = problems.parse(r.LinksFile, raw.links)
    programmes = _parsed_files(problems, r.Programme, raw.programmes)
    case_studies = [
        Located(record, document, ())
        for document in raw.case_studies
        if (record := problems.parse_case(document, raw.case_template)) is not None
    ]
    for document in raw.case_studies:  # programmes: load.py refuses theirs at once
        case_rules.check_file_name(problems, document)
    template = case_rules.template_values(raw.case_template)
    for document in raw.case_studies:
        case_rules.check_template_leftovers(problems, document, template)
    if None in (sources, vocabularies, agreements_file, integrated_file, prefectures, national, facilities_file):
        problems.stop()  # the checks across files need every shared file
    agreements = _located(agreements_file.records, raw.agreements)
    integrated = _located(integrated_file.records, raw.integrated_entities)
    prefecture_records = _located(prefectures.records, raw.prefectures)
    facilities = _located(facilities_file.records, raw.facilities)
    links = _located(links_file.records, raw.links) if links_file else []

    source_ids = _check_documents(problems, raw.sources, sources, today)
    for group in ("challenges", "target_groups", "partner_types", "metrics", *r.LABELLED_LITERALS):
        _unique_ids(problems, raw.vocabularies, (group,), (t.id for t in getattr(vocabularies, group)), "id")
    _check_labelled(problems, raw.vocabularies, vocabularies)

    for located, field in _coded(agreements, integrated, facilities):
        if not check_digit_ok(getattr(located.record, field)):
            problems.add(
                located.error(
                    field, f"全国地方公共団体コードの検査数字が合いません（値: {getattr(located.record, field)}）"
                )
            )
    for case in case_studies:
        case_rules.check_case_place(problems, case)

    for items, field in (
        (agreements, "code"),
        (integrated, "code"),
        (prefecture_records, "code"),
        (facilities, "id"),
        (links, "id"),
        (programmes, "id"),
        (case_studies, "id"),
    ):
        _unique_records(problems, items, field)
    _unique_ids(problems, raw.national, ("figures",), (f.id for f in national.figures), "id")
    _unique_headlines(problems, programmes)

    files = [(raw.agreements, (), agreements_file), (raw.integrated_entities, (), integrated_file)]
    files.append((raw.prefectures, (), prefectures))
    records = (*facilities, *programmes, *case_studies, *agreements, *integrated)
    # (document, location, record) of every record with a source and a date, the files' defaults first
    sourced = files + [(located.document, located.location, located.record) for located in records]
    _check_sources(problems, raw, sources, source_ids, national, programmes, sourced)
    _check_dates(problems, sources, today, sourced)
    for link in links:
        if link.record.as_of > today:
            problems.add(
                link.error("as_of", f"未来の日付です（値: {link.record.as_of.isoformat()}、今日: {today.isoformat()}）")
            )
    _check_months(problems, prefecture_records, prefectures.months)
    # a programme file with schema faults still names its id: cases citing it get no second, misleading fault
    programme_ids = {p.record.id for p in programmes} | {
        d.data["id"] for d in raw.programmes if isinstance(d.data, dict) and isinstance(d.data.get("id"), str)
    }
    facility_ids = {f.record.id for f in facilities}
    for facility in facilities:
        problems.member(facility, "programme", facility.record.programme, programme_ids, "プログラム")
    for case in case_studies:
        case_rules.check_terms(problems, case, programme_ids, facility_ids, vocabularies)
    for located in (*programmes, *case_studies, *facilities, *links):
        with problems.each():
            check_translations(located.document, located.record, today, located.location)
    problems.stop()

    return Dataset(
        sources=sources,
        vocabularies=vocabularies,
        agreements=agreements,
        agreements_file=agreements_file,
        integrated=integrated,
        integrated_file=integrated_file,
        prefectures=prefectures,
        prefecture_records=prefecture_records,
        national=national,
        facilities=facilities,
        links=links,
        programmes=programmes,
        case_studies=case_studies,
    )


def _parsed_files(problems: Problems, model: type[M], documents: list[Document]) -> list[Located[M]]:
    """One record per file; a file with schema faults is left out of the checks across records."""
    parsed = ((problems.parse(model, document), document) for document in documents)
    return [Located(record, document, ()) for record, document in parsed if record is not None]


def _located(items: list[T], document: Document) -> list[Located[T]]:
    return [Located(item, document, ("records", index)) for index, item in enumerate(items)]


def _coded(agreements, integrated, facilities):
    for located in (*agreements, *integrated, *facilities):
        yield located, "code"


def _unique_ids(problems: Problems, document: Document, location: Path_, ids: Iterable[str], field: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            problems.add(document.error(location + (index, field), f"id が重複しています（値: {value}）"))
        seen.add(value)


def _unique_headlines(problems: Problems, programmes: list[Located]) -> None:
    """Each place among the home page's headline figures is taken once."""
    seen: dict[int, str] = {}
    for located in programmes:
        for index, figure in ((i, f) for i, f in enumerate(located.record.figures) if f.headline):
            if figure.headline in seen:
                message = f"headline の順番 {figure.headline} は {seen[figure.headline]} と重複しています"
                problems.add(located.document.error(located.location + ("figures", index, "headline"), message))
            seen[figure.headline] = f"{located.document.path}（{figure.label}）"


def _check_labelled(problems: Problems, document: Document, vocabularies: r.VocabulariesFile) -> None:
    """Every id the generator knows (records.py's Literals) has a label, and only those."""
    for group, literal in r.LABELLED_LITERALS.items():
        known, labelled = set(get_args(literal)), {t.id for t in getattr(vocabularies, group)}
        if known != labelled:
            problems.add(
                document.error(
                    (group,),
                    f"id は {', '.join(get_args(literal))} のそれぞれに1つずつ必要です"
                    f"（足りない: {', '.join(sorted(known - labelled)) or 'なし'}、"
                    f"知らない: {', '.join(sorted(labelled - known)) or 'なし'}）",
                )
            )


def _unique_records(problems: Problems, items: list[Located], field: str) -> None:
    seen: dict[str, Located] = {}
    for located in items:
        value = getattr(located.record, field)
        if value in seen:
            first = seen[value]
            problems.add(
                located.error(
                    field,
                    f"{field} が重複しています（値: {value}、最初は {first.document.path}:{first.document.line_of(first.location)}）",
                )
            )
            continue
        seen[value] = located


def _check_documents(problems: Problems, document: Document, sources: r.SourcesFile, today: dt.date) -> set[str]:
    """Ids of documents and of their slides share one name space: a record cites either."""
    seen: set[str] = set()
    for index, source in enumerate(sources.documents):
        located = ("documents", index)
        for field in ("published_on", "as_of"):
            _not_future(problems, document, located + (field,), getattr(source, field), today)
        entries = [(located, source.id)] + [(located + ("slides", i), s.id) for i, s in enumerate(source.slides)]
        with problems.each():
            check_translations(document, source, today, located)  # its slides' too
        for i, slide in enumerate(source.slides):
            _not_future(problems, document, located + ("slides", i, "as_of"), slide.as_of, today)
        for location, value in entries:
            if value in seen:
                problems.add(
                    document.error(
                        location + ("id",), f"id が重複しています（資料とスライドで共通の id です。値: {value}）"
                    )
                )
            seen.add(value)
    return seen


def _not_future(problems: Problems, document: Document, location: Path_, value: dt.date | None, today: dt.date) -> None:
    if value is not None and value > today:
        problems.add(
            document.error(
                location,
                f"未来の日付です（値: {value.isoformat()}、今日: {today.isoformat()}）。ビルドの日以前の日付にしてください",
            )
        )


def _check_sources(problems: Problems, raw, sources: r.SourcesFile, source_ids, national, programmes, sourced) -> None:
    for document, location, record in sourced:
        if record.source is not None and record.source not in source_ids:
            problems.add(
                document.error(
                    location + ("source",),
                    f"出典が data/sources.yaml の資料・スライドにありません（値: {record.source}）。"
                    "新しい資料なら先に sources.yaml の documents に追加してください",
                )
            )
    for index, figure in enumerate(national.figures):
        with problems.each():
            check_cited(raw.national, ("figures", index), figure, source_ids, sources)
    for programme in programmes:
        for location, item in cited_items(programme.record):
            with problems.each():
                check_cited(programme.document, location, item, source_ids, sources)


def _check_dates(problems: Problems, sources: r.SourcesFile, today: dt.date, sourced) -> None:
    for document, location, record in sourced:
        for field in ("as_of", "checked_on", "concluded_on"):
            _not_future(problems, document, location + (field,), getattr(record, field, None), today)
        # a check confirms facts that already held: it cannot precede their date
        if record.checked_on is not None and record.as_of is not None and record.checked_on < record.as_of:
            problems.add(
                document.error(
                    location + ("checked_on",),
                    f"確認日が時点（as_of: {record.as_of.isoformat()}）より前です（値: {record.checked_on.isoformat()}）",
                )
            )
    with problems.each():
        check_slide_dates(sources, sourced)


def _check_months(problems: Problems, prefecture_records: list[Located[r.PrefectureRatios]], months: list[str]) -> None:
    for located in prefecture_records:
        if sorted(located.record.job_offer_ratios) != sorted(months):
            problems.add(
                located.error("job_offer_ratios", f"months に挙げた月（{', '.join(months)}）の値がそろっていません")
            )
        for month, ratio in located.record.job_offer_ratios.items():
            if not 0 < ratio < 20:
                problems.add(
                    located.document.error(
                        located.location + ("job_offer_ratios", month), f"倍率がありえない値です（値: {ratio}）"
                    )
                )
