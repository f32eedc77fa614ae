"""The GitHub workflows run on supported toolchains, with every action pinned to a commit."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.build import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_to_a_full_commit_sha_with_their_version(path):
    text = path.read_text("utf-8")
    uses = [step["uses"] for step in steps(yaml.safe_load(text)) if "uses" in step]
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(re.escape(action) + r" # v\d+\.\d+\.\d+", text), f"{action}: no version comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_node_and_python_are_supported_releases(path):
    for step in steps(yaml.safe_load(path.read_text("utf-8"))):
        settings = step.get("with", {})
        if "node-version" in settings:
            assert int(str(settings["node-version"])) >= 22, step  # 20 reached end of life in April 2026
        if "python-version" in settings:
            assert str(settings["python-version"]) in ("3.11", "3.12", "3.13"), step


def test_ci_checks_both_engines():
    for text in [path.read_text("utf-8") for path in WORKFLOWS if "make test" in path.read_text("utf-8")] + [
        (ROOT / ".ci" / "run").read_text("utf-8")
    ]:
        assert "make test" in text and "make engine-check ENGINE=mkdocs" in text
