"""Bad input gets a clear error and loses nothing.

A corpus of broken inputs, each a copy of the real data with one fault. For
each: the build stops with a DataError naming the file, the line and the field,
and a previously built site/ is left exactly as it was.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from generator.build import ROOT, Paths, Report, build
from generator.codes import check_digit_ok
from generator.errors import DataError
from generator.load import FORMAT_CHARACTER, load_data, load_document
from generator.validate import validate
from tests.conftest import DATA_TODAY, tree_digest


def code_with_digit(code5: str) -> str:
    return next(code5 + d for d in "0123456789" if check_digit_ok(code5 + d))


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return the 1-based line where it was."""
    text = path.read_text("utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], "utf-8")
    return text[:index].count("\n") + 1


def line_of(path: Path, needle: str) -> int:
    text = path.read_text("utf-8")
    return text[: text.index(needle)].count("\n") + 1


# Each fault: (name, mutate(data_dir) -> (file, line or None), words the message must contain, field or None)
def _yaml_syntax(d):
    return "agreements.yaml", replace_once(
        d / "agreements.yaml", '  - {code: "011002", name: 札幌市}', '  - {code: "011002", name: [札幌市}'
    )


def _tab_indent(d):
    path = d / "facilities.yaml"
    line = line_of(path, "  - id:")
    replace_once(path, "  - id:", "\t- id:")
    return "facilities.yaml", line


def _wrong_type(d):
    path = d / "prefectures.yaml"
    text = path.read_text("utf-8")
    match = re.search(r"'2024-07': 1\.05", text)
    line = text[: match.start()].count("\n") + 1
    path.write_text(text[: match.start()] + "'2024-07': たかい" + text[match.end() :], "utf-8")
    return "prefectures.yaml", line


def _missing_field(d):
    path = d / "facilities.yaml"
    text = path.read_text("utf-8")
    match = re.search(r"\n    services:\n(      - .*\n)+", text)
    path.write_text(text[: match.start()] + "\n" + text[match.end() :], "utf-8")
    return "facilities.yaml", None


def _unknown_code(d):
    return "agreements.yaml", replace_once(d / "agreements.yaml", '"011002"', f'"{code_with_digit("01999")}"')


def _bad_check_digit(d):
    return "agreements.yaml", replace_once(d / "agreements.yaml", '"011002"', '"011003"')


def _name_mismatch(d):
    return "agreements.yaml", replace_once(d / "agreements.yaml", "name: 札幌市", "name: 旭川市")


def _duplicate_id(d):
    path = d / "facilities.yaml"
    text = path.read_text("utf-8")
    ids = re.findall(r"  - id: (\S+)", text)
    line = line_of(path, f"  - id: {ids[1]}")
    replace_once(path, f"  - id: {ids[1]}", f"  - id: {ids[0]}")
    return "facilities.yaml", line


def _duplicate_code(d):
    path = d / "agreements.yaml"
    text = path.read_text("utf-8")
    second = re.findall(r'\{code: "\d{6}", name: [^,}]+\}', text)[2]  # [0] 北海道, [1] 札幌市
    return "agreements.yaml", replace_once(path, second, '{code: "011002", name: 札幌市}')


def _impossible_date(d):
    return "agreements.yaml", replace_once(
        d / "agreements.yaml", "concluded_on: 2024-06-21", "concluded_on: 2024-02-30"
    )


def _future_as_of(d):
    return "agreements.yaml", replace_once(d / "agreements.yaml", "as_of: 2024-08-31", "as_of: 2099-01-01")


def _unknown_facet(d):
    path = d / "case_studies" / "ayase.yaml"
    text = path.read_text("utf-8")
    match = re.search(r"challenges: \[([a-z-]+)", text)
    line = text[: match.start(1)].count("\n") + 1
    path.write_text(text[: match.start(1)] + "no-such-challenge" + text[match.end(1) :], "utf-8")
    return "case_studies/ayase.yaml", line


def _javascript_url(d):
    return "programmes/agreement.yaml", replace_once(
        d / "programmes" / "agreement.yaml", "links: []", "links: ['javascript:alert(1)']"
    )


def _data_url(d):
    return "programmes/furusato.yaml", replace_once(
        d / "programmes" / "furusato.yaml", "links: []", "links: ['data:text/html,<script>alert(1)</script>']"
    )


def _plain_http_link(d):
    return "links.yaml", replace_once(d / "links.yaml", "url: https://www.mhlw.go.jp/", "url: http://www.mhlw.go.jp/")


def _empty_file(d):
    (d / "national.yaml").write_text("", "utf-8")
    return "national.yaml", 1


def _shift_jis(d):
    path = d / "sources.yaml"
    path.write_bytes(path.read_text("utf-8").encode("cp932"))  # Windows Shift_JIS
    return "sources.yaml", None


def _huge_value(d):
    return "programmes/integrated.yaml", 1 + replace_once(
        d / "programmes" / "integrated.yaml", "\nsummary:", "\nsummary: " + "長" * 5000 + "\nsummary_old:"
    )


def _unknown_source(d):
    return "facilities.yaml", replace_once(d / "facilities.yaml", "source: case-ayase", "source: no-such-slide")


def _unknown_programme(d):
    return "facilities.yaml", replace_once(d / "facilities.yaml", "programme: integrated", "programme: integrate")


def _misspelt_field(d):
    return "agreements.yaml", replace_once(
        d / "agreements.yaml", "concluded_on: 2024-06-21", "concluded_of: 2024-06-21"
    )


def _duplicate_key(d):
    path = d / "facilities.yaml"
    line = line_of(path, "    kind:") + 1
    replace_once(path, "    kind:", "    kind: ハローワーク\n    kind:")
    return "facilities.yaml", line


def _code_without_leading_zero(d):
    """Unquoted 011002 is read as written (test_bad_input_tools); 11002 has lost its zero."""
    return "agreements.yaml", replace_once(d / "agreements.yaml", '"011002"', "11002")


def _missing_month(d):
    path = d / "prefectures.yaml"
    text = path.read_text("utf-8")
    match = re.search(r"\n    '2024-07': 1\.05", text)
    path.write_text(text[: match.start()] + text[match.end() :], "utf-8")
    return "prefectures.yaml", text[: match.start()].count("\n") - 1


def _unknown_facility(d):
    path = d / "case_studies" / "ayase.yaml"
    text = path.read_text("utf-8")
    match = re.search(r"facility_ids: \[([a-z-]+)", text)
    path.write_text(text[: match.start(1)] + "no-such-facility" + text[match.end(1) :], "utf-8")
    return "case_studies/ayase.yaml", text[: match.start(1)].count("\n") + 1


def _missing_file(d):
    (d / "vocabularies.yaml").unlink()
    return "vocabularies.yaml", None


def _huge_file(d):
    path = d / "national.yaml"
    path.write_text(path.read_text("utf-8") + "#" * 2_100_000 + "\n", "utf-8")
    return "national.yaml", None


def _ward_out_of_prefecture(d):
    return "case_studies/ayase.yaml", replace_once(d / "case_studies" / "ayase.yaml", '"142182"', '"011002"')


def _billion_laughs(d):
    """Nine levels of nine aliases: 387 million strings once expanded."""
    path = d / "national.yaml"
    text = path.read_text("utf-8")
    line = text.count("\n") + 1
    lol = 'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    lol += "".join(f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
    path.write_text(text + lol, "utf-8")
    return "national.yaml", line


def _alias_reuse(d):
    """A harmless-looking reuse of a value: refused too, data files need no aliases."""
    path = d / "national.yaml"
    line = replace_once(path, "as_of: 2024-07-31", "as_of: &month-end 2024-07-31")
    replace_once(path, "as_of: 2024-07-31", "as_of: *month-end")
    return "national.yaml", line


def _bidi_override_in_name(d):
    return "agreements.yaml", replace_once(d / "agreements.yaml", "name: 札幌市", "name: 札幌\u202e市")


def _zero_width_in_title(d):
    return "case_studies/ayase.yaml", replace_once(
        d / "case_studies" / "ayase.yaml", "title: ジョブスポットあやせ", "title: ジョブスポット\u200bあやせ"
    )


def _escaped_isolate(d):
    return "case_studies/ayase.yaml", replace_once(
        d / "case_studies" / "ayase.yaml",
        "title: ジョブスポットあやせ（神奈川県綾瀬市）",
        'title: "ジョブスポット\\u2066あやせ（神奈川県綾瀬市）"',
    )


def _bom_inside_value(d):
    return "facilities.yaml", replace_once(d / "facilities.yaml", "source: case-ayase", "source: case-\ufeffayase")


def _bidi_in_comment(d):
    """Trojan Source: a comment that reorders how the next lines display in review."""
    return "case_studies/ayase.yaml", replace_once(d / "case_studies" / "ayase.yaml", "# 双方の声", "# \u202e双方の声")


def _full_width_code(d):
    return "agreements.yaml", replace_once(d / "agreements.yaml", '"011002"', '"０１１００２"')


def _duplicate_headline(d):
    path = d / "programmes" / "furusato.yaml"
    return "programmes/furusato.yaml", replace_once(path, "  headline: 4", "  headline: 1")


def _bare_kanji_in_easy(d):
    path = d / "programmes" / "furusato.yaml"
    return "programmes/furusato.yaml", replace_once(path, "{住|す}んでいる", "住んでいる")


def _malformed_ruby(d):
    path = d / "case_studies" / "tendo.yaml"
    return "case_studies/tendo.yaml", replace_once(path, "{天童市|てんどうし}は", "{天童市|てんどうし は")


def _translation_without_japanese(d):
    path = d / "programmes" / "agreement.yaml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"\nwho_can_use: .*", "", text, count=1), "utf-8")
    return "programmes/agreement.yaml", line_of(path, "    who_can_use:")


def _future_translation(d):
    path = d / "case_studies" / "ayase.yaml"
    return "case_studies/ayase.yaml", replace_once(path, "translated_on: 2026-12-02", "translated_on: 2099-01-01")


FAULTS = [
    ("YAML の構文エラー", _yaml_syntax, "YAML として読めません"),
    ("タブのインデント", _tab_indent, "タブ"),
    ("型の誤り", _wrong_type, "数値"),
    ("必須項目の欠落", _missing_field, "必須"),
    ("存在しないコード", _unknown_code, "見つかりません"),
    ("検査数字の誤り", _bad_check_digit, "検査数字"),
    ("名前とコードの不一致", _name_mismatch, "一致しません"),
    ("id の重複", _duplicate_id, "重複"),
    ("コードの重複", _duplicate_code, "重複"),
    ("ありえない日付", _impossible_date, "日付"),
    ("未来の時点", _future_as_of, "未来"),
    ("知らない分類", _unknown_facet, "知らない分類"),
    ("javascript: の URL", _javascript_url, "http"),
    ("data: の URL", _data_url, "http"),
    ("https でない URL", _plain_http_link, "https://"),
    ("空のファイル", _empty_file, "空"),
    ("Shift_JIS のファイル", _shift_jis, "UTF-8"),
    ("長すぎる値", _huge_value, "長すぎ"),
    ("知らない出典", _unknown_source, "出典"),
    ("知らないプログラム", _unknown_programme, "プログラム"),
    ("綴りの誤った項目名", _misspelt_field, "知らない項目"),
    ("同じキーの重複", _duplicate_key, "同じキー"),
    ("先頭の 0 が落ちたコード", _code_without_leading_zero, "形式が正しくありません"),
    ("月の欠落", _missing_month, "そろっていません"),
    ("知らない窓口", _unknown_facility, "窓口"),
    ("必要なファイルの欠落", _missing_file, "ありません"),
    ("大きすぎるファイル", _huge_file, "大きすぎ"),
    ("別の都道府県の市区町村", _ward_out_of_prefecture, "団体ではありません"),
    ("billion laughs", _billion_laughs, "アンカー（&l0）は使えません"),
    ("エイリアスでの値の再利用", _alias_reuse, "アンカー（&month-end）は使えません"),
    ("名前の中の書字方向の上書き", _bidi_override_in_name, "U+202E（RIGHT-TO-LEFT OVERRIDE）"),
    ("見出しの中のゼロ幅スペース", _zero_width_in_title, "U+200B（ZERO WIDTH SPACE）"),
    ("エスケープで書いた書字方向の分離", _escaped_isolate, "U+2066（LEFT-TO-RIGHT ISOLATE）"),
    ("値の途中の BOM", _bom_inside_value, "U+FEFF"),
    ("コメントの中の書字方向の上書き", _bidi_in_comment, "U+202E"),
    ("全角数字のコード", _full_width_code, "全角の英数字は使えません"),
    ("ホームの主な数字の順番の重複", _duplicate_headline, "headline の順番 1"),
    ("ふりがなのない漢字", _bare_kanji_in_easy, "漢字「住」にふりがながありません"),
    ("閉じていないふりがな", _malformed_ruby, "ふりがなの書き方"),
    ("日本語のない項目の翻訳", _translation_without_japanese, "日本語の who_can_use がない"),
    ("未来の翻訳日", _future_translation, "未来"),
]


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory) -> Path:
    """A stand-in for a previously built site: any fault must leave it byte-identical."""
    site = tmp_path_factory.mktemp("previous") / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<h1>前回のサイト</h1>", "utf-8")
    (site / "assets" / "app.js").write_text("// previous", "utf-8")
    return site


@pytest.mark.parametrize("name,mutate,words", FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_stops_build_with_file_line_field_and_keeps_site(name, mutate, words, data_copy, tmp_path, previous_site):
    expected_file, expected_line = mutate(data_copy)
    before = tree_digest(previous_site)
    paths = Paths(data=data_copy, build=tmp_path / "build", site=previous_site)
    with pytest.raises(DataError) as caught:
        build(paths, Report(quiet=True))
    error = caught.value
    assert error.file == f"data/{expected_file}", str(error)
    assert words in error.message, str(error)
    if expected_line is not None:
        assert error.line == expected_line, str(error)
    else:
        assert error.line is None or error.line >= 1
    assert tree_digest(previous_site) == before
    assert not (tmp_path / "build" / "docs").exists(), "nothing may be written before the data is valid"


def test_errors_name_the_field(data_copy, tmp_path):
    replace_once(data_copy / "agreements.yaml", "concluded_on: 2024-06-21", "concluded_on: 2024-02-30")
    with pytest.raises(DataError) as caught:
        build(Paths(data=data_copy, build=tmp_path / "build", site=tmp_path / "site"), Report(quiet=True))
    assert re.fullmatch(r"records\[\d+\]\.concluded_on", caught.value.field)


def test_command_line_exits_non_zero_and_says_where(data_copy, tmp_path, previous_site):
    line = replace_once(data_copy / "agreements.yaml", "name: 札幌市", "name: 旭川市")
    before = tree_digest(previous_site)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--data",
            str(data_copy),
            "--build-dir",
            str(tmp_path / "build"),
            "--site",
            str(previous_site),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    assert f"data/agreements.yaml:{line} [records[" in result.stderr
    assert "以前に作ったサイトはそのままです" in result.stderr
    assert tree_digest(previous_site) == before


def test_mkdocs_failure_keeps_previous_site(tmp_path, previous_site, monkeypatch):
    """A content page with a broken link fails strict mode after generation: the site survives."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "broken.md").write_text("# 壊れたリンク\n\n[どこにもない](nowhere.md)\n", "utf-8")
    before = tree_digest(previous_site)
    paths = Paths(build=tmp_path / "build", site=previous_site, content=content)
    from generator.errors import BuildFailed

    with pytest.raises(BuildFailed):
        build(paths, Report(quiet=True))
    assert tree_digest(previous_site) == before
    assert not list(previous_site.parent.glob(".site-*")), "the temporary site is cleaned up"


@pytest.mark.parametrize(
    "mutate,field",
    [
        (_bidi_override_in_name, r"records\[1\]\.name"),
        (_zero_width_in_title, "title"),
        (_escaped_isolate, "title"),
        (_bom_inside_value, r"records\[\d+\]\.source"),
    ],
    ids=["name", "title", "escaped", "bom"],
)
def test_format_characters_name_the_field(mutate, field, data_copy):
    mutate(data_copy)
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    assert re.fullmatch(field, caught.value.field or ""), str(caught.value)


def test_alias_after_its_anchor_is_named_too(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: [*nowhere]\n", "utf-8")
    with pytest.raises(DataError, match=r"^data/x.yaml:2: YAML のエイリアス（\*nowhere）は使えません"):
        load_document(path, "data/x.yaml")


def test_billion_laughs_is_refused_at_once(data_copy, tmp_path):
    """Before the loader refused anchors this ran past two minutes; a bound, not a benchmark."""
    _billion_laughs(data_copy)
    command = [
        sys.executable,
        "-m",
        "generator",
        "generate",
        "--data",
        str(data_copy),
        "--build-dir",
        str(tmp_path / "build"),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "data/national.yaml:" in result.stderr and "アンカー（&l0）は使えません" in result.stderr


def test_bom_and_crlf_still_load_as_before(data_copy):
    path = data_copy / "case_studies" / "ayase.yaml"
    before = load_document(path, "data/case_studies/ayase.yaml")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    after = load_document(path, "data/case_studies/ayase.yaml")
    assert after.data == before.data and after.lines == before.lines


def test_text_is_normalised_to_nfc(data_copy):
    """ジ written as シ + combining voiced mark (as some Mac tools save it) is the same name."""
    path = data_copy / "case_studies" / "ayase.yaml"
    replace_once(path, "title: ジョブスポットあやせ", "title: " + unicodedata.normalize("NFD", "ジョブスポットあやせ"))
    assert load_document(path, "data/case_studies/ayase.yaml").data["title"] == "ジョブスポットあやせ（神奈川県綾瀬市）"


def test_format_character_class_is_unicode_category_cf():
    assert all(
        bool(FORMAT_CHARACTER.fullmatch(chr(c))) == (unicodedata.category(chr(c)) == "Cf") for c in range(0x110000)
    )


def test_an_unknown_facility_kind_names_file_line_and_field(data_copy):
    """Kinds are ASCII ids now: the old Japanese label is refused where it is written."""
    line = replace_once(data_copy / "facilities.yaml", "kind: integrated-facility", "kind: 一体的実施施設")
    with pytest.raises(DataError) as caught:
        validate(load_data(data_copy), DATA_TODAY)
    error = caught.value
    assert (error.file, error.line, error.field) == ("data/facilities.yaml", line, "records[0].kind"), str(error)
    assert "一体的実施施設" in error.message and "integrated-facility" in error.message, str(error)


def test_a_known_id_without_a_label_is_refused(data_copy):
    path = data_copy / "vocabularies.yaml"
    rows = path.read_text("utf-8").splitlines(keepends=True)
    line = replace_once(path, next(row for row in rows if row.startswith("  - {id: online-booth,")), "")
    with pytest.raises(DataError) as caught:
        validate(load_data(data_copy), DATA_TODAY)
    error = caught.value
    assert (error.file, error.field) == ("data/vocabularies.yaml", "facility_kinds"), str(error)
    assert error.line is not None and error.line < line
    assert "online-booth" in error.message, str(error)
