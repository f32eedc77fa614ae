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
            title=words("feed.agreement_title", place=a.place.full_name),
            updated=freshness.latest(a.concluded_on, a.checked_on),
            published=a.concluded_on,
            link=urls.page_url(urls.entity(a.place)),
            summary=words(
                "feed.agreement_summary", place=a.place.full_name, date=both_dates(a.concluded_on), cite=_cite(a.source)
            ),
        )
        for a in directory.agreements
        if a.concluded_on
    ]
    found += [
        Entry(
            key=f"case/{c.record.id}",
            title=words("feed.case_title", title=c.record.title),
            updated=freshness.case_date(c),
            link=urls.page_url(urls.case(c.record.id)),
            summary=_case_summary(c),
        )
        for c in directory.cases
    ]
    for p in directory.programmes:
        found += [
            Entry(
                key=f"figure/{p.id}/{f.label}",
                title=words("feed.figure_title", programme=p.name, label=f.label, value=number(f.value), unit=f.unit),
                updated=freshness.figure_date(p, f),
                link=urls.page_url(urls.programme(p.id)),
                summary=_figure_summary(f, f.as_of or p.as_of, directory.slides[f.source]),
            )
            for f in p.figures
        ]
    found += [
        Entry(
            key=f"national/{f.id}",
            title=words("feed.national_figure_title", label=f.label, value=number(f.value), unit=f.unit),
            updated=f.as_of or directory.slides[f.source].as_of,
            link=urls.page_url(urls.STATS),
            summary=_figure_summary(f, f.as_of or directory.slides[f.source].as_of, directory.slides[f.source]),
        )
        for f in directory.national_figures
    ]
    return sorted(found, key=lambda e: (-e.updated.toordinal(), e.key))


def _case_summary(case) -> str:
    places = words("pages.place_separator").join([case.prefecture.name, *(p.name for p in case.places)])
    date, cite = both_dates(case.record.as_of), _cite(case.source)
    if case.record.subtitle:
        return words(
            "feed.case_summary_with_subtitle", places=places, date=date, subtitle=case.record.subtitle, cite=cite
        )
    return words("feed.case_summary", places=places, date=date, cite=cite)


def _figure_summary(figure, as_of: dt.date, citation) -> str:
    return words(
        "feed.figure_summary",
        label=figure.label,
        value=number(figure.value),
        unit=figure.unit,
        when=figure.period or both_dates(as_of),
        cite=_cite(citation),
    )


def _cite(citation) -> str:
    document = citation.document
    if citation.slide:
        return words(
            "pages.cite_slide", publisher=document.publisher, document=document.title, slide=citation.slide.title
        )
    return words("pages.cite_document", publisher=document.publisher, document=document.title)


def _timestamp(date: dt.date) -> str:
    return dt.datetime.combine(date, dt.time(), JST).isoformat()


def render(directory: Directory) -> dict[str, bytes]:
    site_name = words("site.name")
    items = entries(directory)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ja"})
    _text(feed, "id", uuid.uuid5(NAMESPACE, "feed").urn)
    _text(feed, "title", words("feed.title", site=site_name))
    _text(feed, "subtitle", words("feed.subtitle"))
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
