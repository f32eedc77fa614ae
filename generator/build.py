"""The pipeline: load → validate → enrich → render → write → MkDocs.

`python -m generator generate` writes the docs dir; `python -m generator build`
also runs MkDocs into a temporary directory and swaps it into site/ only on
success, so a fault in data/ never costs the previous site. Both hold the build
lock (lock.py): a second build waits for the first, then stops with a message.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import changes, freshness, postbuild, search, urls, write
from .directory import Directory
from .enrich import enrich
from .errors import BuildFailed, DataError, os_problem
from .load import load_data
from .lock import LockTimeout, exclusive, lock_path
from .mkdocs_glue import engine
from .mkdocs_glue.config import CONFIG_FILE, navigation, write_config
from .outputs import OUTPUTS
from .sitemap import page_entries
from .validate import validate

ROOT = Path(__file__).resolve().parent.parent
LOCK_WAIT_SECONDS = 600  # a full build at 10× data takes ~20 s; a longer hold means a stuck build


@dataclass
class Paths:
    data: Path = ROOT / "data"
    content: Path = ROOT / "content"
    build: Path = ROOT / "build"
    site: Path = ROOT / "site"
    config: Path = ROOT / "mkdocs.yml"
    node_modules: Path = ROOT / "node_modules"

    @property
    def docs(self) -> Path:
        return self.build / "docs"


@dataclass
class Report:
    """Stage timings and counts, printed as progress and used by the benchmark."""

    quiet: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def stage(self, name: str, started: float, detail: str = "") -> None:
        self.timings[name] = time.perf_counter() - started
        if not self.quiet:
            print(f"  {name:<10} {self.timings[name]:6.2f} s  {detail}", flush=True)


def build_date() -> dt.date:
    """The build's 'today': SOURCE_DATE_EPOCH when set, so rebuilds are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def load_directory(paths: Paths, report: Report) -> Directory:
    started = time.perf_counter()
    raw = load_data(paths.data)
    dataset = validate(raw, build_date())
    report.stage(
        "load",
        started,
        f"{len(dataset.agreements)} agreements, {len(dataset.integrated)} integrated, {len(dataset.case_studies)} cases",
    )
    started = time.perf_counter()
    directory = enrich(dataset, build_date())
    report.stage("enrich", started, f"{len(directory.municipalities)} municipalities")
    for warning in directory.warnings:  # never a silent mismatch, even when quiet
        print(f"警告: {warning}", file=sys.stderr, flush=True)
    return directory


def generate(paths: Paths, report: Report, wait_seconds: float = LOCK_WAIT_SECONDS) -> Directory:
    """Everything before MkDocs: the docs dir and the nav, or a DataError and no change."""
    with _file_system_faults(), _build_lock(paths, wait_seconds):
        return _generate(paths, report)


def _generate(paths: Paths, report: Report) -> Directory:
    directory = load_directory(paths, report)
    generated: dict[str, str | bytes] = {}
    for output in OUTPUTS:
        started = time.perf_counter()
        files = output.render(directory)
        report.stage(output.name, started, f"{len(files)} files")
        generated.update(files)
    started = time.perf_counter()
    content = {**write.collect_content(paths.content), **write.collect_vendor(paths.node_modules)}
    content_pages = [(_title(data), path) for path, data in content.items() if path.endswith(".md")]
    files = write.merge(content, generated)
    written = write.write_tree(paths.docs, files)
    write_config(paths.config, paths.build, navigation(directory, sorted(content_pages, key=lambda item: item[1])))
    japanese_pages = [path for path in generated if path.endswith(".md") and not urls.edition_of(path)]
    sitemap_entries = page_entries(japanese_pages, freshness.page_dates(directory))
    write.write_json(paths.build, write.SITEMAP_FILE, sitemap_entries)
    report.stage("write", started, f"{written} of {len(files)} files changed")
    generated_pages = sum(1 for path in generated if path.endswith(".md"))
    report.counts.update(pages=generated_pages + len(content_pages), files=len(files))
    return directory


def _title(markdown: bytes) -> str:
    for line in markdown.decode("utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise DataError("content/", None, None, "ページに見出し（# ...）がありません")


def build(paths: Paths, report: Report, wait_seconds: float = LOCK_WAIT_SECONDS) -> None:
    with _file_system_faults(), _build_lock(paths, wait_seconds):
        write.clean_leftovers(paths.site)
        _generate(paths, report)
        started = time.perf_counter()
        temporary = Path(tempfile.mkdtemp(prefix=write.temporary_prefix(paths.site), dir=paths.site.parent))
        try:
            site_url = engine.build(paths.build / CONFIG_FILE, paths.docs, temporary)
            postbuild.finish(temporary, paths.docs, paths.build, site_url)
            report.stage("mkdocs", started)
            _index(paths, temporary, report)
            write.swap_site(temporary, paths.site)
        finally:
            if temporary.exists():
                shutil.rmtree(temporary)
        if not report.quiet:
            print(f"  site → {paths.site}", flush=True)


def _index(paths: Paths, site_dir: Path, report: Report) -> None:
    started = time.perf_counter()
    try:
        indexed = search.index_site(site_dir, paths.node_modules)
    except search.IndexingFailed as error:
        raise BuildFailed(str(error)) from None
    report.stage("search", started, indexed)


@contextlib.contextmanager
def _file_system_faults() -> Iterator[None]:
    """A full disk or a folder that cannot be written, in words: the temporary site is gone by
    now (build's finally) and site/ was never touched, so only the cause remains to be said."""
    try:
        yield
    except OSError as error:
        raise BuildFailed(f"書き込めませんでした: {os_problem(error)}") from None


@contextlib.contextmanager
def _build_lock(paths: Paths, wait_seconds: float) -> Iterator[None]:
    def tell(holder: str) -> None:
        print(
            f"別のビルド（{holder}）が実行中です。終わるのを待っています（最大 {wait_seconds:.0f} 秒）…",
            file=sys.stderr,
            flush=True,
        )

    paths.site.parent.mkdir(parents=True, exist_ok=True)
    try:
        with exclusive(lock_path(paths.site), wait_seconds, tell):
            yield
    except LockTimeout as timeout:
        raise BuildFailed(
            f"別のビルド（{timeout.holder}）が {timeout.waited:.0f} 秒たっても終わりません。"
            f"そのビルドが終わってから、もう一度実行してください（ロック: {lock_path(paths.site)}）"
        ) from None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="雇用連携ディレクトリのサイトを生成します")
    parser.add_argument("command", nargs="?", default="build", choices=("build", "generate", "changes"))
    parser.add_argument("ref", nargs="?", help="changes: 比べる git の ref（既定: 最後のタグ、なければ origin/main）")
    parser.add_argument("--data", type=Path, default=Paths.data, help="データのフォルダ（既定: data/）")
    parser.add_argument(
        "--build-dir", type=Path, default=Paths.build, help="生成した Markdown の置き場（既定: build/）"
    )
    parser.add_argument("--site", type=Path, default=Paths.site, help="サイトの出力先（既定: site/）")
    parser.add_argument(
        "--wait", type=float, default=LOCK_WAIT_SECONDS, help=f"別のビルドの終了を待つ秒数（既定: {LOCK_WAIT_SECONDS}）"
    )
    options = parser.parse_args(argv)
    if options.command == "changes":
        return changes.main(options.ref, options.data.resolve())
    paths = Paths(data=options.data.resolve(), build=options.build_dir.resolve(), site=options.site.resolve())
    report = Report()
    started = time.perf_counter()
    try:
        if options.command == "generate":
            generate(paths, report, options.wait)
        else:
            build(paths, report, options.wait)
    except DataError as error:
        print(f"エラー: {error}\n（ビルドを中止しました。以前に作ったサイトはそのままです）", file=sys.stderr)
        return 1
    except BuildFailed as error:
        print(f"エラー: {error}\n（以前に作ったサイトはそのままです）", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("中断しました（以前に作ったサイトはそのままです）", file=sys.stderr)
        return 130
    total = time.perf_counter() - started
    print(f"完了: {report.counts.get('pages', 0)} ページ、{report.counts.get('files', 0)} ファイル、{total:.1f} 秒")
    return 0
