"""A maintainer's additions to data/, made exactly as CONTRIBUTING.md describes.

A new source document in sources.yaml, a case copied from the template with every
example replaced, and an agreement concluded after the deck, each citing the new
document. Tests use these to prove that a correct addition keeps the pipeline and the
tests green (tests/test_maintainer_addition.py) and to build small scenarios.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from generator.gazetteer import Place, places

TEMPLATE = "case_studies/_template.yaml.example"
SOURCE_ID = "nagano-release-2026-10"
# CONTRIBUTING.md 「出典の資料を追加する」: one entry in documents
SOURCE = f"""  - id: {SOURCE_ID}
    publisher: 長野労働局
    title: 軽井沢町と雇用対策協定を締結しました（テスト用の資料）
    url: https://example.org/nagano/release-2026-10.pdf
    published_on: 2026-10-01
    as_of: 2026-10-01
    terms: 出典を明記して利用可
    slides: []
"""
TOWN = "203211"  # 長野県軽井沢町: not among the deck's agreements
CONCLUDED_ON = "2026-10-01"


def add_source(data: Path, entry: str = SOURCE) -> None:
    path = data / "sources.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("documents:\n", "documents:\n" + entry, 1), "utf-8")


def add_agreement(data: Path, code: str = TOWN, concluded_on: str = CONCLUDED_ON, source: str = SOURCE_ID) -> None:
    """CONTRIBUTING.md 「新しい協定…を追加する」: one line at its prefecture's place, with its own source and as_of."""
    place = places()[code]
    path = data / "agreements.yaml"
    text = path.read_text("utf-8")
    anchor = f'  - {{code: "{place.prefecture_code}0000'
    at = text.index("\n", text.index(anchor)) + 1
    line = f'  - {{code: "{code}", name: {place.name}, concluded_on: {concluded_on}, source: {source}, as_of: {concluded_on}}}\n'
    path.write_text(text[:at] + line + text[at:], "utf-8")


def source_date(data: Path, source: str) -> str:
    """The date of a document or slide of sources.yaml: a record citing a slide takes the slide's one date."""
    for document in yaml.safe_load((data / "sources.yaml").read_text("utf-8"))["documents"]:
        for cited in (document, *document.get("slides", [])):
            if cited["id"] == source:
                return str(cited["as_of"])
    raise KeyError(source)


def add_case(
    data: Path,
    case_id: str,
    place: Place,
    source: str,
    as_of: str | None = None,
    translated: bool = False,
    **replace: str,
) -> Path:
    """CONTRIBUTING.md 「手順」: copy the template to case_studies/<id>.yaml and write over every example.

    `replace` edits the template first (e.g. another title); translations are optional and left out unless asked.
    """
    path = data / "case_studies" / f"{case_id}.yaml"
    shutil.copy(data / TEMPLATE, path)
    as_of = as_of or source_date(data, source)
    stem = place.name[:-1]
    text = path.read_text("utf-8")
    for old, new in replace.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    edits = {
        "id: example-city": f"id: {case_id}",
        "title: ○○市における人材確保に向けた連携": f"title: {place.name}における人材確保に向けた連携",
        "subtitle: 市とハローワークが連携して○○を実現！\n": "",
        'prefecture_code: "00"': f'prefecture_code: "{place.prefecture_code}"',
        'municipality_codes: ["000000"]': f'municipality_codes: ["{place.code}"]',
        "  - ○○市では若年者の市外流出が進んでいる。": f"  - {place.name}では若年者の流出が進んでいる。",
        "  - name: ○○市\n": f"  - name: {place.name}\n",
        "  - name: ハローワーク○○\n": f"  - name: ハローワーク{stem}\n",
        "    value: 100\n": "    value: 42\n",
        "    note: 資料の表記は「前年度比○％UP」。\n": "",
        "  - R5.8に市内企業が「ユースエール認定」を取得": f"  - {place.name}内の事業所が合同説明会に参加",
        "  - speaker: ○○市\n    text: ハローワークとの連携により、市民の就職支援が進んでいます。": (
            f"  - speaker: {place.name}\n    text: ハローワークと一緒に面接会を開き、就職が進みました。"
        ),
        "summary: ○○市とハローワーク○○が就職面接会を共同開催し、令和5年度は100人が就職した。": (
            f"summary: {place.name}とハローワーク{stem}が就職面接会を共同開催し、令和5年度は42人が就職した。"
        ),
        "source: case-example": f"source: {source}",
        "as_of: 2024-03-31\n": f"as_of: {as_of}\n",
    }
    for old, new in edits.items():
        if old.startswith("title: ") and old not in text:
            continue  # `replace` gave another title
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    block = re.search(r"\ntranslations:\n(?:  .*\n)+", text)
    if translated:
        english = f"{place.english}, {place.prefecture_english}"
        text = text.replace(
            block.group(),
            f"""
translations:
  en:
    translated_on: {as_of}
    title: Cooperation for securing workers in {english}
    summary: {english} and Hello Work held job interview events together; in fiscal year 2023 (Reiwa 5), 42 people found work.
  easy:
    translated_on: {as_of}
    title: "{place.kana}で{{働|はたら}}く{{人|ひと}}を{{集|あつ}}める"
    summary: "ハローワークと{{面接会|めんせつかい}}を{{開|ひら}}きました。2023{{年度|ねんど}}は42{{人|にん}}が{{仕事|しごと}}を{{見|み}}つけました。"
""",
        )
    else:
        text = text.replace(block.group(), "\n")
    path.write_text(text, "utf-8")
    return path


def add_maintainer_records(data: Path) -> None:
    """The whole addition of issue #21: a new document, an agreement of a town not yet listed, a new case."""
    add_source(data)
    add_agreement(data)
    add_case(
        data,
        "karuizawa",
        places()[TOWN],
        SOURCE_ID,
        as_of=CONCLUDED_ON,
        **{"agreement_on: 2023-01-01": f"agreement_on: {CONCLUDED_ON}"},
    )
