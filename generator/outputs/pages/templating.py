"""The Jinja2 environment every page template renders in, and helpers pages share.

Templates live in templates/ beside this module; `finalize` escapes every printed
value for HTML and Markdown, so text from data/ can never become markup.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ... import urls
from ...formats import both_dates, escape_text, month_label, number, ratio, signed, wareki
from ...words import SOURCE_LANGUAGE, Catalogue, catalogue
from . import charts

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> jinja2.Environment:
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
    env.globals.update(
        urls=urls,
        href=urls.href,
        both_dates=both_dates,
        wareki=wareki,
        number=number,
        signed=signed,
        ratio=ratio,
        month_label=month_label,
    )
    return env


def render_template(template: str, language: str = SOURCE_LANGUAGE, **context) -> str:
    return environment().get_template(template).render(w=TemplateWords(catalogue(language)), **context)


class TemplateWords:
    """The catalogue as templates use it: our words are markup (they may hold tags),
    the values filled into them are data and escaped like every printed value."""

    def __init__(self, words: Catalogue):
        self.words = words

    def __call__(self, key: str, **values: object) -> Markup:
        return Markup(self.words(key)).format(**{name: escape_text(value) for name, value in values.items()})


def source_line(slide, as_of=None) -> str:
    """The line under a chart, as the source() macro words it."""
    return f"出典: 厚生労働省資料「{slide.title}」（{both_dates(as_of or slide.as_of)}時点）"


def series_chart(series, slide, as_of) -> charts.Chart:
    return charts.column_chart(
        series.title, series.unit, source_line(slide, as_of), [(pt.period, pt.value) for pt in series.points]
    )
