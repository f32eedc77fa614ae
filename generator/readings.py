"""Readings for kanji a person has not given one (やさしい日本語 edition).

Data text shown on やさしい日本語 pages takes its readings from a translation's
{漢字|かんじ} groups when a person wrote one; otherwise from here: MeCab (fugashi)
with the UniDic-lite dictionary reads the Japanese in context, and each kanji run
of a word gets the part of the word's reading that is not its kana. Such readings
are machine-made: pages mark them (class epd-auto-reading) so a person can review
them and, where one is wrong, write the text's `easy` translation instead.
"""

from __future__ import annotations

import re
from functools import cache

from .translated import KANJI

# the kanji runs and kana runs of a word ("向け" → 向 | け)
_RUNS = re.compile(f"(?:{KANJI.pattern})+|(?:(?!{KANJI.pattern}).)+")


_MONTH = re.compile(r"([0-9０-９])\{月\|つき\}")


@cache
def _tagger():
    import fugashi  # loaded only when an やさしい日本語 page needs a reading

    return fugashi.Tagger()


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


@cache
def with_readings(text: str) -> str:
    """The text with every kanji run in a {漢字|かな} group, readings from the dictionary.
    A word the dictionary has no reading for keeps its kanji bare (the tests find it)."""
    if not KANJI.search(text):
        return text
    out = []
    for word in _tagger()(text):
        surface = word.surface
        out.append(_white(word))
        reading = getattr(word.feature, "kana", None)
        if not KANJI.search(surface) or not reading or reading == "*":
            out.append(surface)
            continue
        out.append(_split(surface, _hiragana(reading)))
    # the dictionary reads 月 after a number as つき: a month is がつ (7月, しちがつ)
    return _MONTH.sub(r"\1{月|がつ}", "".join(out))


def _white(word) -> str:
    return word.white_space or ""


def _split(surface: str, reading: str) -> str:
    """Give each kanji run of a word its part of the reading: 向け/むけ → {向|む}け."""
    runs = _RUNS.findall(surface)
    pattern = "".join("(.+?)" if KANJI.match(run) else re.escape(_hiragana(run)) for run in runs)
    found = re.fullmatch(pattern, reading)
    if not found:  # the reading does not follow the word's kana (rare): read the whole word
        return f"{{{surface}|{reading}}}"
    groups = iter(found.groups())
    return "".join(f"{{{run}|{next(groups)}}}" if KANJI.match(run) else run for run in runs)
