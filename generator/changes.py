"""`python -m generator changes [REF]`: what changed in the records since a git ref.

Compares data/ at REF (default: the last tag, else origin/main, else main, else
HEAD) with the working tree, uncommitted edits included, and prints Markdown
for a pull request: records added, removed and changed, by type, with their
ids and the fields that changed. Records are compared as loaded (stage 1), so a
ref written for an older schema still compares.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .load import RawData, load_data

# (what a record is called, how to list them from the loaded data: id → (name, fields))
Records = dict[str, tuple[str, dict]]


def _keyed(items: Iterable, key: str, name: str | None = None, prefix: str = "") -> Records:
    return {
        f"{prefix}{item[key]}": (str(item.get(name, "")) if name else "", item)
        for item in items
        if isinstance(item, dict) and key in item
    }


def _list(document, key: str = "records") -> list:
    data = document.data if isinstance(document.data, dict) else {}
    value = data.get(key, [])
    return value if isinstance(value, list) else []


def _settings(raw: RawData) -> Records:
    """File-wide defaults (source, as_of, checked_on…) of the list files."""
    found = {}
    for document in (raw.agreements, raw.integrated_entities, raw.prefectures):
        if isinstance(document.data, dict):
            found[document.path.split("/", 1)[-1]] = ("", {k: v for k, v in document.data.items() if k != "records"})
    return found


def _documents(raw: RawData) -> Records:
    return {
        k: (name, {f: v for f, v in fields.items() if f != "slides"})
        for k, (name, fields) in _keyed(_list(raw.sources, "documents"), "id", "title").items()
    }


def _slides(raw: RawData) -> Records:
    # before sources were documents, slides sat at the top of sources.yaml
    nested = [s for d in _list(raw.sources, "documents") if isinstance(d, dict) for s in d.get("slides") or []]
    return _keyed(_list(raw.sources, "slides") + nested, "id", "title")


def _programmes(raw: RawData) -> Records:
    found = _keyed((d.data for d in raw.programmes), "id", "name")
    return {k: (name, {f: v for f, v in fields.items() if f != "figures"}) for k, (name, fields) in found.items()}


def _figures(raw: RawData) -> Records:
    found: Records = {}
    for document in raw.programmes:
        programme = document.data.get("id", "") if isinstance(document.data, dict) else ""
        figures = _keyed(_list(document, "figures"), "label", None, f"{programme}/")
        found |= {
            k: (f"{fields.get('value', '')}{fields.get('unit', '')}", fields) for k, (_, fields) in figures.items()
        }
    return found


def _vocabulary(raw: RawData) -> Records:
    data = raw.vocabularies.data if isinstance(raw.vocabularies.data, dict) else {}
    found: Records = {}
    for group, terms in sorted(data.items()):
        if isinstance(terms, list):
            found |= _keyed(terms, "id", "label", f"{group}/")
    return found


RECORD_TYPES: tuple[tuple[str, Callable[[RawData], Records]], ...] = (
    ("雇用対策協定の締結団体（data/agreements.yaml）", lambda raw: _keyed(_list(raw.agreements), "code", "name")),
    (
        "一体的実施事業の実施団体（data/integrated_entities.yaml）",
        lambda raw: _keyed(_list(raw.integrated_entities), "code", "name"),
    ),
    ("事例（data/case_studies/）", lambda raw: _keyed((d.data for d in raw.case_studies), "id", "title")),
    ("窓口（data/facilities.yaml）", lambda raw: _keyed(_list(raw.facilities), "id", "name")),
    ("プログラム（data/programmes/）", _programmes),
    ("プログラムの数値（data/programmes/ の figures）", _figures),
    ("雇用情勢の数値（data/national.yaml）", lambda raw: _keyed(_list(raw.national, "figures"), "id", "label")),
    ("都道府県の有効求人倍率（data/prefectures.yaml）", lambda raw: _keyed(_list(raw.prefectures), "code", "name")),
    ("出典の資料（data/sources.yaml）", _documents),
    ("出典のスライド・ページ（data/sources.yaml）", _slides),
    ("分類（data/vocabularies.yaml）", _vocabulary),
    ("一覧ファイルの既定値", _settings),
)


@dataclass
class TypeChanges:
    label: str
    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def compare(before: RawData, after: RawData) -> list[TypeChanges]:
    result = []
    for label, records in RECORD_TYPES:
        old, new = records(before), records(after)
        changes = TypeChanges(label)
        changes.added = [(key, new[key][0]) for key in sorted(new.keys() - old.keys())]
        changes.removed = [(key, old[key][0]) for key in sorted(old.keys() - new.keys())]
        for key in sorted(old.keys() & new.keys()):
            a, b = old[key][1], new[key][1]
            fields = sorted(f for f in a.keys() | b.keys() if a.get(f) != b.get(f))
            if fields:
                changes.changed.append((key, new[key][0], fields))
        if changes:
            result.append(changes)
    return result


def markdown(changes: list[TypeChanges], ref: str) -> str:
    lines = [f"## データの変更（`{ref}` → 作業ツリー）", ""]
    if not changes:
        return "\n".join(lines + ["記録の変更はありません。", ""])
    totals = [sum(len(getattr(c, kind)) for c in changes) for kind in ("added", "removed", "changed")]
    lines += [f"追加 {totals[0]} 件・削除 {totals[1]} 件・変更 {totals[2]} 件", ""]
    for group in changes:
        lines += [f"### {group.label}", ""]
        lines += [f"- 追加: `{key}` {name}".rstrip() for key, name in group.added]
        lines += [f"- 削除: `{key}` {name}".rstrip() for key, name in group.removed]
        lines += [
            f"- 変更: `{key}` {name}（{', '.join(fields)}）".replace("` （", "`（")
            for key, name, fields in group.changed
        ]
        lines.append("")
    return "\n".join(lines)


class GitError(Exception):
    """git could not give the data of a ref."""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True)


def default_ref(cwd: Path) -> str:
    """The last tag, else origin/main, else main, else HEAD (then only uncommitted edits show)."""
    tag = _git(cwd, "describe", "--tags", "--abbrev=0")
    if tag.returncode == 0:
        return tag.stdout.decode().strip()
    for ref in ("origin/main", "main"):
        if _git(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0:
            return ref
    return "HEAD"


def data_at(ref: str, data_dir: Path, target: Path) -> Path:
    """Extract data/ as it was at `ref` into target; returns the extracted data dir."""
    prefix = _git(data_dir, "rev-parse", "--show-prefix")
    if prefix.returncode != 0:
        raise GitError(f"{data_dir} は git のリポジトリの中にありません")
    relative = prefix.stdout.decode().strip().rstrip("/") or "."
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").stdout.decode().strip())
    archive = _git(top, "archive", "--format=tar", ref, "--", relative)
    if archive.returncode != 0:
        raise GitError(f"{ref} の {relative}/ を読めません: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / relative


def main(ref: str | None, data_dir: Path) -> int:
    ref = ref or default_ref(data_dir)
    with tempfile.TemporaryDirectory(prefix="epd-changes-") as temporary:
        try:
            before = load_data(data_at(ref, data_dir, Path(temporary)))
            after = load_data(data_dir)
        except GitError as error:
            print(f"エラー: {error}", file=sys.stderr)
            return 2
        except DataError as error:
            print(f"エラー: {error}", file=sys.stderr)
            return 1
    print(markdown(compare(before, after), ref))
    return 0
