"""Compiled templates kept between runs: Jinja's bytecode cache, in a folder of the user's own.

Jinja turns every template into Python code before it renders anything: for
the bundled templates some 0.6 s, paid again by every run and by every process
that renders (the site's brief workers each compile the briefs' templates).
The compiled code is kept in the user's cache folder instead, under a key made
of this program's digest (the environment's options are part of its code),
the template's name and its file; Jinja itself recompiles a template whose
source changed (its checksum is stored beside the code).

The files hold code that runs when read: one another user could have written,
or anything but a regular file, is never read, and a file that cannot be
written only costs the next run the compiling.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from bottleneck_briefs.basics.digests import cache_key, program_digest
from bottleneck_briefs.corpus.check_cache import cache_folder

KEPT = 300  # compiled templates kept: the bundled ones of a dozen versions of this program, or a user's own


class TemplateCodeCache(jinja2.FileSystemBytecodeCache):
    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), "%s.jinja")
        self._program = program_digest()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return cache_key(self._program, super().get_cache_key(name, filename))

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            # not blocking: a FIFO put here would otherwise hang the run; a link is not followed
            descriptor = os.open(self._get_cache_filename(bucket), os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            return
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(descriptor)
            if stat.S_ISREG(status.st_mode) and status.st_uid == os.getuid() and not status.st_mode & 0o022:
                bucket.load_bytecode(stream)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)  # written whole to a temporary file, then renamed
            self._prune()

    def _prune(self) -> None:
        """The oldest files go once there are more than KEPT (only a run that compiled anything gets here)."""
        files = [path for path in Path(self.directory).glob("*.jinja") if path.is_file()]
        if len(files) > KEPT:
            for path in sorted(files, key=lambda path: path.stat().st_mtime)[: len(files) - KEPT]:
                path.unlink(missing_ok=True)


def template_code_cache() -> TemplateCodeCache | None:
    """The cache in the user's cache folder; None when that folder cannot be made (then every run compiles)."""
    folder = cache_folder().parent / "templates"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return TemplateCodeCache(folder)
