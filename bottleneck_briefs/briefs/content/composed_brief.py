"""A composed brief: the statements a brief file (or the command line) selects, as a brief like a theme's.

It has the same cover, key figures, grouping, citations and colophon as a
theme's brief (brief_data.selection_brief builds both). What differs: its
title is the writer's, its scope is its selection in words, and the writer's
key message, if any, is shown apart from the statements.
"""

from __future__ import annotations

from datetime import date

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE
from bottleneck_briefs.briefs.content.brief_data import (
    Brief,
    CodebookEntry,
    OwnText,
    selection_brief,
    theme_definition,
    theme_title,
)
from bottleneck_briefs.briefs.content.selection_words import in_sentence, selection_sentence
from bottleneck_briefs.briefs.content.translations import gettext_for
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.selection import BriefSpec


class EmptySelectionError(ValueError):
    """The selection matches no statement (check reports it for brief files; the command line needs it too)."""


def build_composed_brief(corpus: Corpus, spec: BriefSpec, day: date, language: str = DEFAULT_LANGUAGE) -> Brief:
    _ = gettext_for(language)
    statements = spec.selection.select(corpus.statements)
    if not statements:
        raise EmptySelectionError(f"brief '{spec.name}': the selection matches no statement")
    order = [theme.slug for theme in corpus.codebook.themes]
    shared = tuple(slug for slug in order if all(slug in statement.themes for statement in statements))
    english = language == "en"
    title = spec.title_en if english and spec.title_en else spec.title
    summary, summary_language = (spec.summary_en, "en") if english and spec.summary_en else (spec.summary, "nl")
    sentence = selection_sentence(spec.selection, corpus.codebook, language)
    brief = selection_brief(
        corpus,
        statements,
        day,
        language,
        name=spec.name,
        title=_("Knelpunten: %(theme)s") % {"theme": title},
        own_themes=spec.selection.themes + shared,
        shared_themes=shared,
        theme=None,
        theme_title=title,
        theme_definition=sentence + ".",
        definition_language=language,
        own_text=OwnText(summary, "writer", summary_language) if summary else None,
        selection_sentence=sentence,
        codebook_entries=_codebook_entries(corpus, spec, language),
        selection=spec.selection,
        hand_picked=spec.selection.include,
        left_out=spec.selection.exclude,
    )
    return _with_group_headings(brief, corpus, shared, language)


def _codebook_entries(corpus: Corpus, spec: BriefSpec, language: str) -> tuple[CodebookEntry, ...]:
    """The selection's themes as the codebook defines them (what the colophon explains)."""
    entries = []
    for theme in corpus.codebook.themes:
        if theme.slug in spec.selection.themes:
            definition, definition_language = theme_definition(theme, language)
            entries.append(
                CodebookEntry(
                    theme_title(theme, language), definition, definition_language, theme.use_when, theme.not_when
                )
            )
    return tuple(entries)


def _with_group_headings(brief: Brief, corpus: Corpus, shared: tuple[str, ...], language: str) -> Brief:
    """Groups named for a reader of this brief: by their theme, or "with X" when all share a theme."""
    from dataclasses import replace

    _ = gettext_for(language)
    titles = {theme.slug: in_sentence(theme_title(theme, language)) for theme in corpus.codebook.themes}
    shared_words = " / ".join(titles[slug] for slug in shared)
    groups = []
    for group in brief.groups:
        if group.co_theme is None:
            heading = _("Alleen %(theme)s") % {"theme": shared_words}
        elif shared:
            heading = _("Samen met %(theme)s") % {"theme": in_sentence(group.co_theme)}
        else:
            heading = group.co_theme
        groups.append(replace(group, heading=heading))
    return replace(brief, groups=tuple(groups))
