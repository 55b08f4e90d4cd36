"""sha256 digests of files, folders and this program: what caches and versions are keyed by."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from bottleneck_briefs import __version__
from bottleneck_briefs.basics.names import PACKAGE_DIR

# what reads the corpus and renders the briefs: a new version may change a check result or a brief
DEPENDENCIES = (
    "pyyaml",
    "pydantic",
    "pydantic-core",
    "jinja2",
    "babel",
    "weasyprint",
    "pydyf",
    "tinycss2",
    "cssselect2",
    "fonttools",
    "pillow",
    "python-docx",
    "odfdo",
    "xlsxwriter",
    "lxml",
    "phonenumbers",
    "python-stdnum",
    "deduce",
)  # what the privacy check finds depends on them too


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def folder_digest(folder: Path, pattern: str = "*") -> str:
    """sha256 over the relative name and content of every file below `folder` matching `pattern`."""
    folder = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def program_digest() -> str:
    """This program's version, code and translation catalogues, and the versions of what it depends on.

    The code itself is hashed because a change to how a brief is built changes
    the brief even when nobody bumped the version number.
    """
    digest = hashlib.sha256(
        __version__.encode()
        + b"\0"
        + folder_digest(PACKAGE_DIR, "*.py").encode()
        + b"\0"
        + folder_digest(PACKAGE_DIR, "*.po").encode()
    )
    for package in DEPENDENCIES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"\0{package}={version}".encode())
    return digest.hexdigest()


def cache_key(*parts: str) -> str:
    """One key from the input digests and options of one output file."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
