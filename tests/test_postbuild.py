"""generator/postbuild.py: the written site gets its CSP and sitemap dates without hooks."""

from __future__ import annotations

import json

from generator import postbuild
from generator.write import SITEMAP_FILE


def test_rendered_pages_get_the_policy_static_html_and_the_sitemap_their_due(tmp_path):
    site, docs, build = tmp_path / "site", tmp_path / "build" / "docs", tmp_path / "build"
    (site / "a").mkdir(parents=True)
    (docs / "maps").mkdir(parents=True)
    (site / "maps").mkdir()
    page = "<html><head><title>a</title></head><body><script>go()</script></body></html>"
    (site / "a" / "index.html").write_text(page, "utf-8")
    static = "<html><head></head><body>map</body></html>"
    (docs / "maps" / "m.html").write_text(static, "utf-8")
    (site / "maps" / "m.html").write_text(static, "utf-8")
    url = "https://example.org/epd/"
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"    <url>\n         <loc>{url}a/</loc>\n         <lastmod>2099-01-01</lastmod>\n    </url>\n</urlset>",
        "utf-8",
    )
    (build / SITEMAP_FILE).write_text(json.dumps({"a/": {"lastmod": "2024-08-31"}}), "utf-8")

    postbuild.finish(site, docs, build, url)

    written = (site / "a" / "index.html").read_text("utf-8")
    assert written.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy"')
    assert "'sha256-" in written  # the inline script is allowed by its hash
    assert (site / "maps" / "m.html").read_text("utf-8") == static  # copied as it was in the docs
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<lastmod>2024-08-31</lastmod>" in sitemap and "2099" not in sitemap
