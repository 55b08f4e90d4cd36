"""What the exports (Word, spreadsheets) read from a brief's data: one adapter for every kind of brief.

A theme brief groups its statements by co-occurring theme and lists each
once; the overview lists each statement under every one of its themes. The
exporters see neither shape: they ask for the document's sections (a heading
and its statements) and for one row per statement. A new kind of brief, or a
change to the brief data's types, is a change here only.
"""

from __future__ import annotations

from dataclasses import dataclass

from bottleneck_briefs.basics.names import output_stem
from bottleneck_briefs.briefs.brief_data import Brief
from bottleneck_briefs.briefs.brief_parts import StatementEntry
from bottleneck_briefs.briefs.note_data import Note
from bottleneck_briefs.briefs.overview_data import Overview
from bottleneck_briefs.briefs.statement_coding import facet_titles
from bottleneck_briefs.briefs.translations import gettext_for
from bottleneck_briefs.corpus.models import FACETS


@dataclass(frozen=True)
class Entry:
    """One statement as a section of the document shows it."""

    statement: StatementEntry
    anchor: str  # its id in the HTML brief: the link target
    also: tuple[str, ...]  # titles of its other themes the reader may look under


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    definition: str | None  # the theme's definition (overview sections)
    definition_language: str | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Row:
    """One statement as a spreadsheet row, every cell a str or an int."""

    id: str
    text: str
    themes: str
    facets: tuple[str, ...]  # one cell per facet of FACETS
    document: str
    section: str
    page: int
    note: str
    link: str

    def cells(self) -> list[str | int]:
        return [self.id, self.text, self.themes, *self.facets, self.document, self.section, self.page,
                self.note, self.link]


COLUMNS = ("id", "text", "themes", *FACETS, "document", "section", "page", "note", "link")  # as Row.cells()


def header(language: str) -> list[str]:
    """The spreadsheet's first row, in the brief's language, matching Row.cells()."""
    _ = gettext_for(language)
    facet_headers = facet_titles(language)
    return [_("Nummer"), _("Uitspraak"), _("Thema’s"), *(facet_headers[facet] for facet in FACETS), _("Bron"),
            _("Paragraaf"), _("Pagina"), _("Noot van de redactie"), _("Link")]


def html_file(brief: Brief | Overview | Note) -> str:
    """The name of the HTML brief beside the export: the target of every statement's link."""
    return f"{output_stem(brief.name, brief.language)}.html"


def sections(brief: Brief | Overview | Note) -> list[Section]:
    """The brief's statements as the document shows them, in order."""
    if isinstance(brief, Overview):
        return [Section(section.link.anchor, section.link.title, section.definition, section.definition_language,
                        tuple(Entry(statement, f"{section.link.slug}-{statement.id.lower()}",
                                    tuple(link.title for link in statement.other_themes))
                              for statement in section.statements))
                for section in brief.sections]
    _ = gettext_for(brief.language)
    if isinstance(brief, Note):  # a note's statements are its annex
        return [Section("bijlage", _("Bijlage: de uitspraken"), None, None,
                        tuple(Entry(item.statement, item.statement.id.lower(), ()) for item in brief.annex))]
    result = []
    for group in brief.groups:
        if group.heading:
            title = group.heading
        elif group.co_theme:
            title = _("Samen met %(theme)s") % {"theme": group.co_theme.lower()}
        else:
            title = _("Alleen %(theme)s") % {"theme": brief.theme_title.lower()}
        entries = tuple(Entry(statement, statement.id.lower(),
                              tuple(theme.title for theme in statement.other_themes if theme.title != group.co_theme))
                        for statement in group.statements)
        result.append(Section(group.anchor, title, None, None, entries))
    return result


def rows(brief: Brief | Overview | Note) -> list[Row]:
    """One row per statement of the brief, each once (the overview lists some under several themes)."""
    page = html_file(brief)
    seen: set[str] = set()
    result = []
    for section in sections(brief):
        for entry in section.entries:
            statement = entry.statement
            if statement.id in seen:
                continue
            seen.add(statement.id)
            coding = statement.coding
            result.append(Row(
                id=statement.id,
                text=statement.text,
                themes=", ".join(coding.themes),
                facets=tuple(", ".join(values) for values in coding.facets),
                document=statement.citation.document,
                section=statement.citation.section,
                page=statement.citation.page,
                note=statement.note or "",
                link=f"{page}#{entry.anchor}",
            ))
    return result


def publisher(brief: Brief | Overview | Note) -> str:
    """Who publishes the brief, for the document's author: the corpus's publication.yaml; empty without one."""
    framing = brief.publication
    value = getattr(framing, "publisher", None)
    return value if isinstance(value, str) else ""
