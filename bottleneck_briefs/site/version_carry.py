"""A brief's file from the previous build with only the corpus's version written anew.

Every brief names the version of the corpus it was made from (its Kenmerk, the
first 12 hex digits of the corpus's digest), so one changed statement changes
every brief's files, also those of the briefs that do not hold it. The site's
build cache keys a brief's file without that version; when only the version
differs, the old file is taken with the old version replaced by the new one.
The result is the bytes a fresh render gives (the site's rebuild test holds
the two side by side): the templates print the version as it is and nowhere
else, HTML and CSV are plain text, and an office file is a zip archive that
`fixed_dates` writes the same way from the same members.

That holds only while every template shows `corpus_version` verbatim
(`{{ brief.corpus_version }}`): a template that shortens it, changes its case
or passes it on could show it in a form no replacement finds, so with such a
template every brief is rendered anew.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

from bottleneck_briefs.briefs.formats.office_files import fixed_dates
from bottleneck_briefs.briefs.render.template_folders import template_folders

FIELD = "corpus_version"
_VERBATIM = re.compile(r"\{\{-?\s*[A-Za-z_][\w.]*\." + FIELD + r"\s*-?\}\}")
ARCHIVES = ("docx", "xlsx", "odt", "ods")  # zip archives written by fixed_dates
CARRIED = ("html", "csv", *ARCHIVES)  # not a PDF: the version is laid out there, in glyphs of a font's subset


def templates_show_it_verbatim(templates_dir: Path) -> bool:
    """Whether every template that names the corpus's version prints it as it is (and does nothing else with it)."""
    for folder in template_folders(templates_dir):
        for path in sorted(Path(folder).rglob("*.j2")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return False
            if text.count(FIELD) != len(_VERBATIM.findall(text)):
                return False
    return True


def carried(data: bytes, suffix: str, old: str, new: str, day: date) -> bytes:
    """The file `data` (a format of CARRIED), made for corpus version `old`, as it is for version `new` (the brief
    dated `day`)."""
    assert suffix in CARRIED, suffix
    if old == new:
        return data
    before, after = old.encode("ascii"), new.encode("ascii")
    if suffix not in ARCHIVES:
        return data.replace(before, after)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [member.filename for member in archive.infolist()]
    return fixed_dates(data, day, {name: lambda member: member.replace(before, after) for name in names})
