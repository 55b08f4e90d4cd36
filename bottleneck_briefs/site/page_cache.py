"""Reuse the pages of the previous build whose inputs did not change: the site's build cache.

A page's key is a digest of everything that can change its bytes: this
program (code, catalogues, dependencies), the templates, the language and
the site's options, the site-wide facts every page shows (publisher,
edition, status, date) and the page's own kind, path, title and context.
Only the kinds that show nothing but their context are cached (a statement,
a withdrawn one, a map cell, a facet value: the thousands of pages; a
note, whose key also holds its files' names, sizes and digests, and whose
data holds the corpus's version as its files show it, so that any change
to the corpus renders the few notes anew); the
few pages that read the whole collection (home, map, briefs) are always
rendered. The context is written out field by field (Describer): the
views are frozen dataclasses and models of plain values, so equal
descriptions mean equal pages (an object of another kind is described by
its repr: one that carries an address only misses the cache, it is never
wrongly reused). An object met again, such as a facet every statement
names, is described once per build.

A brief's file is keyed without the corpus's version its colophon names, which
every change to the corpus changes; its entry records that version, and a file
whose key matches is taken with the version written anew (version_carry).

The manifest (path -> key and the sha256 of the bytes; beside it the digest
of all the site's inputs and the sha256 of every file, for site_intact) is a
file of the site, written with it all or nothing. An old page is reused only when its
key matches and the file is still a plain file inside the old site with
exactly those bytes; a missing, corrupt or foreign manifest means every
page is rendered, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bottleneck_briefs.basics.digests import cache_key, program_digest
from bottleneck_briefs.basics.field_names import field_values
from bottleneck_briefs.site.old_site import OldFiles, old_files

MANIFEST = ".bottlenecks-site-cache.json"
FORMAT = "bottlenecks-site-cache/1"
CACHED_KINDS = ("statement", "retired", "cell", "facet-value", "note")


@dataclass
class PageCache:
    old: Path | None  # the previous site's folder (resolved), None: no previous site
    entries: dict[str, dict[str, str]] = field(default_factory=dict)  # from the previous build
    made: dict[str, dict[str, str]] = field(default_factory=dict)  # this build's
    files: OldFiles = field(default_factory=OldFiles)  # the old site's plain files

    @classmethod
    def load(cls, output: Path) -> PageCache:
        output = Path(output)
        if output.is_symlink() or not output.is_dir():
            return cls(None)
        cache = cls(Path(os.path.realpath(output)))
        cache.files = old_files(cache.old)
        try:
            data = json.loads((cache.old / MANIFEST).read_text(encoding="utf-8"))  # type: ignore[operator]
        except (OSError, ValueError):
            return cache
        files = data.get("files") if isinstance(data, dict) and data.get("format") == FORMAT else None
        if isinstance(files, dict):
            cache.entries = {
                path: entry
                for path, entry in files.items()
                if isinstance(entry, dict)
                and isinstance(entry.get("key"), str)
                and isinstance(entry.get("sha256"), str)
            }
        return cache

    def reuse(self, path: str, key: str) -> bytes | None:
        """The old page's bytes when it was made from inputs with this key and is untouched; else None."""
        entry = self.entries.get(path)
        if entry is None or entry["key"] != key:
            return None
        data = self._untouched(path, entry["sha256"])
        if data is not None:
            self.made[path] = {"key": key, "sha256": entry["sha256"]}  # its digest: just checked
        return data

    def reuse_all(self, folder: str, key: str) -> dict[str, bytes] | None:
        """Every old file under `folder` (e.g. the search bundle) when all were made from inputs with this key
        and all are untouched; else None."""
        found = {}
        for path, entry in self.entries.items():
            if path.startswith(folder):
                data = self._untouched(path, entry["sha256"]) if entry["key"] == key else None
                if data is None:
                    return None
                found[path] = data
        for path, data in found.items():
            self.record(path, key, data)
        return found or None

    def _untouched(self, path: str, sha256: str) -> bytes | None:
        """The old file's bytes when it is a plain file inside the old site with this digest; else None."""
        size = self.files.sizes.get(path)
        if self.old is None or size is None:
            return None
        try:
            # thousands of small pages: a descriptor, not a file object, and one read (a file that is shorter or
            # longer than the walk saw fails the digest: rendered anew)
            descriptor = os.open(f"{self.old}/{path}", os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        try:
            data = os.read(descriptor, size + 1)
        except OSError:
            return None
        finally:
            os.close(descriptor)
        return data if hashlib.sha256(data).hexdigest() == sha256 else None

    def version_of(self, path: str) -> str | None:
        """The corpus version the previous build's file at `path` names, when its entry records one."""
        version = self.entries.get(path, {}).get("version")
        return version if isinstance(version, str) else None

    def record(self, path: str, key: str, data: bytes, version: str | None = None) -> None:
        self.made[path] = {"key": key, "sha256": hashlib.sha256(data).hexdigest()}
        if version is not None:
            self.made[path]["version"] = version

    def manifest(self, inputs: str, pages: int, contents: dict[str, bytes]) -> bytes:
        """The manifest of a site made from `inputs` (site_intact.inputs_key) whose files are `contents`."""
        digests = {path: hashlib.sha256(data).hexdigest() for path, data in sorted(contents.items())}
        text = json.dumps(
            {
                "format": FORMAT,
                "inputs": inputs,
                "pages": pages,
                "contents": digests,
                "files": dict(sorted(self.made.items())),
            },
            indent=0,
            ensure_ascii=False,
        )
        return (text + "\n").encode("utf-8")


def site_key(
    templates_digest: str, language: str, languages: tuple[str, ...], base_url: str | None, shared: str
) -> str:
    """What every page of one language shares: the program, the templates, the options, the site-wide facts."""
    return cache_key(program_digest(), templates_digest, language, ",".join(languages), base_url or "", shared)


_REPR = {str, int, float, bool, type(None)}  # described by their repr, the commonest kinds looked up first


class Describer:
    """Describe values as text, each dataclass or model once, as the digest of its fields. One per build."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[object, str]] = {}  # id -> (the object, kept alive so its id stays its own; text)
        self._fields: dict[type, Callable[[object], tuple] | None] = {}  # a class's fields, read in one call

    def __call__(self, value: object) -> str:
        kind = type(value)
        if kind in _REPR:
            return repr(value)
        if kind is tuple or kind is list:
            return "[" + ",".join([self(item) for item in value]) + "]"  # type: ignore[attr-defined]
        seen = self._seen.get(id(value))
        if seen is not None and seen[0] is value:
            return seen[1]
        return self._described(value)

    def _described(self, value: object) -> str:
        if value is None or isinstance(value, (str, int, float, bool)):
            return repr(value)
        if isinstance(value, (tuple, list)):
            return "[" + ",".join([self(item) for item in value]) + "]"
        if isinstance(value, dict):
            return "{" + ",".join([f"{self(key)}:{self(item)}" for key, item in value.items()]) + "}"
        kind = type(value)
        if kind not in self._fields:  # None: described by its repr (a class itself, or not a dataclass or model)
            self._fields[kind] = None if isinstance(value, type) else field_values(kind)
        fields = self._fields[kind]
        if fields is None:
            return repr(value)
        text = kind.__qualname__ + "(" + ",".join([self(item) for item in fields(value)]) + ")"
        digest = "#" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()  # a list of many stays short
        self._seen[id(value)] = (value, digest)
        return digest


def page_key(site: str, kind: str, path: str, template: str, title: str, context: str) -> str:
    """The key of one page from the site's key and the page's own inputs (its context described)."""
    return cache_key(site, kind, path, template, title, context)
