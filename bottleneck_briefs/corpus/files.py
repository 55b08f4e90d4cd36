"""Which files make up the corpus, and its version (a digest of their names and bytes).

Kept apart and light so that a report run can tell whether anything changed
without loading the corpus.
"""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

from bottleneck_briefs.basics.names import MAX_CORPUS_BYTES, MAX_FILE_BYTES

CODEBOOK_NAME = "codebook.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def digest_entry(relative_name: str, content_digest: str) -> bytes:
    """One file's part of the corpus digest; load_corpus and corpus_digest both use it."""
    return relative_name.encode() + b"\0" + content_digest.encode() + b"\0"


def corpus_digest(folder: Path) -> str:
    """The corpus version as load_corpus computes it for a readable corpus, without parsing anything.

    OSError when a file cannot be read or the files are over the size limits."""
    folder = Path(folder)
    files = corpus_files(folder)
    sizes = [path.stat().st_size for path in files]
    if any(size > MAX_FILE_BYTES for size in sizes) or sum(sizes) > MAX_CORPUS_BYTES:
        # never read what load_corpus refuses to read; its full run names the file and the limit
        raise OSError(errno.EFBIG, "corpus files over the size limits", str(folder))
    digest = hashlib.sha256()
    for path in files:
        digest.update(digest_entry(path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()))
    return digest.hexdigest()
