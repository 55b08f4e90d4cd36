"""Where the templates, stylesheets and fonts of a brief come from: the user's folder first, then the bundled one.

`--templates DIR` may hold only the files a user changes (just `brief.css`,
say): every other file comes from the bundled templates. The Jinja loader,
the fonts the HTML carries inline, the PDF's URL fetcher and the build
cache's key all look a file up the same way, through `find`.

A folder named on the command line is checked before anything reads it, so
that `--templates /usr` is refused at once instead of being hashed file by
file: it must hold a template, a stylesheet or a font, and not more files or
bytes than a templates folder plausibly has, and no link that leads out of it
(a `brief.css` linked to a file elsewhere would be read and inlined into the
brief, and a linked folder's files would escape the cache key). `find` and
the Jinja loader refuse such a link as well, should one appear later.

Light (standard library only): the up-to-date check hashes these folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from bottleneck_briefs.basics.digests import cache_key, folder_digest
from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES, MAX_TEMPLATE_BYTES, MAX_TEMPLATE_FILES

TEMPLATE_SUFFIXES = (".j2", ".css", ".woff2", ".docx", ".odt")  # what the briefs take from a templates folder


class TemplateFileError(Exception):
    """A template could not be loaded or rendered; the message names the file and line.

    Defined here, in the light module, so that a report writing only spreadsheets can catch it without
    importing Jinja."""


class TemplatesFolderError(ValueError):
    """A folder given as --templates that cannot be one; the message says why."""


def template_folders(templates_dir: Path = DEFAULT_TEMPLATES) -> tuple[Path, ...]:
    """The folders a file is looked up in, in order: `templates_dir`, then the bundled templates."""
    if Path(templates_dir).resolve() == DEFAULT_TEMPLATES.resolve():
        return (DEFAULT_TEMPLATES,)
    return (Path(templates_dir), DEFAULT_TEMPLATES)


def find(templates_dir: Path, relative: str) -> Path | None:
    """The file `relative` (e.g. 'fonts/NotoSerif-Regular.woff2') from the first folder that has it, resolved.

    A file (or symlink) that leads out of its folder does not count: it is never read.
    """
    for folder in template_folders(templates_dir):
        root = Path(folder).resolve()
        path = (root / relative).resolve()
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


def relative_name(path: Path, templates_dir: Path) -> str | None:
    """`path` as a name inside one of the folders (the first that holds it), or None when it is in none."""
    resolved = Path(path).resolve()
    for folder in template_folders(templates_dir):
        root = Path(folder).resolve()
        if resolved.is_relative_to(root):
            return resolved.relative_to(root).as_posix()
    return None


def folders_digest(templates_dir: Path) -> str:
    """One digest over every file of every folder a brief may take a file from, in lookup order."""
    return cache_key(*(folder_digest(folder) for folder in template_folders(templates_dir)))


def _resolves_inside(path: Path, root: Path) -> bool:
    """Where a link leads, read from the links alone (realpath: lstat and readlink), never stat-ing the target."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(root)
    except OSError:
        return False


def check_templates_folder(folder: Path) -> None:
    """Refuse a folder that cannot be a templates folder, before anything reads or hashes all of it."""
    folder = Path(folder)
    if not folder.is_dir():
        raise TemplatesFolderError(f"{folder} is not a folder")
    files = total = 0
    has_template = False
    inside = folder.resolve()
    for root, folders, names in os.walk(folder):  # never into a linked folder: it is refused below
        for name in folders + names:
            path = Path(root) / name
            if os.path.islink(path) and not _resolves_inside(path, inside):  # lstat: never reads the target
                raise TemplatesFolderError(
                    f"{path} is a link to a file or folder outside the templates folder, which is never read; "
                    "copy what it links to into the folder instead"
                )
        for name in names:
            files += 1
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue  # a dangling link: the lookup will not find it either
            has_template = has_template or name.endswith(TEMPLATE_SUFFIXES)
            if files > MAX_TEMPLATE_FILES or total > MAX_TEMPLATE_BYTES:
                raise TemplatesFolderError(
                    f"{folder} holds more than {MAX_TEMPLATE_FILES:,} files or "
                    f"{MAX_TEMPLATE_BYTES // 1024 // 1024} MB: "
                    "too much for a templates folder; name the folder with just the templates you changed"
                )
    if not has_template:
        raise TemplatesFolderError(
            f"{folder} holds no template, stylesheet or font ({', '.join('*' + s for s in TEMPLATE_SUFFIXES)}); "
            "put the files you change there (e.g. a copy of brief.css), the rest comes from the bundled templates"
        )
