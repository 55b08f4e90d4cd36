"""The date printed on a brief: never the wall clock, so a rerun gives the same file.

In order: an explicit date, SOURCE_DATE_EPOCH (the reproducible-builds
convention), the time of the last git commit touching the corpus, and
finally the newest modification time of a corpus file. Times are read in UTC
so the date does not depend on the machine's time zone.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from bottleneck_briefs.basics.iso_dates import LAST_DATE, epoch_date, iso_date


class BriefDateError(ValueError):
    pass


def parse_date(text: str) -> date:
    day = iso_date(text)
    if day is None:
        raise BriefDateError(f"'{text}' is not a date in the form YYYY-MM-DD")
    return _storable(day, f"'{text}'")


def _storable(day: date, given: str) -> date:
    if day > LAST_DATE:
        raise BriefDateError(
            f"{given} is after {LAST_DATE.isoformat()}, the last date a Word or Excel file (a zip archive) can hold"
        )
    return day


def last_commit_epoch(corpus_dir: Path) -> int | None:
    """The commit time of the last commit that touched the corpus, or None outside git."""
    try:
        completed = subprocess.run(
            ["git", "-C", str(corpus_dir), "log", "-1", "--format=%ct", "--", "."],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    output = completed.stdout.strip()
    return int(output) if completed.returncode == 0 and output.isdigit() else None


def newest_mtime_epoch(corpus_dir: Path) -> int | None:
    times = [int(path.stat().st_mtime) for path in Path(corpus_dir).rglob("*") if path.is_file()]
    return max(times, default=None)


def brief_date(corpus_dir: Path, explicit: str | None = None, environ: Mapping[str, str] | None = None) -> date:
    environ = os.environ if environ is None else environ
    if explicit:
        return parse_date(explicit)
    epoch_text = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch_text:
        day = epoch_date(epoch_text)
        if day is None:
            raise BriefDateError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '{epoch_text}'")
        return _storable(day, f"SOURCE_DATE_EPOCH ({day.isoformat()})")
    for epoch in (last_commit_epoch(corpus_dir), newest_mtime_epoch(corpus_dir)):
        day = None if epoch is None else epoch_date(str(epoch))
        if day is not None:  # a file dated beyond the calendar: give --date
            return _storable(day, f"the corpus's date ({day.isoformat()})")
    raise BriefDateError(f"cannot tell the corpus's date: no files in {corpus_dir}; give --date YYYY-MM-DD")
