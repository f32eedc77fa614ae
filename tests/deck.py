"""The deck's facts as tests pin them: records that cite the deck, never today's totals.

A maintainer's correct addition cites its own document (CONTRIBUTING.md), so it leaves these
untouched and keeps the tests green; changing or removing a record of the deck still fails them.
Counts of everything in data/ are read from data/ itself.
"""

from __future__ import annotations

from pathlib import Path

import yaml

DECK = "mhlw-renkei"  # data/sources.yaml: 厚生労働省「国と地方公共団体との連携について」
DECK_CASES = (
    "ayase",
    "hyogo-kobe",
    "ishikawa-noto",
    "kanagawa-npo",
    "kesennuma",
    "kumamoto",
    "nishiyodogawa",
    "sanyo-onoda",
    "tendo",
)


def from_deck(entries) -> list:
    """The entries (agreements, integrated entities, cases…) whose source is the deck or one of its slides."""
    return [entry for entry in entries if entry.source.document.id == DECK]


def deck_ids(data: Path) -> set[str]:
    """The ids a record cites the deck by: the document's and its slides'."""
    sources = yaml.safe_load((data / "sources.yaml").read_text("utf-8"))
    deck = next(d for d in sources["documents"] if d["id"] == DECK)
    return {DECK} | {slide["id"] for slide in deck.get("slides", [])}


def without_later_records(data: Path) -> bool:
    """Leave in `data` (a copy of data/) only the records that cite the deck; True if any other was there.

    For tests of real places (the finder's 軽井沢町 has no programme, 輪島市 no counter nearby):
    what they assert is the deck's, so a maintainer's later addition must not change them."""
    cited = deck_ids(data)
    removed = False
    for name in ("agreements.yaml", "integrated_entities.yaml", "facilities.yaml"):
        path = data / name
        document = yaml.safe_load(path.read_text("utf-8"))
        kept = [r for r in document["records"] if r.get("source", document.get("source")) in cited]
        if len(kept) != len(document["records"]):
            document["records"] = kept
            path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
            removed = True
    for path in (data / "case_studies").glob("*.yaml"):
        if yaml.safe_load(path.read_text("utf-8"))["source"] not in cited:
            path.unlink()
            removed = True
    return removed
