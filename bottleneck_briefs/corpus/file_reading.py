"""Read one corpus file's bytes within the size limit: what every kind of corpus file is read with."""

from __future__ import annotations

from pathlib import Path

from bottleneck_briefs.basics.names import MAX_FILE_BYTES
from bottleneck_briefs.corpus.problems import Problem


def read_bounded(path: Path, display_name: str, too_large_advice: str = "") -> bytes | Problem:
    """The file's bytes, or why they were not read: too large (never read: parsing that much would take
    minutes) or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1024 // 1024
            message = f"file is too large ({size / 1024 / 1024:.1f} MB; the limit is {limit} MB){too_large_advice}"
            return Problem(display_name, None, None, "", message)
        return path.read_bytes()
    except OSError as error:
        return Problem(display_name, None, None, "", f"cannot read file: {error.strerror or error}")
