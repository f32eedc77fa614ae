"""Stage 1 — load: read the YAML files of data/ and remember where each value sits.

Only parsing happens here. Dates stay strings (the validator parses them, so an
impossible date is reported with its field), and every mapping key and list item
keeps its line number so later stages can point at the exact place of a fault.

Hostile text is refused before it costs anything: links out of data/, files over
2 MB, anchors and aliases (a few lines of them can expand exponentially, the
"billion laughs"), tags, nesting past 20 levels, and invisible format and control
characters that make a value display differently from what it says (plaintext.py).
Line ends become LF and text NFC; plain values are typed by YAML only when written
as decimal numbers, everything else stays the text typed (see CONTRIBUTING.md).
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, excerpt, os_problem
from .plaintext import (
    CONTROL_CHARACTER,
    FORMAT_CHARACTER,
    control_character_message,
    decode,
    format_character_message,
    line_at,
    refuse_text,
    syntax_error,
)

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 20  # the data nests 5 deep; a stranger's [[[[…]]]] must not reach the recursive composer
Path_ = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it (ten times faster at 10× data)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_SafeLoader):
    """SafeLoader that reads a plain value as a number only when written as one, else as text.

    YAML 1.1 reads `no`, `on`, `yes` as booleans, `0123` as octal 83, `1:30` as 90 and `2024-03-21`
    as a date. No field here is a boolean and dates are validated with their field, so those stay
    the text a person typed; only `12`, `-3`, `32.2` (and null: `~`, empty) are typed by YAML.
    """


_PlainLoader.yaml_implicit_resolvers = {}
_PlainLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_PlainLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
_PlainLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$"), list("-0123456789")
)


def _refuse_events(text: str, display_path: str) -> None:
    """Anchors, aliases, tags and deep nesting are refused at the event level, before anything is
    composed or expanded: a "billion laughs" or a [[[[…]]]] costs its own length (≈20 ms for data/)."""
    loader = _PlainLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                message = f"YAML のエイリアス（*{excerpt(event.anchor)}）は使えません（値はその場に書いてください）"
                raise DataError(display_path, line, None, message)
            if getattr(event, "anchor", None):
                message = f"YAML のアンカー（&{excerpt(event.anchor)}）は使えません（値はその場に書いてください）"
                raise DataError(display_path, line, None, message)
            if getattr(event, "tag", None):
                message = (
                    f'YAML のタグ（{excerpt(event.tag)}）は使えません（文字列にしたい値は "..." で囲んでください）'
                )
                raise DataError(display_path, line, None, message)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"入れ子が深すぎます（{MAX_DEPTH} 段まで。データは5段ほどです）"
                    raise DataError(display_path, line, None, message)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _parse(text: str) -> tuple[yaml.Node | None, object]:
    """One pass: the node tree (for line numbers) and the data built from it."""
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


@dataclass(frozen=True)
class Document:
    """One parsed YAML file with the line of every key and list item."""

    path: str
    data: Any
    lines: dict[Path_, int] = field(repr=False)

    def line_of(self, location: Path_) -> int | None:
        """The line of the deepest known part of `location` (1-based)."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return None

    def error(self, location: Path_, message: str) -> DataError:
        return DataError(self.path, self.line_of(location), format_location(location), message)


def format_location(location: Path_) -> str | None:
    text = ""
    for part in location:
        part = part if isinstance(part, int) else excerpt(part)  # a stranger's key may be a megabyte long
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or None


def load_document(path: Path, display_path: str) -> Document:
    text = decode(_read(path, display_path), display_path)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))  # CRLF, old Mac CR
    if not text.strip():
        raise DataError(display_path, 1, None, "ファイルが空です")
    refuse_text(text, display_path)
    try:
        _refuse_events(text, display_path)
        node, data = _parse(text)
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(exc, text, display_path) from None
    except yaml.reader.ReaderError as exc:  # what CONTROL_CHARACTER leaves: U+FFFE, U+FFFF
        message = f"YAML に使えない文字 U+{exc.character:04X} があります（削除してください）"
        raise DataError(display_path, line_at(text, exc.position), None, message) from None
    if node is None or data is None:
        raise DataError(display_path, 1, None, "ファイルが空です")
    lines: dict[Path_, int] = {}
    _index_lines(node, (), lines, display_path, text)
    hidden = FORMAT_CHARACTER.search(text)
    if hidden:  # outside every value: in a comment, where it can still disguise the file in review
        raise DataError(display_path, line_at(text, hidden.start()), None, format_character_message(hidden.group()))
    return Document(display_path, data, lines)


def _read(path: Path, display_path: str) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of a regular file: a link to /dev/zero or a pipe never hangs the build."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise DataError(display_path, None, None, f"読めません: {os_problem(error)}") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise DataError(display_path, None, None, "普通のファイルではありません（フォルダ・装置・パイプは読めません）")
    with os.fdopen(descriptor, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = path.stat().st_size
        raise DataError(display_path, None, None, f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_FILE_BYTES:,}）")
    return raw


def _index_lines(node: yaml.Node, location: Path_, lines: dict[Path_, int], display_path: str, text: str) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        _refuse_format_characters(node, location, display_path, text)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, tuple[str, int]] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            folded = unicodedata.normalize("NFKC", key).casefold()
            if folded in seen:
                first, first_line = seen[folded]
                message = (
                    "同じキーが二度書かれています"
                    if first == key
                    else f"キー「{excerpt(key)}」は {first_line} 行目の「{excerpt(first)}」と、大文字・小文字か全角・半角だけが違います（半角の小文字で1つにしてください）"
                )
                raise DataError(display_path, line, format_location(location + (key,)), message)
            seen[folded] = (key, line)
            lines[location + (key,)] = line
            _refuse_format_characters(key_node, location + (key,), display_path, text)
            _index_lines(value_node, location + (key,), lines, display_path, text)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[location + (index,)] = item.start_mark.line + 1
            _index_lines(item, location + (index,), lines, display_path, text)


def _refuse_format_characters(node: yaml.Node, location: Path_, display_path: str, text: str) -> None:
    """Hidden characters in a value or key; a control character here came from an escape ("\\e", "\\x1b")."""
    if not isinstance(node.value, str):
        return
    hidden = FORMAT_CHARACTER.search(node.value)
    if hidden is None:
        control = CONTROL_CHARACTER.search(node.value)
        if control:
            raise DataError(
                display_path,
                node.start_mark.line + 1,
                format_location(location),
                control_character_message(control.group()),
            )
        return
    # the line of the character itself when written as is, else (an escape like "\u202e") the value's first line
    written = FORMAT_CHARACTER.search(text, node.start_mark.index, node.end_mark.index)
    line = line_at(text, written.start()) if written else node.start_mark.line + 1
    raise DataError(display_path, line, format_location(location), format_character_message(hidden.group()))


@dataclass(frozen=True)
class RawData:
    """Every document of data/, by role."""

    sources: Document
    vocabularies: Document
    agreements: Document
    integrated_entities: Document
    prefectures: Document
    national: Document
    facilities: Document
    links: Document
    programmes: list[Document]
    case_studies: list[Document]


SINGLE_FILES = (
    "sources",
    "vocabularies",
    "agreements",
    "integrated_entities",
    "prefectures",
    "national",
    "facilities",
    "links",
)


FOLDERS = ("programmes", "case_studies")
NAMED_BY_ID = ("programmes",)  # records other files refer to by file name (CONTRIBUTING.md)


def load_data(data_dir: Path) -> RawData:
    """Parse every YAML file of `data_dir`; folders hold one record per file."""
    data_dir = data_dir.resolve()
    _refuse_stray_files(data_dir)

    def doc(path: Path) -> Document:
        display_path = path.relative_to(data_dir.parent).as_posix()
        if not path.resolve().is_relative_to(data_dir):  # a pull request's link to the CI machine's files
            message = "data/ の外を指すリンク（シンボリックリンク）です。リンクではなくファイルそのものを置いてください"
            raise DataError(display_path, None, None, message)
        return load_document(path, display_path)

    singles = {}
    for name in SINGLE_FILES:
        path = data_dir / f"{name}.yaml"
        if not path.exists() and not path.is_symlink():
            raise DataError(f"{data_dir.name}/{name}.yaml", None, None, "必要なファイルがありません")
        singles[name] = doc(path)
    folders = {folder: [doc(p) for p in sorted((data_dir / folder).glob("*.yaml"))] for folder in FOLDERS}
    for document in (d for folder in NAMED_BY_ID for d in folders[folder]):
        _check_id_is_file_name(document)
    return RawData(**singles, **folders)


def _refuse_stray_files(data_dir: Path) -> None:
    """A YAML file the build would not read (renamed to .yml, moved to a wrong folder) would vanish
    from the site without a word: name it instead."""
    expected = {f"{name}.yaml" for name in SINGLE_FILES} | {f"{folder}/*.yaml" for folder in FOLDERS}
    for path in sorted(data_dir.rglob("*")):
        relative = path.relative_to(data_dir)
        if path.suffix.lower() not in (".yaml", ".yml") or any(part.startswith(".") for part in relative.parts):
            continue
        pattern = relative.as_posix() if len(relative.parts) == 1 else f"{relative.parent.as_posix()}/*{path.suffix}"
        if pattern not in expected:
            message = (
                "読み込まれない場所・名前の YAML ファイルです。"
                f"{'、'.join(sorted(expected))} のどれかに置き、拡張子は .yaml にしてください"
            )
            raise DataError(f"{data_dir.name}/{excerpt(relative.as_posix(), 120)}", None, None, message)


def _check_id_is_file_name(document: Document) -> None:
    name = document.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    written = document.data.get("id") if isinstance(document.data, dict) else None
    if isinstance(written, str) and written != name:
        message = (
            f"id（{excerpt(written)}）とファイル名（{excerpt(name)}.yaml）が違います。"
            "ほかのファイルはファイル名で参照します。ファイル名を変えたなら id も同じにしてください"
        )
        raise document.error(("id",), message)
