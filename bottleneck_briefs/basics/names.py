"""Names shared by light and heavy code alike: one home for each, imported everywhere.

Kept free of imports beyond the standard library, so that a command which only
checks whether a report is up to date can use them without loading Babel,
Jinja or WeasyPrint.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _bundled_templates() -> Path:
    inside = PACKAGE_DIR / "templates"  # an installed wheel carries them in the package
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "templates"  # a source checkout keeps them at the top


DEFAULT_TEMPLATES = _bundled_templates()
LOCALE_DIR = PACKAGE_DIR / "briefs" / "content" / "locale"
DEFAULT_CORPUS = "bottlenecks"
DEFAULT_OUTPUT_DIR = "reports"

# languages: Dutch is the source's language and the templates' message ids
DEFAULT_LANGUAGE = "nl"
LOCALES = {"nl": "nl_NL", "en": "en_GB"}  # en_GB: "24 November 2026", day before month as in Dutch
LANGUAGES = tuple(LOCALES)
# BCP 47, as office documents name their language: nl-NL, en-GB
LANGUAGE_TAGS = {language: locale.replace("_", "-") for language, locale in LOCALES.items()}

# PDF variants WeasyPrint writes, each to a file of its own (variant -> file name suffix), so that one
# never replaces the other: the tagged PDF/UA file to publish, PDF/A-2a (tagged too) to archive.
PDF_VARIANTS = {"pdf/ua-1": "pdf", "pdf/a-2a": "archief.pdf"}
DEFAULT_PDF_VARIANT = "pdf/ua-1"

OVERVIEW_NAME = "overzicht"  # the overview's files: reports/overzicht.pdf and .html

# a theme slug (and any name that becomes a file name): lowercase words joined by hyphens
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# limits on input, checked before a file can slow a run to a crawl
MAX_FILE_BYTES = 5 * 1024 * 1024  # one YAML file
MAX_CORPUS_BYTES = 50 * 1024 * 1024  # all files together (each within its own limit)
MAX_DEPTH = 32  # nesting of YAML collections
MAX_TEXT_CHARACTERS = 5_000  # one statement's text
MAX_STATEMENTS = 20_000  # in the whole corpus
MAX_IMPORT_ROWS = 5_000  # rows of one spreadsheet import
MAX_IMPORT_BYTES = 20 * 1024 * 1024  # one spreadsheet file (5,000 long rows fit in a few MB)
MAX_TEMPLATE_FILES = 1_000  # in a --templates folder (the bundled one has a few dozen)
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024  # all of a --templates folder's files together


def output_stem(name: str, language: str) -> str:
    """financiering (Dutch, the default) / financiering.en: other languages never replace the Dutch files."""
    return name if language == DEFAULT_LANGUAGE else f"{name}.{language}"
