"""自治体標準オープンデータセット「公共施設一覧」: the standard's columns, the deck's facts, nothing more."""

from __future__ import annotations

import csv
import io

from generator.outputs.public_facilities import COLUMNS, render_public_facilities
from tests.deck import from_deck
from tests.test_enrich import directory

STANDARD_COLUMNS = (
    "全国地方公共団体コード,ID,名称,名称_カナ,名称_英語,POIコード,住所,方書,緯度,経度,電話番号,内線番号,法人番号,"
    "団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,説明,バリアフリー情報,URL,備考"
).split(",")
NOT_IN_THE_DECK = (
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
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "バリアフリー情報",
    "URL",
)


def rows() -> list[dict]:
    data = render_public_facilities(directory())["opendata/public_facilities.csv"]
    assert data.startswith("\ufeff".encode("utf-8")), "UTF-8 with BOM, as the standard asks"
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    assert next(reader) == STANDARD_COLUMNS == list(COLUMNS)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_one_row_per_named_facility_with_the_deck_facts():
    table = rows()
    facilities = {f.record.id: f for f in directory().facilities}
    assert len(table) == len(facilities) and {r["ID"] for r in table} == set(facilities)
    assert len(from_deck(directory().facilities)) == 12
    ayase = next(r for r in table if r["ID"] == "job-spot-ayase")
    assert ayase["全国地方公共団体コード"] == "142182" and ayase["名称"] == "ジョブスポットあやせ"
    assert ayase["団体名"] == "綾瀬市・ハローワーク大和"
    assert "平成24年10月1日" in ayase["説明"] and "職業相談・職業紹介" in ayase["説明"]
    assert "市区町村（神奈川県綾瀬市" in ayase["備考"] and "出典" in ayase["備考"]


def test_columns_the_deck_does_not_give_stay_empty():
    for row in rows():
        assert all(row[column] == "" for column in NOT_IN_THE_DECK), row["ID"]
        assert len(row["全国地方公共団体コード"]) == 6 and row["名称"] and row["説明"] and row["備考"]
