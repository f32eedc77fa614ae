"""Every command README.md and CONTRIBUTING.md print works as printed.

The commands are read from the documents themselves: each `make …` of a shell block or
an inline code span must be a real target (make's dry run), the cheap ones run for real,
and `make preview` serves a built site with its search. Make is told that the installed
dependencies are current (`-o`), so a test runs the command rather than the installers
(the Makefile installs them on a fresh clone).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request

import pytest

from generator.build import ROOT
from tests.conftest import free_port

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
INSTALLED = ["-o", ".venv/.installed", "-o", "node_modules/.installed"]
MAKE = re.compile(r"^((?:[A-Z_]+=\S+ )*)make( [^`#&]*)?$")


def documented_commands() -> set[str]:
    """Each `make …` the documents print, as printed (VAR=value prefixes kept)."""
    found = set()
    for name in DOCUMENTS:
        text = (ROOT / name).read_text("utf-8")
        lines = [line for block in re.findall(r"```sh\n(.*?)```", text, re.S) for line in block.splitlines()]
        for line in lines + re.findall(r"`([^`\n]+)`", text):
            for part in line.split("#")[0].split("&&"):
                if MAKE.match(part.strip()):
                    found.add(part.strip())
    return found


def make(command: str, *options: str, timeout: float = 120) -> subprocess.CompletedProcess:
    prefix, arguments = MAKE.match(command).groups()
    env = {**os.environ, **dict(item.split("=", 1) for item in prefix.split())}
    return subprocess.run(
        ["make", "--no-print-directory", *INSTALLED, *options, *(arguments or "").split()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_documents_print_the_maintainers_commands():
    commands = documented_commands()
    expected = {"make check", "make changes", "make changes REF=main", "make preview", "make serve PORT=8001"}
    assert expected <= commands, sorted(commands)


@pytest.mark.parametrize("command", sorted(documented_commands()))
def test_every_documented_make_command_is_a_real_target(command):
    result = make(command, "-n")
    assert result.returncode == 0, result.stderr


def test_no_shell_block_runs_the_generator_without_the_projects_python():
    """`python -m generator …` fails on a fresh clone (the packages are in .venv): the documents say `make …`."""
    for name in DOCUMENTS:
        blocks = re.findall(r"```sh\n(.*?)```", (ROOT / name).read_text("utf-8"), re.S)
        assert not [line for block in blocks for line in block.splitlines() if re.match(r"python3? -m generator", line)]


def test_make_check_and_make_changes_run_as_printed():
    check = make("make check")
    assert check.returncode == 0 and "data/ に誤りはありません" in check.stdout, check.stderr
    changes = make("make changes")
    assert changes.returncode == 0 and changes.stdout.startswith("## データの変更"), changes.stderr


def test_the_port_is_the_one_asked_for():
    assert " 127.0.0.1:8001" in make("make serve PORT=8001", "-n").stdout.splitlines()[-1]
    assert "http.server 8001 --bind 127.0.0.1" in make("make preview PORT=8001", "-n").stdout


def test_make_preview_serves_the_built_site_with_its_search(site):
    port = free_port()
    server = subprocess.Popen(
        ["make", "--no-print-directory", *INSTALLED, "-o", "build", "preview", f"PORT={port}", f"SITE={site.root}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(url + "search/", timeout=5).read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "make preview did not answer"
                time.sleep(0.2)
        assert "data-search-results" in page  # the results page, as built
        for part in ("pagefind/pagefind.js", "pagefind/pagefind-entry.json"):  # and the index it searches
            assert urllib.request.urlopen(url + part, timeout=5).status == 200
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)
