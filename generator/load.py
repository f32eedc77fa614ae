"""Stage 1 — load: read the YAML files of data/ and remember where each value sits.

Only parsing happens here. Dates stay strings (the validator parses them, so an
impossible date is reported with its field), and every mapping key and list item
keeps its line number so later stages can point at the exact place of a fault.

Hostile text is refused before it costs anything: anchors and aliases (a few
lines of them can expand exponentially, the "billion laughs"), and invisible
format characters (bidi overrides, zero-width spaces) that make a value display
differently from what it says. Text is normalised to NFC (see CONTRIBUTING.md).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

MAX_FILE_BYTES = 2_000_000
Path_ = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it (ten times faster at 10× data)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_SafeLoader):
    """SafeLoader without implicit timestamps: dates are validated with their field."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Every character of Unicode category Cf (format): bidi controls (U+202A–U+202E, U+2066–U+2069,
# U+200E/F, U+061C), zero-width ones (U+200B–U+200D, U+2060, U+FEFF), soft hyphen, tag characters.
# A BOM at the start of a file is decoded away before this applies.
FORMAT_CHARACTER = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _refuse_anchors(text: str, display_path: str) -> None:
    """Data files need no anchors (&name) or aliases (*name): refused at the event level,
    before anything is composed or expanded, so a "billion laughs" costs its own length."""
    if "&" not in text and "*" not in text:
        return  # neither can occur: skip the extra pass
    loader = _PlainLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise DataError(
                    display_path,
                    event.start_mark.line + 1,
                    None,
                    f"YAML のエイリアス（*{event.anchor}）は使えません（値はその場に書いてください）",
                )
            if getattr(event, "anchor", None):
                raise DataError(
                    display_path,
                    event.start_mark.line + 1,
                    None,
                    f"YAML のアンカー（&{event.anchor}）は使えません（値はその場に書いてください）",
                )
    finally:
        loader.dispose()


def _format_character_message(character: str) -> str:
    name = unicodedata.name(character, "FORMAT CHARACTER")
    return f"見えない書式文字 U+{ord(character):04X}（{name}）があります。表示と中身が食い違うため使えません（削除してください）"


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
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or None


def load_document(path: Path, display_path: str) -> Document:
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(
            display_path, None, None, f"ファイルが大きすぎます（{len(raw):,} バイト、上限 {MAX_FILE_BYTES:,}）"
        )
    text = unicodedata.normalize("NFC", _decode(raw, display_path))
    if not text.strip():
        raise DataError(display_path, 1, None, "ファイルが空です")
    try:
        _refuse_anchors(text, display_path)
        node, data = _parse(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        source_lines = text.splitlines() or [""]
        line = min(mark.line + 1, len(source_lines)) if mark else None  # libyaml may mark the end of file
        problem = exc.problem or "構文エラー"
        if line and "\t" in source_lines[line - 1]:
            problem = "タブ文字でインデントされています（YAML ではスペースを使ってください）"
        raise DataError(display_path, line, None, f"YAML として読めません: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise DataError(
            display_path, line, None, f"YAML に使えない制御文字があります（文字コード {exc.character:#x}）"
        ) from None
    if node is None or data is None:
        raise DataError(display_path, 1, None, "ファイルが空です")
    lines: dict[Path_, int] = {}
    _index_lines(node, (), lines, display_path, text)
    hidden = FORMAT_CHARACTER.search(text)
    if hidden:  # outside every value: in a comment, where it can still disguise the file in review
        line = text[: hidden.start()].count("\n") + 1
        raise DataError(display_path, line, None, _format_character_message(hidden.group()))
    return Document(display_path, data, lines)


def _decode(raw: bytes, display_path: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            display_path, line, None, "UTF-8 ではない文字があります（Shift_JIS などは UTF-8 で保存し直してください）"
        ) from None


def _index_lines(node: yaml.Node, location: Path_, lines: dict[Path_, int], display_path: str, text: str) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        _refuse_format_characters(node, location, display_path, text)
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise DataError(
                    display_path,
                    key_node.start_mark.line + 1,
                    format_location(location + (key,)),
                    "同じキーが二度書かれています",
                )
            seen.add(key)
            lines[location + (key,)] = key_node.start_mark.line + 1
            _refuse_format_characters(key_node, location + (key,), display_path, text)
            _index_lines(value_node, location + (key,), lines, display_path, text)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[location + (index,)] = item.start_mark.line + 1
            _index_lines(item, location + (index,), lines, display_path, text)


def _refuse_format_characters(node: yaml.Node, location: Path_, display_path: str, text: str) -> None:
    hidden = FORMAT_CHARACTER.search(node.value) if isinstance(node.value, str) else None
    if hidden is None:
        return
    # the line of the character itself when written as is, else (an escape like "\u202e") the value's first line
    written = FORMAT_CHARACTER.search(text, node.start_mark.index, node.end_mark.index)
    line = text[: written.start()].count("\n") + 1 if written else node.start_mark.line + 1
    field = FORMAT_CHARACTER.sub(
        lambda match: f"<U+{ord(match.group()):04X}>", format_location(location) or ""
    )  # a key may hold it
    raise DataError(display_path, line, field or None, _format_character_message(hidden.group()))


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
    case_template: Document | None = None  # its examples must not be left in a case copied from it


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


def load_data(data_dir: Path) -> RawData:
    """Parse every YAML file of `data_dir`; folders hold one record per file."""

    def doc(path: Path) -> Document:
        return load_document(path, path.relative_to(data_dir.parent).as_posix())

    singles = {}
    for name in SINGLE_FILES:
        path = data_dir / f"{name}.yaml"
        if not path.exists():
            raise DataError(f"{data_dir.name}/{name}.yaml", None, None, "必要なファイルがありません")
        singles[name] = doc(path)
    return RawData(
        **singles,
        programmes=[doc(p) for p in sorted((data_dir / "programmes").glob("*.yaml"))],
        case_studies=[doc(p) for p in sorted((data_dir / "case_studies").glob("*.yaml"))],
        case_template=doc(template)
        if (template := data_dir / "case_studies" / "_template.yaml.example").exists()
        else None,
    )
