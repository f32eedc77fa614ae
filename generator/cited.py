"""Part of validate: a figure's note and id against the slide it cites.

Every figure, series and breakdown names its own `source` (records.py). This check
catches the mistake that remains: a note that says the values were read from one slide
(「title」, （title）, 出典：title) while `source` names another. A slide the note names
only for comparison is listed in `also_in`, so the note and the data agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import records as r
from .load import Document, Path_

# quoted or bracketed spans, and what follows 出典：up to the end of the sentence
_SPANS = re.compile(r"「([^「」]+)」|（([^（）]+)）|出典[：:]([^。]+)")
# a shorter span ('参考', '令和5年度') names no slide by itself
_SHORTEST = 8


def named_slides(text: str, titles: dict[str, str]) -> set[str]:
    """Ids of the slides (id → title) a note names, in full or by the start of the title."""
    spans = [next(group for group in match.groups() if group) for match in _SPANS.finditer(text)]
    return {slide for slide, title in titles.items() for span in spans if _names(span, title)}


def _names(span: str, title: str) -> bool:
    if span == title:
        return True
    return (len(title) >= _SHORTEST and span.startswith(title)) or (len(span) >= _SHORTEST and title.startswith(span))


def check_cited(document: Document, location: Path_, item, titles: dict[str, str]) -> None:
    """Refuse an item (with `source`, `note` and maybe `id`, `also_in`) whose note or id names
    a slide that is neither its source nor listed in `also_in`."""
    allowed = {item.source, *getattr(item, "also_in", ())}
    named = named_slides(item.note or "", titles) - allowed
    field = "note"
    if getattr(item, "id", None) in titles and item.id not in allowed:
        named, field = {item.id}, "id"
    if named:
        slide = sorted(named)[0]
        raise document.error(
            location + (field,),
            f"{'注記' if field == 'note' else 'id'}がスライド「{titles[slide]}」（{slide}）を挙げていますが、"
            f"出典（source: {item.source}）は「{titles.get(item.source, item.source)}」です。"
            "出典を直すか、比べるために挙げた別のスライドなら also_in に書いてください",
        )


def cited_items(programme: r.Programme) -> Iterator[tuple[Path_, object]]:
    """(location, item) of every figure, series and table of a programme."""
    for group in ("figures", "series", "breakdowns"):
        for index, item in enumerate(getattr(programme, group)):
            yield (group, index), item


def slide_titles(sources: r.SourcesFile) -> dict[str, str]:
    return {slide.id: slide.title for document in sources.documents for slide in document.slides}
