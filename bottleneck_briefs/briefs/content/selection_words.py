"""A composed brief's selection in words, in the brief's language.

"Uitspraken over opvang of zorg en hulpverlening die minderjarigen noemen,
aangevuld met 1 met de hand gekozen uitspraak; 1 uitspraak is met de hand
weggelaten": the reader learns what is in the brief and what the writer added
or left out by hand. An ad-hoc brief's title says its selection the same way:
"Capaciteit en financiering bij gemeenten".
"""

from __future__ import annotations

from bottleneck_briefs.briefs.content.brief_parts import facet_label, theme_title
from bottleneck_briefs.briefs.content.translations import translations
from bottleneck_briefs.corpus.models import Codebook
from bottleneck_briefs.corpus.selection import Selection


def in_sentence(label: str) -> str:
    """A title or label inside a sentence: lowercase, except acronyms ("COA") and names ("Openbaar Ministerie")."""
    words = label.split()
    if not words or words[0].isupper() or any(word[:1].isupper() for word in words[1:]):
        return label
    return label[:1].lower() + label[1:]


def _listed(values: list[str], word: str, language: str) -> str:
    """ "a", "a WORD b", "a, b WORD c" (WORD: "of" or "en", in the brief's language)."""
    _ = translations(language).gettext
    if len(values) < 2:
        return "".join(values)
    pattern = _("%(first)s of %(last)s") if word == "or" else _("%(first)s en %(last)s")
    return pattern % {"first": ", ".join(values[:-1]), "last": values[-1]}


def alternatives(values: list[str], language: str) -> str:
    """ "a", "a of b", "a, b of c"."""
    return _listed(values, "or", language)


def _facet_words(selection: Selection, codebook: Codebook, language: str) -> list[str]:
    """Per facet given: its values as alternatives ("gemeenten of politie")."""
    words = []
    for facet, slugs in selection.facets:
        values = {value.slug: value for value in codebook.facet(facet).values}
        words.append(alternatives([in_sentence(facet_label(values[slug], language)) for slug in slugs], language))
    return words


def selection_title(selection: Selection, codebook: Codebook, language: str) -> str:
    """An ad-hoc brief's title: "Capaciteit en financiering bij gemeenten", "Gemeenten"."""
    _ = translations(language).gettext
    themes = {theme.slug: theme for theme in codebook.themes}
    titles = [theme_title(themes[slug], language) for slug in selection.themes]
    title = _listed([titles[0], *map(in_sentence, titles[1:])] if titles else [], "and", language)
    facets = _listed(_facet_words(selection, codebook, language), "and", language)
    if title and facets:
        return _("%(themes)s bij %(facets)s") % {"themes": title, "facets": facets}
    words = title or facets
    return words[:1].upper() + words[1:]


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
        clauses = [
            _("die %(values)s noemen") % {"values": values} for values in _facet_words(selection, codebook, language)
        ]
        if clauses:
            words += " " + _listed(clauses, "and", language)
        if selection.include:
            count = len(selection.include)
            words += ngettext(
                ", aangevuld met %(count)s met de hand gekozen uitspraak",
                ", aangevuld met %(count)s met de hand gekozen uitspraken",
                count,
            ) % {"count": count}
        parts.append(words)
    elif selection.include:
        count = len(selection.include)
        parts.append(
            ngettext("%(count)s met de hand gekozen uitspraak", "%(count)s met de hand gekozen uitspraken", count)
            % {"count": count}
        )
    if selection.exclude:
        count = len(selection.exclude)
        parts.append(
            ngettext(
                "%(count)s uitspraak is met de hand weggelaten",
                "%(count)s uitspraken zijn met de hand weggelaten",
                count,
            )
            % {"count": count}
        )
    return "; ".join(parts)
