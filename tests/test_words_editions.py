"""The English (en) and やさしい日本語 (easy) catalogues match the Japanese source:
the same keys, the same placeholders, and in easy every kanji carries its reading."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml

WORDS = Path(__file__).resolve().parent.parent / "generator" / "words"
EDITIONS = ("en", "easy")
# every area an edition translates (the rest falls back to Japanese, marked on the page)
AREAS = tuple(sorted(path.stem for path in (WORDS / "en").glob("*.yaml")))

KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005"  # CJK ideographs and 々
RUBY = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")  # {漢字|かんじ}
BASE = re.compile(rf"[{KANJI}]+")
READING = re.compile(r"[\u3041-\u309f\u30fc]+")  # hiragana (and the long-vowel mark)
MARKUP = re.compile(r"<[^>]*>")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
# Words that end up where markup cannot go (attributes, <title>, the navigation, <option>,
# SVG text): in easy they are written in kana, without furigana groups.
PLAIN = {"site.name", "home.zip_placeholder", "pages.chart_source", "prefecture.ratio_chart"}
PLAIN |= {"pages.chart_source_month"}
PLAIN |= {"prefecture.ratio_unit", "prefecture.map_title", "municipality.map_title", "programme.map_title"}
PLAIN |= {"cases.title", "cases.all", "cases.map_title", "finder.zip_placeholder", "finder.name_placeholder"}
PLAIN |= {"search.title", "search.prefecture_option"}  # <title> and aria-label; <option>
# entries whose code offers more values than each language uses (a date: iso, year, month, day, era, era_year)
SUBSET_PLACEHOLDERS = {"finder_script.date": {"iso", "year", "month", "day", "era", "era_year"}}
SUBSET_PLACEHOLDERS["search.prefecture_option"] = {"name", "reading"}  # only easy shows the reading
PLAIN_AREAS = ("nav", "kinds", "theme", "search_script", "charts")  # attributes, scripts: no furigana


def entries(language: str, area: str) -> dict[str, str]:
    return yaml.safe_load((WORDS / language / f"{area}.yaml").read_text("utf-8")) or {}


def placeholders(text: str) -> set[str]:
    """The names str.format fills; furigana groups are not placeholders."""
    return {name for _, name, _, _ in string.Formatter().parse(RUBY.sub("", text)) if name is not None}


def bare_kanji(text: str) -> list[str]:
    """Kanji outside tags, placeholders and well-formed {漢字|かな} groups."""
    rest = PLACEHOLDER.sub("", MARKUP.sub("", text))
    for base, reading in RUBY.findall(rest):
        if not (BASE.fullmatch(base) and READING.fullmatch(reading)):
            return [f"{{{base}|{reading}}}"]
    return BASE.findall(RUBY.sub("", rest))


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("area", AREAS)
def test_an_edition_has_exactly_the_source_keys_and_placeholders(language, area):
    source, edition = entries("ja", area), entries(language, area)
    assert sorted(edition) == sorted(source)
    for name, text in edition.items():
        assert isinstance(text, str) and text.strip(), name
        offered = SUBSET_PLACEHOLDERS.get(f"{area}.{name}")
        if offered:
            assert placeholders(text) <= offered and placeholders(source[name]) <= offered, name
        else:
            assert placeholders(text) == placeholders(source[name]), name


@pytest.mark.parametrize("area", AREAS)
def test_every_kanji_in_easy_japanese_has_its_reading(area):
    unread = {name: found for name, text in entries("easy", area).items() if (found := bare_kanji(text))}
    assert unread == {}


def test_easy_words_for_plain_text_places_have_no_furigana_groups():
    easy = {f"{area}.{name}": text for area in AREAS for name, text in entries("easy", area).items()}
    plain = {key for key in easy if key in PLAIN or key.split(".")[0] in PLAIN_AREAS}
    assert PLAIN <= plain
    assert {key: easy[key] for key in plain if RUBY.search(easy[key])} == {}


def test_the_checks_catch_what_they_are_for():
    assert placeholders("{雇用|こよう}は{count}件") == {"count"}
    assert bare_kanji("{雇用|こよう}の<b>{count}</b>") == []
    assert bare_kanji("{雇用|こよう}対策") == ["対策"]
    assert bare_kanji("{雇用|コヨウ}") == ["{雇用|コヨウ}"]
    assert bare_kanji("{こよう|こよう}") == ["{こよう|こよう}"]


def test_both_editions_translate_the_same_areas():
    assert {p.stem for p in (WORDS / "easy").glob("*.yaml")} == set(AREAS)
