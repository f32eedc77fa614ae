"""`make serve` shows a data error in the browser, and removes it once the data is fixed.

Runs the engine's real serve (hooks and all) on a private copy of the project, so
breaking a YAML file here never touches data/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from generator.build import ROOT
from tests.conftest import free_port

LIMIT = 180  # seconds for the first build of `mkdocs serve` on a busy machine


@pytest.fixture
def served_copy(tmp_path):
    project = tmp_path / "project"
    for folder in ("generator", "content", "site_overrides", "data", "schemas"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    port = free_port()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "SITE_URL": f"http://127.0.0.1:{port}/",
    }
    subprocess.run(
        [sys.executable, "-m", "generator", "generate"], cwd=project, check=True, capture_output=True, env=env
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.mkdocs_glue.engine", "serve", "build/mkdocs.yml", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url + "_serve/data-error.json") is not None, server, "mkdocs serve to answer")
        yield project, url, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def served_error(url: str) -> str | None:
    return json.loads(fetch(url + "_serve/data-error.json") or '{"error": null}')["error"]


def wait_for(condition, server: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + LIMIT
    while not condition():
        assert server.poll() is None, f"mkdocs serve exited ({server.returncode}) while waiting for {what}"
        assert time.monotonic() < deadline, f"no {what} within {LIMIT} s"
        time.sleep(0.2)


def test_data_error_shows_over_the_page_until_fixed(served_copy, page):
    project, url, server = served_copy
    case = project / "data" / "case_studies" / "ayase.yaml"
    original = case.read_text("utf-8")
    assert served_error(url) is None
    page.goto(url + "cases/ayase/")
    assert page.locator("#epd-data-error").count() == 0

    line = original[: original.index("\nchallenges:")].count("\n") + 2
    case.write_text(original.replace("\nchallenges: [", "\nchallenges: [no-such-challenge, ", 1), "utf-8")
    wait_for(lambda: served_error(url) is not None, server, "error to be published")
    assert served_error(url).startswith(f"data/case_studies/ayase.yaml:{line}")
    banner = page.locator("#epd-data-error")
    banner.wait_for(timeout=30_000)  # live reload brings it, with no click
    assert banner.get_attribute("role") == "alert"
    assert f"data/case_studies/ayase.yaml:{line}" in banner.inner_text()
    assert "知らない分類です" in banner.inner_text() and "前回のページを表示しています" in banner.inner_text()
    page.goto(url)  # every page, not only the one whose data broke
    banner.wait_for(timeout=10_000)

    case.write_text(original, "utf-8")
    wait_for(lambda: served_error(url) is None, server, "error to clear")
    banner.wait_for(state="detached", timeout=30_000)  # gone after the reload, again with no click
    assert page.console_errors == []
