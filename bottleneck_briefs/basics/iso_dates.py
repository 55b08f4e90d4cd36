"""Dates as the command line and the environment give them: strictly YYYY-MM-DD, or whole seconds since 1970.

Python's `date.fromisoformat` also takes 20260101 and 2026W011 (a week date);
the README promises YYYY-MM-DD, and a form a reader cannot check at a glance
is a typo waiting to be published. Standard library only: the up-to-date
check reads the brief's date without loading anything heavy.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A Word or Excel file is a zip archive, whose dates end with 2107: a later brief date cannot be stored.
LAST_DATE = date(2107, 12, 31)


def iso_date(text: str) -> date | None:
    """The date `text` names in the form YYYY-MM-DD, or None (another form, or no such day)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def epoch_date(text: str) -> date | None:
    """The UTC date of `text` seconds since 1970 (SOURCE_DATE_EPOCH), or None: not a whole number, or
    beyond the calendar."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 12:  # 12 digits: some 31,000 years
        return None
    try:
        return datetime.fromtimestamp(int(text), tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
