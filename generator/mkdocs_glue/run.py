"""The MkDocs run and its nav: the generated docs dir → HTML in a given folder."""

from __future__ import annotations

import json
import logging
import sys
from collections import defaultdict
from html import escape
from pathlib import Path

from .. import urls
from ..directory import Directory
from ..editions import EDITIONS
from ..errors import BuildFailed
from ..words import catalogue, words


def navigation(directory: Directory, content_pages: list[tuple[str, str]]) -> list:
    """The MkDocs nav: prefectures grouped by region; municipalities and cases stay out of it.

    Material prints nav titles as HTML, so titles from data are escaped here.
    """
    by_region = defaultdict(list)
    for prefecture in directory.prefectures:
        by_region[prefecture.region.id].append(
            {escape(prefecture.place.name): urls.prefecture(prefecture.place.prefecture_code)}
        )
    return [
        {words("nav.home"): urls.HOME},
        {words("nav.finder"): urls.FINDER},
        {
            words("nav.prefectures"): [
                urls.PREFECTURE_INDEX,
                *({escape(r.label): by_region[r.id]} for r in directory.regions if by_region[r.id]),
            ]
        },
        # Case pages are reached from the filterable index, not listed in the nav:
        # a nav entry per case would repeat on every page (100 cases = 15 KB a page).
        {words("nav.cases"): [urls.CASE_INDEX, {words("nav.case_comparison"): urls.CASE_COMPARISON}]},
        {
            words("nav.programmes"): [
                urls.PROGRAMME_INDEX,
                *({escape(p.name): urls.programme(p.id)} for p in directory.programmes),
                {words("nav.agreement_list"): urls.AGREEMENT_LIST},
            ]
        },
        {words("nav.stats"): urls.STATS},
        {words("nav.data"): urls.DATA},
        *({title: path} for title, path in content_pages),
    ]


def theme_words() -> dict[str, dict]:
    """Per edition, what site_overrides/ and javascripts/search.js say, and the edition's
    search page and home (the header's links), put into config.extra by the hooks."""
    result = {}
    for edition in EDITIONS:
        words_of = catalogue(edition.id)
        result[edition.id] = {
            area: {key.split(".", 1)[1]: words_of(key) for key in words_of.source if key.startswith(f"{area}.")}
            for area in ("theme", "search_script")
        }
        # for search.js, as the header's data-words attribute: JSON once here, not per page
        result[edition.id]["search_script_json"] = json.dumps(
            result[edition.id].pop("search_script"), ensure_ascii=False
        )
        result[edition.id]["site_name"] = words_of("site.name")
        result[edition.id]["kind_guide"] = words_of("kinds.guide")
        result[edition.id]["home"] = urls.page_url(urls.in_edition(urls.HOME, edition.folder))
        result[edition.id]["search"] = urls.page_url(urls.in_edition(urls.SEARCH, edition.folder))
        result[edition.id]["search_bundle"] = urls.search_bundle(edition.folder)
        result[edition.id]["finder"] = urls.page_url(urls.in_edition(urls.FINDER, edition.folder))
        result[edition.id]["feed"] = urls.FEED
    return result


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
