"""Machine readings for やさしい日本語 (generator/readings.py): every kanji read, the text itself unchanged."""

from __future__ import annotations

import pytest

from generator.readings import with_readings
from generator.translated import ruby_fault
from generator.words import strip_ruby


@pytest.mark.parametrize(
    "text",
    [
        "就労に向けた総合相談（生活困窮者・ひとり親家庭・高齢者・障がい者・外国人等）",
        "ハローワークin西淀川 しごと情報ひろば西淀川",
        "山陽小野田市地域職業相談室",
        "個別就職活動支援セミナー（模擬面接・応募書類の作り方など）",
    ],
)
def test_every_kanji_gets_a_reading_and_the_words_stay_as_written(text):
    read = with_readings(text)
    assert ruby_fault(read) is None  # the check a person's やさしい日本語 passes: no kanji without its reading
    assert strip_ruby(read) == text


def test_okurigana_stay_outside_the_reading():
    assert with_readings("向けた") == "{向|む}けた"
    assert with_readings("ひとり親") == "ひとり{親|おや}"


def test_a_month_after_a_number_reads_gatsu():
    assert with_readings("2024年7月") == "2024{年|ねん}7{月|がつ}"


def test_text_without_kanji_is_returned_as_is():
    assert with_readings("ジョブスポットあやせ") == "ジョブスポットあやせ"
