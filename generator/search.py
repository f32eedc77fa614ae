"""After MkDocs: index the built site with Pagefind (npm `pagefind`, extended build).

The extended binary segments Japanese with ICU4X, the segmenter behind the
browser's Intl.Segmenter, so the index and a typed query are mostly cut alike. It
runs on the temporary site before the swap into site/, so a failure keeps the
previous site. Only <article data-pagefind-body> (site_overrides/main.html) is
indexed; page kind and prefecture come from the filter spans of the templates.
Each edition gets a bundle of its own (urls.search_bundle): its filters list only
its own values, and the two Japanese editions do not rank against each other.
Furigana (<rt>) stay out of the index, so titles and excerpts never read 漢字かんじ.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import urls
from .editions import EDITIONS, TRANSLATED, Edition

BINARY = "@pagefind/linux-x64/bin/pagefind_extended"
EXCLUDED = (".headerlink", "rt")  # the heading's ¶ would end every result title; furigana double the words


class IndexingFailed(Exception):
    """Pagefind is missing or refused the built site."""


def index_site(site_dir: Path, node_modules: Path) -> str:
    """Write each edition's search bundle into the site; returns Pagefind's page counts."""
    binary = node_modules / BINARY
    if not binary.exists():
        raise IndexingFailed(f"{binary} がありません（make deps で npm パッケージ pagefind を入れてください）")
    return ", ".join(f"{edition.id} {_index_edition(binary, site_dir, edition)}" for edition in EDITIONS)


def _index_edition(binary: Path, site_dir: Path, edition: Edition) -> str:
    command = [
        *(str(binary), "--site", str(site_dir), "--output-subdir", urls.search_bundle(edition.folder)),
        *("--glob", _pages_of(site_dir, edition)),
        *(part for selector in EXCLUDED for part in ("--exclude-selectors", selector)),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise IndexingFailed(f"Pagefind が索引を作れませんでした: {(result.stderr or result.stdout).strip()}")
    summary = next((line for line in result.stdout.splitlines() if "Indexed" in line and "pages" in line), "")
    return summary.strip().removeprefix("Indexed ")


def _pages_of(site_dir: Path, edition: Edition) -> str:
    """The glob of an edition's HTML files: its folder, or for the Japanese site everything but the others'."""
    if edition.folder:
        return f"{edition.folder}/**/*.html"
    others = {other.folder for other in TRANSLATED}
    folders = sorted(p.name for p in site_dir.iterdir() if p.is_dir() and p.name not in others)
    return "{" + ",".join(["*.html", *(f"{folder}/**/*.html" for folder in folders)]) + "}"
