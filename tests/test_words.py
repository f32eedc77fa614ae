"""The word catalogue (generator/words/): lookup, placeholders, fallback, unknown keys."""

from __future__ import annotations

import pytest

from generator import words
from generator.words import Catalogue, MissingWord, catalogue


def test_source_words_are_read_by_area_and_name():
    assert words.words("nav.home") == "ホーム"
    assert words.words("site.name") == "雇用連携ディレクトリ"


def test_placeholders_are_filled():
    w = Catalogue("ja", {"x.greeting": "{name}のページ"}, {"x.greeting": "{name}のページ"})
    assert w("x.greeting", name="綾瀬市") == "綾瀬市のページ"


def test_a_language_without_a_word_falls_back_to_the_source_and_says_so():
    w = Catalogue("en", {"x.a": "A"}, {"x.a": "あ", "x.b": "い"})
    assert (w("x.a"), w.translated("x.a")) == ("A", True)
    assert (w("x.b"), w.translated("x.b")) == ("い", False)


def test_an_unknown_key_is_an_error_naming_it():
    with pytest.raises(MissingWord, match="nav.nowhere"):
        catalogue()("nav.nowhere")
