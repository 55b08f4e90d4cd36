"""The site's pages: a list of page kinds, each making its pages from the site's data.

A new kind of page is one more entry in PAGE_KINDS:
a name, a template and a function that lists its pages with their paths and
what they show. Nothing else in the site needs to change to render, link
check and write it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from bottleneck_briefs.briefs.content.translations import gettext_for
from bottleneck_briefs.site import site_paths as paths
from bottleneck_briefs.site.site_data import Link, SiteData


@dataclass(frozen=True)
class Page:
    kind: str  # the PageKind's name, e.g. "statement"
    path: str  # from the site's root: "knelpunten/kp-002/index.html"
    template: str  # under templates/site/
    title: str
    context: Mapping[str, object] = field(default_factory=dict)  # what this page shows, beside the site's data


PageEntry: TypeAlias = tuple[str, str, dict]  # (path, title, context) of one page


@dataclass(frozen=True)
class PageKind:
    name: str
    template: str
    pages: Callable[[SiteData], Iterable[PageEntry]]  # site data -> (path, title, context) per page


def _home(site: SiteData) -> Iterator[PageEntry]:
    _ = gettext_for(site.language)
    yield paths.home(site.language), _("Knelpunten in de aanpak van mensenhandel"), {}


def _themes(site: SiteData) -> Iterator[PageEntry]:
    for theme in site.themes:
        yield paths.theme(site.language, theme.slug), theme.title, {"view": theme, "brief": theme.brief}


def _composed(site: SiteData) -> Iterator[PageEntry]:
    for view in site.composed:
        yield paths.brief(site.language, view.name), view.title, {"view": view, "brief": view.brief}


def note_files(name: str) -> str:
    """The key of a note's files among the downloads: a note may bear a brief's name, so it has its own."""
    return f"note:{name}"


def _notes(site: SiteData) -> Iterator[PageEntry]:
    """A note's page shows its own text and annex, and its files: `files` names them among the downloads."""
    for view in site.notes:
        yield (
            paths.note(site.language, view.name),
            view.title,
            {"view": view, "brief": view.brief, "files": note_files(view.name)},
        )


def _overview(site: SiteData) -> Iterator[PageEntry]:
    _ = gettext_for(site.language)
    yield paths.overview(site.language), _("Overzicht"), {"brief": site.overview}


def _statements(site: SiteData) -> Iterator[PageEntry]:
    for statement in site.statements:
        yield paths.statement(site.language, statement.id), statement.id, {"statement": statement}


def _retired(site: SiteData) -> Iterator[PageEntry]:
    _ = gettext_for(site.language)
    for retired in site.retired:
        yield (
            paths.statement(site.language, retired.id),
            _("%(id)s (ingetrokken)") % {"id": retired.id},
            {"retired": retired},
        )


def _maps(site: SiteData) -> Iterator[PageEntry]:
    """The theme × facet map: one page per facet (the first also at kaart/), each a real table."""
    _ = gettext_for(site.language)
    for index, facet in enumerate(site.facets):
        title = _("Kaart: thema’s × %(facet)s") % {"facet": facet.title.lower()}
        context = {"facet": facet}
        if index == 0:
            yield paths.facet_map(site.language), title, context
        yield paths.facet_map(site.language, facet.name), title, context


def _cells(site: SiteData) -> Iterator[PageEntry]:
    """A list of statements behind every count of the map that is not zero."""
    _ = gettext_for(site.language)
    for theme in site.themes:
        for facet in site.facets:
            for value in facet.values:
                if site.counts.get((theme.slug, facet.name, value.slug)):
                    label = facet.label(value.slug, site.language)
                    title = _("%(theme)s en %(value)s") % {"theme": theme.title, "value": label}
                    yield (
                        paths.cell(site.language, theme.slug, facet.name, value.slug),
                        title,
                        {
                            "facet": facet,
                            "value": label,
                            "theme": Link(theme.slug, theme.title),  # not its brief
                            "statements": site.statements_with(theme.slug, facet.name, value.slug),
                        },
                    )


def _facet_values(site: SiteData) -> Iterator[PageEntry]:
    for facet in site.facets:
        for value in facet.values:
            statements = site.statements_with(None, facet.name, value.slug)
            label = facet.label(value.slug, site.language)
            yield (
                paths.facet_value(site.language, facet.name, value.slug),
                f"{facet.title}: {label}",
                {"facet": facet, "value": label, "theme": None, "statements": statements},
            )


def _search(site: SiteData) -> Iterator[PageEntry]:
    _ = gettext_for(site.language)
    yield paths.search(site.language), _("Zoeken"), {}


def _data(site: SiteData) -> Iterator[PageEntry]:
    """The open data, and every brief's and note's files: (its page, its title, the title's language when it is
    not the site's (a note's is the writer's Dutch), the key of its downloads)."""
    _ = gettext_for(site.language)
    language = site.language
    documents = [
        *((paths.theme(language, view.slug), view.title, None, view.brief.name) for view in site.themes),
        *((paths.brief(language, view.name), view.title, None, view.brief.name) for view in site.composed),
        (paths.overview(language), _("Overzicht"), None, site.overview.name),
        *((paths.note(language, view.name), view.title, "nl", note_files(view.name)) for view in site.notes),
    ]
    yield paths.open_data(language), _("Open data"), {"documents": documents}


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("home", "home.html.j2", _home),
    PageKind("theme", "brief_page.html.j2", _themes),
    PageKind("composed", "brief_page.html.j2", _composed),
    PageKind("note", "note_page.html.j2", _notes),
    PageKind("overview", "overview_page.html.j2", _overview),
    PageKind("statement", "statement.html.j2", _statements),
    PageKind("retired", "retired.html.j2", _retired),
    PageKind("map", "map.html.j2", _maps),
    PageKind("cell", "statement_list.html.j2", _cells),
    PageKind("facet-value", "statement_list.html.j2", _facet_values),
    PageKind("search", "search.html.j2", _search),
    PageKind("data", "data.html.j2", _data),
)


def site_pages(site: SiteData, kinds: Iterable[PageKind] = PAGE_KINDS) -> list[Page]:
    """Every page of one language, in plan order; a path claimed twice is a bug in a page kind."""
    pages: list[Page] = []
    seen: set[str] = set()
    for kind in kinds:
        for path, title, context in kind.pages(site):
            if path in seen:
                raise ValueError(f"two pages at {path}")
            seen.add(path)
            pages.append(Page(kind.name, path, f"site/{kind.template}", title, context))
    return pages
