"""sitemap.xml with a true lastmod per page (run after MkDocs, from the hooks).

MkDocs stamps every page with the build date. We replace it with the date of
the records each generated page shows (freshness.py, via build/page_dates.json)
and drop it for pages no record dates (hand-written ones): no lastmod is
better than a wrong one. sitemap.xml.gz is rewritten with the same gzip mtime.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from ..write import PAGE_DATES_FILE

_URL = re.compile(r"(<url>\s*<loc>)([^<]*)(</loc>)(\s*<lastmod>[^<]*</lastmod>)?", re.S)


def with_lastmod(sitemap: str, site_url: str, dates: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        loc = match.group(2)
        date = dates.get(loc[len(site_url) :]) if loc.startswith(site_url) else None
        lastmod = f"\n         <lastmod>{date}</lastmod>" if date else ""
        return match.group(1) + loc + match.group(3) + lastmod

    return _URL.sub(replace, sitemap)


def apply_lastmod(site_dir: Path, build_dir: Path, site_url: str) -> None:
    sitemap = site_dir / "sitemap.xml"
    dates_file = build_dir / PAGE_DATES_FILE
    if not sitemap.exists() or not dates_file.exists():
        return
    text = with_lastmod(sitemap.read_text("utf-8"), site_url, json.loads(dates_file.read_text("utf-8")))
    sitemap.write_text(text, "utf-8")
    packed = site_dir / "sitemap.xml.gz"
    mtime = int.from_bytes(packed.read_bytes()[4:8], "little") if packed.exists() else 0
    with open(packed, "wb") as raw, gzip.GzipFile(fileobj=raw, filename="sitemap.xml", mode="wb", mtime=mtime) as out:
        out.write(text.encode("utf-8"))
