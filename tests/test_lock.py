"""The supply chain is locked: requirements.lock pins every package with its files' hashes,
agrees with requirements.txt (what we ask for), and installs with --require-hashes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from generator.build import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)


def pins(text: str) -> dict[str, str]:
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(text)}


def locked_entries() -> list[str]:
    """The lock's entries: one 'name==version \\ --hash=...' block each."""
    text = (ROOT / "requirements.lock").read_text("utf-8")
    return [block for block in re.split(r"\n(?=[A-Za-z0-9])", text) if PIN.match(block)]


def test_the_lock_holds_every_requirement_at_its_pinned_version():
    asked = pins((ROOT / "requirements.txt").read_text("utf-8"))
    locked = pins((ROOT / "requirements.lock").read_text("utf-8"))
    # a requirement added or changed without `make lock` shows up here
    assert {name: locked.get(name) for name in asked} == asked


def test_every_locked_package_carries_hashes():
    entries = locked_entries()
    assert len(entries) >= len(pins((ROOT / "requirements.txt").read_text("utf-8")))
    for entry in entries:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry.splitlines()[0]


@pytest.mark.slow
def test_the_lock_installs_in_a_clean_virtualenv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "--no-compile", "--require-hashes"]
    subprocess.run([*install, "-r", str(ROOT / "requirements.lock")], check=True, timeout=900)
    subprocess.run([str(python), "-m", "pip", "check"], check=True, capture_output=True)
    installed = subprocess.run([str(python), "-m", "pip", "freeze"], check=True, capture_output=True, text=True).stdout
    assert pins(installed) == pins((ROOT / "requirements.lock").read_text("utf-8"))
