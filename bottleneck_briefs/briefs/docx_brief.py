"""The content of a Word brief: what the PDF says, in Word's own structure.

Cover, table of contents, summary with the key figures as a table, the
figures as their tables (the numbers the PDF's charts draw), every statement
verbatim in the Quote style with its source and id, and the colophon. The
labels are the templates' own messages, so a Word brief reads like the PDF in
either language; statements and source titles are marked Dutch.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from bottleneck_briefs import __version__
from bottleneck_briefs.briefs.brief_data import Brief, Count, OwnText
from bottleneck_briefs.briefs.docx_document import WordDocument, reference_document
from bottleneck_briefs.briefs.export_view import Section, publisher, sections
from bottleneck_briefs.briefs.overview_data import Matrix, Overview
from bottleneck_briefs.briefs.summary_markdown import summary_paragraphs
from bottleneck_briefs.briefs.translations import number_label, translations

DUTCH = "nl"


def plain(message: str) -> str:
    """A template message as text: without its inline markup, entities resolved."""
    return html.unescape(re.sub(r"<[^>]+>", "", message))


class _Writer:
    def __init__(self, brief: Brief | Overview, templates_dir: Path) -> None:
        self.brief = brief
        self.word = WordDocument(reference_document(templates_dir), brief.language)
        catalogue = translations(brief.language)
        self._ = lambda message, **values: plain(catalogue.gettext(message)) % values
        self.ngettext = lambda singular, plural, n, **values: plain(catalogue.ngettext(singular, plural, n)) % values

    def number(self, value: int) -> str:
        return number_label(value, self.brief.language)

    def counts(self, items: Iterable[Count], empty: str) -> str:
        return "; ".join(f"{item.label}: {self.number(item.count)}" for item in items) or empty

    def own_text(self, own: OwnText) -> None:
        """The writer's key message or the editors' summary: labelled, apart from the statements."""
        _, word = self._, self.word
        writer = own.author == "writer"
        word.heading(_("Kernboodschap van de opsteller") if writer else _("Samenvatting van de redactie"), 2,
                     "eigen-tekst")
        for text in summary_paragraphs(own.text):
            word.run(word.paragraph("", "Normal"), text, language=own.language)
        label = word.paragraph("", "Body Text")
        word.run(label, _("Eigen tekst van de opsteller van deze brief, geen uitspraak uit de bron. De uitspraken zelf staan hieronder letterlijk.") if writer else _("Eigen tekst van de redactie, geen uitspraak uit de bron. De uitspraken zelf staan hieronder letterlijk."), italic=True)  # noqa: E501

    def labelled(self, label: str, text: str, language: str | None = None, style: str = "Normal") -> None:
        paragraph = self.word.paragraph("", style)
        self.word.run(paragraph, f"{label} ", bold=True)
        self.word.run(paragraph, text, language=language)

    def cover(self, lead: str, extent: str) -> None:
        _, word = self._, self.word
        word.paragraph(_("Beleidsbrief · Aanpak mensenhandel"), "Subtitle")
        word.paragraph(self.brief.title, "Title")
        word.paragraph(lead)
        source = "; ".join(document.title for document in self.brief.documents)
        self.labelled(_("Bron") + ":", source, DUTCH)
        self.labelled(_("Omvang") + ":", extent)
        self.labelled(_("Datum") + ":", self.brief.date_label)
        framing = self.brief.publication  # publication_data.Framing: publisher, edition, status
        if framing is not None:
            if framing.publisher:
                self.labelled(_("Uitgever") + ":", framing.publisher, DUTCH)
            if framing.website:
                self.labelled(_("Website") + ":", framing.website)
            self.labelled(_("Editie") + ":", framing.edition_value)
            if framing.status_label:
                self.labelled(_("Status") + ":", framing.status_label)
        else:
            self.labelled(_("Corpusversie") + ":", self.brief.corpus_version)
        word.table_of_contents(_("Inhoud"))
        word.page_break()

    def key_figures(self, figures: list[tuple[str, str]]) -> None:
        _ = self._
        self.word.heading(_("Kerncijfers"), 2, "kerncijfers")
        self.word.table([_("Kerncijfer"), _("Waarde")], [list(row) for row in figures], numbers_right=False)

    def count_table(self, caption: str, label_header: str, items: tuple[Count, ...]) -> None:
        self.word.table([label_header, self._("Aantal uitspraken")],
                        [[item.label, self.number(item.count)] for item in items], caption)

    def matrix_table(self, caption: str, corner: str, matrix: Matrix, numbered: bool) -> None:
        header = [corner, *(self.number(i) if numbered else column for i, column in enumerate(matrix.columns, 1))]
        body = [[f"{i} {row}" if numbered else row, *("–" if cell is None else self.number(cell) for cell in cells)]
                for i, (row, cells) in enumerate(zip(matrix.rows, matrix.cells, strict=True), 1)]
        self.word.table(header, body, caption, label_share=0.3)

    def statements(self, heading: str, intro: str, parts: list[Section], empty: str,
                   also: Callable[[str], str]) -> None:
        """`also`: the line naming a statement's other themes, from their names joined."""
        word = self.word
        word.heading(heading, 1, "uitspraken")
        word.paragraph(intro)
        for part in parts:
            word.heading(part.title, 2, part.anchor, self.number(len(part.entries)))
            if part.definition:
                word.paragraph(part.definition, language=part.definition_language)
            for entry in part.entries:
                self.statement(entry, also)
            if not part.entries and empty:
                word.paragraph(empty)
        if not parts:
            word.paragraph(empty)

    def statement(self, entry, also: Callable[[str], str]) -> None:
        _, word, statement = self._, self.word, entry.statement
        quote = word.paragraph(statement.text, "Quote", DUTCH)
        word.bookmark(quote, entry.anchor)
        if statement.translation:
            translation = word.paragraph("", "Body Text")
            word.run(translation, _("Vertaling (niet uit de bron):") + " ", italic=True)
            word.run(translation, statement.translation, language="en")
        source = word.paragraph("", "Body Text")
        citation = statement.citation
        word.run(source, citation.short_document, italic=True, language=DUTCH)
        word.run(source, f", §{citation.section}, p.\u00a0{citation.page} · {statement.id}")
        if entry.also:
            word.paragraph(also(", ".join(entry.also)), "Body Text")
        if statement.note:
            note = word.paragraph("", "Body Text")
            word.run(note, _("Noot van de redactie"), bold=True)
            word.run(note, " " + _("(geen deel van de uitspraak):") + " ")
            word.run(note, statement.note, language=DUTCH)

    def colophon(self, assigned: str, total: int) -> None:
        _, word, brief = self._, self.word, self.brief
        source = "; ".join(document.title for document in brief.documents)
        word.heading(_("Verantwoording"), 1, "verantwoording")
        word.heading(_("Wat deze brief is"), 2, "wat-deze-brief-is")
        word.paragraph(_("Deze brief bundelt uitspraken van professionals die in Nederland werken aan de aanpak van mensenhandel. Het zijn knelpunten zoals zij die zelf benoemden: ervaringen en opvattingen, geen onderzoeksbevindingen of vastgestelde feiten. Ze zijn niet gewogen, niet getoetst en niet op representativiteit beoordeeld."))  # noqa: E501
        word.heading(_("Hoe de uitspraken zijn verzameld"), 2, "verzameld")
        word.paragraph(_("De uitspraken komen uit de <cite lang=\"nl\">%(source)s</cite>, waarin knelpunten uit het programma Samen tegen Mensenhandel zijn bijeengebracht. De redactie heeft ze letterlijk overgenomen: dezelfde woorden in dezelfde volgorde, met de spelling en interpunctie van de bron. Alleen woordafbrekingen aan het eind van een regel zijn hersteld. Opmerkingen van de redactie, bijvoorbeeld over een onzekere lezing van de bron, staan apart als ‘Noot van de redactie’ en horen niet bij de uitspraak.", source=source))  # noqa: E501
        word.heading(_("Hoe de thema’s zijn toegekend"), 2, "toegekend")
        word.paragraph(assigned)
        if isinstance(brief, Brief) and brief.theme is not None:
            self.labelled(brief.theme_title + ":", brief.theme_definition, brief.definition_language)
            self.labelled(_("Wel van toepassing") + ":", brief.theme.use_when, DUTCH)
            self.labelled(_("Niet van toepassing") + ":", brief.theme.not_when, DUTCH)
        elif isinstance(brief, Brief):  # a composed brief: its selection, and the codebook's entries of its themes
            self.labelled(_("Afbakening."), brief.theme_definition, brief.definition_language)
            for entry in brief.codebook_entries:
                self.labelled(entry.title + ":", entry.definition, entry.definition_language)
                self.labelled(_("Wel van toepassing") + ":", entry.use_when, DUTCH)
                self.labelled(_("Niet van toepassing") + ":", entry.not_when, DUTCH)
        word.heading(_("Versie"), 2, "versie")
        word.paragraph(_("Corpusversie <span class=\"mono\">%(version)s</span> (de eerste twaalf tekens van de SHA-256-hash over alle bronbestanden; elke wijziging in de uitspraken of het codeboek geeft een andere versie), %(count)s uitspraken in totaal. Brief van %(date)s, gemaakt met %(generator)s.", version=brief.corpus_version, count=self.number(total), date=brief.date_label, generator=f"bottlenecks {__version__}"))  # noqa: E501
        self.citation_of_brief()

    def citation_of_brief(self) -> None:
        framing = self.brief.publication
        if framing is not None:
            self.word.heading(self._("Citeerwijze"), 2, "citeerwijze")
            self.word.paragraph(framing.citation)

    def finish(self, subject: str) -> bytes:
        brief = self.brief
        return self.word.finish(brief.title, subject, brief.keywords, publisher(brief), brief.date)


def _theme_brief(writer: _Writer, brief: Brief) -> None:
    _, ngettext, number, word = writer._, writer.ngettext, writer.number, writer.word
    theme = brief.theme_title.lower()
    extent = ngettext("%(count)s uitspraak", "%(count)s uitspraken", brief.statement_count,
                count=number(brief.statement_count))
    if brief.pages:
        extent += " " + _("uit %(sections)s, p.&nbsp;%(pages)s",
                          sections=", ".join(s.label for s in brief.sections), pages=brief.page_label)
    writer.cover(_("Wat professionals in de aanpak van mensenhandel zelf noemen als knelpunt, letterlijk weergegeven."), extent)  # noqa: E501

    word.heading(_("Samenvatting"), 1, "samenvatting")
    if brief.own_text:
        writer.own_text(brief.own_text)
    lead = ngettext("Deze brief bundelt %(count)s uitspraak over %(theme)s: knelpunten die professionals in de aanpak van mensenhandel zelf benoemden. Het zijn hun woorden, geen onderzoeksbevindingen.", "Deze brief bundelt %(count)s uitspraken over %(theme)s: knelpunten die professionals in de aanpak van mensenhandel zelf benoemden. Het zijn hun woorden, geen onderzoeksbevindingen.", brief.statement_count, count=number(brief.statement_count), theme=theme)  # noqa: E501
    if brief.co_themes:
        lead += " " + _("De meeste raken ook aan andere thema’s; daarom zijn ze gegroepeerd naar het thema waarmee ze het vaakst samen voorkomen.")  # noqa: E501
    word.paragraph(lead)
    writer.labelled(_("Afbakening."), brief.theme_definition, brief.definition_language)
    origin = _("geen")
    if brief.sections:
        origin = writer.counts(brief.sections, "") + "; " + ngettext("pagina %(pages)s", "pagina’s %(pages)s",
                                                                len(brief.pages), pages=brief.page_label)
    figures = [
        (_("Uitspraken"), f"{number(brief.statement_count)} "
                          + _("van de %(total)s in het corpus", total=number(brief.corpus_statement_count))),
        (_("Herkomst"), origin),
        (_("Vaak samen met"), writer.counts(brief.co_themes, _("geen ander thema"))),
        *((_("%(facets)s het vaakst genoemd", facets=facet.label), writer.counts(facet.top, _("geen %(one)s genoemd", one=facet.one)))  # noqa: E501
          for facet in brief.named_facets),
    ]
    figures += [(facet.one_title, writer.counts(facet.top, "")) for facet in brief.other_facets if facet.top]
    writer.key_figures(figures)

    word.heading(_("Figuur 1. Wie de uitspraken noemen"), 2, "figuur-genoemd")
    word.paragraph(_("Hoeveel van de %(count)s uitspraken over %(theme)s een %(named)s noemen. Een uitspraak kan er meer noemen, of geen.", count=number(brief.statement_count), theme=theme, named=brief.named_words))  # noqa: E501
    for facet in brief.named_facets:
        word.heading(facet.label, 3, f"figuur-{facet.anchor}")
        if facet.all:
            writer.count_table(_("Aantal uitspraken per genoemde %(one)s", one=facet.one), facet.one_title, facet.all)
        else:
            word.paragraph(_("Geen %(one)s genoemd.", one=facet.one))

    writer.statements(_("Uitspraken"), _("Elke uitspraak staat letterlijk zoals in de bron, met vindplaats en nummer. Tussen haakjes: het aantal uitspraken in de groep."), sections(brief), _("Er zijn (nog) geen uitspraken over %(theme)s.", theme=theme), lambda names: _("Ook: %(themes)s", themes=names))  # noqa: E501
    writer.colophon(_("De redactie heeft elke uitspraak aan één of meer thema’s toegekend met een vast codeboek: per thema een definitie en aanwijzingen wanneer het wel en niet van toepassing is. Een uitspraak kan onder meerdere thema’s vallen en staat dan in meerdere briefs. In deze brief staat elke uitspraak over %(theme)s precies één keer.", theme=theme), brief.corpus_statement_count)  # noqa: E501


def _overview(writer: _Writer, brief: Overview) -> None:
    _, ngettext, number, word = writer._, writer.ngettext, writer.number, writer.word
    extent = ngettext("%(count)s uitspraak", "%(count)s uitspraken", brief.statement_count,
                count=number(brief.statement_count)) + ", " + ngettext("%(count)s thema", "%(count)s thema’s",
                                                                len(brief.sections), count=number(len(brief.sections)))
    if brief.pages:
        extent += ", p.\u00a0" + brief.page_label
    writer.cover(_("Alle knelpunten die professionals in de aanpak van mensenhandel zelf noemen, per thema en letterlijk weergegeven, met cijfers."), extent)  # noqa: E501

    word.heading(_("Samenvatting"), 1, "samenvatting")
    word.paragraph(ngettext("Dit overzicht bundelt %(count)s uitspraak: een knelpunt dat professionals in de aanpak van mensenhandel zelf benoemden. Het zijn hun woorden, geen onderzoeksbevindingen.", "Dit overzicht bundelt alle %(count)s uitspraken in het corpus: knelpunten die professionals in de aanpak van mensenhandel zelf benoemden. Het zijn hun woorden, geen onderzoeksbevindingen.", brief.statement_count, count=number(brief.statement_count)))  # noqa: E501
    writer.labelled(_("Eén uitspraak, soms meer thema’s."), ngettext("%(count)s uitspraak valt onder meer dan één thema.", "%(count)s uitspraken vallen onder meer dan één thema.", brief.multi_theme_count, count=number(brief.multi_theme_count)) + " " + _("Zo’n uitspraak staat in dit overzicht onder elk van haar thema’s, met de vermelding ‘Ook onder’. Daarom tellen de thema’s samen %(entries)s vermeldingen voor %(count)s uitspraken, en tellen de aantallen per thema niet op tot het totaal.", entries=number(brief.entry_count), count=number(brief.statement_count)))  # noqa: E501
    writer.key_figures([
        (_("Uitspraken"), f"{number(brief.statement_count)} " + _("in het corpus")),
        (_("Onder meer dan één thema"), ngettext("%(count)s uitspraak", "%(count)s uitspraken", brief.multi_theme_count,
                                           count=number(brief.multi_theme_count))),
        (_("Vermeldingen in dit overzicht"), number(brief.entry_count)),
    ])

    word.heading(_("Cijfers"), 1, "cijfers")
    word.paragraph(_("Elke figuur telt uitspraken. Onder elke figuur staan dezelfde getallen in een tabel."))
    word.heading(_("Figuur 1. Uitspraken per thema"), 2, "figuur-themas")
    word.paragraph(_("Een uitspraak met meer thema’s telt bij elk van die thema’s mee."))
    writer.count_table(_("Aantal uitspraken per thema (een uitspraak met meer thema’s telt bij elk thema)"), _("Thema"),
                       brief.theme_counts)
    word.heading(_("Figuur 2. Thema’s die samen voorkomen"), 2, "figuur-samen")
    word.paragraph(_("Elk vak: het aantal uitspraken met zowel het thema van de rij als dat van de kolom (genummerd als de rijen). Hoe donkerder, hoe meer. Gearceerd: een thema met zichzelf."))  # noqa: E501
    writer.matrix_table(_("Aantal uitspraken met zowel het thema van de rij als dat van de kolom"), _("Thema"),
                        brief.co_occurrence, True)
    for index, grid in enumerate(brief.grids, 3):
        word.heading(_("Figuur %(number)s. %(facets)s per thema", number=number(index), facets=grid.label), 2,
                     f"figuur-{grid.anchor}")
        word.paragraph(_("Elk vak: het aantal uitspraken van het thema in de rij waarin de %(one)s genoemd wordt. Hoe donkerder, hoe meer.", one=grid.one))  # noqa: E501
        writer.matrix_table(_("Aantal uitspraken per thema waarin de %(one)s genoemd wordt", one=grid.one), _("Thema"),
                            grid.matrix, False)

    writer.statements(_("Uitspraken per thema"), _("Elke uitspraak staat letterlijk zoals in de bron, met vindplaats en nummer. Een uitspraak met meer thema’s staat onder elk daarvan; ‘Ook onder’ noemt de andere."), sections(brief), _("Er zijn (nog) geen uitspraken over dit thema."), lambda names: _("Ook onder:") + " " + names)  # noqa: E501
    writer.colophon(_("De redactie heeft elke uitspraak aan één of meer thema’s toegekend met een vast codeboek: per thema een definitie en aanwijzingen wanneer het wel en niet van toepassing is. In dit overzicht staat een uitspraak onder elk van haar thema’s; in de brief van één thema staat ze één keer."), brief.statement_count)  # noqa: E501


def render_docx(brief: Brief | Overview, templates_dir: Path) -> bytes:
    writer = _Writer(brief, templates_dir)
    if isinstance(brief, Overview):
        _overview(writer, brief)
        return writer.finish(writer._("Knelpunten: Overzicht"))
    _theme_brief(writer, brief)
    return writer.finish(brief.theme_title)
