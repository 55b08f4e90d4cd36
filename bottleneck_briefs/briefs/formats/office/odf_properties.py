"""The document properties of an OpenDocument file (ODT or ODS), written one way for both.

Fixed to the brief's date and free of the editing statistics LibreOffice would
otherwise keep, so that the same brief gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from odfdo import Document

from bottleneck_briefs import __version__
from bottleneck_briefs.basics.names import LANGUAGE_TAGS


def set_properties(
    document: Document, title: str, subject: str, keywords: Sequence[str], language: str, author: str, day: date
) -> None:
    moment = datetime.combine(day, time())
    meta = document.meta
    meta.set_title(title)
    meta.set_subject(subject)
    meta.set_keywords(", ".join(keywords))
    meta.set_language(LANGUAGE_TAGS[language])
    meta.set_initial_creator(author)
    meta.set_creator(author)
    meta.set_creation_date(moment)
    meta.set_modification_date(moment)
    meta.set_generator(f"bottlenecks {__version__}")
    meta.set_editing_cycles(1)
    meta.set_editing_duration(timedelta(0))
    statistic = meta.get_element("//meta:document-statistic")
    if statistic is not None and statistic.parent is not None:
        statistic.parent.delete(statistic)
