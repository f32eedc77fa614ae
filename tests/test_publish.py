"""Publishing: the site works under a GitHub Pages project subpath, and rebuilds are byte-identical."""

from __future__ import annotations

import hashlib
import os
import re
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import build_site, free_port, serve
from tests.linkcheck import broken_links

SUBPATH = "/employment-partnership-directory/"


@pytest.fixture(scope="module")
def subpath_builds(tmp_path_factory):
    """Two builds of the same commit at a project subpath, with a fixed build date."""
    port = free_port()
    site_url = f"http://127.0.0.1:{port}{SUBPATH}"
    os.environ["SOURCE_DATE_EPOCH"] = "1798761600"  # 2027-01-01: after every as_of (data/links.yaml: 2026-12-01)
    try:
        first = build_site(tmp_path_factory.mktemp("first"), site_url=site_url)
        second = build_site(tmp_path_factory.mktemp("second"), site_url=site_url)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    # Serve the parent so that the site lives under the subpath, as on GitHub Pages.
    root = first.site.parent / "pages-root"
    (root / SUBPATH.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(first.site, root / SUBPATH.strip("/"))
    served = serve(root, port)
    yield first.site, second.site, served.url.rstrip("/") + SUBPATH
    served.server.shutdown()


def digest_tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(subpath_builds):
    first, second, _ = subpath_builds
    a, b = digest_tree(first), digest_tree(second)
    assert a.keys() == b.keys()
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []


def test_every_internal_link_asset_and_anchor_resolves_under_the_subpath(subpath_builds):
    site, _, base_url = subpath_builds
    assert len(list(site.rglob("*.html"))) > 400
    assert {"en", "easy"} <= {p.name for p in site.iterdir()}  # every edition is checked
    assert broken_links(site, base_url) == []


def test_pages_and_404_are_served_under_the_subpath(subpath_builds):
    site, _, base_url = subpath_builds
    with urllib.request.urlopen(base_url) as response:
        assert response.status == 200 and "雇用連携ディレクトリ" in response.read().decode("utf-8")
    not_found = (site / "404.html").read_text("utf-8")
    assets = re.findall(r'(?:href|src)="([^"#]+)"', not_found)
    local = [a for a in assets if not a.startswith(("http://", "https://")) or a.startswith(base_url)]
    assert local and all(a.startswith(SUBPATH) or a.startswith(base_url) for a in local), local[:5]
    assert "ページが見つかりません" in not_found and f'href="{base_url}finder/"' in not_found


def test_external_links_open_safely(subpath_builds):
    site, _, _ = subpath_builds
    for page in sorted(site.rglob("*.html")):
        for tag in re.findall(r"<a [^>]*href=\"https?://[^\"]*\"[^>]*>", page.read_text("utf-8")):
            if 'target="_blank"' in tag:
                assert "noopener" in tag, f"{page}: {tag}"


def test_every_page_carries_a_content_security_policy(subpath_builds):
    site, _, _ = subpath_builds
    for page in sorted(site.rglob("*.html")):
        text = page.read_text("utf-8")
        assert 'http-equiv="Content-Security-Policy"' in text, page
        policy = re.search(r'Content-Security-Policy" content="([^"]+)"', text).group(1)
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_search_works_under_the_subpath(subpath_builds, page):
    _, _, base_url = subpath_builds
    page.goto(base_url + "search/?q=" + quote("気仙沼"))
    page.wait_for_function(
        "() => /件/.test(document.querySelector('[data-search-status]')?.textContent || '')", timeout=20000
    )
    links = page.locator("[data-search-results] a").evaluate_all("links => links.map(a => a.href)")
    assert base_url + "cases/kesennuma/" in links
    assert all(link.startswith(base_url) for link in links)
    with urllib.request.urlopen(links[0]) as response:
        assert response.status == 200
