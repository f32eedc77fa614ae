"""Sources are documents: each record cites a document or one of its slides, and bad sources stop the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DataError
from generator.load import load_data
from generator.validate import validate
from tests.conftest import DATA_TODAY

TODAY = DATA_TODAY  # not before any date in data/
DOCUMENT = """  - id: bureau-release
    publisher: 宮城労働局
    title: 報道発表（テスト）
    url: {url}
    published_on: {published}
    as_of: 2025-03-31
    terms: 出典を明記して利用可
"""


def add_document(data: Path, url: str = "https://example.org/release.pdf", published: str = "2025-04-01") -> int:
    """Insert a second document; returns the line of its first field."""
    path = data / "sources.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("documents:\n", "documents:\n" + DOCUMENT.format(url=url, published=published), 1), "utf-8"
    )
    return text[: text.index("documents:\n")].count("\n") + 2


def error(data: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        validate(load_data(data), TODAY)
    return caught.value


def test_a_record_may_cite_a_whole_document(data_copy):
    add_document(data_copy)
    case = data_copy / "case_studies" / "kesennuma.yaml"
    case.write_text(case.read_text("utf-8").replace("source: case-kesennuma", "source: bureau-release"), "utf-8")
    dataset = validate(load_data(data_copy), TODAY)
    assert next(c for c in dataset.case_studies if c.record.id == "kesennuma").record.source == "bureau-release"


def test_an_unknown_document_is_named_with_file_line_and_field(data_copy):
    case = data_copy / "case_studies" / "kesennuma.yaml"
    text = case.read_text("utf-8")
    case.write_text(text.replace("source: case-kesennuma", "source: no-such-report"), "utf-8")
    fault = error(data_copy)
    assert (fault.file, fault.field) == ("data/case_studies/kesennuma.yaml", "source")
    assert fault.line == text[: text.index("source: case-kesennuma")].count("\n") + 1
    assert "出典が data/sources.yaml の資料・スライドにありません（値: no-such-report）" in fault.message


def test_a_document_url_must_be_https(data_copy):
    line = add_document(data_copy, url="http://example.org/release.pdf")
    fault = error(data_copy)
    assert (fault.file, fault.line, fault.field) == ("data/sources.yaml", line + 3, "documents[0].url")
    assert "https://" in fault.message


def test_a_document_published_in_the_future_is_refused(data_copy):
    line = add_document(data_copy, published="2027-01-01")
    fault = error(data_copy)
    assert (fault.file, fault.line, fault.field) == ("data/sources.yaml", line + 4, "documents[0].published_on")
    assert "未来の日付です（値: 2027-01-01" in fault.message


def test_a_slide_id_may_not_repeat_a_document_id(data_copy):
    add_document(data_copy)
    path = data_copy / "sources.yaml"
    path.write_text(path.read_text("utf-8").replace("{id: case-tendo,", "{id: bureau-release,"), "utf-8")
    [fault] = [e for e in error(data_copy).errors if e.file == "data/sources.yaml"]  # and the case citing the old id
    assert fault.field.endswith(".id") and "id が重複しています" in fault.message


def test_checked_on_cannot_precede_as_of(data_copy):
    case = data_copy / "case_studies" / "tendo.yaml"
    case.write_text(
        case.read_text("utf-8").replace("as_of: 2024-03-31", "as_of: 2024-03-31\nchecked_on: 2024-01-01"), "utf-8"
    )
    fault = error(data_copy)
    assert fault.field == "checked_on" and "確認日が時点" in fault.message
