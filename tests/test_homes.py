"""Issue #14 — one home for each decision, and nothing bypasses it.

Paths are spelled only in generator/urls.py, the site's words only in the catalogue
(generator/words/), facts only in data/; outputs are a declared list; no generator
module grows past 400 lines. These read the source, as a reviewer would.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator import outputs
from generator.build import ROOT
from generator.outputs import public_facilities

GENERATOR = ROOT / "generator"
TEMPLATES = GENERATOR / "outputs" / "pages" / "templates"
SCRIPTS = ROOT / "content" / "javascripts"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
SITE_FOLDERS = (
    r"(programmes|prefectures|municipalities|cases|maps|finder|opendata|vendor|javascripts|stylesheets|search)/"
)
# a path as code would write it: a site folder at the start, or a page or download file name
PATH_LITERAL = re.compile(rf"^{SITE_FOLDERS}|^[\w/-][\w/.-]*\.(md|html|csv|geojson)$")

# Japanese that is not the site's words: text the code parses or a standard's fixed names
NOT_WORDS = {
    "outputs/public_facilities.py": "the column names of 自治体標準オープンデータセット, fixed by the standard",
    "outputs/pages/charts.py": "a pattern that reads era names in period labels from data",
    "outputs/finder.py": "name suffixes (市・町・村・区) the finder strips when it parses a typed name",
}


# file names that are not ours to choose: HSDS names its tables (outputs/hsds.FILES)
NOT_OUR_PATHS = {"outputs/hsds.py"}


def string_constants(path: Path) -> list[str]:
    """The string literals of a module, docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def modules(folder: Path = GENERATOR) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def template_text(path: Path) -> str:
    return re.sub(r"\{#.*?#\}", "", path.read_text("utf-8"), flags=re.S)  # Jinja comments may explain in Japanese


def script_code(path: Path) -> str:
    text = re.sub(r"/\*.*?\*/", "", path.read_text("utf-8"), flags=re.S)
    return re.sub(r"(^|\s)//.*", "", text, flags=re.M)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(GENERATOR)))
def test_no_generator_module_is_over_400_lines(path):
    assert len(path.read_text("utf-8").splitlines()) <= 400


@pytest.mark.parametrize(
    "path", [p for p in modules() if p.name != "urls.py"], ids=lambda p: str(p.relative_to(GENERATOR))
)
def test_only_the_url_module_spells_a_site_path(path):
    if str(path.relative_to(GENERATOR)) in NOT_OUR_PATHS:
        pytest.skip("the HSDS standard's file names")
    spelled = [s for s in string_constants(path) if PATH_LITERAL.search(s) and not s.endswith(".md.j2")]
    assert spelled == []


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.j2")), ids=lambda p: p.name)
def test_templates_spell_no_path_and_no_words(path):
    text = template_text(path)
    assert not re.findall(rf"['\"]{SITE_FOLDERS}|['\"][\w/-]+\.(?:md|html|csv|json)['\"]", text)
    assert [line for line in text.splitlines() if JAPANESE.search(line)] == []


@pytest.mark.parametrize("path", sorted((GENERATOR / "outputs").rglob("*.py")), ids=lambda p: p.name)
def test_outputs_take_their_words_from_the_catalogue(path):
    module = str(path.relative_to(GENERATOR))
    if module in NOT_WORDS and module != "outputs/public_facilities.py":
        pytest.skip(NOT_WORDS[module])
    standard = set(public_facilities.COLUMNS) if module == "outputs/public_facilities.py" else set()
    assert [s for s in string_constants(path) if JAPANESE.search(s) and s not in standard] == []


@pytest.mark.parametrize("path", sorted(SCRIPTS.glob("*.js")), ids=lambda p: p.name)
def test_scripts_take_their_words_and_paths_from_the_page(path):
    code = script_code(path)
    assert JAPANESE.findall(code) == []
    assert not re.findall(rf"[\"'`]{SITE_FOLDERS}|[\"'`][\w/-]+\.(?:md|json)[\"'`]", code)


def test_the_build_loops_over_the_declared_outputs():
    build = (GENERATOR / "build.py").read_text("utf-8")
    assert "for output in OUTPUTS" in build
    assert {o.name for o in outputs.OUTPUTS} >= {"pages", "maps", "finder", "postal", "opendata", "feed"}
    for output in outputs.OUTPUTS:
        assert output.name not in re.findall(r"outputs\.(\w+)\.render", build)
