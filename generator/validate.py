"""Stage 2 — validate: turn loaded documents into typed records, or stop with a DataError.

Checks the schema of each file (records.py) and the rules that span records:
unique ids and codes, references to source documents and their slides, programmes, vocabularies and
facilities, check digits, as-of dates that are not in the future, and translated fields (translated.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from . import records as r
from .cited import check_cited, check_slide_dates, cited_items
from .codes import check_digit_ok
from .errors import DataError, excerpt
from .load import Document, Path_, RawData
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


_MESSAGES = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "知らない項目です（綴りを確認してください）",
    "string_type": '文字列が必要です（コードなどの数字は "..." で囲んでください）',
    "string_pattern_mismatch": "形式が正しくありません",
    "string_too_long": "長すぎます",
    "string_too_short": "空にはできません",
    "date_from_datetime_parsing": "日付が正しくありません（YYYY-MM-DD の実在する日付）",
    "date_parsing": "日付が正しくありません（YYYY-MM-DD の実在する日付）",
    "date_type": "日付が必要です（YYYY-MM-DD）",
    "literal_error": "使える値ではありません",
    "list_type": "リストが必要です",
    "dict_type": "対応表（キー: 値）が必要です",
    "model_type": "キー: 値 の形の項目が必要です",
    "too_short": "少なくとも1件必要です",
    "int_type": "整数が必要です",
    "int_parsing": "整数が必要です",
    "float_type": "数値が必要です",
    "float_parsing": "数値が必要です",
}


# Codes and ids are never normalised from full width (０４ → 04): the file must say what the site says.
FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")


def parse(model: type[M], document: Document, location: Path_ = ()) -> M:
    data = document.data
    for part in location:
        data = data[part]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = location + tuple(part for part in first["loc"] if not _is_union_tag(part))
        message = _MESSAGES.get(first["type"], first["msg"].removeprefix("Value error, "))
        if first["type"] == "string_pattern_mismatch" and FULL_WIDTH_ALNUM.search(str(first.get("input"))):
            message = "全角の英数字は使えません（コード・id・年月は半角で書いてください）"
        elif first["type"] in ("string_pattern_mismatch", "literal_error"):
            message = f"{message}: {first['msg']}"
        shown = first.get("input")
        if isinstance(shown, (str, int, float)) and first["type"] != "missing":
            message += f"（値: {excerpt(shown)}）"
        raise document.error(loc, message) from None


def _is_union_tag(part) -> bool:
    return isinstance(part, str) and part in ("float", "int", "function-after[_safe_url(), str]")


def validate(raw: RawData, today: dt.date) -> Dataset:
    sources = parse(r.SourcesFile, raw.sources)
    source_ids = _check_documents(raw.sources, sources, today)
    vocabularies = parse(r.VocabulariesFile, raw.vocabularies)
    for group in ("challenges", "target_groups", "partner_types", "metrics", *r.LABELLED_LITERALS):
        _unique_ids(raw.vocabularies, (group,), (t.id for t in getattr(vocabularies, group)), "id")
    _check_labelled(raw.vocabularies, vocabularies)

    agreements_file = parse(r.AgreementsFile, raw.agreements)
    agreements = _located(agreements_file.records, raw.agreements)
    integrated_file = parse(r.IntegratedEntitiesFile, raw.integrated_entities)
    integrated = _located(integrated_file.records, raw.integrated_entities)
    prefectures = parse(r.PrefecturesFile, raw.prefectures)
    prefecture_records = _located(prefectures.records, raw.prefectures)
    national = parse(r.NationalStatsFile, raw.national)
    facilities_file = parse(r.FacilitiesFile, raw.facilities)
    facilities = _located(facilities_file.records, raw.facilities)
    links = _located(parse(r.LinksFile, raw.links).records, raw.links)
    programmes = [Located(parse(r.Programme, d), d, ()) for d in raw.programmes]
    case_studies = [Located(parse(r.CaseStudy, d), d, ()) for d in raw.case_studies]

    for located, field in _coded(agreements, integrated, facilities):
        if not check_digit_ok(getattr(located.record, field)):
            raise located.error(
                field, f"全国地方公共団体コードの検査数字が合いません（値: {getattr(located.record, field)}）"
            )
    for case in case_studies:
        for index, code in enumerate(case.record.municipality_codes):
            if not check_digit_ok(code):
                raise case.document.error(
                    ("municipality_codes", index), f"全国地方公共団体コードの検査数字が合いません（値: {code}）"
                )

    _unique_records(agreements, "code")
    _unique_records(integrated, "code")
    _unique_records(prefecture_records, "code")
    _unique_records(facilities, "id")
    _unique_records(links, "id")
    _unique_records(programmes, "id")
    _unique_records(case_studies, "id")
    _unique_ids(raw.national, ("figures",), (f.id for f in national.figures), "id")
    _unique_headlines(programmes)

    files = [(raw.agreements, (), agreements_file), (raw.integrated_entities, (), integrated_file)]
    files.append((raw.prefectures, (), prefectures))
    records = (*facilities, *programmes, *case_studies, *agreements, *integrated)
    # (document, location, record) of every record with a source and a date, the files' defaults first
    sourced = files + [(located.document, located.location, located.record) for located in records]
    _check_sources(raw, sources, source_ids, national, programmes, sourced)
    _check_dates(sources, today, sourced)
    for link in links:
        if link.record.as_of > today:
            raise link.error(
                "as_of", f"未来の日付です（値: {link.record.as_of.isoformat()}、今日: {today.isoformat()}）"
            )
    _check_months(prefecture_records, prefectures.months)
    programme_ids = {p.record.id for p in programmes}
    facility_ids = {f.record.id for f in facilities}
    for facility in facilities:
        _member(facility, "programme", facility.record.programme, programme_ids, "プログラム")
    for case in case_studies:
        _check_case(case, programme_ids, facility_ids, vocabularies)
    for located in (*programmes, *case_studies):
        check_translations(located.document, located.record, today)

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


def _located(items: list[T], document: Document) -> list[Located[T]]:
    return [Located(item, document, ("records", index)) for index, item in enumerate(items)]


def _coded(agreements, integrated, facilities):
    for located in (*agreements, *integrated, *facilities):
        yield located, "code"


def _unique_ids(document: Document, location: Path_, ids: Iterable[str], field: str) -> set[str]:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise document.error(location + (index, field), f"id が重複しています（値: {value}）")
        seen.add(value)
    return seen


def _unique_headlines(programmes: list[Located]) -> None:
    """Each place among the home page's headline figures is taken once."""
    seen: dict[int, str] = {}
    for located in programmes:
        for index, figure in ((i, f) for i, f in enumerate(located.record.figures) if f.headline):
            if figure.headline in seen:
                message = f"headline の順番 {figure.headline} は {seen[figure.headline]} と重複しています"
                raise located.document.error(located.location + ("figures", index, "headline"), message)
            seen[figure.headline] = f"{located.document.path}（{figure.label}）"


def _check_labelled(document: Document, vocabularies: r.VocabulariesFile) -> None:
    """Every id the generator knows (records.py's Literals) has a label, and only those."""
    for group, literal in r.LABELLED_LITERALS.items():
        known, labelled = set(get_args(literal)), {t.id for t in getattr(vocabularies, group)}
        if known != labelled:
            raise document.error(
                (group,),
                f"id は {', '.join(get_args(literal))} のそれぞれに1つずつ必要です"
                f"（足りない: {', '.join(sorted(known - labelled)) or 'なし'}、"
                f"知らない: {', '.join(sorted(labelled - known)) or 'なし'}）",
            )


def _unique_records(items: list[Located], field: str) -> None:
    seen: dict[str, Located] = {}
    for located in items:
        value = getattr(located.record, field)
        if value in seen:
            first = seen[value]
            raise located.error(
                field,
                f"{field} が重複しています（値: {value}、最初は {first.document.path}:{first.document.line_of(first.location)}）",
            )
        seen[value] = located


def _member(located: Located, field: str, value: str, allowed: set[str], what: str, index: int | None = None) -> None:
    if value not in allowed:
        location = located.location + ((field, index) if index is not None else (field,))
        raise located.document.error(
            location, f"知らない{what}です（値: {value}、使える値: {', '.join(sorted(allowed))}）"
        )


def _check_documents(document: Document, sources: r.SourcesFile, today: dt.date) -> set[str]:
    """Ids of documents and of their slides share one name space: a record cites either."""
    seen: set[str] = set()
    for index, source in enumerate(sources.documents):
        located = ("documents", index)
        for field in ("published_on", "as_of"):
            _not_future(document, located + (field,), getattr(source, field), today)
        entries = [(located, source.id)] + [(located + ("slides", i), s.id) for i, s in enumerate(source.slides)]
        for i, slide in enumerate(source.slides):
            _not_future(document, located + ("slides", i, "as_of"), slide.as_of, today)
        for location, value in entries:
            if value in seen:
                raise document.error(
                    location + ("id",), f"id が重複しています（資料とスライドで共通の id です。値: {value}）"
                )
            seen.add(value)
    return seen


def _not_future(document: Document, location: Path_, value: dt.date | None, today: dt.date) -> None:
    if value is not None and value > today:
        raise document.error(location, f"未来の日付です（値: {value.isoformat()}、今日: {today.isoformat()}）")


def _check_sources(raw, sources: r.SourcesFile, source_ids, national, programmes, sourced) -> None:
    for document, location, record in sourced:
        if record.source is not None and record.source not in source_ids:
            raise document.error(
                location + ("source",), f"出典が data/sources.yaml の資料・スライドにありません（値: {record.source}）"
            )
    for index, figure in enumerate(national.figures):
        check_cited(raw.national, ("figures", index), figure, source_ids, sources)
    for programme in programmes:
        for location, item in cited_items(programme.record):
            check_cited(programme.document, location, item, source_ids, sources)


def _check_dates(sources: r.SourcesFile, today: dt.date, sourced) -> None:
    for document, location, record in sourced:
        for field in ("as_of", "checked_on", "concluded_on"):
            _not_future(document, location + (field,), getattr(record, field, None), today)
        # a check confirms facts that already held: it cannot precede their date
        if record.checked_on is not None and record.as_of is not None and record.checked_on < record.as_of:
            raise document.error(
                location + ("checked_on",),
                f"確認日が時点（as_of: {record.as_of.isoformat()}）より前です（値: {record.checked_on.isoformat()}）",
            )
    check_slide_dates(sources, sourced)


def _check_months(prefecture_records: list[Located[r.PrefectureRatios]], months: list[str]) -> None:
    for located in prefecture_records:
        if sorted(located.record.job_offer_ratios) != sorted(months):
            raise located.error("job_offer_ratios", f"months に挙げた月（{', '.join(months)}）の値がそろっていません")
        for month, ratio in located.record.job_offer_ratios.items():
            if not 0 < ratio < 20:
                raise located.document.error(
                    located.location + ("job_offer_ratios", month), f"倍率がありえない値です（値: {ratio}）"
                )


def _check_case(case: Located[r.CaseStudy], programme_ids, facility_ids, vocabularies: r.VocabulariesFile) -> None:
    record = case.record
    for index, value in enumerate(record.programmes):
        _member(case, "programmes", value, programme_ids, "プログラム", index)
    for index, value in enumerate(record.facility_ids):
        _member(case, "facility_ids", value, facility_ids, "窓口", index)
    for field, group in (("challenges", "challenges"), ("target_groups", "target_groups")):
        allowed = {t.id for t in getattr(vocabularies, group)}
        for index, value in enumerate(getattr(record, field)):
            _member(case, field, value, allowed, "分類", index)
    metrics = {t.id for t in vocabularies.metrics}
    for index, figure in enumerate(record.results):
        if figure.metric is not None and figure.metric not in metrics:
            raise case.document.error(
                ("results", index, "metric"),
                f"知らない比較項目です（値: {figure.metric}、使える値: {', '.join(sorted(metrics))}）",
            )
    partner_types = {t.id for t in vocabularies.partner_types}
    for index, partner in enumerate(record.partners):
        if partner.type not in partner_types:
            raise case.document.error(
                ("partners", index, "type"),
                f"知らない連携先の種類です（値: {partner.type}、使える値: {', '.join(sorted(partner_types))}）",
            )
