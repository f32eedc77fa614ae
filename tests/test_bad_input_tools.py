"""The fault corpus, continued: what editors, spreadsheets, git, YAML, file systems and strangers'
pull requests do to data/ (issue #25).

Each fault ends one of two ways. Refused: a DataError (or BuildFailed for the file system) naming
the file and line, in Japanese, with the previous site/ byte-identical and nothing written. Or
accepted: the generated docs are byte-identical to those of the same data written cleanly.
"""

from __future__ import annotations

import errno
import os
import pathlib
import shutil
import sys
from pathlib import Path

import pytest

from generator import lock
from generator.build import ROOT, Paths, Report, build, generate
from generator.errors import BuildFailed, DataError
from tests.conftest import tree_digest
from tests.test_bad_input import previous_site, replace_once

__all__ = ["previous_site"]  # the fixture, shared with the first corpus

AYASE = "case_studies/ayase.yaml"


# --- what editors and spreadsheets do to text ----------------------------------------------


def _shift_jis(d):
    path = d / AYASE
    text = path.read_text("utf-8")
    path.write_bytes(text.encode("cp932", errors="replace"))  # ㏋ has no Shift_JIS code
    return AYASE, next(i for i, row in enumerate(text.splitlines(), 1) if not row.isascii())


def _utf16(d):
    path = d / AYASE
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))  # Notepad's "Unicode"
    return AYASE, 1


def _vertical_tab(d):
    """Word's line break (Shift+Enter) and Excel's in-cell line break paste as U+000B."""
    return AYASE, replace_once(d / AYASE, "市役所の各担当課と", "市役所の\x0b各担当課と")


def _escaped_escape(d):
    """A quoted "\\e" is ESC: shown in a terminal, it would drive it."""
    return AYASE, replace_once(
        d / AYASE, "title: ジョブスポットあやせ（神奈川県綾瀬市）", 'title: "ジョブ\\e[2Jスポット"'
    )


def _line_separator(d):
    """U+2028 pasted from a word processor: YAML breaks the line there, editors do not."""
    return AYASE, replace_once(d / AYASE, "市役所の各担当課と", "市役所の\u2028各担当課と")


def _full_width_date(d):
    return AYASE, replace_once(d / AYASE, "as_of: 2024-03-31", "as_of: ２０２４-０３-３１")


def _full_width_colon(d):
    return AYASE, replace_once(d / AYASE, "subtitle: 市役所", "subtitle：市役所")


def _full_width_space_after_colon(d):
    return AYASE, replace_once(d / AYASE, "subtitle: 市役所", "subtitle:\u3000市役所")


def _look_alike_hyphen_in_id(d):
    return "facilities.yaml", replace_once(d / "facilities.yaml", "id: job-spot-ayase", "id: job\u2010spot-ayase")


# --- what git does ---------------------------------------------------------------------------


def _conflict_markers(d):
    line = replace_once(
        d / AYASE,
        "subtitle: 市役所の各担当課と連携し合い、市民の就職を全力サポート！\n",
        "<<<<<<< HEAD\nsubtitle: 市役所の各担当課と連携し合い\n=======\nsubtitle: 市民の就職を全力サポート！\n>>>>>>> maint\n",
    )
    return AYASE, line


def _conflict_markers_in_block_text(d):
    """A conflict inside a multi-line text: YAML trips over the block's lost indentation lines later."""
    line = replace_once(
        d / AYASE, "subtitle: 市役所の各担当課と連携し合い、市民の就職を全力サポート！\n", "subtitle: |\n  市役所\n"
    )
    replace_once(d / AYASE, "  市役所\n", "<<<<<<< HEAD\n  市役所\n=======\n  市民\n>>>>>>> maint\n")
    return AYASE, line + 1


def _programme_renamed(d):
    (d / "programmes" / "furusato.yaml").rename(d / "programmes" / "furusato-hw.yaml")
    return "programmes/furusato-hw.yaml", 2


def _case_renamed_yml(d):
    (d / AYASE).rename(d / "case_studies" / "ayase.yml")
    return "case_studies/ayase.yml", None


def _case_in_wrong_folder(d):
    (d / "case_study").mkdir()
    (d / AYASE).rename(d / "case_study" / "ayase.yaml")
    return "case_study/ayase.yaml", None


# --- what YAML does on its own ---------------------------------------------------------------


def _octal_looking_number(d):
    """YAML 1.1 reads 0123 as octal 83."""
    return AYASE, replace_once(d / AYASE, "value: 32.2", "value: 0123")


def _exponent_number(d):
    return AYASE, replace_once(d / AYASE, "value: 32.2", "value: 1e3")


def _not_a_number(d):
    return AYASE, replace_once(d / AYASE, "value: 32.2", "value: .nan")


def _reiwa_date(d):
    return AYASE, replace_once(d / AYASE, "as_of: 2024-03-31", "as_of: 令和6年3月31日")


def _era_letter_date(d):
    return AYASE, replace_once(d / AYASE, "as_of: 2024-03-31", "as_of: R6.3.31")


def _slash_date(d):
    return AYASE, replace_once(d / AYASE, "as_of: 2024-03-31", "as_of: 2024/3/31")


def _digits_date(d):
    """An unquoted 20240331 is an integer, which a date field took as seconds since 1970."""
    return AYASE, replace_once(d / AYASE, "as_of: 2024-03-31", "as_of: 20240331")


def _key_differs_by_case(d):
    return AYASE, replace_once(d / AYASE, "subtitle: 市役所", "Title: 綾瀬\nsubtitle: 市役所")


def _key_differs_by_width(d):
    return AYASE, replace_once(d / AYASE, "subtitle: 市役所", "ｔｉｔｌｅ: 綾瀬\nsubtitle: 市役所")


def _list_as_key(d):
    return AYASE, replace_once(d / AYASE, "subtitle: 市役所", "? [a, b]\n: x\nsubtitle: 市役所")


def _explicit_tag(d):
    return AYASE, replace_once(d / AYASE, "subtitle: 市役所", "subtitle: !!binary 5biC5b255omA")


# --- what the file system does ---------------------------------------------------------------


def _link_out_of_data(d):
    """A pull request can add a link to any path of the CI machine."""
    outside = d.parent / "outside"
    outside.mkdir()
    shutil.copy(d / AYASE, outside / "secret.yaml")
    (d / "case_studies" / "leak.yaml").symlink_to(outside / "secret.yaml")
    return "case_studies/leak.yaml", None


def _folder_link_out_of_data(d):
    shutil.move(d / "programmes", d.parent / "elsewhere")
    (d / "programmes").symlink_to(d.parent / "elsewhere")
    return "programmes/agreement.yaml", None


def _link_to_device(d):
    (d / "case_studies" / "zero.yaml").symlink_to("/dev/zero")
    return "case_studies/zero.yaml", None


def _folder_for_file(d):
    (d / "national.yaml").unlink()
    (d / "national.yaml").mkdir()
    return "national.yaml", None


# --- what a stranger's pull request can do ---------------------------------------------------


def _nested(d, depth):
    path = d / "national.yaml"
    line = path.read_text("utf-8").count("\n") + 1
    path.write_text(path.read_text("utf-8") + "deep: " + "[" * depth + "]" * depth + "\n", "utf-8")
    return "national.yaml", line


def _deep_nesting(d):
    return _nested(d, 500)


def _deeper_than_libyaml(d):
    return _nested(d, 5000)


FAULTS = [
    ("Shift_JIS（Excel・メモ帳）", _shift_jis, "Shift_JIS（Windows・Excel の既定）で保存されているようです"),
    ("UTF-16（メモ帳の Unicode）", _utf16, "UTF-16"),
    ("貼り付けた垂直タブ", _vertical_tab, "制御文字 U+000B（垂直タブ"),
    ("エスケープで書いた ESC", _escaped_escape, "制御文字 U+001B（ESC"),
    ("貼り付けた LINE SEPARATOR", _line_separator, "U+2028"),
    ("全角数字の日付", _full_width_date, "2024-03-31 と書きます"),
    ("全角のコロン", _full_width_colon, "全角のコロン「：」"),
    ("コロンの後の全角の空白", _full_width_space_after_colon, "全角の空白"),
    ("id の中の似たハイフン", _look_alike_hyphen_in_id, "U+2010"),
    ("git の衝突の印", _conflict_markers, "git のマージ（またはリベース）の途中の印"),
    ("ブロック文字列の中の衝突の印", _conflict_markers_in_block_text, "git のマージ"),
    (
        "名前を変えたプログラムのファイル",
        _programme_renamed,
        "id（furusato）とファイル名（furusato-hw.yaml）が違います",
    ),
    ("拡張子 .yml の事例", _case_renamed_yml, "読み込まれない場所・名前の YAML ファイル"),
    ("違うフォルダの事例", _case_in_wrong_folder, "読み込まれない場所・名前の YAML ファイル"),
    ("8進数に見える数", _octal_looking_number, "数値が必要です"),
    ("指数で書いた数", _exponent_number, "数値が必要です"),
    (".nan", _not_a_number, "数値が必要です"),
    ("和暦の日付", _reiwa_date, "2024-03-31 と書きます"),
    ("R6.3.31 の日付", _era_letter_date, "2024-03-31 と書きます"),
    ("スラッシュの日付", _slash_date, "2024-03-31 と書きます"),
    ("区切りのない日付", _digits_date, "2024-03-31 と書きます"),
    ("大文字だけ違うキー", _key_differs_by_case, "大文字・小文字か全角・半角だけが違います"),
    ("全角だけ違うキー", _key_differs_by_width, "大文字・小文字か全角・半角だけが違います"),
    ("リストのキー", _list_as_key, "キーは文字列にしてください"),
    ("libyaml の上限を超える入れ子", _deeper_than_libyaml, "入れ子が深すぎます"),
    ("YAML のタグ", _explicit_tag, "YAML のタグ"),
    ("data/ の外へのリンク", _link_out_of_data, "data/ の外を指すリンク"),
    ("data/ の外へのフォルダのリンク", _folder_link_out_of_data, "data/ の外を指すリンク"),
    ("/dev/zero へのリンク", _link_to_device, "data/ の外を指すリンク"),
    ("ファイルの代わりのフォルダ", _folder_for_file, "普通のファイルではありません"),
    ("深い入れ子", _deep_nesting, "入れ子が深すぎます"),
]


@pytest.mark.parametrize("name,mutate,words", FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_is_refused_with_file_line_and_words(name, mutate, words, data_copy, tmp_path, previous_site):
    expected_file, expected_line = mutate(data_copy)
    before = tree_digest(previous_site)
    with pytest.raises(DataError) as caught:
        build(Paths(data=data_copy, build=tmp_path / "build", site=previous_site), Report(quiet=True))
    error = caught.value
    assert error.file == f"data/{expected_file}", str(error)
    assert words in error.message, str(error)
    if expected_line is not None:
        assert error.line == expected_line, str(error)
    assert tree_digest(previous_site) == before
    assert not (tmp_path / "build" / "docs").exists()


def test_unreadable_file_is_named(data_copy, tmp_path, monkeypatch):
    """chmod 000 (the tests may run as root, who reads anything: the refusal is simulated)."""
    target = str(data_copy / "links.yaml")
    real_open = os.open

    def refusing_open(path, *args, **kwargs):
        if str(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied", target)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(DataError) as caught:
        generate(Paths(data=data_copy, build=tmp_path / "build"), Report(quiet=True))
    assert caught.value.file == "data/links.yaml" and "権限がありません" in caught.value.message, str(caught.value)


# --- accepted: the docs are those of the same data written cleanly ----------------------------


def _docs(data: Path, tmp_path: Path, name: str) -> str:
    build_dir = tmp_path / name
    generate(Paths(data=data, build=build_dir), Report(quiet=True))
    return tree_digest(build_dir / "docs")


def _line_endings(data: Path, ending: bytes, bom: bool) -> None:
    for path in data.rglob("*.yaml"):
        raw = path.read_bytes().replace(b"\n", ending)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw)


def test_bom_crlf_and_cr_give_the_same_site(data_copy, tmp_path):
    clean = _docs(data_copy, tmp_path, "clean")
    _line_endings(data_copy, b"\r", bom=True)  # old Mac line ends, every file with a BOM
    assert _docs(data_copy, tmp_path, "cr") == clean
    for path in data_copy.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r", b"\r\n"))
    assert _docs(data_copy, tmp_path, "crlf") == clean


def test_cr_line_numbers_are_the_lines_an_editor_shows(data_copy):
    line = replace_once(data_copy / AYASE, "as_of: 2024-03-31", "as_of: 2024-02-30")
    _line_endings(data_copy, b"\r", bom=False)
    with pytest.raises(DataError) as caught:
        generate(Paths(data=data_copy, build=data_copy.parent / "b"), Report(quiet=True))
    assert caught.value.line == line, str(caught.value)


# Written unquoted, each can only mean the text: YAML 1.1 would read a boolean, an octal number,
# a sexagesimal number or a float; the loader keeps the text.
TEXT_AS_WRITTEN = ["no", "Yes", "on", "OFF", "0123", "1:30", "1e3", ".inf", "2024-03-21", "=", "<<"]


def test_unquoted_text_and_codes_give_the_same_site(data_copy, tmp_path):
    quoted, bare = data_copy.parent / "quoted", data_copy.parent / "bare"
    for target, mark in ((quoted, '"'), (bare, "")):
        shutil.copytree(data_copy, target)
        words = "\n".join(f"  - {mark}{value}{mark}" for value in TEXT_AS_WRITTEN)
        replace_once(target / AYASE, "outcomes:\n", f"outcomes:\n{words}\n")
        replace_once(
            target / AYASE,
            "subtitle: 市役所の各担当課と連携し合い、市民の就職を全力サポート！",
            f"subtitle: {mark}no{mark}",
        )
    for code in ('"011002"', '"100005"'):  # a code with and without a leading zero
        replace_once(bare / "agreements.yaml", code, code.strip('"'))
    replace_once(bare / AYASE, 'prefecture_code: "14"', "prefecture_code: 14")
    assert _docs(bare, tmp_path, "bare") == _docs(quoted, tmp_path, "quoted")


# --- what the file system does to the output ----------------------------------------------


def test_disk_full_while_writing_docs_leaves_nothing_half_written(tmp_path, previous_site, monkeypatch):
    before = tree_digest(previous_site)
    real_write = pathlib.Path.write_bytes
    calls = []

    def filling_write(self, data):
        calls.append(self)
        if len(calls) == 100:
            real_write(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", filling_write)
    with pytest.raises(BuildFailed, match="ディスクの空きがありません"):
        build(Paths(build=tmp_path / "build", site=previous_site), Report(quiet=True))
    assert not calls[99].exists(), "the file being written when the disk filled is removed"
    assert tree_digest(previous_site) == before
    assert not list(previous_site.parent.glob(".site-*"))


def test_disk_full_while_mkdocs_writes_the_site(tmp_path, previous_site, monkeypatch):
    from generator.mkdocs_glue import engine

    utils = engine.module("utils")  # the engine ENGINE picks (MkDocs or ProperDocs)
    before = tree_digest(previous_site)
    real_write = utils.write_file
    calls = []

    def filling_write(content, output_path):
        calls.append(output_path)
        if len(calls) == 50:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        return real_write(content, output_path)

    monkeypatch.setattr(utils, "write_file", filling_write)
    with pytest.raises(BuildFailed, match="ディスクの空きがありません"):
        build(Paths(build=tmp_path / "build", site=previous_site), Report(quiet=True))
    assert tree_digest(previous_site) == before
    assert not list(previous_site.parent.glob(".site-*")), "the half-written temporary site is removed"


def test_site_folder_not_writable(tmp_path, previous_site, monkeypatch):
    def refusing_open(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(lock, "open", refusing_open, raising=False)
    before = tree_digest(previous_site)
    with pytest.raises(BuildFailed, match="権限がありません"):
        build(Paths(build=tmp_path / "build", site=previous_site), Report(quiet=True))
    assert tree_digest(previous_site) == before


def test_a_content_link_out_of_content_is_refused(tmp_path, previous_site):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (tmp_path / "secret.txt").write_text("token", "utf-8")
    (content / "leak.txt").symlink_to(tmp_path / "secret.txt")
    before = tree_digest(previous_site)
    with pytest.raises(DataError, match="content/ の外を指すリンク"):
        build(Paths(content=content, build=tmp_path / "build", site=previous_site), Report(quiet=True))
    assert tree_digest(previous_site) == before


# --- what error messages echo ------------------------------------------------------------------


def test_a_huge_key_is_quoted_bounded(data_copy):
    replace_once(data_copy / AYASE, "subtitle: 市役所", "k" * 1000 + ": x\nsubtitle: 市役所")  # YAML keys stop at 1024
    with pytest.raises(DataError) as caught:
        generate(Paths(data=data_copy, build=data_copy.parent / "b"), Report(quiet=True))
    assert "知らない項目" in caught.value.message and len(str(caught.value)) < 300, str(caught.value)[:300]


def test_a_secret_in_a_refused_value_is_not_printed_whole(data_copy):
    secret = "ghp_" + "S3cr3tT0k3n" * 4
    line = replace_once(data_copy / "links.yaml", "url: https://www.mhlw.go.jp/", f"url: http://x.example/?t={secret}&")
    with pytest.raises(DataError) as caught:
        generate(Paths(data=data_copy, build=data_copy.parent / "b"), Report(quiet=True))
    assert caught.value.line == line and "https://" in caught.value.message
    assert secret not in str(caught.value) and "全 " in str(caught.value), str(caught.value)


def test_no_terminal_escape_reaches_the_terminal(data_copy, tmp_path):
    """A value refused for its form quotes an ESC as <U+001B>, never the byte."""
    import subprocess

    replace_once(data_copy / "agreements.yaml", '"011002"', '"\\e]0;owned\\a"')
    command = [
        sys.executable,
        "-m",
        "generator",
        "generate",
        "--data",
        str(data_copy),
        "--build-dir",
        str(tmp_path / "b"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "U+001B" in result.stderr, result.stderr
