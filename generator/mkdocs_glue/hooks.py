"""MkDocs hooks: navigation from the generator, the CSP, live data while serving.

- on_config: the nav and the theme's words per edition written by the generator (build/);
- on_post_page / on_post_template: a Content-Security-Policy meta tag allowing
  only our scripts (not on served pages, where it blocked live reload);
- on_post_build: the sitemap's lastmod set from the records (sitemap.py);
- on_pre_build while serving: regenerate the docs from data/ so an edited YAML
  file shows up on reload (a DataError is logged and shown over the pages by
  serve_overlay.py; the last good pages stay), read the new nav, and remove the
  pages of records that are gone (the dirty build never does).

Nothing here reaches into the theme's internals: search is Pagefind's, indexed
after MkDocs has written the site (generator/search.py).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from generator.csp import with_policy
from generator.mkdocs_glue import sitemap
from generator.mkdocs_glue.run import theme_words
from generator.write import NAV_FILE, remove_stale_pages

log = logging.getLogger("mkdocs.plugins.epd")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def _read_nav(config) -> None:
    nav_file = Path(config.docs_dir).parent / NAV_FILE
    if nav_file.exists():
        config.nav = json.loads(nav_file.read_text("utf-8"))


def on_config(config):
    _read_nav(config)
    # the header's words and links per edition (site_overrides/): from the catalogue, not from data
    config.extra["editions"] = theme_words()
    return config


def on_pre_build(config):
    if not _serving:
        return
    from generator.build import BuildFailed, Paths, Report, generate
    from generator.errors import DataError
    from generator.mkdocs_glue import serve_overlay

    try:
        generate(Paths(), Report(quiet=True))
        _read_nav(config)  # on_config ran before this regeneration: its nav may name removed pages
        remove_stale_pages(Path(config.docs_dir), Path(config.site_dir))
        serve_overlay.report(config.site_dir, None)
    except (DataError, BuildFailed) as error:
        log.error(f"data/ にエラーがあります（前回のページを表示しています）: {error}")
        serve_overlay.report(config.site_dir, error)


def on_post_page(output, page, config):
    if _serving:  # no policy: live reload injects an inline script per request that no hash can allow
        from generator.mkdocs_glue import serve_overlay

        return serve_overlay.tag(output, config.site_dir, config.site_url)
    return with_policy(output)


def on_post_template(output_content, template_name, config):
    return with_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    sitemap.apply_lastmod(Path(config.site_dir), Path(config.docs_dir).parent, config.site_url or "")
