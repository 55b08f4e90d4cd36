"""Which files make up the corpus, and its version (a digest of their names and bytes).

Kept apart and light so that a report run can tell whether anything changed
without loading the corpus.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

CODEBOOK_NAME = "codebook.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def digest_entry(relative_name: str, content_digest: str) -> bytes:
    """One file's part of the corpus digest; load_corpus and corpus_digest both use it."""
    return relative_name.encode() + b"\0" + content_digest.encode() + b"\0"


def corpus_digest(folder: Path) -> str:
    """The corpus version as load_corpus computes it for a readable corpus, without parsing anything."""
    folder = Path(folder)
    digest = hashlib.sha256()
    for path in corpus_files(folder):
        digest.update(digest_entry(path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()))
    return digest.hexdigest()
