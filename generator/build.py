"""The pipeline: load → validate → enrich → render → write → MkDocs.

`python -m generator generate` writes the docs dir; `python -m generator build`
also runs MkDocs into a temporary directory and swaps it into site/ only on
success, so a fault in data/ never costs the previous site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import changes, feed, finder, freshness, maps, opendata, postal, render, write
from .directory import Directory
from .enrich import enrich
from .errors import DataError
from .load import load_data
from .validate import validate

ROOT = Path(__file__).resolve().parent.parent


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
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def load_directory(paths: Paths, report: Report) -> Directory:
    started = time.perf_counter()
    raw = load_data(paths.data)
    dataset = validate(raw, build_date())
    report.stage("load", started, f"{len(dataset.agreements)} agreements, {len(dataset.integrated)} integrated, {len(dataset.case_studies)} cases")
    started = time.perf_counter()
    directory = enrich(dataset, build_date())
    report.stage("enrich", started, f"{len(directory.municipalities)} municipalities")
    for warning in directory.warnings:  # never a silent mismatch, even when quiet
        print(f"警告: {warning}", file=sys.stderr, flush=True)
    return directory


def generate(paths: Paths, report: Report) -> Directory:
    """Everything before MkDocs: the docs dir and the nav, or a DataError and no change."""
    directory = load_directory(paths, report)
    started = time.perf_counter()
    pages = render.render_pages(directory)
    report.stage("pages", started, f"{len(pages)} pages")
    started = time.perf_counter()
    map_files = maps.render_maps(directory)
    report.stage("maps", started, f"{len(map_files)} maps")
    started = time.perf_counter()
    finder_files = {**finder.render_finder_data(directory), **postal.render_postal_shards()}
    report.stage("finder", started, f"{len(finder_files)} files")
    started = time.perf_counter()
    content = {**write.collect_content(paths.content), **write.collect_vendor(paths.node_modules)}
    content_pages = [(_title(data), path) for path, data in content.items() if path.endswith(".md")]
    files = write.merge(content, {**pages, **map_files, **finder_files, **opendata.render_opendata(directory), **feed.render_feed(directory)})
    written = write.write_tree(paths.docs, files)
    write.write_nav(paths.build, render.navigation(directory, sorted(content_pages, key=lambda item: item[1])))
    write.write_page_dates(paths.build, {render.page_url(path): date.isoformat() for path, date in freshness.page_dates(directory).items()})
    report.stage("write", started, f"{written} of {len(files)} files changed")
    report.counts.update(pages=len(pages) + len(content_pages), files=len(files))
    return directory


def _title(markdown: bytes) -> str:
    for line in markdown.decode("utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise DataError("content/", None, None, "ページに見出し（# ...）がありません")


def run_mkdocs(paths: Paths, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    _show_mkdocs_warnings()
    config = load_config(str(paths.config), docs_dir=str(paths.docs), site_dir=str(site_dir), strict=True)
    try:
        mkdocs_build(config)
    except Abort as abort:
        raise BuildFailed(f"MkDocs のビルドに失敗しました: {abort}") from None


class BuildFailed(Exception):
    """MkDocs refused the generated docs (strict mode turns warnings into this)."""


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_epd", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler._epd = True
        logger.addHandler(handler)


def build(paths: Paths, report: Report) -> None:
    generate(paths, report)
    started = time.perf_counter()
    temporary = Path(tempfile.mkdtemp(prefix=".site-", dir=paths.site.parent))
    try:
        run_mkdocs(paths, temporary)
        write.swap_site(temporary, paths.site)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary)
    report.stage("mkdocs", started, f"site → {paths.site}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="雇用連携ディレクトリのサイトを生成します")
    parser.add_argument("command", nargs="?", default="build", choices=("build", "generate", "changes"))
    parser.add_argument("ref", nargs="?", help="changes: 比べる git の ref（既定: 最後のタグ、なければ origin/main）")
    parser.add_argument("--data", type=Path, default=Paths.data, help="データのフォルダ（既定: data/）")
    parser.add_argument("--build-dir", type=Path, default=Paths.build, help="生成した Markdown の置き場（既定: build/）")
    parser.add_argument("--site", type=Path, default=Paths.site, help="サイトの出力先（既定: site/）")
    options = parser.parse_args(argv)
    if options.command == "changes":
        return changes.main(options.ref, options.data.resolve())
    paths = Paths(data=options.data.resolve(), build=options.build_dir.resolve(), site=options.site.resolve())
    report = Report()
    started = time.perf_counter()
    try:
        if options.command == "generate":
            generate(paths, report)
        else:
            build(paths, report)
    except DataError as error:
        print(f"エラー: {error}\n（ビルドを中止しました。以前に作ったサイトはそのままです）", file=sys.stderr)
        return 1
    except BuildFailed as error:
        print(f"エラー: {error}\n（以前に作ったサイトはそのままです）", file=sys.stderr)
        return 1
    total = time.perf_counter() - started
    print(f"完了: {report.counts.get('pages', 0)} ページ、{report.counts.get('files', 0)} ファイル、{total:.1f} 秒")
    return 0
