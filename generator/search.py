"""After MkDocs: index the built site with Pagefind (npm `pagefind`, extended build).

The extended binary segments Japanese with ICU4X, the segmenter behind the
browser's Intl.Segmenter, so the index and a typed query are cut alike. It runs
on the temporary site before the swap into site/, so a failure keeps the
previous site. Only <article data-pagefind-body> (site_overrides/main.html) is
indexed; page kind and prefecture come from the filter spans of the templates.
Pagefind keeps one index per page language (<html lang>): English pages are
stemmed as English; the two Japanese editions share the ja index and are told
apart by their `edition` filter.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

BUNDLE_DIR = "pagefind"
BINARY = "@pagefind/linux-x64/bin/pagefind_extended"


class IndexingFailed(Exception):
    """Pagefind is missing or refused the built site."""


def index_site(site_dir: Path, node_modules: Path) -> str:
    """Write the search bundle into site_dir/pagefind/; returns Pagefind's summary line."""
    binary = node_modules / BINARY
    if not binary.exists():
        raise IndexingFailed(f"{binary} がありません（make deps で npm パッケージ pagefind を入れてください）")
    command = [
        *(str(binary), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR),
        *("--exclude-selectors", ".headerlink"),  # the heading's ¶ would end every result title
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise IndexingFailed(f"Pagefind が索引を作れませんでした: {(result.stderr or result.stdout).strip()}")
    return next((line.strip() for line in result.stdout.splitlines() if "Indexed" in line and "pages" in line), "")
