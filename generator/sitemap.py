"""sitemap.xml with a true lastmod per page and its editions (postbuild.py, after the engine).

MkDocs stamps every page with the build date. We replace it with the date of
the records each generated page shows (freshness.py, via build/sitemap.json)
and drop it for pages no record dates (hand-written ones): no lastmod is
better than a wrong one. A page with editions lists them all as hreflang
alternates (xhtml:link), itself included, as search engines ask. They are not
<link rel=alternate> in the pages: the theme would fetch a sitemap.xml
relative to each such link on every page view. sitemap.xml.gz is rewritten
with the same gzip mtime.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from html import escape
from pathlib import Path

from . import urls
from .editions import EDITIONS
from .write import SITEMAP_FILE

_URL = re.compile(r"(<url>\s*<loc>)([^<]*)(</loc>)(\s*<lastmod>[^<]*</lastmod>)?", re.S)
_XHTML = "http://www.w3.org/1999/xhtml"


def page_entries(pages: list[str], dates: dict[str, dt.date]) -> dict[str, dict]:
    """Page URL → its lastmod and its editions' (hreflang, URL), for every edition's page.
    `pages` and `dates` are Japanese docs paths; an edition's page has the same date."""
    entries: dict[str, dict] = {}
    for path in pages:
        folders = [e.folder for e in EDITIONS] if urls.has_editions(path) else [""]
        alternates = [[e.hreflang, urls.page_url(urls.in_edition(path, e.folder))] for e in EDITIONS]
        for folder in folders:
            entry: dict = {"alternates": alternates} if len(folders) > 1 else {}
            if path in dates:
                entry["lastmod"] = dates[path].isoformat()
            entries[urls.page_url(urls.in_edition(path, folder))] = entry
    return entries


def with_entries(sitemap: str, site_url: str, entries: dict[str, dict]) -> str:
    def replace(match: re.Match) -> str:
        loc = match.group(2)
        entry = entries.get(loc[len(site_url) :], {}) if loc.startswith(site_url) else {}
        lastmod = f"\n         <lastmod>{entry['lastmod']}</lastmod>" if "lastmod" in entry else ""
        links = "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{hreflang}" href="{escape(site_url + url)}"/>'
            for hreflang, url in entry.get("alternates", [])
        )
        return match.group(1) + loc + match.group(3) + lastmod + links

    text = _URL.sub(replace, sitemap)
    if 'xmlns:xhtml="' not in text:
        text = text.replace("<urlset ", f'<urlset xmlns:xhtml="{_XHTML}" ', 1)
    return text


def apply_lastmod(site_dir: Path, build_dir: Path, site_url: str) -> None:
    sitemap = site_dir / "sitemap.xml"
    entries_file = build_dir / SITEMAP_FILE
    if not sitemap.exists() or not entries_file.exists():
        return
    text = with_entries(sitemap.read_text("utf-8"), site_url, json.loads(entries_file.read_text("utf-8")))
    sitemap.write_text(text, "utf-8")
    packed = site_dir / "sitemap.xml.gz"
    mtime = int.from_bytes(packed.read_bytes()[4:8], "little") if packed.exists() else 0
    with open(packed, "wb") as raw, gzip.GzipFile(fileobj=raw, filename="sitemap.xml", mode="wb", mtime=mtime) as out:
        out.write(text.encode("utf-8"))
