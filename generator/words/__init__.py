"""The site's fixed words, one catalogue per language: words/<language>/<area>.yaml.

A key is '<area>.<name>' ('maps.agreement_title'); values may hold `{placeholders}`
filled by the caller (str.format). Japanese (`ja`) is the source: every other
language has the same keys, and a key it lacks falls back to Japanese, marked so
the page can say so. Templates get the catalogue as `w`, Python calls `words()`.
Maintainers' error messages are not site words: they stay beside their checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent
# furigana in やさしい日本語: {漢字|かんじ}, kept through str.format and shown as <ruby>
RUBY = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")
SOURCE_LANGUAGE = "ja"


class MissingWord(KeyError):
    """A key the source catalogue does not have: a typo in code or a template."""


@dataclass(frozen=True)
class Catalogue:
    language: str
    entries: dict[str, str]
    source: dict[str, str]

    def __call__(self, key: str, **values: object) -> str:
        text = self.entries.get(key)
        if text is None:
            text = self.source.get(key)
            if text is None:
                raise MissingWord(f"{key}（generator/words/{SOURCE_LANGUAGE}/ にありません）")
        return RUBY.sub(r"{{\1|\2}}", text).format(**values) if values else text

    def translated(self, key: str) -> bool:
        """False when this language falls back to the source's words for `key`."""
        return key in self.entries


def _read(language: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for path in sorted((FOLDER / language).glob("*.yaml")):
        for name, text in (yaml.safe_load(path.read_text("utf-8")) or {}).items():
            if not isinstance(text, str):
                raise ValueError(f"{path}: {name} は文字列にしてください")
            entries[f"{path.stem}.{name}"] = text
    return entries


@cache
def catalogue(language: str = SOURCE_LANGUAGE) -> Catalogue:
    source = _read(SOURCE_LANGUAGE)
    entries = source if language == SOURCE_LANGUAGE else _read(language)
    unknown = sorted(set(entries) - set(source))
    if unknown:
        raise MissingWord(f"generator/words/{language}/ に日本語にない語があります: {', '.join(unknown)}")
    return Catalogue(language, entries, source)


def words(key: str, **values: object) -> str:
    """A word of the source catalogue (Japanese)."""
    return catalogue()(key, **values)


def ruby_html(text: str) -> str:
    """{漢字|かんじ} → <ruby>漢字<rt>かんじ</rt></ruby>"""
    return RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", text)


def strip_ruby(text: str) -> str:
    """{漢字|かんじ} → 漢字, for places that cannot hold <ruby> (titles, attributes)."""
    return RUBY.sub(r"\1", text)
