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
from bottleneck_briefs.briefs.content.brief_data import Brief
from bottleneck_briefs.briefs.content.brief_parts import StatementEntry
from bottleneck_briefs.briefs.content.note_data import Note
from bottleneck_briefs.briefs.content.overview_data import Overview
from bottleneck_briefs.briefs.content.translations import gettext_for


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
    facets: tuple[str, ...]  # one cell per facet of the codebook
    document: str
    section: str
    page: int
    note: str
    link: str  # to the statement in the HTML brief: on the publication's website when it has one
    group: str = ""  # the heading it stands under in the brief (a spreadsheet's own column, not the CSV's)

    def cells(self) -> list[str | int]:
        return [
            self.id,
            self.text,
            self.themes,
            *self.facets,
            self.document,
            self.section,
            self.page,
            self.note,
            self.link,
        ]


def columns(brief: Brief | Overview | Note) -> tuple[str, ...]:
    """The field in each column, as Row.cells(): a facet's column is named by its slug."""
    return (
        "id",
        "text",
        "themes",
        *(facet.slug for facet in brief.facet_words),
        "document",
        "section",
        "page",
        "note",
        "link",
    )


def header(brief: Brief | Overview | Note) -> list[str]:
    """The spreadsheet's first row, in the brief's language, matching Row.cells()."""
    _ = gettext_for(brief.language)
    return [
        _("Nummer"),
        _("Uitspraak"),
        _("Thema’s"),
        *(facet.label for facet in brief.facet_words),
        _("Bron"),
        _("Paragraaf"),
        _("Pagina"),
        _("Noot van de redactie"),
        _("Link"),
    ]


def html_file(brief: Brief | Overview | Note) -> str:
    """The name of the HTML brief beside the export: the target of every statement's link."""
    return f"{output_stem(brief.name, brief.language)}.html"


def website(brief: Brief | Overview | Note) -> str | None:
    """Where the briefs are published (publication.yaml's website), without a closing slash; None: not said."""
    value = getattr(brief.publication, "website", None)
    return value.rstrip("/") if isinstance(value, str) and value else None


def html_address(brief: Brief | Overview | Note) -> str:
    """The HTML brief as a link can reach it: on the website, else the file's name (beside the export)."""
    site = website(brief)
    return f"{site}/{html_file(brief)}" if site else html_file(brief)


def sections(brief: Brief | Overview | Note) -> list[Section]:
    """The brief's statements as the document shows them, in order."""
    if isinstance(brief, Overview):
        return [
            Section(
                section.link.anchor,
                section.link.title,
                section.definition,
                section.definition_language,
                tuple(
                    Entry(
                        statement,
                        f"{section.link.slug}-{statement.id.lower()}",
                        tuple(link.title for link in statement.other_themes),
                    )
                    for statement in section.statements
                ),
            )
            for section in brief.sections
        ]
    _ = gettext_for(brief.language)
    if isinstance(brief, Note):  # a note's statements are its annex
        return [
            Section(
                "bijlage",
                _("Bijlage: de uitspraken"),
                None,
                None,
                tuple(Entry(item.statement, item.statement.id.lower(), ()) for item in brief.annex),
            )
        ]
    result = []
    for group in brief.groups:
        if group.heading:
            title = group.heading
        elif group.co_theme:
            title = _("Samen met %(theme)s") % {"theme": group.co_theme.lower()}
        else:
            title = _("Alleen %(theme)s") % {"theme": brief.theme_title.lower()}
        entries = tuple(
            Entry(
                statement,
                statement.id.lower(),
                tuple(theme.title for theme in statement.other_themes if theme.title != group.co_theme),
            )
            for statement in group.statements
        )
        result.append(Section(group.anchor, title, None, None, entries))
    return result


def rows(brief: Brief | Overview | Note) -> list[Row]:
    """One row per statement of the brief, each once (the overview lists some under several themes)."""
    page = html_address(brief)
    seen: set[str] = set()
    result = []
    for section in sections(brief):
        for entry in section.entries:
            statement = entry.statement
            if statement.id in seen:
                continue
            seen.add(statement.id)
            coding = statement.coding
            result.append(
                Row(
                    id=statement.id,
                    text=statement.text,
                    themes=", ".join(coding.themes),
                    facets=tuple(", ".join(values) for values in coding.facets),
                    document=statement.citation.document,
                    section=statement.citation.section,
                    page=statement.citation.page,
                    note=statement.note or "",
                    link=f"{page}#{entry.anchor}",
                    group=section.title,
                )
            )
    return result


def publisher(brief: Brief | Overview | Note) -> str:
    """Who publishes the brief, for the document's author: the corpus's publication.yaml; empty without one."""
    framing = brief.publication
    value = getattr(framing, "publisher", None)
    return value if isinstance(value, str) else ""


def key_figures(brief: Brief | Overview | Note) -> list[tuple[str, str, int]]:
    """The brief's key figures as rows (what is counted, which value, how many statements): every facet's values
    in full, where the brief's summary names the most frequent ones. A note's are its annex: what it cites and
    what it adds as evidence."""
    _ = gettext_for(brief.language)
    if isinstance(brief, Note):
        return [
            (_("Uitspraken"), _("in de bijlage"), brief.statement_count),
            (_("Uitspraken"), _("geciteerd in de tekst"), brief.cited_count),
            (_("Uitspraken"), _("als onderbouwing bijgevoegd"), brief.statement_count - brief.cited_count),
        ]
    if isinstance(brief, Overview):
        return [
            (_("Uitspraken"), _("in het corpus"), brief.statement_count),
            (_("Onder meer dan één thema"), "", brief.multi_theme_count),
            (_("Vermeldingen in dit overzicht"), "", brief.entry_count),
            *((_("Thema"), count.label, count.count) for count in brief.theme_counts),
        ]
    rows = [
        (_("Uitspraken"), _("in deze brief"), brief.statement_count),
        (_("Uitspraken"), _("in het corpus"), brief.corpus_statement_count),
        *((_("Herkomst"), count.label, count.count) for count in brief.sections),
        *((_("Vaak samen met"), count.label, count.count) for count in brief.co_themes),
    ]
    for facet in brief.facets:
        rows += [(facet.label, count.label, count.count) for count in facet.all]
        rows += [(facet.label, _("geen"), facet.without)] if facet.without else []
    return rows


def link_note(brief: Brief | Overview | Note) -> str | None:
    """Where a statement's link leads when the workbook travels alone; None: the links are whole web addresses."""
    if website(brief):
        return None
    _ = gettext_for(brief.language)
    return _(
        "De links in de kolom Link wijzen naar %(file)s, de HTML-versie van deze brief: die hoort in dezelfde "
        "map als dit bestand."
    ) % {"file": html_file(brief)}
