"""The facets a codebook's data declares, read leniently and without the data model.

The command line reads them before it parses its arguments (each facet is a
filter option), so this module imports neither pydantic nor the models: an
up-to-date report stays as quick to answer as it was.
"""

from __future__ import annotations


def written_facet_slugs(codebook_data: object) -> tuple[str, ...]:
    """The facet slugs a codebook's data declares, read leniently: files are still checked against them when
    the codebook itself has errors elsewhere (its own problems are reported on their own). A codebook in the
    layout before facets were declarations (`facets: {doelgroep: [...]}`) names them by its keys."""
    facets = codebook_data.get("facets") if isinstance(codebook_data, dict) else None
    if isinstance(facets, dict):
        slugs = list(facets)
    else:
        slugs = [facet.get("slug") for facet in facets if isinstance(facet, dict)] if isinstance(facets, list) else []
    return tuple(dict.fromkeys(slug for slug in slugs if isinstance(slug, str)))
