"""Stage 4 — render the deck's named facilities as 自治体標準オープンデータセット「公共施設一覧」.

The columns and their order are the standard's; see opendata/README (docs) for the
version followed. The deck gives names, operators, services and start dates, but
no address, coordinates, phone or hours: those columns stay empty. Town-hall
coordinates are not the facility's position, so 緯度・経度 stay empty too.
"""

from __future__ import annotations

from .. import urls
from ..directory import Directory, FacilityEntry
from ..formats import both_dates, to_csv
from ..words import words

# The standard's column names, fixed by it: not site words.
COLUMNS = (
    "全国地方公共団体コード",
    "ID",
    "名称",
    "名称_カナ",
    "名称_英語",
    "POIコード",
    "住所",
    "方書",
    "緯度",
    "経度",
    "電話番号",
    "内線番号",
    "法人番号",
    "団体名",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "説明",
    "バリアフリー情報",
    "URL",
    "備考",
)


def _row(directory: Directory, entry: FacilityEntry) -> dict:
    facility, place, kind = entry.record, entry.place, entry.kind.label
    started = words("public_facilities.started", date=both_dates(facility.started_on)) if facility.started_on else ""
    return {
        **dict.fromkeys(COLUMNS),
        "全国地方公共団体コード": place.code,
        "ID": facility.id,
        "名称": facility.name,
        "団体名": words("public_facilities.operator_separator").join(facility.operators) or None,
        "説明": words(
            "public_facilities.description",
            kind=kind,
            programme=directory.programme(facility.programme).name,
            started=started,
            services=words("public_facilities.services_separator").join(facility.services),
        ),
        "備考": words(
            "public_facilities.remarks",
            place=place.full_name,
            code=place.code,
            note=facility.note or "",
            cite=cited(entry.source),
            date=both_dates(facility.as_of),
        ),
    }


def cited(citation) -> str:
    """厚生労働省資料「deck」の「slide」, or 発行者「document」 for a whole document."""
    document = citation.document
    if citation.slide is None:
        return words("public_facilities.cite_document", publisher=document.publisher, document=document.title)
    return words(
        "public_facilities.cite_slide", publisher=document.publisher, document=document.title, slide=citation.title
    )


def rows(directory: Directory) -> list[dict]:
    return [_row(directory, entry) for entry in sorted(directory.facilities, key=lambda e: (e.place.code, e.record.id))]


def render_public_facilities(directory: Directory) -> dict[str, bytes]:
    return {urls.PUBLIC_FACILITIES_CSV: to_csv(COLUMNS, rows(directory))}
