"""How a statement is coded, as the exports list it: its themes and facet values, as labels in the brief's language.

The HTML and PDF name only the themes a reader needs beside the brief's own;
a spreadsheet row or a Word document lists every code. Brief and overview
data carry a Coding per statement, made here, so the exporters never go back
to the corpus to select anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bottleneck_briefs.corpus.models import Codebook, Statement


@dataclass(frozen=True)
class Coding:
    themes: tuple[str, ...]  # every theme's title, codebook order
    facets: tuple[tuple[str, ...], ...]  # per facet of the codebook: the value labels, codebook order


def coder(codebook: Codebook, language: str) -> Callable[[Statement], Coding]:
    """A function from statement to Coding, with the codebook's labels in `language` looked up once."""
    english = language == "en"
    themes = {t.slug: (t.title_en if english and t.title_en else t.title) for t in codebook.themes}
    slugs = codebook.facet_slugs
    facets = [
        {v.slug: (v.label_en if english and v.label_en else v.label) for v in facet.values} for facet in codebook.facets
    ]

    def code(statement: Statement) -> Coding:
        chosen = [set(statement.facet_values(facet)) for facet in slugs]  # looked up once per facet, not per label
        return Coding(
            themes=tuple(title for slug, title in themes.items() if slug in statement.themes),
            facets=tuple(
                tuple(label for slug, label in labels.items() if slug in values)
                for values, labels in zip(chosen, facets, strict=True)
            ),
        )

    return code


def facet_titles(codebook: Codebook, language: str) -> dict[str, str]:
    """What each facet is called where a column, a code group or a change names it: its label in `language`."""
    english = language == "en"
    return {facet.slug: facet.label_en if english and facet.label_en else facet.label for facet in codebook.facets}
