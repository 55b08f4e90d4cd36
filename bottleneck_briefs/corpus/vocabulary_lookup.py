"""Theme and facet values as people write them: any case, and a theme's title (or a facet value's label) for its slug.

The command line, brief files and `import` all accept "Financiering" and
"Zorg en hulpverlening" for `financiering` and `zorg`; this is the one place
that says how.
"""

from __future__ import annotations

from bottleneck_briefs.corpus.models import Codebook


class Vocabulary:
    def __init__(self, codebook: Codebook):
        self.themes = {theme.title.casefold(): theme.slug for theme in codebook.themes}
        self.themes.update({theme.slug.casefold(): theme.slug for theme in codebook.themes})
        self.facet_values: dict[str, dict[str, str]] = {}
        for facet in codebook.facet_slugs:
            values = codebook.facet(facet).values
            known = {value.label.casefold(): value.slug for value in values}
            known.update({value.slug.casefold(): value.slug for value in values})
            self.facet_values[facet] = known
        self.theme_slugs = [theme.slug for theme in codebook.themes]
        self.facet_slugs = {facet.slug: [value.slug for value in facet.values] for facet in codebook.facets}

    def theme(self, written: str) -> str | None:
        """The slug of the theme `written` names, or None."""
        return self.themes.get(written.strip().casefold())

    def facet_value(self, facet: str, written: str) -> str | None:
        return self.facet_values[facet].get(written.strip().casefold())
