"""Translations of records (the `translations` beside the Japanese in data/): one model per
record kind and edition. The Japanese fields are the source; every field is optional, and a
missing one falls back to the Japanese (generator/translated.py checks the rest)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import ShortText, Strict, Text
from .written import Date

TranslatedOn = Annotated[Date, Field(description="日本語から翻訳した日（YYYY-MM-DD）。時点（as_of）より前・未来は不可")]

EASY = "やさしい日本語（漢字はすべて {漢字|かんじ} でふりがな）"


class FigureTranslation(Strict):
    """One edition's words for what a figure counts and its unit (the number stays the deck's)."""

    translated_on: TranslatedOn
    label: ShortText | None = None
    unit: ShortText | None = None


class FigureTranslations(Strict):
    en: FigureTranslation | None = Field(None, description="English")
    easy: FigureTranslation | None = Field(None, description=EASY)


class TitleTranslation(Strict):
    """One edition's translation of a source's title (the original is shown beside it)."""

    translated_on: TranslatedOn
    title: ShortText | None = None


class TitleTranslations(Strict):
    en: TitleTranslation | None = Field(None, description="English")
    easy: TitleTranslation | None = Field(None, description=EASY)


class DocumentTranslation(TitleTranslation):
    publisher: ShortText | None = None


class DocumentTranslations(Strict):
    en: DocumentTranslation | None = Field(None, description="English")
    easy: DocumentTranslation | None = Field(None, description=EASY)


class ProgrammeTranslation(Strict):
    """One edition's translation of a programme's Japanese name, summary and who_can_use."""

    translated_on: TranslatedOn
    name: ShortText | None = None
    summary: Text | None = None
    who_can_use: Text | None = None
    run_by: list[ShortText] | None = None
    legal_basis: Text | None = None


class CaseStudyTranslation(Strict):
    """One edition's translation of a case study's Japanese title and summary."""

    translated_on: TranslatedOn
    title: ShortText | None = None
    summary: Text | None = None


class ProgrammeTranslations(Strict):
    en: ProgrammeTranslation | None = Field(None, description="English")
    easy: ProgrammeTranslation | None = Field(
        None, description="やさしい日本語（漢字はすべて {漢字|かんじ} でふりがな）"
    )


class CaseStudyTranslations(Strict):
    en: CaseStudyTranslation | None = Field(None, description="English")
    easy: CaseStudyTranslation | None = Field(
        None, description="やさしい日本語（漢字はすべて {漢字|かんじ} でふりがな）"
    )


class FacilityTranslation(Strict):
    """One edition's words for a counter: its name (romanised or English; the Japanese is kept
    beside it for the sign), what it offers and who runs it, item for item as the Japanese."""

    translated_on: TranslatedOn
    name: ShortText | None = None
    services: list[ShortText] | None = None
    operators: list[ShortText] | None = None


class FacilityTranslations(Strict):
    en: FacilityTranslation | None = Field(None, description="English")
    easy: FacilityTranslation | None = Field(None, description=EASY)


class LinkTranslation(Strict):
    translated_on: TranslatedOn
    title: ShortText | None = None
    publisher: ShortText | None = None
    description: ShortText | None = None


class LinkTranslations(Strict):
    en: LinkTranslation | None = Field(None, description="English")
    easy: LinkTranslation | None = Field(None, description=EASY)
