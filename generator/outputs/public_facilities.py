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
    started = f"開始: {both_dates(facility.started_on)}。" if facility.started_on else ""
    return {
        **dict.fromkeys(COLUMNS),
        "全国地方公共団体コード": place.code,
        "ID": facility.id,
        "名称": facility.name,
        "団体名": "・".join(facility.operators) or None,
        "説明": f"種類: {kind}。事業: {directory.programme(facility.programme).name}。{started}資料が記載する内容: {'／'.join(facility.services)}。",
        "備考": (
            f"位置は市区町村（{place.full_name}、全国地方公共団体コード {place.code}）まで。"
            f"{facility.note or ''} 出典: {_cited(entry.source)}（{both_dates(facility.as_of)}時点）。"
        ),
    }


def _cited(citation) -> str:
    """厚生労働省資料「deck」の「slide」, or 発行者「document」 for a whole document."""
    document = citation.document
    if citation.slide is None:
        return f"{document.publisher}「{document.title}」"
    return f"{document.publisher}資料「{document.title}」の「{citation.title}」"


def render_public_facilities(directory: Directory) -> dict[str, bytes]:
    rows = [_row(directory, entry) for entry in sorted(directory.facilities, key=lambda e: (e.place.code, e.record.id))]
    return {urls.opendata("public_facilities.csv"): to_csv(COLUMNS, rows)}
