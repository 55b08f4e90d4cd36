"""Where the kinds of note are declared (corpus/note_kinds), and a digest of those files.

Apart from note_kinds, and light: a cache key needs the digest before anything of the data model is imported.
"""

from __future__ import annotations

from pathlib import Path

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES

KINDS_FOLDER = "notes"  # inside a templates folder
DECLARATION_SUFFIX = ".yaml"
TEMPLATE_SUFFIX = ".html.j2"


def kind_folders(templates_dir: Path | None) -> tuple[Path, ...]:
    """The user's templates folder first, then the bundled one (as the templates themselves are found)."""
    folders = [Path(templates_dir)] if templates_dir is not None else []
    if not folders or folders[0].resolve() != DEFAULT_TEMPLATES.resolve():
        folders.append(DEFAULT_TEMPLATES)
    return tuple(folders)


def kinds_digest(templates_dir: Path | None = None) -> str:
    """A digest of every kind declaration `note_kinds` reads: part of a clean check's key."""
    from bottleneck_briefs.basics.digests import cache_key, folder_digest

    return cache_key(
        *(
            folder_digest(folder / KINDS_FOLDER, f"*{DECLARATION_SUFFIX}")
            for folder in kind_folders(templates_dir)
            if (folder / KINDS_FOLDER).is_dir()
        )
    )
