"""The engine's config: mkdocs.yml plus what the generator knows (the nav, the theme's words)."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from html import escape
from pathlib import Path

import yaml
import yaml_env_tag

from .. import urls
from ..directory import Directory
from ..editions import EDITIONS
from ..words import catalogue, words

CONFIG_FILE = "mkdocs.yml"  # in build/, beside docs/


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
    search page and home (the header's links), written into the config's extra."""
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


def write_config(base: Path, build_dir: Path, nav: list) -> Path:
    """build/mkdocs.yml: mkdocs.yml with the nav and the theme's words, so that an engine
    reading the file needs no hook for them. Paths are rewritten relative to build/."""
    loader = yaml_env_tag.add_env_tag(yaml.SafeLoader)
    config = yaml.load(base.read_text("utf-8"), Loader=loader)  # noqa: S506 - SafeLoader + the !ENV tag

    def moved(path: str) -> str:
        return os.path.relpath(base.parent / path, build_dir)

    config["docs_dir"] = "docs"  # beside this file (build.Paths.docs), whichever --build-dir
    config["theme"]["custom_dir"] = moved(config["theme"]["custom_dir"])
    config["hooks"] = [moved(path) for path in config.get("hooks", [])]
    config["watch"] = [moved(path) for path in config.get("watch", [])]
    config["nav"] = nav
    config["extra"] = {**config.get("extra", {}), "editions": theme_words()}
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    path = build_dir / CONFIG_FILE
    if not path.exists() or path.read_text("utf-8") != text:  # unchanged: `make serve` does not reload
        path.write_text(text, "utf-8")
    return path
