"""Which files make up the corpus, and its version (a digest of their names and bytes).

Kept apart and light so that a report run can tell whether anything changed
without loading the corpus. A file that resolves outside the corpus folder (a
link to /etc/passwd, to another project's YAML) is never part of it: it is
refused by name and never read.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

from bottleneck_briefs.basics.names import MAX_CORPUS_BYTES, MAX_FILE_BYTES
from bottleneck_briefs.basics.printable import printable

CODEBOOK_NAME = "codebook.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
NOTES_FOLDER, NOTE_SUFFIX = "notes", ".md"  # the writers' notes: Markdown with YAML front matter


def _candidates(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False
    return True


def note_files(folder: Path) -> list[Path]:
    """The notes (notes/*.md and below, so that a misplaced one is told): regular files inside the folder."""
    root = Path(folder).resolve()
    return sorted(
        path
        for path in (Path(folder) / NOTES_FOLDER).rglob(f"*{NOTE_SUFFIX}")
        if path.is_file() and _inside(path, root)
    )


def corpus_files(folder: Path) -> list[Path]:
    """The YAML files of the corpus: regular files that resolve inside the folder."""
    root = Path(folder).resolve()
    return [path for path in _candidates(folder) if _inside(path, root)]


def outside_files(folder: Path) -> list[Path]:
    """YAML names in the folder that lead outside it (links): refused, never read."""
    root = Path(folder).resolve()
    return [path for path in _candidates(folder) if not _inside(path, root)]


def display_name(path: Path) -> str:
    """How a file is named in messages: relative to where the user stands when possible, escaped."""
    try:
        return printable(str(path.absolute().relative_to(Path.cwd().resolve())))
    except ValueError:
        return printable(str(path))


def digest_entry(relative_name: str, content_digest: str) -> bytes:
    """One file's part of the corpus digest; load_corpus and corpus_digest both use it."""
    return os.fsencode(relative_name) + b"\0" + content_digest.encode() + b"\0"


REFUSED_DIGEST = "outside"  # the content digest of a refused link: its name still changes the version


def corpus_digest(folder: Path) -> str:
    """The corpus version as load_corpus computes it for a readable corpus, without parsing anything.

    OSError when a file cannot be read or the files are over the size limits."""
    folder = Path(folder)
    files = corpus_files(folder) + note_files(folder)
    sizes = [path.stat().st_size for path in files]
    if any(size > MAX_FILE_BYTES for size in sizes) or sum(sizes) > MAX_CORPUS_BYTES:
        # never read what load_corpus refuses to read; its full run names the file and the limit
        raise OSError(errno.EFBIG, "corpus files over the size limits", str(folder))
    entries = [(path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()) for path in files]
    entries += [(path.relative_to(folder).as_posix(), REFUSED_DIGEST) for path in outside_files(folder)]
    return combined_digest(entries)


def combined_digest(entries: list[tuple[str, str]]) -> str:
    """The corpus version from (relative name, content digest) of every file, in any order."""
    digest = hashlib.sha256()
    for name, content in sorted(entries):
        digest.update(digest_entry(name, content))
    return digest.hexdigest()
