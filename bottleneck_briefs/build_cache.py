"""Skip briefs whose inputs have not changed since they were written.

A small JSON manifest in the output folder maps each written file to the key
of the inputs it was made from and the sha256 of the bytes written. A file is
up to date only when its key is the same (every input that can change the
output is hashed into it: corpus, templates and fonts, options, this
program's code and version, the renderer's version) and the file on disk
still has exactly the bytes that were written. A missing, corrupt or foreign
manifest just means everything is rendered; it is never an error.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .atomic_write import write_atomically

MANIFEST_NAME = ".bottlenecks-cache.json"
MANIFEST_FORMAT = "bottlenecks-build-cache/1"
PACKAGE_DIR = Path(__file__).resolve().parent
# what reads the corpus and renders the briefs: a new version may change a check result or a brief
DEPENDENCIES = ("pyyaml", "pydantic", "pydantic-core", "jinja2", "babel", "weasyprint", "pydyf", "tinycss2",
                "cssselect2", "fonttools", "pillow")


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
    digest = hashlib.sha256(__version__.encode() + b"\0" + folder_digest(PACKAGE_DIR, "*.py").encode()
                            + b"\0" + folder_digest(PACKAGE_DIR, "*.po").encode())
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


@dataclass
class BuildCache:
    """The manifest of one output folder, read once and written back after a successful run."""

    folder: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return Path(self.folder) / MANIFEST_NAME

    @classmethod
    def load(cls, folder: Path) -> "BuildCache":
        cache = cls(Path(folder))
        try:
            data = json.loads(cache.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, unreadable, not JSON, not UTF-8
            return cache
        entries = data.get("files") if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None
        if isinstance(entries, dict):
            cache.entries = {name: entry for name, entry in entries.items()
                             if isinstance(entry, dict) and isinstance(entry.get("key"), str)
                             and isinstance(entry.get("sha256"), str)}
        return cache

    def is_current(self, target: Path, key: str) -> bool:
        """True when `target` was written from inputs with this key and has not been touched since."""
        entry = self.entries.get(Path(target).name)
        if entry is None or entry["key"] != key:
            return False
        try:
            return file_digest(target) == entry["sha256"]
        except OSError:
            return False

    def record(self, target: Path, key: str, data: bytes) -> None:
        self.entries[Path(target).name] = {"key": key, "sha256": hashlib.sha256(data).hexdigest()}

    def save(self) -> None:
        text = json.dumps({"format": MANIFEST_FORMAT, "files": dict(sorted(self.entries.items()))}, indent=1)
        write_atomically(self.path, (text + "\n").encode("utf-8"))
