"""Faults found while validating, gathered so one run reports them all, in the maintainer's words.

pydantic's error types and the schema's patterns (records.py) are said as what to write:
no regular expression or library text reaches a maintainer.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from . import records as r
from .errors import DataError, DataErrors, excerpt
from .load import Document, Path_

M = TypeVar("M", bound=BaseModel)

# pydantic's error types in the maintainer's words; {name} fields come from the error's context
_MESSAGES = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "知らない項目です（綴りを確認してください）",
    "string_type": '文字列が必要です（コードなどの数字は "..." で囲んでください）',
    "string_too_long": "長すぎます（{max_length} 文字まで）",
    "string_too_short": "空にはできません",
    "date_from_datetime_parsing": "日付が正しくありません（YYYY-MM-DD の実在する日付）",
    "date_from_datetime_inexact": "日付が正しくありません（YYYY-MM-DD の実在する日付）",
    "date_parsing": "日付が正しくありません（YYYY-MM-DD の実在する日付）",
    "date_type": "日付が必要です（YYYY-MM-DD）",
    "list_type": "リストが必要です（[a, b] または「- 」で始まる行）",
    "dict_type": "対応表（キー: 値）が必要です",
    "model_type": "キー: 値 の形の項目が必要です",
    "model_attributes_type": "キー: 値 の形の項目が必要です",
    "too_short": "少なくとも {min_length} 件必要です",
    "too_long": "{max_length} 件までです",
    "int_type": "整数が必要です",
    "int_parsing": "整数が必要です",
    "int_from_float": "整数が必要です",
    "float_type": "数値が必要です（カンマなし。例: 2090）",
    "float_parsing": "数値が必要です（カンマなし。例: 2090）",
    "bool_type": "true か false が必要です",
    "bool_parsing": "true か false が必要です",
    "greater_than_equal": "{ge} 以上の数が必要です",
    "greater_than": "{gt} より大きい数が必要です",
    "less_than_equal": "{le} 以下の数が必要です",
    "less_than": "{lt} より小さい数が必要です",
    "finite_number": "有限の数が必要です",
    "frozen_set_type": "リストが必要です",
}
# the schema's patterns (records.py), said as what to write
_PATTERNS = {
    r"^[0-9]{6}$": '6桁の数字（検査数字付きの全国地方公共団体コード）を "..." で囲んで書いてください（例: "142182"）',
    r"^[0-9]{2}$": '2桁の数字（都道府県コード）を "..." で囲んで書いてください（例: "04"）',
    r"^[a-z0-9][a-z0-9_-]{0,63}$": "英小文字・数字・ハイフン（-）・下線（_）で、英小文字か数字から書き始めてください（64文字まで）",
    r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$": "年月は YYYY-MM の形で書いてください（例: 2024-07）",
}
_FALLBACK = "値の形が正しくありません"

# Codes and ids are never normalised from full width (０４ → 04): the file must say what the site says.
FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")


class Problems:
    """Every fault found in one run: each check adds and goes on, so a maintainer sees them all at once."""

    def __init__(self) -> None:
        self.found: list[DataError] = []
        self.faulty: set[tuple[str, str]] = set()  # (file, top-level field) already reported as malformed

    def add(self, error: DataError) -> None:
        if (error.file, _top(error.field)) not in self.faulty:
            self.found.append(error)

    @contextlib.contextmanager
    def each(self) -> Iterator[None]:
        """Run a check that stops at its first fault; record that fault and go on with the next check."""
        try:
            yield
        except DataError as error:
            self.found.extend(error.errors)

    def member(self, located, field: str, value: str, allowed: set[str], what: str, index: int | None = None) -> None:
        """A fault unless `value` is one of `allowed`, naming the values that are."""
        if value not in allowed:
            location = located.location + ((field, index) if index is not None else (field,))
            self.add(
                located.document.error(
                    location, f"知らない{what}です（値: {value}、使える値: {', '.join(sorted(allowed))}）"
                )
            )

    def parse(self, model: type[M], document: Document, location: Path_ = ()) -> M | None:
        """The record, or None after adding every schema fault of it."""
        data = document.data
        for part in location:
            data = data[part]
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            seen: set[Path_] = set()
            for error in exc.errors():
                loc = location + tuple(part for part in error["loc"] if not _is_union_tag(part))
                if loc not in seen:  # a union (float | int) reports one fault per member
                    seen.add(loc)
                    self.add(document.error(loc, _message(error)))
            return None

    def parse_case(self, document: Document, template: Document | None) -> r.CaseStudy | None:
        """A case, also when some fields are malformed: those are reported once and stand in from the
        template (whose values have the right shape), so the case's other fields are still checked."""
        before = len(self.found)
        record = self.parse(r.CaseStudy, document)
        if record is not None or template is None or not isinstance(document.data, dict):
            return record
        malformed = {_top(error.field) for error in self.found[before:]}
        stand_in = {k: v for k, v in document.data.items() if k not in malformed}
        stand_in.update({k: template.data[k] for k in malformed if k in template.data})
        try:
            record = r.CaseStudy.model_validate(stand_in)
        except ValidationError:
            return None
        self.faulty.update((document.path, key) for key in malformed)
        return record

    def stop(self) -> None:
        if self.found:
            raise DataErrors(self.found)


def _top(field: str | None) -> str:
    return re.split(r"[.\[]", field or "", maxsplit=1)[0]


def _message(error) -> str:
    kind, context, shown = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "string_pattern_mismatch" and FULL_WIDTH_ALNUM.search(str(shown)):
        message = "全角の英数字は使えません（コード・id・年月は半角で書いてください）"
    elif kind == "string_pattern_mismatch":
        message = f"形式が正しくありません。{_PATTERNS.get(context.get('pattern'), _FALLBACK)}"
    elif kind == "literal_error":
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        message = f"使える値ではありません（使える値: {expected}）"
    elif kind == "value_error":  # raised by records.py's own validators, in Japanese
        message = str(context.get("error", _FALLBACK))
    else:
        message = _MESSAGES.get(kind, _FALLBACK).format(**context)
    if isinstance(shown, (str, int, float)) and kind != "missing":
        message += f"（値: {excerpt(shown)}）"
    return message


def _is_union_tag(part) -> bool:
    return isinstance(part, str) and part in ("float", "int", "function-after[_safe_url(), str]")
