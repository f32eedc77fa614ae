"""MkDocs hooks, for `make serve` only: live data while serving.

- on_pre_build: regenerate the docs from data/ so an edited YAML file shows up
  on reload (a DataError is logged and shown over the pages by serve_overlay.py;
  the last good pages stay);
- on_post_page: the overlay's script tag on every served page.

A build runs without hooks (engine.build): the nav and the theme's words are in
the generated config (config.py), the CSP and the sitemap's dates are applied to
the written site (generator/postbuild.py).
"""

from __future__ import annotations

import logging

from generator.mkdocs_glue import serve_overlay

log = logging.getLogger("mkdocs.plugins.epd")


def on_pre_build(config):
    from generator.build import BuildFailed, Paths, Report, generate
    from generator.errors import DataError

    try:
        generate(Paths(), Report(quiet=True))
        serve_overlay.report(config.site_dir, None)
    except (DataError, BuildFailed) as error:
        log.error(f"data/ にエラーがあります（前回のページを表示しています）: {error}")
        serve_overlay.report(config.site_dir, error)


def on_post_page(output, page, config):
    return serve_overlay.tag(output, config.site_dir, config.site_url)
