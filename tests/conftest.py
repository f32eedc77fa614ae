"""Shared fixtures: the real site built once per session, served on 127.0.0.1, and Chromium.

Browser tests use Debian's chromium through Playwright (`executable_path`); the
Makefile installs it. Every page records the hosts it requested so tests can
prove that nothing but 127.0.0.1 (and the tile host) is contacted.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import os
import re
import shutil
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.build import ROOT, Paths, Report, build
from tests.deck import without_later_records

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def latest_data_date() -> dt.date:
    """The newest date written anywhere in data/: a 'today' no record is after, for tests that fix it."""
    found = re.findall(
        r"\b(20\d\d-\d\d-\d\d)\b", "".join(p.read_text("utf-8") for p in (ROOT / "data").rglob("*.yaml"))
    )
    return max(dt.date.fromisoformat(day) for day in found)


DATA_TODAY = latest_data_date()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text as UTF-8, as GitHub Pages does (Material's TinySegmenter breaks otherwise)."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".geojson": "application/geo+json; charset=utf-8",
        ".csv": "text/csv; charset=utf-8",
    }

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@dataclass
class Served:
    root: Path
    url: str  # ends with "/"
    server: http.server.ThreadingHTTPServer = field(repr=False)


def serve(directory: Path, port: int) -> Served:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(directory, f"http://127.0.0.1:{port}/", server)


def build_site(tmp: Path, data: Path | None = None, site_url: str | None = None) -> Paths:
    """Build the site from `data` (default: the real data/) into tmp/site."""
    paths = Paths(data=data or ROOT / "data", build=tmp / "build", site=tmp / "site")
    previous = os.environ.get("SITE_URL")
    if site_url:
        os.environ["SITE_URL"] = site_url
    try:
        build(paths, Report(quiet=True))
    finally:
        if site_url:
            if previous is None:
                os.environ.pop("SITE_URL", None)
            else:
                os.environ["SITE_URL"] = previous
    return paths


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Served:
    """The real site, built once, served at its own site_url."""
    port = free_port()
    paths = build_site(tmp_path_factory.mktemp("real"), site_url=f"http://127.0.0.1:{port}/")
    served = serve(paths.site, port)
    yield served
    served.server.shutdown()


@pytest.fixture(scope="session")
def site(real_site) -> Served:
    return real_site


@pytest.fixture(scope="session")
def deck_site(real_site, tmp_path_factory) -> Served:
    """The site of the deck's records alone (tests/deck.py): the real site itself unless data/
    holds later additions, for tests whose real places are as the deck describes them."""
    tmp = tmp_path_factory.mktemp("deck")
    shutil.copytree(ROOT / "data", tmp / "data")
    if not without_later_records(tmp / "data"):
        yield real_site
        return
    port = free_port()
    served = serve(build_site(tmp, tmp / "data", site_url=f"http://127.0.0.1:{port}/").site, port)
    yield served
    served.server.shutdown()


@pytest.fixture(scope="session")
def browser():
    bundled = CHROMIUM == "bundled"  # Playwright's own Chromium, for runners without Debian's
    if not bundled and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = {} if bundled else {"executable_path": CHROMIUM}
        browser = playwright.chromium.launch(**executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every requested host in `page.requested_hosts`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.requested_hosts = set()
    page.console_errors = []
    context.on(
        "request", lambda request: page.requested_hosts.add(urlparse(request.url).hostname or request.url.split(":")[0])
    )
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def tree_digest(root: Path) -> str:
    """One hash of every file's path and bytes: equal digests mean byte-identical trees."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def pytest_collection_modifyitems(items):
    """Mark the browser tests, so a run can leave them out (-m "not browser")."""
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
