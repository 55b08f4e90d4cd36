"""The languages a brief can be written in: gettext catalogues, dates and numbers per locale.

Dutch is the language of the source and of the templates' message ids, so a
Dutch brief needs no catalogue. Other languages read their `.po` file under
`locale/` and compile it in memory with Babel when first asked: there is no
compiled `.mo` file to forget to rebuild, and the same `.po` always gives the
same messages.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from bottleneck_briefs.basics.names import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALE_DIR,
    LOCALES,
)

DOMAIN = "messages"


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language not in LOCALES:
        raise ValueError(f"unknown language '{language}'; choose one of {', '.join(LANGUAGES)}")
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    with po_path(language).open("rb") as source:
        catalog = read_po(source, locale=LOCALES[language])
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def gettext_for(language: str) -> Callable[[str], str]:
    return translations(language).gettext


def date_label(day: date, language: str) -> str:
    """1 March 2025 / 1 maart 2025."""
    return format_date(day, "d MMMM y", locale=LOCALES[language])


def number_label(value: int | float, language: str) -> str:
    return format_decimal(value, locale=LOCALES[language])
