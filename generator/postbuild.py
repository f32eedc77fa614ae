"""After the engine, before Pagefind: what the written site needs that no engine gives.

The Content-Security-Policy goes into every page the engine rendered (not into
static HTML copied from the docs dir, such as the maps), and sitemap.xml gets
its true lastmod and hreflang alternates (sitemap.py). Working on the written
files rather than in hooks, the site is the same whichever engine built it.
"""

from __future__ import annotations

from pathlib import Path

from . import sitemap
from .csp import with_policy


def finish(site_dir: Path, docs_dir: Path, build_dir: Path, site_url: str) -> None:
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir)
        if not (docs_dir / relative).exists():
            page.write_text(with_policy(page.read_text("utf-8")), "utf-8")
    sitemap.apply_lastmod(site_dir, build_dir, site_url)
