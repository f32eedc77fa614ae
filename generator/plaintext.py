"""What the bytes and text of a data file may hold, checked before and around YAML.

Encodings other than UTF-8 are named, not guessed at (Shift_JIS and EUC-JP read some of the same
bytes differently); what an unfinished merge, a word processor or a Japanese input mode leaves in
the text is named with its line, so the message says what YAML alone would not.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from .errors import DataError, excerpt

# Every character of Unicode category Cf (format): bidi controls (U+202A–U+202E, U+2066–U+2069,
# U+200E/F, U+061C), zero-width ones (U+200B–U+200D, U+2060, U+FEFF), soft hyphen, tag characters.
# A BOM at the start of a file is decoded away before this applies.
FORMAT_CHARACTER = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# Control characters but tab and line feed (CR is gone by then), and the line breaks YAML 1.1 knows
# but editors and line numbers do not (NEL, LINE and PARAGRAPH SEPARATOR): pasted from word
# processors and spreadsheets, or an ESC that would drive the terminal an error message is shown in.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_NAMES = {
    0x0B: "垂直タブ。Word や Excel のセル内の改行から混ざります",
    0x0C: "改ページ",
    0x1B: "ESC。端末を操作する文字です",
    0x7F: "DEL",
    0x85: "NEL（次の行）。改行として読まれ、行番号がずれます",
    0x2028: "LINE SEPARATOR。改行として読まれ、行番号がずれます",
    0x2029: "PARAGRAPH SEPARATOR。改行として読まれ、行番号がずれます",
}
# What an unfinished merge or rebase leaves in a file: <<<<<<< ours, ||||||| base, ======= , >>>>>>> theirs
CONFLICT_MARKER = re.compile(r"^(?:<{7}|\|{7}|={7}|>{7})(?: .*)?$", re.MULTILINE)
# Japanese input modes type these for ':' and ' ' in the syntax itself
FULL_WIDTH_SYNTAX = re.compile(
    r"^[ \u3000]*(?:-[ \u3000]+)?[A-Za-z_][A-Za-z0-9_]*[ \u3000]*：|^[ ]*\u3000|^[ ]*(?:- )?[A-Za-z_][A-Za-z0-9_]*:\u3000",
    re.MULTILINE,
)

_PROBLEMS = {  # libyaml's words for the usual slips
    "mapping values are not allowed in this context": "「キー: 値」の字下げかコロンの位置が合っていません",
    "could not find expected ':'": "「キー: 値」のコロン（半角の : と空白）が見つかりません",
    "did not find expected key": "字下げが合っていません",
    "did not find expected ',' or ']'": "[ ] が閉じていません",
    "did not find expected ',' or '}'": "{ } が閉じていません",
    "found unexpected end of stream": "引用符（' または \"）か括弧が閉じていません",
    "found character that cannot start any token": '値の先頭に使えない文字（@ ` % など）があります。値を "..." で囲んでください',
    "but found another document": "ファイルに文書が2つあります（--- の行を消してください）",
    "found unhashable key": "キーは文字列にしてください（? で書いたリストや対応表はキーにできません）",
    "exceeded maximum nesting depth": "入れ子が深すぎます（データは5段ほどです）",
}


def line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def format_character_message(character: str) -> str:
    name = unicodedata.name(character, "FORMAT CHARACTER")
    return f"見えない書式文字 U+{ord(character):04X}（{name}）があります。表示と中身が食い違うため使えません（削除してください）"


def control_character_message(character: str) -> str:
    name = _CONTROL_NAMES.get(ord(character), "制御文字")
    return f"制御文字 U+{ord(character):04X}（{name}）があります。削除するか、普通の空白・改行にしてください"


def refuse_text(text: str, display_path: str) -> None:
    """Faults visible in the text itself, named before YAML tries (and fails) to read it."""
    markers = [line_at(text, match.start()) for match in CONFLICT_MARKER.finditer(text)]
    if markers:
        lines = "、".join(f"{line} 行目" for line in markers[:6]) + ("…" if len(markers) > 6 else "")
        message = (
            f"git のマージ（またはリベース）の途中の印（<<<<<<<・=======・>>>>>>>）が残っています（{lines}）。"
            "どちらの内容を残すか決めて直し、印の行を消してください"
        )
        raise DataError(display_path, markers[0], None, message)
    control = CONTROL_CHARACTER.search(text)
    if control:
        raise DataError(display_path, line_at(text, control.start()), None, control_character_message(control.group()))


def syntax_error(exc: yaml.MarkedYAMLError, text: str, display_path: str) -> DataError:
    full_width = FULL_WIDTH_SYNTAX.search(text)
    if full_width:  # the slip is usually a line or two above where YAML notices it
        message = "YAML として読めません: 全角のコロン「：」か全角の空白があります（キーの後は半角の「: 」、字下げは半角の空白にしてください）"
        return DataError(display_path, line_at(text, full_width.start()), None, message)
    mark = exc.problem_mark or exc.context_mark
    source_lines = text.splitlines() or [""]
    line = min(mark.line + 1, len(source_lines)) if mark else None  # libyaml may mark the end of file
    problem = _PROBLEMS.get(exc.problem or "", excerpt(exc.problem or "構文エラー", 120))
    if line and "\t" in source_lines[line - 1]:
        problem = "タブ文字でインデントされています（YAML ではスペースを使ってください）"
    return DataError(display_path, line, None, f"YAML として読めません: {problem}")


def decode(raw: bytes, display_path: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = (
            f"UTF-8 ではありません（{_guess_encoding(raw)}で保存されているようです）。"
            "エディタで文字コードを UTF-8 にして保存し直してください"
            "（VS Code: 右下の文字コード →「エンコード付きで保存」→ UTF-8、メモ帳: 名前を付けて保存 → 文字コード UTF-8）"
        )
        raise DataError(display_path, line, None, message) from None


def _guess_encoding(raw: bytes) -> str:
    """Which of the encodings Japanese tools save in the bytes read as; only named, never used."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16（メモ帳の「Unicode」）"
    if b"\x1b$B" in raw or b"\x1b$@" in raw:
        return "ISO-2022-JP（JIS）"
    readable = [
        name
        for name, codec in (("Shift_JIS（Windows・Excel の既定）", "cp932"), ("EUC-JP", "euc_jp"))
        if _decodes(raw, codec)
    ]
    return "・".join(readable) or "不明な文字コード"


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True
