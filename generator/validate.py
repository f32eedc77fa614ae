"""Stage 2 — validate: turn loaded documents into typed records, or stop with every fault found.

Checks the schema of each file (records.py) and the rules that span records:
unique ids and codes, references to source documents and their slides, programmes, vocabularies and
facilities, check digits, as-of dates that are not in the future, translated fields (translated.py),
and what a maintainer copying the case template may leave: its examples, an id other than the file
name, a place whose codes disagree. Each check adds to `Problems` and goes on, so one run
(`make check`, the build) reports every fault, in file and line order (errors.DataErrors).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Generic, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from . import records as r
from .codes import check_digit_ok
from .errors import DataError, DataErrors
from .gazetteer import local_government, places, prefecture_place
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


# pydantic's error types in the maintainer's words; {name} fields come from the error's context
_MESSAGES = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "知らない項目です（綴りを確認してください）",
    "string_type": '文字列が必要です（コードなどの数字は "..." で囲んでください）',
    "string_too_long": "長すぎます（{max_length} 文字まで）",
    "string_too_short": "空にはできません",
    "date_from_datetime_parsing": "日付が正しくありません（YYYY-MM-DD の実在する日付）",
    "date_from_datetime_inexact": "日付が正しくありません（YYYY-MM-DD の実在する日付）",
    "date_parsing": "日付が正しくありません（YYYY-MM-DD の実在する日付）",
    "date_type": "日付が必要です（YYYY-MM-DD）",
    "list_type": "リストが必要です（[a, b] または「- 」で始まる行）",
    "dict_type": "対応表（キー: 値）が必要です",
    "model_type": "キー: 値 の形の項目が必要です",
    "model_attributes_type": "キー: 値 の形の項目が必要です",
    "too_short": "少なくとも {min_length} 件必要です",
    "too_long": "{max_length} 件までです",
    "int_type": "整数が必要です",
    "int_parsing": "整数が必要です",
    "int_from_float": "整数が必要です",
    "float_type": "数値が必要です（カンマなし。例: 2090）",
    "float_parsing": "数値が必要です（カンマなし。例: 2090）",
    "bool_type": "true か false が必要です",
    "bool_parsing": "true か false が必要です",
    "greater_than_equal": "{ge} 以上の数が必要です",
    "greater_than": "{gt} より大きい数が必要です",
    "less_than_equal": "{le} 以下の数が必要です",
    "less_than": "{lt} より小さい数が必要です",
    "finite_number": "有限の数が必要です",
    "frozen_set_type": "リストが必要です",
}
# the schema's patterns (records.py), said as what to write
_PATTERNS = {
    r"^[0-9]{6}$": '6桁の数字（検査数字付きの全国地方公共団体コード）を "..." で囲んで書いてください（例: "142182"）',
    r"^[0-9]{2}$": '2桁の数字（都道府県コード）を "..." で囲んで書いてください（例: "04"）',
    r"^[a-z0-9][a-z0-9_-]{0,63}$": "英小文字・数字・ハイフン（-）・下線（_）で、英小文字か数字から書き始めてください（64文字まで）",
    r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$": "年月は YYYY-MM の形で書いてください（例: 2024-07）",
}
_FALLBACK = "値の形が正しくありません"

# Codes and ids are never normalised from full width (０４ → 04): the file must say what the site says.
FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")

CASE_TEMPLATE = "_template.yaml.example"
TEMPLATE_ID = "example-city"
PLACEHOLDER = "○○"
# the template's example texts a maintainer writes over (partner actions and joint actions are generic)
_TEMPLATE_TEXTS = ("title", "subtitle", "challenge_text", "outcomes", "voices", "summary", "translations", "note")


class Problems:
    """Every fault found in one run: each check adds and goes on, so a maintainer sees them all at once."""

    def __init__(self) -> None:
        self.found: list[DataError] = []
        self.faulty: set[tuple[str, str]] = set()  # (file, top-level field) already reported as malformed

    def add(self, error: DataError) -> None:
        if (error.file, _top(error.field)) not in self.faulty:
            self.found.append(error)

    @contextlib.contextmanager
    def each(self) -> Iterator[None]:
        """Run a check that stops at its first fault; record that fault and go on with the next check."""
        try:
            yield
        except DataError as error:
            self.found.extend(error.errors)

    def parse(self, model: type[M], document: Document, location: Path_ = ()) -> M | None:
        """The record, or None after adding every schema fault of it."""
        data = document.data
        for part in location:
            data = data[part]
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            seen: set[Path_] = set()
            for error in exc.errors():
                loc = location + tuple(part for part in error["loc"] if not _is_union_tag(part))
                if loc not in seen:  # a union (float | int) reports one fault per member
                    seen.add(loc)
                    self.add(document.error(loc, _message(error)))
            return None

    def parse_case(self, document: Document, template: Document | None) -> r.CaseStudy | None:
        """A case, also when some fields are malformed: those are reported once and stand in from the
        template (whose values have the right shape), so the case's other fields are still checked."""
        before = len(self.found)
        record = self.parse(r.CaseStudy, document)
        if record is not None or template is None or not isinstance(document.data, dict):
            return record
        malformed = {_top(error.field) for error in self.found[before:]}
        stand_in = {k: v for k, v in document.data.items() if k not in malformed}
        stand_in.update({k: template.data[k] for k in malformed if k in template.data})
        try:
            record = r.CaseStudy.model_validate(stand_in)
        except ValidationError:
            return None
        self.faulty.update((document.path, key) for key in malformed)
        return record

    def stop(self) -> None:
        if self.found:
            raise DataErrors(self.found)


def _top(field: str | None) -> str:
    return re.split(r"[.\[]", field or "", maxsplit=1)[0]


def _message(error) -> str:
    kind, context, shown = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "string_pattern_mismatch" and FULL_WIDTH_ALNUM.search(str(shown)):
        message = "全角の英数字は使えません（コード・id・年月は半角で書いてください）"
    elif kind == "string_pattern_mismatch":
        message = f"形式が正しくありません。{_PATTERNS.get(context.get('pattern'), _FALLBACK)}"
    elif kind == "literal_error":
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        message = f"使える値ではありません（使える値: {expected}）"
    elif kind == "value_error":  # raised by records.py's own validators, in Japanese
        message = str(context.get("error", _FALLBACK))
    else:
        message = _MESSAGES.get(kind, _FALLBACK).format(**context)
    if isinstance(shown, (str, int, float)) and kind != "missing":
        message += f"（値: {str(shown)[:60]}）"
    return message


def _is_union_tag(part) -> bool:
    return isinstance(part, str) and part in ("float", "int", "function-after[_safe_url(), str]")


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
    for document in (*raw.programmes, *raw.case_studies):
        _check_file_name(problems, document)
    template = _template_values(raw.case_template)
    for document in raw.case_studies:
        _check_template_leftovers(problems, document, template)
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
        _check_case_place(problems, case)

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

    _check_sources(
        problems,
        raw,
        source_ids,
        agreements_file,
        integrated_file,
        prefectures,
        national,
        facilities,
        programmes,
        case_studies,
        agreements,
        integrated,
    )
    _check_dates(
        problems,
        today,
        raw,
        agreements_file,
        integrated_file,
        prefectures,
        facilities,
        programmes,
        case_studies,
        agreements,
        integrated,
    )
    for link in links:
        if link.record.as_of > today:
            problems.add(
                link.error("as_of", f"未来の日付です（値: {link.record.as_of.isoformat()}、今日: {today.isoformat()}）")
            )
    _check_months(problems, prefecture_records, prefectures.months)
    programme_ids = {p.record.id for p in programmes}
    facility_ids = {f.record.id for f in facilities}
    for facility in facilities:
        _member(problems, facility, "programme", facility.record.programme, programme_ids, "プログラム")
    for case in case_studies:
        _check_case(problems, case, programme_ids, facility_ids, vocabularies)
    for located in (*programmes, *case_studies):
        with problems.each():
            check_translations(located.document, located.record, today)
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


def _check_file_name(problems: Problems, document: Document) -> None:
    """A folder's record is found by its file name: the id must be that name."""
    stem = PurePosixPath(document.path).stem
    value = document.data.get("id") if isinstance(document.data, dict) else None
    if isinstance(value, str) and value not in (stem, TEMPLATE_ID):  # the template's id has its own message
        problems.add(
            document.error(
                ("id",),
                f"id がファイル名と違います（値: {value}、ファイル名: {stem}.yaml）。"
                f"id を {stem} にするか、ファイル名を {value}.yaml にしてください",
            )
        )


def _template_values(template: Document | None) -> dict[Path_, object]:
    """The example values of the case template, by location, that a filled-in case must not keep."""
    if template is None or not isinstance(template.data, dict):
        return {}
    found: dict[Path_, object] = {}
    for key in _TEMPLATE_TEXTS:
        if key in template.data:
            found.update(_leaves(template.data[key], (key,)))
    for figure in template.data.get("results") or []:
        if isinstance(figure, dict):
            found[("results", _figure_key(figure))] = figure
    return found


def _leaves(value, location: Path_) -> Iterator[tuple[Path_, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, location + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, location + (index,))
    elif isinstance(value, str):
        yield location, value


def _figure_key(figure: dict) -> tuple:
    return tuple(str(figure.get(key)) for key in ("label", "value", "unit"))


def _check_template_leftovers(problems: Problems, document: Document, template: dict[Path_, object]) -> None:
    """A case copied from the template publishes whatever of its examples is left: ○○, its id, its figures."""
    data = document.data
    if not isinstance(data, dict):
        return
    if data.get("id") == TEMPLATE_ID:
        problems.add(
            document.error(
                ("id",),
                f"テンプレートの例の id のままです（値: {TEMPLATE_ID}）。"
                f"id はファイル名と同じ {PurePosixPath(document.path).stem} にしてください",
            )
        )
    template_texts = {value for location, value in template.items() if location[0] != "results"}
    for location, value in _leaves(data, ()):
        if location[-1] == "translated_on" or not isinstance(value, str):
            continue
        if PLACEHOLDER in value:
            problems.add(
                document.error(
                    location, f"テンプレートの「{PLACEHOLDER}」が残っています。資料に書かれた名前に書き換えてください"
                )
            )
        elif location[0] in _TEMPLATE_TEXTS and value in template_texts:
            problems.add(
                document.error(
                    location, "テンプレートの例文のままです。この事例の資料に書かれた内容に書き換えてください"
                )
            )
    for index, figure in enumerate(data.get("results") or []):
        if isinstance(figure, dict) and ("results", _figure_key(figure)) in template:
            problems.add(
                document.error(
                    ("results", index, "value"),
                    f"テンプレートの例の数値のままです（{figure.get('label')} {figure.get('value')}{figure.get('unit')}）。"
                    "資料に書かれた数値にするか、この数値を消してください",
                )
            )


def _check_case_place(problems: Problems, case: Located[r.CaseStudy]) -> None:
    """The case's prefecture, its municipalities and its local-government partners name one place."""
    record = case.record
    prefecture = prefecture_place(record.prefecture_code)
    if prefecture is None:
        problems.add(
            case.error(
                "prefecture_code",
                f"都道府県コードが見つかりません（値: {record.prefecture_code}）。"
                '01（北海道）から 47（沖縄県）までの2桁を "..." で囲んで書いてください',
            )
        )
    codes = []
    for index, code in enumerate(record.municipality_codes):
        place = places().get(code)
        if not check_digit_ok(code):
            problems.add(
                case.document.error(
                    ("municipality_codes", index), f"全国地方公共団体コードの検査数字が合いません（値: {code}）"
                )
            )
        elif place is None:
            problems.add(
                case.document.error(
                    ("municipality_codes", index), f"全国地方公共団体コードが見つかりません（値: {code}）"
                )
            )
        elif prefecture is not None and place.prefecture_code != record.prefecture_code:
            problems.add(
                case.error(
                    "prefecture_code",
                    f"都道府県コード {record.prefecture_code}（{prefecture.name}）は、municipality_codes の "
                    f"{place.full_name}（{code}）と合いません。都道府県コードは {place.prefecture_code}"
                    f"（{place.prefecture}）です",
                )
            )
        if place is not None:
            codes.append(place)
    if prefecture is not None:
        _check_partner_places(problems, case, prefecture, codes)


def _check_partner_places(problems: Problems, case: Located[r.CaseStudy], prefecture, codes) -> None:
    """A partner that is a local government belongs to the case's place (a ward's city counts as its own)."""
    for index, partner in enumerate(case.record.partners):
        if partner.type == "prefecture":
            place = next((p for p in places().values() if p.kind == "prefecture" and p.name == partner.name), None)
            if place is not None and place.code != prefecture.code:
                problems.add(
                    case.error(
                        "prefecture_code",
                        f"都道府県コード {case.record.prefecture_code}（{prefecture.name}）は、連携先の {place.name}"
                        f"（partners[{index}]）と合いません。{place.name}の都道府県コードは {place.prefecture_code} です",
                    )
                )
        elif partner.type == "municipality" and codes:
            place = local_government(partner.name, prefecture.prefecture_code)
            if place is not None and not any(p.name.startswith(place.name) for p in codes):
                listed = "、".join(f"{p.full_name}（{p.code}）" for p in codes)
                problems.add(
                    case.error(
                        "municipality_codes",
                        f"連携先の {place.name}（partners[{index}]）が municipality_codes（{listed}）にありません。"
                        f"{place.full_name}のコードは {place.code} です",
                    )
                )


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


def _member(
    problems: Problems, located: Located, field: str, value: str, allowed: set[str], what: str, index: int | None = None
) -> None:
    if value not in allowed:
        location = located.location + ((field, index) if index is not None else (field,))
        problems.add(
            located.document.error(
                location, f"知らない{what}です（値: {value}、使える値: {', '.join(sorted(allowed))}）"
            )
        )


def _check_documents(problems: Problems, document: Document, sources: r.SourcesFile, today: dt.date) -> set[str]:
    """Ids of documents and of their slides share one name space: a record cites either."""
    seen: set[str] = set()
    for index, source in enumerate(sources.documents):
        located = ("documents", index)
        for field in ("published_on", "as_of"):
            _not_future(problems, document, located + (field,), getattr(source, field), today)
        entries = [(located, source.id)] + [(located + ("slides", i), s.id) for i, s in enumerate(source.slides)]
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


def _check_sources(
    problems: Problems,
    raw,
    source_ids,
    agreements_file,
    integrated_file,
    prefectures,
    national,
    facilities,
    programmes,
    case_studies,
    agreements,
    integrated,
):
    def check(document: Document, location: Path_, source: str | None) -> None:
        if source is not None and source not in source_ids:
            problems.add(
                document.error(
                    location + ("source",),
                    f"出典が data/sources.yaml の資料・スライドにありません（値: {source}）。"
                    "新しい資料なら先に sources.yaml の documents に追加してください",
                )
            )

    check(raw.agreements, (), agreements_file.source)
    check(raw.integrated_entities, (), integrated_file.source)
    check(raw.prefectures, (), prefectures.source)
    for index, figure in enumerate(national.figures):
        check(raw.national, ("figures", index), figure.source)
    for located in (*facilities, *programmes, *case_studies, *agreements, *integrated):
        check(located.document, located.location, located.record.source)
    for programme in programmes:
        for index, figure in enumerate(programme.record.figures):
            check(programme.document, ("figures", index), figure.source)


def _check_dates(
    problems: Problems,
    today,
    raw,
    agreements_file,
    integrated_file,
    prefectures,
    facilities,
    programmes,
    case_studies,
    agreements,
    integrated,
):
    def check(document: Document, location: Path_, record) -> None:
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

    check(raw.agreements, (), agreements_file)
    check(raw.integrated_entities, (), integrated_file)
    check(raw.prefectures, (), prefectures)
    for located in (*facilities, *programmes, *case_studies, *agreements, *integrated):
        check(located.document, located.location, located.record)


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


def _check_case(
    problems: Problems, case: Located[r.CaseStudy], programme_ids, facility_ids, vocabularies: r.VocabulariesFile
) -> None:
    record = case.record
    for index, value in enumerate(record.programmes):
        _member(problems, case, "programmes", value, programme_ids, "プログラム", index)
    for index, value in enumerate(record.facility_ids):
        _member(problems, case, "facility_ids", value, facility_ids, "窓口", index)
    for field, group in (("challenges", "challenges"), ("target_groups", "target_groups")):
        allowed = {t.id for t in getattr(vocabularies, group)}
        for index, value in enumerate(getattr(record, field)):
            _member(problems, case, field, value, allowed, "分類", index)
    metrics = {t.id for t in vocabularies.metrics}
    tagged: set[str] = set()
    for index, figure in enumerate(record.results):
        if figure.metric is None:
            continue
        if figure.metric not in metrics:
            problems.add(
                case.document.error(
                    ("results", index, "metric"),
                    f"知らない比較項目です（値: {figure.metric}、使える値: {', '.join(sorted(metrics))}）",
                )
            )
            continue
        # the comparison table has one cell per case and metric
        if figure.metric in tagged:
            problems.add(
                case.document.error(
                    ("results", index, "metric"),
                    f"比較項目は1つの事例で1つの数値にだけ付けられます（値: {figure.metric}）",
                )
            )
        tagged.add(figure.metric)
    partner_types = {t.id for t in vocabularies.partner_types}
    for index, partner in enumerate(record.partners):
        if partner.type not in partner_types:
            problems.add(
                case.document.error(
                    ("partners", index, "type"),
                    f"知らない連携先の種類です（値: {partner.type}、使える値: {', '.join(sorted(partner_types))}）",
                )
            )
