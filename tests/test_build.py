"""Careless use of the build: two at once, and builds killed with SIGKILL (real processes).

The previous site must stay whole: byte-identical until the new one is swapped
in, and the next build must succeed and remove what a killed one left behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator import write
from generator.build import ROOT
from generator.lock import exclusive, lock_path
from tests.conftest import tree_digest

# a fixed build date: two builds of the same data are then byte-identical, so a mixed site shows
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": "1798761600",
}  # 2027-01-01: after every as_of in data/

# Runs the build but SIGKILLs itself halfway through removing the previous site after the swap.
KILLED_DURING_SWAP = textwrap.dedent(
    """
    import os, shutil, signal, sys, traceback
    from pathlib import Path

    real_rmtree = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        if any(frame.name == "swap_site" for frame in traceback.extract_stack()):
            files = sorted(p for p in Path(path).rglob("*") if p.is_file())
            for p in files[: len(files) // 2]:
                p.unlink()
            os.kill(os.getpid(), signal.SIGKILL)
        real_rmtree(path, *args, **kwargs)

    shutil.rmtree = rmtree
    from generator.build import main
    sys.exit(main(sys.argv[1:]))
    """
)


def arguments(tmp: Path, data: Path, *extra: str) -> list[str]:
    return ["build", "--data", str(data), "--build-dir", str(tmp / "build"), "--site", str(tmp / "site"), *extra]


def start(args: list[str], program: tuple[str, ...] = ("-m", "generator")) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *program, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV
    )


def read_until(process: subprocess.Popen, prefix: str) -> None:
    """Block until the build prints a progress line starting with `prefix`."""
    for line in process.stdout:
        if line.startswith(prefix):
            return
    pytest.fail(f"the build ended before printing {prefix!r}: {process.stderr.read()}")


def leftovers(tmp: Path) -> list[Path]:
    return sorted(tmp.glob(".site-*")) + sorted(tmp.glob("site.old"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The real data, built once into a private site: the previous site of these tests."""
    tmp = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "data", tmp / "data")
    result = subprocess.run(
        [sys.executable, "-m", "generator", *arguments(tmp, tmp / "data")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp / "site" / "_serve").exists() and "data-error.js" not in (tmp / "site" / "index.html").read_text(
        "utf-8"
    ), "serve's overlay only while serving"
    return tmp


def test_a_second_build_stops_with_a_message_when_its_wait_runs_out(built):
    before = tree_digest(built / "site")
    with exclusive(lock_path(built / "site"), 1, lambda holder: None):
        result = subprocess.run(
            [sys.executable, "-m", "generator", *arguments(built, built / "data", "--wait", "1")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=ENV,
        )
    assert result.returncode == 1
    assert f"別のビルド（プロセス {os.getpid()}）が実行中です。終わるのを待っています（最大 1 秒）…" in result.stderr
    assert f"エラー: 別のビルド（プロセス {os.getpid()}）が 1 秒たっても終わりません。" in result.stderr
    assert "以前に作ったサイトはそのままです" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(built / "site") == before


def test_two_builds_at_once_run_one_after_the_other(built):
    before = tree_digest(built / "site")
    first = start(arguments(built, built / "data"))
    read_until(first, "  load")  # the first holds the lock from here to its end
    second = start(arguments(built, built / "data"))
    _, second_errors = second.communicate(timeout=600)
    first.communicate(timeout=600)
    assert first.returncode == 0 and second.returncode == 0, second_errors
    assert "が実行中です。終わるのを待っています" in second_errors
    assert tree_digest(built / "site") == before, "two builds of the same data give the same bytes unless mixed"
    assert not leftovers(built)


def test_a_build_killed_at_any_stage_leaves_a_whole_site_and_the_next_cleans_up(built):
    previous = tree_digest(built / "site")
    data = built / "data-edited"
    shutil.copytree(built / "data", data)
    case = data / "case_studies" / "ayase.yaml"
    case.write_text(case.read_text("utf-8").replace("\ntitle: ", "\ntitle: 改訂", 1), "utf-8")

    during_generation = start(arguments(built, data))
    read_until(during_generation, "  pages")
    during_generation.kill()
    during_generation.wait()
    assert tree_digest(built / "site") == previous

    during_mkdocs = start(arguments(built, data))
    deadline = time.monotonic() + 300
    while not any(built.glob(".site-*/cases/*/index.html")):
        assert during_mkdocs.poll() is None and time.monotonic() < deadline, "MkDocs never started writing pages"
        time.sleep(0.05)
    during_mkdocs.kill()
    during_mkdocs.wait()
    assert tree_digest(built / "site") == previous
    assert leftovers(built), "the kill left a half-written temporary site"

    during_swap = start(arguments(built, data), program=("-c", KILLED_DURING_SWAP))
    during_swap.communicate(timeout=600)
    assert during_swap.returncode == -9
    swapped = tree_digest(built / "site")
    assert swapped != previous, "killed after the swap: the new site is in place"
    assert leftovers(built), "the previous site, half removed"

    after = subprocess.run(
        [sys.executable, "-m", "generator", *arguments(built, data)], cwd=ROOT, capture_output=True, text=True, env=ENV
    )
    assert after.returncode == 0, after.stderr
    assert tree_digest(built / "site") == swapped, "the site swapped in before the kill was whole"
    assert "改訂" in (built / "site" / "cases" / "ayase" / "index.html").read_text("utf-8")
    assert not leftovers(built)


def test_a_kill_between_the_fallback_renames_is_repaired(tmp_path, monkeypatch):
    """Where renameat2 is missing the swap takes two renames; a kill between them leaves only site.old."""
    site, new = tmp_path / "site", tmp_path / ".site-new"
    for folder, text in ((site, "前回"), (new, "今回")):
        folder.mkdir()
        (folder / "index.html").write_text(text, "utf-8")
    site.rename(tmp_path / "site.old")  # the state after the first rename
    write.clean_leftovers(site)
    assert (site / "index.html").read_text("utf-8") == "前回" and not leftovers(tmp_path)

    monkeypatch.setattr(write, "_exchange", lambda first, second: False)
    new.mkdir()
    (new / "index.html").write_text("今回", "utf-8")
    write.swap_site(new, site)
    assert (site / "index.html").read_text("utf-8") == "今回" and not leftovers(tmp_path)


def test_pages_whose_source_is_gone_leave_the_served_site(tmp_path):
    """While serving (--dirty) MkDocs never deletes a page: a removed record's page must go, the rest stay."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    for source in ("index.md", "cases/index.md", "cases/ayase.md", "maps/cases.html"):
        (docs / source).parent.mkdir(parents=True, exist_ok=True)
        (docs / source).write_text("x", "utf-8")
    for built in ("index.html", "cases/index.html", "cases/ayase/index.html", "cases/tendo/index.html", "404.html"):
        (site / built).parent.mkdir(parents=True, exist_ok=True)
        (site / built).write_text("x", "utf-8")
    (site / "maps").mkdir()
    (site / "maps" / "cases.html").write_text("x", "utf-8")
    assert write.remove_stale_pages(docs, site) == ["cases/tendo/"]
    assert not (site / "cases" / "tendo").exists()
    kept = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert kept == {"index.html", "cases/index.html", "cases/ayase/index.html", "404.html", "maps/cases.html"}
