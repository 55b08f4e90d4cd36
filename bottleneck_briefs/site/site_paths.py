"""Where each page lives in the site, and the relative link from one page to another.

Every page is a folder with an index.html (`knelpunten/kp-002/index.html`),
so its address lasts and reads well. Links are always relative and name the
index.html itself: the site works from any folder, from disk (file://) and
on any static host. A second language lives under its own prefix (`en/`).
"""

from __future__ import annotations

import posixpath

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE
from bottleneck_briefs.briefs.content.statement_address import statement_folder

INDEX = "index.html"
ASSETS = "assets"
DATA = "data"
SEARCH_BUNDLE = "pagefind"


def language_prefix(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def page(language: str, *parts: str) -> str:
    """The path of a page in the site: its folder parts, then index.html."""
    return posixpath.join(language_prefix(language), *parts, INDEX)


def home(language: str) -> str:
    return page(language)


def statement(language: str, statement_id: str) -> str:
    """The permanent address of a statement: knelpunten/kp-002/ (the id in lower case), as briefs link it."""
    return statement_folder(language, statement_id) + INDEX


def theme(language: str, slug: str) -> str:
    return page(language, "themas", slug)


def brief(language: str, name: str) -> str:
    return page(language, "briefs", name)


def note(language: str, name: str) -> str:
    """A writer's note (notes/NAME.md): notities/NAME/, apart from the briefs, whose names a note may share."""
    return page(language, "notities", name)


def overview(language: str) -> str:
    return page(language, "overzicht")


def facet_map(language: str, facet: str | None = None) -> str:
    return page(language, "kaart", *([facet] if facet else []))


def facet_value(language: str, facet: str, value: str) -> str:
    """Every statement with one facet value."""
    return page(language, "facetten", facet, value)


def cell(language: str, theme_slug: str, facet: str, value: str) -> str:
    """The statements of one theme with one facet value: a cell of the map."""
    return page(language, "kaart", facet, theme_slug, value)


def search(language: str) -> str:
    return page(language, "zoeken")


def open_data(language: str) -> str:
    return page(language, "data")


def download(name: str) -> str:
    """A data file: the same files serve every language."""
    return posixpath.join(DATA, name)


def asset(name: str) -> str:
    return posixpath.join(ASSETS, name)


def relative(from_page: str, target: str) -> str:
    """The link from the page at `from_page` to `target` (both paths from the site's root, without "." or ".."
    parts), as posixpath.relpath gives it; worked out on the parts alone, because
    relpath asks the working folder on every call and a big site makes hundreds of thousands of links."""
    start = [part for part in from_page.split("/")[:-1] if part]
    parts = [part for part in target.split("/") if part]
    common = 0
    for mine, theirs in zip(start, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."
