"""`make check` (validate.py's collected faults, build.check): every fault of data/ in one run,
in file and line order, in the maintainer's words — never a regular expression or library text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import check
from generator.errors import DataError
from generator.gazetteer import places
from generator.load import load_data
from generator.validate import validate
from tests.conftest import DATA_TODAY
from tests.maintainer import add_case

LIBRARY_TEXT = re.compile(r"\^|\$|\[0-9\]|\{\d|should|Input|pydantic|Value error|type=", re.I)


def faults(data: Path) -> list[DataError]:
    with pytest.raises(DataError) as caught:
        validate(load_data(data), DATA_TODAY)
    return caught.value.errors


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text("utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def test_five_mistakes_in_a_case_are_listed_at_once_in_line_order(data_copy, capsys):
    path = add_case(data_copy, "matsumoto", places()["202029"], "agreement-status")
    edit(
        path,
        ("id: matsumoto", "id: matumoto"),
        ("title: 松本市における", "title: ○○市における"),
        ('prefecture_code: "20"', 'prefecture_code: "19"'),
        ("challenges: [depopulation]", "challenges: [jinkou-gensho]"),
        ("    value: 42\n", "    value: 1,200\n"),
    )
    assert check(data_copy) == 1
    printed = capsys.readouterr().err.splitlines()
    errors = [line for line in printed if line.startswith("エラー: ")]
    where = "data/case_studies/matsumoto.yaml"
    expected = [
        (
            line_of(path, "id: matumoto"),
            "[id]",
            "id がファイル名と違います（値: matumoto、ファイル名: matsumoto.yaml）",
        ),
        (line_of(path, "title:"), "[title]", "テンプレートの「○○」が残っています"),
        (line_of(path, "prefecture_code:"), "[prefecture_code]", "都道府県コードは 20（長野県）です"),
        (line_of(path, "challenges:"), "[challenges[0]]", "知らない分類です（値: jinkou-gensho"),
        (line_of(path, "value: 1,200"), "[results[0].value]", "数値が必要です（"),
    ]
    assert len(errors) == len(expected), "\n".join(errors)
    for error, (line, field, words) in zip(errors, expected, strict=True):
        assert error.startswith(f"エラー: {where}:{line} {field}: ") and words in error, error
    assert printed[-1] == "data/ に 5 件の誤りがあります。直して保存し、もう一度 make check を実行してください"
    assert not LIBRARY_TEXT.search("\n".join(errors))


def test_patterns_are_said_as_what_to_write(data_copy):
    path = data_copy / "case_studies" / "ayase.yaml"
    edit(path, ('"142182"', '"14218"'), ("id: ayase", "id: Ayase"))
    messages = {e.field: e.message for e in faults(data_copy)}
    assert messages["municipality_codes[0]"].startswith(
        "形式が正しくありません。6桁の数字（検査数字付きの全国地方公共団体コード）"
    )
    assert messages["id"].startswith("形式が正しくありません。英小文字・数字・ハイフン（-）")
    assert not LIBRARY_TEXT.search(" ".join(messages.values()))


def test_a_case_copied_from_the_template_names_each_example_left(data_copy):
    path = add_case(data_copy, "karuizawa", places()["203211"], "agreement-status")
    edit(path, ("    value: 42\n", "    value: 100\n"), ("title: 軽井沢町における", "title: ○○町における"))
    messages = {e.field: e.message for e in faults(data_copy)}
    assert set(messages) == {"results[0].value", "title"}
    assert "テンプレートの例の数値のままです（就職者数 100人）" in messages["results[0].value"]


def test_a_local_government_partner_belongs_to_the_cases_place(data_copy):
    path = add_case(data_copy, "karuizawa", places()["203211"], "agreement-status")
    edit(path, ("  - name: 軽井沢町\n", "  - name: 松本市\n"))
    [fault] = faults(data_copy)
    assert (fault.field, fault.line) == ("municipality_codes", line_of(path, "municipality_codes:"))
    assert (
        "連携先の 松本市（partners[0]）が municipality_codes（長野県軽井沢町（203211））にありません" in fault.message
    )
    assert "長野県松本市のコードは 202029 です" in fault.message


def test_a_ward_counts_as_its_city_and_a_prefecture_partner_as_the_cases_prefecture(data_copy):
    path = data_copy / "case_studies" / "kumamoto.yaml"
    edit(path, ("  - name: 熊本県\n", "  - name: 大分県\n"))
    [fault] = faults(data_copy)  # 大阪市 as partner of the 西淀川区 case stays valid
    assert fault.field == "prefecture_code" and "大分県の都道府県コードは 44 です" in fault.message


def test_the_checked_data_says_so(capsys):
    assert check(Path(__file__).resolve().parent.parent / "data") == 0
    assert capsys.readouterr().out.startswith("data/ に誤りはありません（協定 ")
