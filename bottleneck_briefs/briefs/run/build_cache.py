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
from pathlib import Path

from bottleneck_briefs.basics.atomic_write import write_atomically
from bottleneck_briefs.basics.digests import file_digest

MANIFEST_NAME = ".bottlenecks-cache.json"
MANIFEST_FORMAT = "bottlenecks-build-cache/1"


@dataclass
class BuildCache:
    """The manifest of one output folder, read once and written back after a successful run."""

    folder: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return Path(self.folder) / MANIFEST_NAME

    @classmethod
    def load(cls, folder: Path) -> BuildCache:
        cache = cls(Path(folder))
        try:
            data = json.loads(cache.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, unreadable, not JSON, not UTF-8
            return cache
        entries = data.get("files") if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None
        if isinstance(entries, dict):
            cache.entries = {
                name: entry
                for name, entry in entries.items()
                if isinstance(entry, dict)
                and isinstance(entry.get("key"), str)
                and isinstance(entry.get("sha256"), str)
            }
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
