"""A small link checker over a built site: every href/src of every page, and its #fragment.

Shared by tests/test_publish.py (the real site at a subpath) and bench/theme_exit.py
(the site as other engines and themes build it). Links are resolved as a browser
does against the page's URL under `base_url`; a target outside the site's path is
reported as broken too (it would leave a GitHub Pages project site).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

SKIPPED = ("mailto:", "data:", "tel:", "blob:")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value or "")
            elif value and name in ("href", "src") and not (tag == "link" and value.endswith(("rss", "feed"))):
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8", errors="replace"))
    return page


def broken_links(site: Path, base_url: str) -> list[str]:
    """'page → link (reason)' for each link that leads to no file, or to no element."""
    base = urlsplit(base_url)
    parsed: dict[Path, _Page] = {}
    broken = []
    for path in sorted(site.rglob("*.html")):
        page = parsed.setdefault(path, _parse(path))
        url = base_url + path.relative_to(site).as_posix()
        for link in page.links:
            if link.startswith(SKIPPED) or link.startswith("javascript:"):
                continue
            target = urlsplit(urljoin(url, link))
            if (target.scheme, target.netloc) != (base.scheme, base.netloc):
                continue  # another host: not ours to check
            if not target.path.startswith(base.path):
                broken.append(f"{path.relative_to(site)} → {link} (outside {base.path})")
                continue
            relative = unquote(target.path[len(base.path) :])
            file = (
                site / relative / "index.html" if relative in ("", ".") or relative.endswith("/") else site / relative
            )
            if not file.is_file():
                broken.append(f"{path.relative_to(site)} → {link} (no file)")
            elif target.fragment and file.suffix == ".html":
                ids = parsed.setdefault(file, _parse(file)).ids
                if unquote(target.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)} → {link} (no #{target.fragment})")
    return broken
