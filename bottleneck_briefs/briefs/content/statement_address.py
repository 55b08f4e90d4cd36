"""A statement's permanent address on the publication's website: where the site (`bottlenecks site`) puts its page.

Briefs and notes link each statement there when publication.yaml names a
website, else to the statement within the document itself. The site's page
paths take the folder from here, so the two can never drift apart.
"""

from __future__ import annotations

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE

STATEMENTS_FOLDER = "knelpunten"


def statement_folder(language: str, statement_id: str) -> str:
    """The folder of a statement's page in the site: knelpunten/kp-002/ (English under en/)."""
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    return f"{prefix}{STATEMENTS_FOLDER}/{statement_id.lower()}/"


def statement_address(website: str | None, language: str, statement_id: str) -> str | None:
    """https://example.org/knelpunten/kp-002/ on the website; None without one."""
    if not website:
        return None
    return f"{website.rstrip('/')}/{statement_folder(language, statement_id)}"
