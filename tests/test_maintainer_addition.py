"""A maintainer's correct addition passes the whole pipeline and keeps the tests green.

The repository is copied (the files git tracks; the installed .venv and node_modules are
linked, not copied), and a new source document, an agreement of a town not yet listed and
a case from the template are added exactly as CONTRIBUTING.md describes (tests/maintainer.py).
Then, in the copy, `make check` must find no error and the test modules that read data/ must
pass. They run in one pytest session inside the copy, so ROOT is the copy, its data/ is the
maintainer's and the site is built once (the session fixture) for all of them; the browser
tests are left out (`-m "not browser"`): what they check of such data is pinned by their own
fixtures (tests/test_accessibility.py builds a case without translations).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import ROOT
from tests.maintainer import add_maintainer_records

INSIDE = "EPD_MAINTAINER_COPY"  # set in the copy's run, so this test does not copy again
# the modules that read data/ (not the build's locking, the code's conventions, the benchmark)
MODULES = [
    "test_cases.py",
    "test_changes.py",
    "test_charts.py",
    "test_editions.py",
    "test_enrich.py",
    "test_finder.py",
    "test_finder_data.py",
    "test_hsds.py",
    "test_jsonld.py",
    "test_maps.py",
    "test_opendata.py",
    "test_pages.py",
    "test_public_facilities.py",
    "test_render.py",
    "test_search.py",
    "test_sources.py",
    "test_translations.py",
    "test_update_path.py",
    "test_validate_property.py",
]


def copy_repository(target: Path) -> None:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        source, copy = ROOT / name, target / name
        if source.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(source.read_bytes())
    for installed in (".venv", "node_modules"):
        (target / installed).symlink_to((ROOT / installed).resolve())


@pytest.mark.skipif(os.environ.get(INSIDE) == "1", reason="already running in the maintainer's copy")
def test_a_case_an_agreement_and_a_source_added_as_contributing_says_keep_the_tests_green(tmp_path):
    copy = tmp_path / "repository"
    copy_repository(copy)
    add_maintainer_records(copy / "data")
    env = {**os.environ, INSIDE: "1", "NO_MKDOCS_2_WARNING": "1"}

    check = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "check"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    agreements = len(yaml.safe_load((ROOT / "data" / "agreements.yaml").read_text("utf-8"))["records"])
    cases = len(list((ROOT / "data" / "case_studies").glob("*.yaml")))
    assert f"data/ に誤りはありません（協定 {agreements + 1} 件" in check.stdout  # the additions are read
    assert f"事例 {cases + 1} 件" in check.stdout

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not browser", *(f"tests/{m}" for m in MODULES)],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert tests.returncode == 0, tests.stdout[-6000:]
