"""A composed brief's selection in words, in the brief's language.

"Uitspraken over opvang of zorg en hulpverlening die minderjarigen noemen,
plus 1 gekozen, min 1 uitgesloten": the reader learns what is in the brief
and what the writer added or left out by hand.
"""

from __future__ import annotations

from bottleneck_briefs.briefs.brief_parts import facet_label, theme_title
from bottleneck_briefs.briefs.translations import translations
from bottleneck_briefs.corpus.models import Codebook
from bottleneck_briefs.corpus.selection import Selection


def in_sentence(label: str) -> str:
    """A title or label inside a sentence: lowercase, except acronyms ("COA") and names ("Openbaar Ministerie")."""
    words = label.split()
    if not words or words[0].isupper() or any(word[:1].isupper() for word in words[1:]):
        return label
    return label[:1].lower() + label[1:]


def alternatives(values: list[str], language: str) -> str:
    """"a", "a of b", "a, b of c"."""
    _ = translations(language).gettext
    if len(values) < 2:
        return "".join(values)
    return _("%(first)s of %(last)s") % {"first": ", ".join(values[:-1]), "last": values[-1]}


def selection_sentence(selection: Selection, codebook: Codebook, language: str) -> str:
    catalogue = translations(language)
    _, ngettext = catalogue.gettext, catalogue.ngettext
    themes = {theme.slug: theme for theme in codebook.themes}
    parts = []
    if selection.has_filter:
        words = _("Uitspraken")
        if selection.themes:
            titles = [in_sentence(theme_title(themes[slug], language)) for slug in selection.themes]
            words = _("Uitspraken over %(themes)s") % {"themes": alternatives(titles, language)}
        clauses = []
        for facet, slugs in selection.facets:
            values = {value.slug: value for value in codebook.facet(facet).values}
            labels = [in_sentence(facet_label(values[slug], language)) for slug in slugs]
            clauses.append(_("die %(values)s noemen") % {"values": alternatives(labels, language)})
        if clauses:
            words += " " + (_("%(first)s en %(last)s") % {"first": ", ".join(clauses[:-1]), "last": clauses[-1]}
                            if len(clauses) > 1 else clauses[0])
        parts.append(words)
        if selection.include:
            count = len(selection.include)
            parts.append(ngettext("plus %(count)s gekozen", "plus %(count)s gekozen", count) % {"count": count})
    elif selection.include:
        count = len(selection.include)
        parts.append(ngettext("%(count)s gekozen uitspraak", "%(count)s gekozen uitspraken", count) % {"count": count})
    if selection.exclude:
        count = len(selection.exclude)
        parts.append(ngettext("min %(count)s uitgesloten", "min %(count)s uitgesloten", count) % {"count": count})
    return ", ".join(parts)
