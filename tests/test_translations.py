"""Translated fields (generator/translated.py): the real data passes, and each fault names file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import ROOT
from generator.errors import DataError
from generator.load import load_data
from generator.translated import EDITIONS, KANJI, numbers, ruby_fault
from generator.validate import validate
from tests.conftest import DATA_TODAY
from tests.deck import DECK_CASES

TODAY = DATA_TODAY  # not before any date in data/


def _validate(data_dir: Path):
    return validate(load_data(data_dir), TODAY)


def _fault(data_dir: Path, file: str, old: str, new: str) -> tuple[DataError, int]:
    path = data_dir / file
    text = path.read_text("utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], "utf-8")
    with pytest.raises(DataError) as caught:
        _validate(data_dir)
    return caught.value, text[:index].count("\n") + 1


def test_the_deck_records_have_both_editions_of_every_translated_field():
    """The deck's programmes and nine cases are translated; a maintainer's new case may not be (CONTRIBUTING.md)."""
    dataset = _validate(ROOT / "data")
    deck_cases = [c for c in dataset.case_studies if c.record.id in DECK_CASES]
    assert len(deck_cases) == len(DECK_CASES)
    for located in (*dataset.programmes, *deck_cases):
        record = located.record
        for edition in EDITIONS:
            translation = getattr(record.translations, edition)
            assert translation is not None, (record.id, edition)
            # legal_basis is translated into English only: やさしい日本語 shows the law's Japanese with readings
            fields = [f for f in type(translation).model_fields if f not in ("translated_on", "legal_basis")]
            fields = [f for f in fields if getattr(record, f)]
            assert all(getattr(translation, f) for f in fields), (record.id, edition)
            if edition == "easy":
                texts = [
                    t for f in fields for t in (lambda v: v if isinstance(v, list) else [v])(getattr(translation, f))
                ]
                assert all(ruby_fault(text) is None for text in texts)
    assert all(p.record.who_can_use for p in dataset.programmes)
    assert all(c.record.summary for c in deck_cases)


def test_bare_kanji_names_file_line_field_and_the_kanji(data_copy):
    error, line = _fault(
        data_copy, "case_studies/ayase.yaml", "{綾瀬市|あやせし}の{市役所|しやくしょ}", "綾瀬市の{市役所|しやくしょ}"
    )
    assert (error.file, error.line, error.field) == ("data/case_studies/ayase.yaml", line, "translations.easy.summary")
    assert "漢字「綾」" in error.message


@pytest.mark.parametrize(
    "old,new,words",
    [
        ("{約束|やくそく}です。", "{約束|やくそく です。", "ふりがなの書き方"),
        ("{約束|やくそく}です。", "{約束|yakusoku}です。", "読みはかなだけ"),
        ("{約束|やくそく}です。", "{やくそく|やくそく}です。", "漢字がありません"),
        ("{約束|やくそく}です。", "{約束|やくそく}}です。", "ふりがなの書き方"),
    ],
)
def test_malformed_ruby_group(data_copy, old, new, words):
    error, line = _fault(data_copy, "programmes/agreement.yaml", old, new)
    assert error.line == line and error.field.startswith("translations.easy."), str(error)
    assert words in error.message, str(error)


def test_translation_of_a_field_with_no_japanese(data_copy):
    path = data_copy / "case_studies" / "kumamoto.yaml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"\nsummary: .*", "", text, count=1), "utf-8")
    with pytest.raises(DataError) as caught:
        _validate(data_copy)
    lines = path.read_text("utf-8").splitlines()
    expected = next(i for i, s in enumerate(lines, 1) if s.startswith("    summary:"))
    assert (caught.value.line, caught.value.field) == (expected, "translations.en.summary")
    assert "日本語の summary がない" in caught.value.message


def test_future_translated_on(data_copy):
    error, line = _fault(
        # the programme's own translation (block style), not a figure's ({translated_on: …})
        data_copy,
        "programmes/integrated.yaml",
        "    translated_on: 2026-12-02",
        "    translated_on: 2026-12-03",
    )
    assert (error.line, error.field) == (line, "translations.en.translated_on")
    assert "未来" in error.message


def test_translated_on_before_as_of(data_copy):
    error, line = _fault(
        data_copy, "programmes/integrated.yaml", "    translated_on: 2026-12-02", "    translated_on: 2024-08-30"
    )
    assert (error.line, error.field) == (line, "translations.en.translated_on")
    assert "as_of: 2024-08-31" in error.message


def test_figure_not_in_japanese(data_copy):
    error, line = _fault(data_copy, "programmes/integrated.yaml", "it runs in 187 local", "it runs in 188 local")
    assert (error.line, error.field) == (line, "translations.en.summary")
    assert "数字 188" in error.message


def test_japanese_left_in_english(data_copy):
    error, line = _fault(
        data_copy, "case_studies/tendo.yaml", "Tendo Work Plaza (Tendo-shi", "天童ワークプラザ (Tendo-shi"
    )
    assert (error.line, error.field) == (line, "translations.en.title")
    assert "「天」" in error.message


def test_numbers_normalise_full_width_digits_commas_and_eras():
    assert numbers("Ｎ＝７，０６１件、161,028件、39.2％、第０６次") == {"7061", "161028", "39.2", "6"}
    assert numbers("7,061 and 1, 2") == {"7061", "1", "2"}


def test_gregorian_year_of_a_japanese_era_is_allowed(data_copy):
    # 令和6年 in the Japanese lets the English say 2024; 2025 is not in it
    error, _ = _fault(data_copy, "programmes/agreement.yaml", "31 August 2024", "31 August 2025")
    assert "数字 2025" in error.message


def test_kanji_class_covers_iteration_mark_and_compatibility_ideographs():
    assert all(KANJI.match(c) for c in "漢々〆\uf900\U00020000")
    assert not any(KANJI.match(c) for c in "かカー・ＡA1")


def test_a_counter_translation_names_the_item_with_japanese_left_in_it(data_copy):
    error, line = _fault(
        data_copy, "facilities.yaml", '          - "Job counselling and job placement"', '          - "職業相談"'
    )
    assert (error.file, error.line) == ("data/facilities.yaml", line)
    assert error.field.startswith("records[1].translations.en.services[")
    assert "日本語の文字「職」" in error.message


def test_a_list_translation_must_have_as_many_items_as_the_japanese(data_copy):
    error, _ = _fault(
        data_copy, "facilities.yaml", 'operators: ["Ayase-shi", "Hello Work Yamato"]', 'operators: ["Ayase-shi"]'
    )
    assert error.field == "records[1].translations.en.operators"
    assert "2項目" in error.message


def test_a_source_title_translation_keeps_the_figures(data_copy):
    error, _ = _fault(data_copy, "sources.yaml", "Act No. 47 of 2016", "Act No. 48 of 2016")
    assert error.field.endswith("slides[3].translations.en.title")
    assert "数字 48" in error.message
