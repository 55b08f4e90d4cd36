"""Write files so that readers see either the old files or the complete new ones.

The bytes go to a temporary file in the same folder (a rename is only atomic
within one file system), are flushed to disk, and then replace the target in
one step. If anything fails, the temporary file is removed and the earlier
file is left exactly as it was.

`write_all_atomically` does this for several files at once: every file is
written to its temporary file first, and only when all of them are on disk are
they renamed over their targets. A disk that fills up halfway therefore leaves
every earlier file as it was, not a new PDF beside an old HTML.

A temporary file is named `.NAME.PID-xxxxxxxx.tmp` after its target and the
process writing it. A process killed (SIGKILL) before its renames leaves its
temporary files behind; `remove_stale_temporaries` removes those of processes
that are gone, never those of a run still writing.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from bottleneck_briefs.basics.processes import process_alive

_TEMPORARY = re.compile(r"^\..+\.(\d+)-[^.]+\.tmp$")


def write_atomically(target: Path, data: bytes) -> None:
    write_all_atomically([(target, data)])


def write_all_atomically(outputs: list[tuple[Path, bytes]]) -> None:
    """Write every (target, data); on failure no target has changed and no temporary file is left."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in outputs:
            target = Path(target)
            staged.append((_stage(target, data), target))
        while staged:
            temporary, target = staged[0]
            os.replace(temporary, target)
            staged.pop(0)
    finally:
        for temporary, _ in staged:
            _remove(temporary)
    for folder in dict.fromkeys(Path(target).parent for target, _ in outputs):
        _sync_folder(folder)


def _stage(target: Path, data: bytes) -> str:
    """The data in a new temporary file beside `target`, flushed to disk; its name is returned."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)
    except OSError as error:
        error.filename = str(target)  # the file the user asked for, not our temporary name
        raise
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates 0600; a report is meant to be shared, and a replaced file keeps its mode
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
    except BaseException as error:
        _remove(temporary)
        if isinstance(error, OSError):
            error.filename = str(target)  # a failed write() names no file, or our temporary one
        raise
    return temporary


def _remove(temporary: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_new_atomically(target: Path, data: bytes) -> None:
    """Write `target` in one step, but only if it does not exist yet: FileExistsError otherwise.

    A hard link puts the complete temporary file in place and, unlike a rename,
    refuses to replace a file that appeared meanwhile, so a record is never overwritten.
    """
    target = Path(target)
    temporary = _stage(target, data)
    try:
        os.link(temporary, target)
    finally:
        _remove(temporary)
    _sync_folder(target.parent)


def remove_stale_temporaries(folder: Path, older_than: float | None = None) -> list[Path]:
    """Remove temporary files of this naming pattern in `folder` left by processes that are gone.

    Only files older than `older_than` (a time.time(); default: now) are touched. Returns what was removed."""
    older_than = time.time() if older_than is None else older_than
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match or int(match.group(1)) == os.getpid():
            continue
        try:
            stale = entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < older_than
        except OSError:
            continue
        if stale and not process_alive(int(match.group(1))):
            _remove(entry.path)
            removed.append(Path(entry.path))
    return removed
