"""The Jinja2 environment every page template renders in, and helpers pages share.

Templates live in templates/ beside this module; `finalize` escapes every printed
value for HTML and Markdown, so text from data/ can never become markup.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ... import urls
from ...editions import ENGLISH, JAPANESE, Edition
from ...formats import both_dates, escape_text, month_label, number, ratio, signed, wareki
from ...gazetteer import Place, prefecture_place
from ...readings import with_readings
from ...words import RUBY, Catalogue, catalogue, ruby_html, strip_ruby
from . import charts

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment(edition: Edition = JAPANESE) -> jinja2.Environment:
    """One environment per edition: its words are the global `w` (macros included), and
    `href` keeps links inside the edition wherever the edition has the page."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # finalize=escape_text escapes every printed value for HTML *and* Markdown.
        # Autoescape is on only so that macro output counts as markup (with it off,
        # Jinja returns macros as plain str and finalize would escape their HTML).
        autoescape=True,
        finalize=escape_text,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    # Jinja's autoescaping join would only HTML-escape: keep every item on escape_text.
    env.filters["join"] = lambda items, separator="": Markup(separator).join(escape_text(item) for item in items)
    env.filters["place_name"] = lambda place: place_name(place, edition)
    env.filters["ja"] = lambda text: japanese_part(text, edition)
    env.globals.update(
        urls=urls,
        w=TemplateWords(catalogue(edition.id)),
        # templates still name the linking page: links are absolute now, the same from every page
        href=lambda to: urls.href(urls.in_edition(to, edition.folder)),
        edition=edition,
        t=lambda record, field: translated(record, field, edition),
        tw=lambda record, field: translated_word(record, field, edition),
        t_items=lambda record, field: translated_items(record, field, edition),
        with_original=lambda record, field: with_original(record, field, edition),
        ja=lambda text: japanese_part(text, edition),
        label=lambda term: term_label(term, edition),
        plain_label=lambda term: term_label(term, edition, plain=True),
        plain_t=lambda record, field: translated(record, field, edition, plain=True),
        name=lambda place: place_name(place, edition),
        full_name=lambda place: place_name(place, edition, full=True),
        # in titles, attributes and URLs: no furigana markup
        plain_name=lambda place, full=False: plain_place_name(place, edition, full),
        both_dates=lambda date: both_dates(date, edition.id),
        wareki=wareki,
        number=number,
        signed=signed,
        ratio=ratio,
        month_label=lambda month: month_label(month, edition.id),
        cited_by=cited_by,
    )
    return env


def cited_by(entries) -> list[tuple]:
    """Each source (citation, as-of date) the entries come from, once, in the order of the rows:
    a table's source line names them all, not the deck's alone when a row cites a later document."""
    found: dict[tuple, tuple] = {}
    for entry in entries:
        found.setdefault((entry.source.id, entry.as_of), (entry.source, entry.as_of))
    return list(found.values())


def translated(record, field: str, edition: Edition, plain: bool = False) -> Markup:
    """A record's text in the edition: its translation in data/ when there is one (with
    furigana in やさしい日本語), else the Japanese, marked as Japanese and said so —
    never a blank. `plain` is for titles and attributes: no markup at all."""
    source = getattr(record, field)
    translation = getattr(record.translations, edition.id, None) if edition is not JAPANESE else None
    text = getattr(translation, field, None) if translation else None
    if text:
        return escape_text(strip_ruby(text)) if plain else ruby_markup(text)
    return escape_text(source) if plain or edition is JAPANESE else japanese_only(source, edition)


def term_label(term, edition: Edition, plain: bool = False) -> Markup:
    """A vocabulary term's label in the edition (data/vocabularies.yaml en / easy), else the
    Japanese label marked as such."""
    text = getattr(term, edition.id, None) if edition is not JAPANESE else None
    if text:
        return escape_text(strip_ruby(text)) if plain else ruby_markup(text)
    return escape_text(term.label) if plain or edition is JAPANESE else japanese_only(term.label, edition)


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
AUTO_READING = "epd-auto-reading"  # readings made by generator/readings.py, for a person to review


def japanese_part(text: object, edition: Edition) -> Markup:
    """Japanese text from data as an edition shows it: marked lang=ja on an English page
    (screen readers switch voice), with readings on every kanji in やさしい日本語."""
    if text is None or not _JAPANESE.search(str(text)) or edition is JAPANESE:
        return escape_text(text)
    if edition.html_lang == "ja":
        return ruby_markup(with_readings(str(text)), AUTO_READING)
    return Markup('<span lang="ja">{}</span>').format(escape_text(text))


def japanese_only(text: str, edition: Edition) -> Markup:
    """Japanese text on a page of another edition: marked as Japanese (read out in やさしい日本語),
    and said so."""
    note = Markup(ruby_html(catalogue(edition.id)("pages.japanese_only")))  # our words: markup
    return Markup('<span lang="ja">{}</span><small class="epd-fallback">{}</small>').format(
        japanese_part(text, edition), note
    )


def translated_items(record, field: str, edition: Edition) -> list[Markup]:
    """A record's list (services, operators, run_by) item by item in the edition: the
    translation when there is one, else each Japanese item as japanese_part shows it."""
    translation = getattr(record.translations, edition.id, None) if edition is not JAPANESE else None
    items = getattr(translation, field, None) if translation else None
    if items:
        return [ruby_markup(item) for item in items]
    return [japanese_part(item, edition) for item in getattr(record, field)]


def with_original(record, field: str, edition: Edition) -> Markup:
    """A name or title an edition translates but a reader must also find as written (a
    counter's sign, a document's title): 'Job Spot Ayase (ジョブスポットあやせ)'."""
    source = getattr(record, field)
    translation = getattr(record.translations, edition.id, None) if edition is not JAPANESE else None
    text = getattr(translation, field, None) if translation else None
    if not text:
        return japanese_part(source, edition)
    if edition.html_lang == "ja":
        return ruby_markup(text)
    original = Markup('<span lang="ja">{}</span>').format(escape_text(source))
    return TemplateWords(catalogue(edition.id))("pages.with_original", name=text, original=original)


def translated_word(record, field: str, edition: Edition) -> Markup:
    """A short field (publisher, unit, label) in the edition, else the Japanese as japanese_part shows it."""
    translation = getattr(record.translations, edition.id, None) if edition is not JAPANESE else None
    text = getattr(translation, field, None) if translation else None
    return ruby_markup(text) if text else japanese_part(getattr(record, field), edition)


def ruby_markup(text: str, css: str | None = None) -> Markup:
    """Text from data with {漢字|かんじ} groups as <ruby>, everything else escaped."""
    ruby = Markup('<ruby class="{}">').format(css) if css else Markup("<ruby>")
    parts, last = [], 0
    for group in RUBY.finditer(text):
        parts.append(escape_text(text[last : group.start()]))
        parts.append(ruby + Markup("{}<rt>{}</rt></ruby>").format(escape_text(group[1]), escape_text(group[2])))
        last = group.end()
    parts.append(escape_text(text[last:]))
    return Markup("").join(parts)


def kana_only(text: str) -> str:
    """Text with every kanji replaced by its reading: for SVG, which cannot hold <ruby>."""
    return RUBY.sub(r"\2", with_readings(strip_ruby(text)) if "{" not in text else text)


def place_name(place: Place, edition: Edition, full: bool = False) -> str | Markup:
    """A place's name as the edition writes it: kanji, romaji (Ayase-shi, Kanagawa),
    or kanji with its reading as furigana (やさしい日本語)."""
    if edition.id == "en":
        return place.full_english if full else place.english
    if edition.id == "easy":
        own = Markup("<ruby>{}<rt>{}</rt></ruby>").format(place.name, place.kana)
        if not full or place.kind == "prefecture":
            return own
        prefecture = prefecture_place(place.prefecture_code)
        return Markup("<ruby>{}<rt>{}</rt></ruby>").format(prefecture.name, prefecture.kana) + own
    return place.full_name if full else place.name


def plain_place_name(place: Place, edition: Edition, full: bool = False) -> str:
    """A place's name for titles, attributes, URLs and SVG text: no furigana markup."""
    return place_name(place, ENGLISH if edition is ENGLISH else JAPANESE, full)


def render_template(template: str, edition: Edition = JAPANESE, **context) -> str:
    return environment(edition).get_template(template).render(**context)


class TemplateWords:
    """The catalogue as templates use it: our words are markup (they may hold tags),
    the values filled into them are data and escaped like every printed value."""

    def __init__(self, words: Catalogue):
        self.words = words

    def __call__(self, key: str, **values: object) -> Markup:
        text = self.words(key, **{name: escape_text(value) for name, value in values.items()})
        return Markup(ruby_html(text))

    def plain(self, key: str) -> str:
        """The entry unfilled and without furigana, for a script to fill (data-* attributes)."""
        return strip_ruby(self.words(key))


def source_line(citation, edition: Edition = JAPANESE) -> Markup:
    """The line under a chart, as the source() macro words it (in the figcaption, not the SVG):
    the citation's one date, or the month a slide of monthly statistics measures."""
    words = TemplateWords(catalogue(edition.id))
    publisher = translated_word(citation.document, "publisher", edition)
    slide = with_original(citation.slide or citation.document, "title", edition)
    measures = citation.slide.measures if citation.slide else None
    if measures:
        return words(
            "pages.chart_source_month", publisher=publisher, slide=slide, month=month_label(measures, edition.id)
        )
    return words("pages.chart_source", publisher=publisher, slide=slide, date=both_dates(citation.as_of, edition.id))


def series_chart(series, slide, edition: Edition = JAPANESE) -> charts.Chart:
    points = [(pt.period, pt.value) for pt in series.points]
    source = source_line(slide, edition)
    return charts.column_chart(series.title, series.unit, source, points, language=edition.id)
