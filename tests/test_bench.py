"""bench/run.py reports what it cannot measure instead of dying with a traceback."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile

import pytest

from generator.build import ROOT
from tests.conftest import free_port


@pytest.fixture
def bench(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "RESULTS", [])
    return module


def test_a_measure_that_fails_is_a_line_and_the_next_is_still_taken(bench):
    def refused():
        raise subprocess.CalledProcessError(
            1, [sys.executable, "-m", "generator", "build"], stderr="エラー: data/x.yaml:3: 壊れています\n"
        )

    assert bench.measure("first", refused) is None
    assert bench.measure("second", lambda: bench.needs(None, "the first"), str) is None
    assert bench.measure("third", lambda: 2.5, "{:.1f} s".format) == 2.5
    assert bench.RESULTS == [
        ("first", "not measured: `python -m generator` exited with 1 (エラー: data/x.yaml:3: 壊れています)"),
        ("second", "not measured: needs the first, which was not measured"),
        ("third", "2.5 s"),
    ]


def test_waiting_for_a_server_that_died_says_so_at_once(bench):
    """The failure of issue #13: mkdocs serve had exited, and the wait ended in `Connection refused`."""
    script = "import sys; sys.stderr.write('Error: address already in use\\n'); sys.exit(3)"
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        server = subprocess.Popen([sys.executable, "-c", script], stderr=log)
        server.wait()
        with pytest.raises(
            bench.NotMeasured,
            match=r"^mkdocs serve exited with 3 while waiting for it to answer \(Error: address already in use\)$",
        ):
            bench.wait_for_page(server, log, f"http://127.0.0.1:{free_port()}/", lambda page: True, 60, "it to answer")


def test_waiting_for_a_server_that_never_answers_stops_at_its_limit(bench):
    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with (
            tempfile.TemporaryFile("w+", encoding="utf-8") as log,
            pytest.raises(bench.NotMeasured, match=r"^waited 1 s for it to answer in vain$"),
        ):
            bench.wait_for_page(server, log, f"http://127.0.0.1:{free_port()}/", lambda page: True, 1, "it to answer")
    finally:
        server.kill()
        server.wait()
