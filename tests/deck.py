"""The deck's facts as tests pin them: records that cite the deck, never today's totals.

A maintainer's correct addition cites its own document (CONTRIBUTING.md), so it leaves these
untouched and keeps the tests green; changing or removing a record of the deck still fails them.
Counts of everything in data/ are read from data/ itself.
"""

from __future__ import annotations

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
