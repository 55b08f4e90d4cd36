"""What publication.yaml lacks for the site's dataset description: warnings, never an invented value.

`bottlenecks site` prints them, and `bottlenecks check --site` reports them
with the corpus's other problems. Each names publication.yaml and the field.
"""

from __future__ import annotations

from pathlib import Path

from bottleneck_briefs.corpus.loading import Corpus, display_name
from bottleneck_briefs.corpus.problems import WARNING, Problem
from bottleneck_briefs.site.dataset_description import licence_uri

PUBLICATION_FILE = "publication.yaml"


def site_requirements(corpus_dir: Path, corpus: Corpus, base_url: str | None = None) -> list[Problem]:
    path = Path(corpus_dir) / PUBLICATION_FILE
    name = display_name(path)

    def warn(field: str, message: str) -> Problem:
        return Problem(name, None, None, field, message, WARNING)

    publication = corpus.publication
    if publication is None:
        return [
            warn(
                "",
                "no publication file: the site's dataset description names no publisher, contact point, "
                "creator, theme or licence; add publication.yaml",
            )
        ]
    found = []
    if not publication.website and not base_url:
        found.append(
            warn(
                "website",
                "missing: the dataset's identifier and download addresses can only be "
                "relative; give the site's address here (or site --base-url)",
            )
        )
    if not publication.contact:
        found.append(
            warn(
                "contact",
                "missing: the dataset description needs a contact point (the organisation's "
                "mailbox or web form, never a person's)",
            )
        )
    if not publication.licence:
        found.append(warn("licence", "missing: the dataset description needs a licence, e.g. 'CC BY 4.0'"))
    elif licence_uri(publication.licence) is None:
        found.append(
            warn(
                "licence",
                f"'{publication.licence}' is not a licence the dataset description can name "
                "by its address: write its URL, or one of CC0 1.0, CC BY 4.0, CC BY-SA 4.0",
            )
        )
    if not publication.creator:
        found.append(
            warn(
                "creator",
                "missing: the dataset description names who made the dataset (the "
                "organisation that curates the statements)",
            )
        )
    if not publication.dataset_theme:
        found.append(
            warn(
                "dataset_theme",
                "missing: the dataset description needs a theme from the government's "
                "policy taxonomy, as its URI (an overheid.nl thema)",
            )
        )
    return found
