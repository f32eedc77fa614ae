"""`python -m generator changes`: records added, removed and changed since a git ref, uncommitted edits included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import ROOT
from generator.changes import default_ref


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    git(repo, "init", "-q", "-b", "work")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "data as released")
    return repo


def changes(repo: Path, *ref: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "changes", *ref, "--data", str(repo / "data")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def edit(repo: Path) -> None:
    agreements = repo / "data" / "agreements.yaml"
    anchor = '  - {code: "011002", name: 札幌市}\n'
    agreements.write_text(
        agreements.read_text("utf-8").replace(
            anchor, anchor + '  - {code: "012025", name: 函館市, concluded_on: 2025-04-01}\n'
        ),
        "utf-8",
    )
    (repo / "data" / "case_studies" / "ayase.yaml").unlink()
    facilities = repo / "data" / "facilities.yaml"
    text = facilities.read_text("utf-8")
    facilities.write_text(
        text.replace("    location_precision: municipality", "    location_precision: facility", 1), "utf-8"
    )


def test_added_removed_and_changed_records_against_the_last_tag(repo):
    git(repo, "tag", "v1")
    edit(repo)  # uncommitted
    git(repo, "commit", "-q", "--allow-empty", "-m", "later work")  # the tag, not HEAD, is the default
    result = changes(repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## データの変更（`v1` → 作業ツリー）")
    assert "追加 1 件・削除 1 件・変更 1 件" in out
    agreements = out.split("### 雇用対策協定の締結団体（data/agreements.yaml）")[1].split("###")[0]
    assert "- 追加: `012025` 函館市" in agreements
    cases = out.split("### 事例（data/case_studies/）")[1].split("###")[0]
    assert "- 削除: `ayase`" in cases
    facilities = out.split("### 窓口（data/facilities.yaml）")[1].split("###")[0]
    assert "- 変更: `" in facilities and "（location_precision）" in facilities


def test_without_a_tag_or_main_the_default_is_head_and_an_unknown_ref_is_an_error(repo):
    assert default_ref(repo) == "HEAD"
    assert "記録の変更はありません。" in changes(repo).stdout
    git(repo, "branch", "main")
    assert default_ref(repo) == "main"
    result = changes(repo, "no-such-ref")
    assert result.returncode == 2 and "no-such-ref の data/ を読めません" in result.stderr
