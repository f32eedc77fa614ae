"""The Atom 1.0 feed (feed.xml): new agreements, cases and figures, for people who follow the directory.

Entry ids are urn:uuid from uuid5 of what the entry is about (an agreement's
code, a case's id, a figure's programme and label), so a record keeps its id
for ever and a revised one comes back with the same id and a later `updated`.
Dates come from the records (freshness.py), never from the clock: two builds
of one commit give the same bytes. Links are relative to feed.xml at the site
root, which readers resolve against the feed's own URL (any subpath works).
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .. import freshness, urls
from ..directory import Directory
from ..formats import both_dates, number
from ..words import words

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:epd:koyo-renkei-directory")
JST = dt.timezone(dt.timedelta(hours=9))


@dataclass(frozen=True)
class Entry:
    key: str  # what the entry is about; its id is derived from this alone
    title: str
    updated: dt.date
    link: str  # URL relative to the site root
    summary: str
    published: dt.date | None = None

    @property
    def id(self) -> str:
        return uuid.uuid5(NAMESPACE, self.key).urn


def entries(directory: Directory) -> list[Entry]:
    """Newest first; ties by key so the order never depends on anything else."""
    found = [
        Entry(
            key=f"agreement/{a.place.code}",
            title=f"雇用対策協定の締結: {a.place.full_name}",
            updated=freshness.latest(a.concluded_on, a.checked_on),
            published=a.concluded_on,
            link=urls.page_url(urls.entity(a.place)),
            summary=f"{a.place.full_name}が{both_dates(a.concluded_on)}に国（労働局）と雇用対策協定を締結しました。出典: {_cite(a.source)}",
        )
        for a in directory.agreements
        if a.concluded_on
    ]
    found += [
        Entry(
            key=f"case/{c.record.id}",
            title=f"事例: {c.record.title}",
            updated=freshness.case_date(c),
            link=urls.page_url(urls.case(c.record.id)),
            summary=f"{c.prefecture.name}{''.join('・' + p.name for p in c.places)}の事例（{both_dates(c.record.as_of)}時点）。{c.record.subtitle + ' ／ ' if c.record.subtitle else ''}出典: {_cite(c.source)}",
        )
        for c in directory.cases
    ]
    for p in directory.programmes:
        found += [
            Entry(
                key=f"figure/{p.id}/{f.label}",
                title=f"{p.name}: {f.label} {number(f.value)}{f.unit}",
                updated=freshness.figure_date(p, f),
                link=urls.page_url(urls.programme(p.id)),
                summary=f"{f.label}: {number(f.value)}{f.unit}（{f.period or both_dates(f.as_of or p.as_of)}）。出典: {_cite(directory.slides[f.source])}",
            )
            for f in p.figures
        ]
    found += [
        Entry(
            key=f"national/{f.id}",
            title=f"雇用情勢: {f.label} {number(f.value)}{f.unit}",
            updated=f.as_of or directory.slides[f.source].as_of,
            link=urls.page_url(urls.STATS),
            summary=f"{f.label}: {number(f.value)}{f.unit}（{f.period or both_dates(f.as_of or directory.slides[f.source].as_of)}）。出典: {_cite(directory.slides[f.source])}",
        )
        for f in directory.national_figures
    ]
    return sorted(found, key=lambda e: (-e.updated.toordinal(), e.key))


def _cite(citation) -> str:
    document = citation.document
    if citation.slide:
        return f"{document.publisher}資料「{citation.slide.title}」"
    return f"{document.publisher}「{document.title}」"


def _timestamp(date: dt.date) -> str:
    return dt.datetime.combine(date, dt.time(), JST).isoformat()


def render(directory: Directory) -> dict[str, bytes]:
    site_name = words("site.name")
    items = entries(directory)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ja"})
    _text(feed, "id", uuid.uuid5(NAMESPACE, "feed").urn)
    _text(feed, "title", f"{site_name}の更新情報")
    _text(feed, "subtitle", "新しく締結された雇用対策協定、事例、資料の数値（日付は各記録の時点・締結日・確認日）")
    _text(feed, "updated", _timestamp(max(e.updated for e in items)))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": urls.FEED})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": "./"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site_name)
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        _text(entry, "updated", _timestamp(item.updated))
        if item.published:
            _text(entry, "published", _timestamp(item.published))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": item.link})
        _text(entry, "summary", item.summary)
    ET.indent(feed, space=" ")
    return {urls.FEED: ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"}


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element
