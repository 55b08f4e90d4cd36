"""Remember clean `check` runs, so an unchanged corpus is confirmed without parsing it again.

`check` runs again and again on a corpus that has not changed since the last
run (CI, `pre-commit run --all-files`, an editor checking once more). A clean
run's report is stored in the user's cache folder under a key made of the
corpus digest (every byte of every corpus file) and the program digest (this
code, and the versions of PyYAML, pydantic and the rest): a later run with the
same key is the same computation, so it prints the stored report after hashing
the files instead of parsing and validating them. Runs that found any problem
are never stored: their messages are always made fresh. A missing or
unwritable cache folder just means a full check. Kept light: no pydantic, no
YAML parser.
"""

from __future__ import annotations

import os
from pathlib import Path

from bottleneck_briefs.basics.digests import cache_key, program_digest
from bottleneck_briefs.corpus.files import corpus_digest


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bottlenecks" / "check"


def check_key(corpus_dir: Path, templates_dir: Path | None = None) -> str | None:
    """The key of a check of this corpus by this program, with the kinds of note the templates declare;
    None when the files cannot be read."""
    from bottleneck_briefs.corpus.note_kind_files import kinds_digest

    try:
        return cache_key("check", program_digest(), corpus_digest(corpus_dir), kinds_digest(templates_dir))
    except OSError:
        return None


def remembered_report(key: str | None) -> str | None:
    if key is None:
        return None
    try:
        return (cache_folder() / key).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def remember_report(key: str | None, report: str) -> None:
    """Store a clean run's report; failing to store it only costs the next run a full check."""
    if key is None:
        return
    from bottleneck_briefs.basics.atomic_write import write_atomically

    try:
        cache_folder().mkdir(parents=True, exist_ok=True)
        write_atomically(cache_folder() / key, report.encode("utf-8"))
    except OSError:
        pass
