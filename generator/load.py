"""Stage 1 — load: read the YAML files of data/ and remember where each value sits.

Only parsing happens here. Dates stay strings (the validator parses them, so an
impossible date is reported with its field), and every mapping key and list item
keeps its line number so later stages can point at the exact place of a fault.
"""

from __future__ import annotations

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
        raise DataError(display_path, None, None, f"ファイルが大きすぎます（{len(raw):,} バイト、上限 {MAX_FILE_BYTES:,}）")
    text = _decode(raw, display_path)
    if not text.strip():
        raise DataError(display_path, 1, None, "ファイルが空です")
    try:
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
        raise DataError(display_path, line, None, f"YAML に使えない制御文字があります（文字コード {exc.character:#x}）") from None
    if node is None or data is None:
        raise DataError(display_path, 1, None, "ファイルが空です")
    lines: dict[Path_, int] = {}
    _index_lines(node, (), lines, display_path)
    return Document(display_path, data, lines)


def _decode(raw: bytes, display_path: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            display_path, line, None, "UTF-8 ではない文字があります（Shift_JIS などは UTF-8 で保存し直してください）"
        ) from None


def _index_lines(node: yaml.Node, location: Path_, lines: dict[Path_, int], display_path: str) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise DataError(
                    display_path, key_node.start_mark.line + 1, format_location(location + (key,)), "同じキーが二度書かれています"
                )
            seen.add(key)
            lines[location + (key,)] = key_node.start_mark.line + 1
            _index_lines(value_node, location + (key,), lines, display_path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[location + (index,)] = item.start_mark.line + 1
            _index_lines(item, location + (index,), lines, display_path)


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
    )
