"""What a maintainer copying the case template may get wrong, checked on the way to the records.

Its examples left in (○○, its id, its figures and sentences), an id other than the file name,
and a place whose codes disagree: the prefecture with its municipalities, or with a partner that
is a local government. Each fault is added to the run's Problems, with the fix where it is known.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from . import records as r
from .codes import check_digit_ok
from .gazetteer import Place, local_government, places, prefecture_place
from .load import Document, Path_
from .problems import Problems

if TYPE_CHECKING:
    from .validate import Located

TEMPLATE_ID = "example-city"
PLACEHOLDER = "○○"
# the template's example texts a maintainer writes over (partner actions and joint actions are generic)
_TEMPLATE_TEXTS = ("title", "subtitle", "challenge_text", "outcomes", "voices", "summary", "translations", "note")


def check_file_name(problems: Problems, document: Document) -> None:
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


def template_values(template: Document | None) -> dict[Path_, object]:
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


def check_template_leftovers(problems: Problems, document: Document, template: dict[Path_, object]) -> None:
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


def check_case_place(problems: Problems, case: Located[r.CaseStudy]) -> None:
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


def _check_partner_places(
    problems: Problems, case: Located[r.CaseStudy], prefecture: Place, codes: list[Place]
) -> None:
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


def check_terms(
    problems: Problems, case: Located[r.CaseStudy], programme_ids, facility_ids, vocabularies: r.VocabulariesFile
) -> None:
    """Every id the case names is one data/ defines; each figure's metric is a kind of result the vocabulary names."""
    record = case.record
    for index, value in enumerate(record.programmes):
        problems.member(case, "programmes", value, programme_ids, "プログラム", index)
    for index, value in enumerate(record.facility_ids):
        problems.member(case, "facility_ids", value, facility_ids, "窓口", index)
    for field, group in (("challenges", "challenges"), ("target_groups", "target_groups")):
        allowed = {t.id for t in getattr(vocabularies, group)}
        for index, value in enumerate(getattr(record, field)):
            problems.member(case, field, value, allowed, "分類", index)
    metrics = {t.id for t in vocabularies.metrics}
    for index, figure in enumerate(record.results):
        if figure.metric is not None and figure.metric not in metrics:
            problems.add(
                case.document.error(
                    ("results", index, "metric"),
                    f"知らない比較項目です（値: {figure.metric}、使える値: {', '.join(sorted(metrics))}）",
                )
            )
    partner_types = {t.id for t in vocabularies.partner_types}
    for index, partner in enumerate(record.partners):
        if partner.type not in partner_types:
            problems.add(
                case.document.error(
                    ("partners", index, "type"),
                    f"知らない連携先の種類です（値: {partner.type}、使える値: {', '.join(sorted(partner_types))}）",
                )
            )
