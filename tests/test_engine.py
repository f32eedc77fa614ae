"""The engine seam (generator/mkdocs_glue/engine.py): MkDocs and ProperDocs build the same
site, and strict mode fails on a warning from any logger on both.

Each engine is chosen per process (ProperDocs must be imported before any `mkdocs.*`
module), so the other engine runs in a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
import yaml

from generator.build import ROOT
from generator.mkdocs_glue import engine
from generator.mkdocs_glue.config import write_config

GENERATOR_LINE = re.compile(rb'<meta name="generator" content="[^"]*">')

# Loggers a warning can come from during a build: the engine's, the theme's, our own, any library's.
LOGGERS = ("mkdocs.structure.pages", "properdocs.structure.pages", "mkdocs.material.test", "mkdocs.plugins.epd", "x")

# A Markdown extension that logs one warning on the logger named by WARN_FROM.
EXTENSION = """
import logging, os
from markdown import Extension

class WarnExtension(Extension):
    def extendMarkdown(self, md):
        if os.environ.get("WARN_FROM"):
            logging.getLogger(os.environ["WARN_FROM"]).warning("warning text from %s", os.environ["WARN_FROM"])

def makeExtension(**kwargs):
    return WarnExtension(**kwargs)
"""

# Runs in the subprocess: one build per logger, then one with a broken link; prints the outcomes.
SCRIPT = """
import json, os, sys
from pathlib import Path
from generator.errors import BuildFailed
from generator.mkdocs_glue import engine

project = Path(sys.argv[1])
outcomes = {}
for logger in [*json.loads(sys.argv[2]), "", "broken link"]:
    os.environ["WARN_FROM"] = "" if logger == "broken link" else logger
    if logger == "broken link":
        (project / "docs" / "index.md").write_text("# Home\\n\\n[gone](missing.md)\\n")
    try:
        engine.build(project / "mkdocs.yml", project / "docs", project / "site")
        outcomes[logger] = None
    except BuildFailed as failure:
        outcomes[logger] = str(failure)
print(json.dumps(outcomes))
"""


def other_engine() -> str:
    return next(e for e in engine.ENGINES if e != engine.name())


@pytest.mark.parametrize("name", engine.ENGINES)
def test_strict_mode_fails_on_a_warning_from_any_logger_and_shows_it(tmp_path, name):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "warn_ext.py").write_text(EXTENSION)
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: t
        theme: {name: material, font: false}
        plugins: []
        markdown_extensions: [warn_ext]
        """)
    )
    env = {**os.environ, "ENGINE": name, "PYTHONPATH": f"{ROOT}{os.pathsep}{tmp_path}", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), json.dumps(LOGGERS)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    outcomes = json.loads(result.stdout.splitlines()[-1])
    assert outcomes[""] is None  # no warning, no failure
    for logger in LOGGERS:
        assert outcomes[logger] and f"warning text from {logger}" in outcomes[logger], (name, logger)
    assert "missing.md" in outcomes["broken link"], name


def test_an_unknown_engine_is_refused(monkeypatch):
    monkeypatch.setenv("ENGINE", "hugo")
    with pytest.raises(engine.BuildFailed, match="ENGINE=hugo"):
        engine.name()


def test_both_engines_build_the_same_site_but_for_the_generator_line(site, tmp_path):
    env = {**os.environ, "ENGINE": other_engine(), "SITE_URL": site.url}
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--build-dir", str(tmp_path / "build")]
        + ["--site", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    ours = {p.relative_to(site.root): p for p in site.root.rglob("*") if p.is_file()}
    theirs = {p.relative_to(tmp_path / "site"): p for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert sorted(ours) == sorted(theirs)
    generator_lines = set()
    for relative, path in ours.items():
        mine, other = path.read_bytes(), theirs[relative].read_bytes()
        if mine != other:
            assert GENERATOR_LINE.sub(b"", mine) == GENERATOR_LINE.sub(b"", other), relative
            generator_lines.update(GENERATOR_LINE.findall(mine) + GENERATOR_LINE.findall(other))
    assert len(generator_lines) == 2, generator_lines  # one line per engine, and they differ


def test_the_generated_config_holds_the_nav_and_the_theme_words_with_paths_from_build(tmp_path):
    nav = [{"ホーム": "index.md"}]
    config = yaml.safe_load(write_config(ROOT / "mkdocs.yml", tmp_path, nav).read_text("utf-8"))
    assert config["nav"] == nav
    assert {"ja", "en", "easy"} <= set(config["extra"]["editions"])
    assert config["docs_dir"] == "docs"
    assert (tmp_path / config["theme"]["custom_dir"] / "main.html").is_file()
    assert all((tmp_path / hook).is_file() for hook in config["hooks"])
