"""The site's editions: the Japanese site, and the citizen path in English and やさしい日本語.

The Japanese edition is the whole site at the root; the others live in a folder
(urls.in_edition) and hold the pages a resident needs (urls.EDITION_PAGES), each
with its own words (generator/words/<edition id>/) and links that stay inside the
edition where the edition has the page. Facts are the same in every edition.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    id: str  # also the word catalogue's language (generator/words/<id>/)
    folder: str  # '' for the Japanese edition at the root
    html_lang: str  # <html lang>: both Japanese editions are 'ja'
    hreflang: str  # BCP 47 tag of the alternates; やさしい日本語 has none of its own
    theme_language: str  # which of Material's UI translations the theme uses


JAPANESE = Edition("ja", "", "ja", "ja", "ja")
ENGLISH = Edition("en", "en", "en", "en", "en")
EASY_JAPANESE = Edition("easy", "easy", "ja", "ja-x-easy", "ja")

EDITIONS: tuple[Edition, ...] = (JAPANESE, ENGLISH, EASY_JAPANESE)
TRANSLATED: tuple[Edition, ...] = (ENGLISH, EASY_JAPANESE)
