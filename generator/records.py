"""Typed records: the shape of every YAML file under data/.

These pydantic models are the single schema: the validator uses them, and
`python -m generator.schemas` exports them as JSON Schema for editors.
Records stay close to the YAML; codes are enriched later (see enrich.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .fields import (
    FacilityKind,
    HttpsUrl,
    Identifier,
    LocalGovCode,
    LocationPrecision,
    Month,
    PrefectureCode,
    SafeUrl,
    ShortText,
    Strict,
    Text,
)
from .record_translations import (
    CaseStudyTranslations,
    DocumentTranslations,
    FacilityTranslations,
    FigureTranslations,
    LinkTranslations,
    ProgrammeTranslations,
    TitleTranslations,
)
from .written import Date, Integer, Number, Real, written_number

SourceId = Annotated[
    Identifier, Field(description="出典: data/sources.yaml の資料の id、またはそのスライド・ページの id")
]
CheckedOn = Annotated[Date | None, Field(description="管理者が出典と照らして最後に確認した日（YYYY-MM-DD、任意）")]


class Sourced(Strict):
    """Every record names the document (or slide of one) it comes from and the date its facts hold."""

    source: SourceId
    as_of: Date = Field(description="数値の時点（YYYY-MM-DD）")
    checked_on: CheckedOn = None


class Cited(Strict):
    """A figure, series or table names its own slide: nothing inherits a file's default."""

    source: SourceId
    also_in: list[Identifier] = Field(default_factory=list, description="注記が比べるために挙げる別のスライドの id")


class Figure(Strict):
    label: ShortText
    value: Number
    target: Number | None = Field(
        None, description="事例の実績（value）の横に資料が示す目標（目標490件→実績581件なら490）"
    )
    unit: ShortText
    as_of: Date | None = None
    period: ShortText | None = Field(None, description="対象期間の表記（例: 令和5年度）")
    note: Text | None = None
    metric: Identifier | None = Field(None, description="事例の比較表の成果の種類（vocabularies.yaml の metrics）")
    translations: FigureTranslations = Field(default_factory=FigureTranslations)


class SeriesPoint(Strict):
    period: ShortText
    value: Number


class Series(Cited):
    id: Identifier
    title: ShortText
    unit: ShortText
    points: list[SeriesPoint] = Field(min_length=1)
    note: Text | None = None


class Breakdown(Cited):
    """A labelled table of figures that belong together (e.g. users by type)."""

    id: Identifier
    title: ShortText
    rows: list[Figure] = Field(min_length=1)
    note: Text | None = None


# --- sources --------------------------------------------------------------


class Slide(Strict):
    """A slide or page of a document, citable on its own."""

    id: Identifier
    title: ShortText
    as_of: Date
    measures: Month | None = Field(
        None, description="月次の統計のスライドで、数値が測る月（YYYY-MM）。ページは時点ではなくこの月を示す"
    )
    translations: TitleTranslations = Field(default_factory=TitleTranslations)


class SourceDocument(Strict):
    """A published document: the deck, a city's report, a labour bureau's press release…"""

    id: Identifier
    publisher: ShortText = Field(description="発行者（例: 厚生労働省、○○労働局、○○市）")
    title: ShortText
    url: HttpsUrl | None = Field(None, description="公表先の URL（https://）")
    file: ShortText | None = Field(None, description="URL がない場合の手元の写し（ファイル名）")
    published_on: Date | None = Field(None, description="公表日")
    as_of: Date = Field(description="資料の数値の時点（スライドごとの時点がなければこれを使う）")
    terms: ShortText = Field(description="利用条件（例: 政府標準利用規約（第2.0版）に準拠、出典を明記）")
    note: Text | None = None
    slides: list[Slide] = Field(default_factory=list, description="個別に引用するスライド・ページ")
    translations: DocumentTranslations = Field(default_factory=DocumentTranslations)


class SourcesFile(Strict):
    documents: list[SourceDocument] = Field(min_length=1)


# --- agreement and integrated-implementation entities -------------------


class SeedCorrection(Strict):
    """How a name printed in the deck was resolved to an official entity."""

    seed_spelling: ShortText | None = Field(None, description="資料上の表記が公式名と異なる場合の表記")
    note: Text | None = Field(None, description="曖昧さの解消や訂正の根拠")


class Agreement(SeedCorrection):
    code: LocalGovCode
    name: ShortText
    concluded_on: Date | None = Field(None, description="協定締結日（資料に記載がある場合のみ）")
    cumulative_no: Annotated[int, Field(ge=1, le=10000), written_number] | None = Field(
        None, description="資料の一覧表の累計番号"
    )
    source: SourceId | None = None
    as_of: Date | None = None
    checked_on: CheckedOn = None


class AgreementsFile(Sourced):
    records: list[Agreement] = Field(min_length=1)


IntegratedRegion = Literal["hokkaido-tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu-okinawa"]


class IntegratedEntity(SeedCorrection):
    code: LocalGovCode
    name: ShortText
    region: IntegratedRegion = Field(description="資料のブロック（vocabularies.yaml の integrated_regions）")
    source: SourceId | None = None
    as_of: Date | None = None
    checked_on: CheckedOn = None


class IntegratedEntitiesFile(Sourced):
    records: list[IntegratedEntity] = Field(min_length=1)


# --- prefectures and national statistics ---------------------------------

Region = Literal["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu-okinawa"]


class PrefectureRatios(Strict):
    code: PrefectureCode
    name: ShortText
    region: Region | None = Field(None, description="地方区分（vocabularies.yaml の regions。全国は空）")
    job_offer_ratios: dict[Month, Real] = Field(description="月 → 有効求人倍率（倍）")


class PrefecturesFile(Sourced):
    months: list[Month] = Field(min_length=1)
    records: list[PrefectureRatios] = Field(min_length=1)


class NationalFigure(Figure, Cited):
    id: Identifier
    change: Real | None = Field(None, description="前月差")


class NationalStatsFile(Strict):
    figures: list[NationalFigure] = Field(min_length=1)


# --- programmes -----------------------------------------------------------


# The lists a printed total can be checked against: a list, or the entities of one kind in it.
Tally = Literal[
    "agreements",
    "agreements.prefecture",
    "agreements.city",
    "agreements.town",
    "agreements.village",
    "integrated_entities",
    "integrated_entities.prefecture",
    "integrated_entities.municipality",
]


class ProgrammeFigure(Figure, Cited):
    headline: Annotated[int, Field(ge=1), written_number] | None = Field(
        None, description="ホームページの「主な数字」に出す順（1から）。出さない数値には書かない"
    )
    counts: Tally | None = Field(
        None, description="この数値が数える一覧（data/agreements.yaml などの件数と比べ、違えば両方を表示して警告する）"
    )


class Programme(Sourced):
    id: Identifier
    name: ShortText
    order: Integer = Field(ge=0, description="表示順")
    summary: Text
    description: list[Text] = Field(default_factory=list)
    run_by: list[ShortText] = Field(default_factory=list, description="実施主体")
    legal_basis: Text | None = None
    started_on: Date | None = None
    figures: list[ProgrammeFigure] = Field(default_factory=list)
    series: list[Series] = Field(default_factory=list)
    breakdowns: list[Breakdown] = Field(default_factory=list)
    links: list[SafeUrl] = Field(default_factory=list)
    who_can_use: Text | None = Field(None, description="誰が使えるか（資料に書かれている範囲で1〜2文）")
    translations: ProgrammeTranslations = Field(default_factory=ProgrammeTranslations)


# --- facilities -----------------------------------------------------------


class Facility(Sourced):
    id: Identifier
    name: ShortText
    kind: FacilityKind = Field(description="窓口の種類（vocabularies.yaml の facility_kinds）")
    code: LocalGovCode = Field(description="所在市区町村のコード")
    programme: Identifier
    operators: list[ShortText] = Field(default_factory=list, description="運営する機関（資料記載のもの）")
    services: list[ShortText] = Field(min_length=1)
    started_on: Date | None = None
    location_precision: LocationPrecision = Field(
        description="municipality = 所在地は市区町村までしか分からず役場の位置で表示"
    )
    note: Text | None = None
    translations: FacilityTranslations = Field(default_factory=FacilityTranslations)


class FacilitiesFile(Strict):
    records: list[Facility] = Field(min_length=1)


# --- links for residents ------------------------------------------------


class Link(Strict):
    """An official page any resident can use next (not from the deck: its publisher is named)."""

    id: Identifier
    title: ShortText
    url: SafeUrl
    publisher: ShortText
    description: ShortText = Field(description="その先で何ができるか")
    as_of: Date = Field(description="リンク先を確認した日（YYYY-MM-DD）")
    translations: LinkTranslations = Field(default_factory=LinkTranslations)


class LinksFile(Strict):
    records: list[Link] = Field(min_length=1)


# --- case studies ---------------------------------------------------------


class Partner(Strict):
    name: ShortText
    type: Identifier = Field(description="vocabularies.yaml の partner_types")
    actions: list[Text] = Field(default_factory=list)


class Voice(Strict):
    speaker: ShortText
    text: Text


class CaseStudy(Sourced):
    id: Identifier
    title: ShortText
    subtitle: ShortText | None = None
    prefecture_code: PrefectureCode
    municipality_codes: list[LocalGovCode] = Field(default_factory=list)
    programmes: list[Identifier] = Field(min_length=1)
    agreement_on: Date | None = None
    started_on: Date | None = None
    challenges: list[Identifier] = Field(min_length=1)
    target_groups: list[Identifier] = Field(default_factory=list)
    challenge_text: list[Text] = Field(default_factory=list, description="地域の課題（資料の記述）")
    partners: list[Partner] = Field(min_length=1)
    joint_actions: list[Text] = Field(default_factory=list, description="連携して行ったこと")
    results: list[Figure] = Field(default_factory=list)
    outcomes: list[Text] = Field(default_factory=list, description="数値以外の成果")
    voices: list[Voice] = Field(default_factory=list)
    facility_ids: list[Identifier] = Field(default_factory=list)
    note: Text | None = Field(None, description="読者向けの注記（コードの選び方、資料の表記のままの箇所など）")
    summary: Text | None = Field(None, description="事例の要約（2〜4文。この事例の記述だけから、新しい事実は加えない）")
    translations: CaseStudyTranslations = Field(default_factory=CaseStudyTranslations)


# --- vocabularies ---------------------------------------------------------


class Term(Strict):
    id: Identifier
    label: ShortText
    en: ShortText | None = Field(None, description="English label (a translation of label)")
    easy: ShortText | None = Field(None, description="やさしい日本語の label（漢字はすべて {漢字|かんじ}）")


class VocabulariesFile(Strict):
    challenges: list[Term] = Field(min_length=1)
    target_groups: list[Term] = Field(min_length=1)
    partner_types: list[Term] = Field(min_length=1)
    metrics: list[Term] = Field(default_factory=list, description="事例の比較表で並べる成果の種類")
    facility_kinds: list[Term] = Field(min_length=1, description="窓口の種類（facilities.yaml の kind）")
    regions: list[Term] = Field(min_length=1, description="8地方区分（prefectures.yaml の region）、表示順")
    integrated_regions: list[Term] = Field(
        min_length=1, description="一体的実施事業のブロック（integrated_entities.yaml の region）、表示順"
    )


# vocabularies.yaml group → the Literal whose every id it must label
LABELLED_LITERALS = {"facility_kinds": FacilityKind, "regions": Region, "integrated_regions": IntegratedRegion}
