"""The MkDocs run and its nav: the generated docs dir → HTML in a given folder."""

from __future__ import annotations

import logging
import sys
from collections import defaultdict
from html import escape
from pathlib import Path

from .. import urls
from ..directory import REGIONS, Directory
from ..errors import BuildFailed


def navigation(directory: Directory, content_pages: list[tuple[str, str]]) -> list:
    """The MkDocs nav: prefectures grouped by region; municipalities and cases stay out of it.

    Material prints nav titles as HTML, so titles from data are escaped here.
    """
    by_region = defaultdict(list)
    for prefecture in directory.prefectures:
        by_region[prefecture.region].append(
            {escape(prefecture.place.name): urls.prefecture(prefecture.place.prefecture_code)}
        )
    return [
        {"ホーム": urls.HOME},
        {"近くの窓口を探す": urls.FINDER},
        {
            "都道府県から探す": [
                urls.PREFECTURE_INDEX,
                *({region: by_region[region]} for region in REGIONS if by_region[region]),
            ]
        },
        # Case pages are reached from the filterable index, not listed in the nav:
        # a nav entry per case would repeat on every page (100 cases = 15 KB a page).
        {"事例から学ぶ": [urls.CASE_INDEX, {"事例の比較表": urls.CASE_COMPARISON}]},
        {
            "プログラム": [
                urls.PROGRAMME_INDEX,
                *({escape(p.name): urls.programme(p.id)} for p in directory.programmes),
            ]
        },
        {"統計": urls.STATS},
        {"出典とデータ": urls.DATA},
        *({title: path} for title, path in content_pages),
    ]


# --- pages ------------------------------------------------------------------


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    _show_mkdocs_warnings()
    config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
    try:
        mkdocs_build(config)
    except Abort as abort:
        raise BuildFailed(f"MkDocs のビルドに失敗しました: {abort}") from None


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_epd", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler._epd = True
        logger.addHandler(handler)
