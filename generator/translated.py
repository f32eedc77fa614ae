"""Checks on translated fields (part of stage 2, validate): the Japanese is the source.

A translation may only translate a Japanese field that exists, is dated (not in the future, not before
the facts it describes), keeps the Japanese figures; English has no Japanese characters left, and
やさしい日本語 gives every kanji a reading as {漢字|かんじ} (see CONTRIBUTING.md).
"""

from __future__ import annotations

import datetime as dt
import re

from .load import Document, Path_

EDITIONS = ("en", "easy")

KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆]")
RUBY = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")
KANA = re.compile("^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe]+$")


def _is_japanese(c: str) -> bool:
    return "\u3041" <= c <= "\u30ff" or KANJI.match(c) is not None


NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# 和暦 years: an English text may write the Gregorian year beside (or instead of) the Japanese era
ERA_YEAR = re.compile(r"(令和|平成|昭和)([0-9]+|元)年")
ERA_START = {"令和": 2018, "平成": 1988, "昭和": 1925}
_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def check_translations(
    document: Document, record, today: dt.date, at: Path_ = (), as_of: dt.date | None = None
) -> None:
    """Raise a DataError (file, line, field) for the first fault in `record.translations`;
    `at` is where the record is in its file, `as_of` its date when the record has none of its own.
    The parts a record holds are checked too: a programme's figures, a case's results, a document's slides."""
    as_of = as_of or record.as_of
    for group in ("figures", "results", "slides"):
        for index, part in enumerate(getattr(record, group, ())):
            check_translations(document, part, today, (*at, group, index), getattr(part, "as_of", None) or as_of)
    for edition in EDITIONS:
        translation = getattr(record.translations, edition)
        if translation is None:
            continue
        where = (*at, "translations", edition)
        _check_date(document, where + ("translated_on",), translation.translated_on, as_of, today)
        for field in type(translation).model_fields:
            text = getattr(translation, field)
            if field == "translated_on" or text is None:
                continue
            source = getattr(record, field)
            if not source:
                raise document.error(
                    where + (field,),
                    f"日本語の {field} がないため翻訳できません（先に日本語の {field} を書いてください）",
                )
            if isinstance(text, list):
                if len(text) != len(source):
                    raise document.error(
                        where + (field,),
                        f"日本語の {field} は{len(source)}項目です（訳は{len(text)}項目）。同じ順に1つずつ訳します",
                    )
                for index, (item, original) in enumerate(zip(text, source, strict=True)):
                    _check_text(document, where + (field, index), item, original, field, edition)
            else:
                _check_text(document, where + (field,), text, source, field, edition)


def _check_text(document: Document, location: Path_, text: str, source: str, field: str, edition: str) -> None:
    stray = _numbers_not_in(text, source)
    if stray:
        raise document.error(location, f"数字 {stray} が日本語の {field} にありません（数字は日本語と同じにします）")
    fault = ruby_fault(text) if edition == "easy" else _japanese_in_english(text)
    if fault:
        raise document.error(location, fault)


def _check_date(document: Document, location: Path_, value: dt.date, as_of: dt.date, today: dt.date) -> None:
    if value > today:
        raise document.error(location, f"未来の日付です（値: {value.isoformat()}、今日: {today.isoformat()}）")
    # the Japanese describes facts as of as_of: a translation dated earlier follows an older Japanese text
    if value < as_of:
        raise document.error(
            location,
            f"翻訳日が時点（as_of: {as_of.isoformat()}）より前です（値: {value.isoformat()}）。"
            "今の日本語から訳し直すか、翻訳を消してください（日本語が表示されます）",
        )


def numbers(text: str) -> set[str]:
    """The figures in a text, with full-width digits and thousands separators normalised: １，２３４ → 1234."""
    plain = re.sub(r"(?<=[0-9]),(?=[0-9]{3})", "", text.translate(_DIGITS))
    return {_canonical(n) for n in NUMBER.findall(plain)}


def _canonical(number: str) -> str:
    whole, _, fraction = number.partition(".")
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{fraction}" if fraction else whole


def _numbers_not_in(translation: str, japanese: str) -> str | None:
    allowed = numbers(japanese)
    for era, year in ERA_YEAR.findall(japanese.translate(_DIGITS)):
        allowed.add(str(ERA_START[era] + (1 if year == "元" else int(year))))
    return next((n for n in sorted(numbers(translation)) if n not in allowed), None)


def _japanese_in_english(text: str) -> str | None:
    # an untranslated Japanese text pasted into en would otherwise pass as a translation
    found = next((c for c in text if _is_japanese(c)), None)
    return f"英語の訳に日本語の文字「{found}」があります（ローマ字で書きます）" if found else None


def ruby_fault(text: str) -> str | None:
    """What is wrong with the ruby in an やさしい日本語 text, or None: every kanji in a {base|reading} group."""
    for match in RUBY.finditer(text):
        base, reading = match.groups()
        if not KANJI.search(base):
            return f"ふりがなの組に漢字がありません（{match.group()}）"
        if not KANA.match(reading):
            return f"読みはかなだけで書きます（{match.group()}）"
    rest = RUBY.sub("", text)
    broken = re.search(r"[{}|｛｝｜]", rest)
    if broken:
        at = text.find(broken.group())
        return f"ふりがなの書き方が正しくありません（{{漢字|かんじ}} の形にします。{text[max(0, at - 8) : at + 8]}）"
    bare = KANJI.search(rest)
    if bare:
        return f"漢字「{bare.group()}」にふりがながありません（{{{bare.group()}|よみ}} の形で書きます）"
    return None
