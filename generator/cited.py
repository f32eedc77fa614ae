"""Part of validate: what figures and records cite — a figure's note and id against its slide, and one date per slide.

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


def check_cited(
    document: Document, location: Path_, item: r.Cited, source_ids: set[str], sources: r.SourcesFile
) -> None:
    """Refuse a figure, series or table citing an unknown id, or whose note or id names a slide
    that is neither its source nor listed in `also_in`."""
    for field, value in [("source", item.source), *((("also_in", i), v) for i, v in enumerate(item.also_in))]:
        if value not in source_ids:
            where = location + (field if isinstance(field, tuple) else (field,))
            raise document.error(where, f"出典が data/sources.yaml の資料・スライドにありません（値: {value}）")
    titles = slide_titles(sources)
    allowed = {item.source, *item.also_in}
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


def check_slide_dates(sources: r.SourcesFile, sourced: list[tuple[Document, Path_, object]]) -> None:
    """A record citing a slide has the slide's as_of: one date per slide, so every page citing it
    shows the same 時点. (A record citing a whole document, such as a report, keeps its own date;
    a figure's own as_of is the time it measures.)"""
    slides = {s.id: s for d in sources.documents for s in d.slides}
    for document, location, record in sourced:
        slide = slides.get(record.source or "")
        if slide and record.as_of is not None and record.as_of != slide.as_of:
            raise document.error(
                location + ("as_of",),
                f"時点が出典「{slide.title}」（{slide.id}）の時点 {slide.as_of.isoformat()} と違います"
                f"（値: {record.as_of.isoformat()}）。時点は data/sources.yaml のスライドに1つだけ書きます",
            )
