"""The records reconcile with the deck's own totals, and enrichment joins them correctly."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache

import pytest

from generator.build import ROOT
from generator.directory import Directory
from generator.enrich import enrich
from generator.errors import DataError
from generator.load import load_data
from generator.validate import validate
from tests.conftest import DATA_TODAY
from tests.deck import DECK, DECK_CASES, from_deck

TODAY = DATA_TODAY  # not before any date in data/


@cache
def directory() -> Directory:
    return enrich(validate(load_data(ROOT / "data"), TODAY), TODAY)


def test_agreements_reconcile_with_302_entities():
    deck = from_deck(directory().agreements)
    assert len(deck) == 302
    assert Counter(a.place.kind for a in deck) == {"prefecture": 47, "city": 230, "town": 24, "village": 1}


def test_34_dated_agreements_of_fy2023_and_fy2024_with_contiguous_cumulative_numbers():
    listed = sorted((a for a in directory().agreements if a.cumulative_no), key=lambda a: a.cumulative_no)
    assert [a.cumulative_no for a in listed] == list(range(269, 303))
    fy2023 = [a for a in listed if dt.date(2023, 4, 1) <= a.concluded_on <= dt.date(2024, 3, 31)]
    fy2024 = [a for a in listed if a.concluded_on >= dt.date(2024, 4, 1)]
    assert (len(fy2023), len(fy2024)) == (30, 4)
    assert Counter(a.place.kind for a in fy2023) == {"city": 26, "town": 4}  # 26市4町
    assert {a.place.kind for a in fy2024} == {"city"}  # 4市
    assert all(a.source.id == "agreement-trends" for a in listed)
    assert [a.concluded_on for a in listed] == sorted(a.concluded_on for a in listed)


def test_dates_from_the_case_slides():
    by_name = {a.place.full_name: a for a in directory().agreements}
    assert by_name["熊本県"].concluded_on == dt.date(2016, 1, 28)
    assert by_name["宮城県気仙沼市"].concluded_on == dt.date(2023, 3, 13)


def test_seed_corrections_are_recorded():
    by_name = {a.place.full_name: a for a in directory().agreements}
    assert by_name["茨城県高萩市"].seed_spelling == "高荻市"
    assert "福島" in by_name["福島県伊達市"].note and "北海道伊達市" not in by_name
    assert "山梨" in by_name["山梨県南部町"].note


def test_integrated_entities_reconcile_with_187():
    entries = from_deck(directory().integrated)
    prefectures = [e for e in entries if e.place.kind == "prefecture"]
    assert (len(entries), len(prefectures), len(entries) - len(prefectures)) == (187, 34, 153)
    assert {e.region.label for e in entries} == {"北海道・東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄"}


def test_ratios_have_48_rows_of_3_months():
    assert directory().months == ("2020-03", "2024-06", "2024-07")
    assert len(directory().prefectures) == 47
    assert directory().national_ratios == {"2020-03": 1.39, "2024-06": 1.23, "2024-07": 1.24}
    assert directory().prefecture("13").job_offer_ratios == {"2020-03": 1.34, "2024-06": 1.11, "2024-07": 1.12}


def test_nine_cases_and_nine_programmes():
    assert sorted(c.record.id for c in from_deck(directory().cases)) == list(DECK_CASES)
    assert [p.id for p in directory().programmes][:3] == ["agreement", "integrated", "furusato"]
    deck_ids = {DECK} | {s.id for s in next(d for d in directory().documents if d.id == DECK).slides}
    assert len([p for p in directory().programmes if p.source in deck_ids]) == 9


def test_every_record_names_a_known_source_slide():
    slides = set(directory().slides)
    for entry in (*directory().agreements, *directory().integrated, *directory().cases):
        assert entry.source.id in slides
    for programme in directory().programmes:
        assert programme.source in slides and all(f.source in slides for f in programme.figures)


def test_places_come_from_the_code_table_with_town_hall_coordinates():
    ayase = directory().municipalities["142182"]
    assert (ayase.place.name, ayase.place.kana, ayase.place.romaji) == ("綾瀬市", "あやせし", "ayaseshi")
    assert 35.4 < ayase.place.lat < 35.5 and 139.4 < ayase.place.lon < 139.5
    assert ayase.integrated is not None and [f.record.id for f in ayase.facilities] == ["job-spot-ayase"]
    assert [c.record.id for c in ayase.cases] == ["ayase"]
    assert ayase.cases[0] is next(c for c in directory().cases if c.record.id == "ayase")  # the entry itself


def test_service_points_add_one_counter_per_municipal_integrated_entity_without_a_named_one():
    points = directory().service_points
    ids = [p.id for p in points]
    assert len(ids) == len(set(ids))
    assert "integrated-142182" not in ids  # 綾瀬市 has ジョブスポットあやせ
    assert "integrated-131032" in ids  # 港区: named in the list only
    municipal_integrated = [e for e in directory().integrated if e.place.kind != "prefecture"]
    assert len(points) == len(directory().facilities) + len(municipal_integrated) - 1


def test_similar_cases_share_facets():
    for case in directory().cases:
        assert case.record.id not in {s.case_id for s in case.similar}
        assert all(s.shared for s in case.similar)


def test_an_operator_that_is_neither_a_local_government_nor_a_national_office_stops_the_build(data_copy):
    path = data_copy / "facilities.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("operators: [綾瀬市, ハローワーク大和]", "operators: [綾瀬町, ハローワーク大和]", 1), "utf-8"
    )
    line = text[: text.index("operators: [綾瀬市")].count("\n") + 1
    with pytest.raises(DataError) as caught:
        enrich(validate(load_data(data_copy), TODAY), TODAY)
    assert (caught.value.file.endswith("facilities.yaml"), caught.value.line, caught.value.field) == (
        True,
        line,
        "records[1].operators[0]",
    )
    assert "綾瀬町" in caught.value.message and "神奈川県" in caught.value.message


def test_a_prefecture_profile_holds_the_entries_of_the_prefecture():
    kanagawa = directory().prefecture_profiles["14"]
    assert kanagawa.place.name == "神奈川県" and kanagawa.prefecture.region.label == "関東"
    assert kanagawa.agreement is not None and kanagawa.agreement.place.name == "神奈川県"
    assert [a.place.name for a in from_deck(kanagawa.municipal_agreements)] == ["横浜市", "横須賀市", "小田原市"]
    assert kanagawa.agreements == (kanagawa.agreement, *kanagawa.municipal_agreements)
    assert [f.record.id for f in from_deck(kanagawa.facilities)] == ["hw-yamato", "job-spot-ayase"]
    assert [c.record.id for c in from_deck(kanagawa.cases)] == ["ayase", "kanagawa-npo"]
    assert {p.place.prefecture_code for p in kanagawa.service_points} == {"14"}
    assert kanagawa.integrated_entry is not None and kanagawa.integrated_entry.place.name == "神奈川県"
    assert len(from_deck(kanagawa.integrated)) == 7 and kanagawa.integrated[0] is kanagawa.integrated_entry


def test_prefecture_profiles_share_out_every_list_once():
    profiles = directory().prefecture_profiles
    assert list(profiles) == [p.place.prefecture_code for p in directory().prefectures]
    for name in ("agreements", "integrated", "facilities", "service_points", "cases"):
        shared = [entry for profile in profiles.values() for entry in getattr(profile, name)]
        assert sorted(map(id, shared)) == sorted(map(id, getattr(directory(), name))), name


def test_vocabulary_ids_are_ascii_and_resolve_to_their_labels():
    vocabularies = directory().vocabularies
    for group in ("facility_kinds", "regions", "integrated_regions"):
        assert all(t.id.isascii() for t in getattr(vocabularies, group))
    hello_work = next(f for f in directory().facilities if f.record.id == "hw-yamato")
    assert (hello_work.record.kind, hello_work.kind.label) == ("hello-work", "ハローワーク")
    assert [t.label for t in directory().regions][:3] == ["北海道", "東北", "関東"]
    assert directory().prefecture("01").region.id == "hokkaido"
    counter = next(p for p in directory().service_points if p.id == "integrated-131032")
    assert (counter.kind.id, counter.kind.label) == ("integrated-counter", "一体的実施事業の窓口")
    assert counter.name == "港区の一体的実施事業の窓口"


def test_case_entries_carry_their_terms():
    ayase = next(c for c in directory().cases if c.record.id == "ayase")
    assert [t.id for t in ayase.challenges] == list(ayase.record.challenges)
    assert [t.id for t in ayase.target_groups] == list(ayase.record.target_groups)
    labels = {t.id: t.label for t in directory().vocabularies.challenges}
    assert [t.label for t in ayase.challenges] == [labels[i] for i in ayase.record.challenges]
    assert ayase.region is not None and ayase.region.label == "関東"
    assert [p.id for p in ayase.programmes] == list(ayase.record.programmes)
    assert all(p in directory().programmes for p in ayase.programmes)
