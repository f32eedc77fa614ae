"""MkDocs hooks: navigation from the generator, Japanese search segmentation, live data.

- on_config: the nav written by the generator (build/nav.json);
- Japanese word segmentation for the search index: Material's search plugin
  segments runs of Han characters with a module-level `jieba` object when one
  is set (a hook meant for Chinese). We set it, and replace the plugin's
  segmenting method so that runs of kanji *and* kana are cut into words by
  SudachiPy (mode C, long units; adjacent katakana pieces stay one word, as
  in ハローワーク). The browser then splits each word again with TinySegmenter,
  as it does the query, so 説明会 is found inside 半導体関連企業説明会. This relies
  on private names of mkdocs-material: the version is pinned and tests cover it;
- on_post_page: a Content-Security-Policy meta tag allowing only our scripts;
- on_post_build: the search index written as UTF-8 (half the bytes), and the
  sitemap's lastmod set from the records (generator/sitemap.py);
- on_pre_build while serving: regenerate the docs from data/ so an edited YAML
  file shows up on reload (a DataError is logged; the last good pages stay).
"""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from pathlib import Path

from material.plugins.search import plugin as search_plugin

from generator import sitemap
from generator.csp import with_policy

log = logging.getLogger("mkdocs.plugins.epd")
ROOT = Path(__file__).resolve().parent.parent
_serving = False


JAPANESE_RUN = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff々〆ヵヶ]+")
KATAKANA = re.compile(r"[\u30a0-\u30ff]+")


class JapaneseSegmenter:
    """The slice of jieba's interface Material uses: cut(bytes) → iterable of words."""

    def __init__(self) -> None:
        from sudachipy import dictionary, tokenizer

        self._tokenizer = dictionary.Dictionary(dict="core").tokenizer()
        self._mode = tokenizer.Tokenizer.SplitMode.C

    def cut(self, text: bytes | str) -> list[str]:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        words: list[str] = []
        for morpheme in self._tokenizer.tokenize(text, self._mode):
            word = morpheme.surface()
            if words and KATAKANA.fullmatch(word) and KATAKANA.fullmatch(words[-1]):
                words[-1] += word
            else:
                words.append(word)
        return words


def segment_japanese(index, data: str) -> str:
    """Replacement for SearchIndex._segment_chinese: words of every Japanese run, joined by U+200B."""
    return JAPANESE_RUN.sub(lambda match: "\u200b" + "\u200b".join(segmenter().cut(match.group(0))) + "\u200b", data).strip("\u200b")


@cache
def segmenter() -> JapaneseSegmenter:
    return JapaneseSegmenter()


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_config(config):
    search_plugin.jieba = segmenter()  # truthy: makes the plugin call the method below
    search_plugin.SearchIndex._segment_chinese = segment_japanese
    nav_file = Path(config.docs_dir).parent / "nav.json"
    if nav_file.exists():
        config.nav = json.loads(nav_file.read_text("utf-8"))
    return config


def on_pre_build(config):
    if not _serving:
        return
    from generator.build import Paths, Report, generate
    from generator.errors import DataError

    try:
        generate(Paths(), Report(quiet=True))
    except DataError as error:
        log.error(f"data/ にエラーがあります（前回のページを表示しています）: {error}")


def on_post_page(output, page, config):
    return with_policy(output)


def on_post_template(output_content, template_name, config):
    return with_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    """Rewrite search_index.json as UTF-8 text: Material escapes every Japanese
    character as \\uXXXX (6 bytes instead of 3), which doubles the download."""
    sitemap.apply_lastmod(Path(config.site_dir), Path(config.docs_dir).parent, config.site_url or "")
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.exists():
        index = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
