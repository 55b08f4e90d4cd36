"""Write a whole site so that readers see the old site or the complete new one, never a mix.

The new site is built in a temporary folder beside the output folder, then
swapped into place: on Linux in one step (renameat2 with RENAME_EXCHANGE),
elsewhere with two renames. A failed or killed run leaves the old site as it
was (a killed run's temporary folder is removed by the next run). Of two runs
at once, the one that ends last puts its site in place, whole, also when
there was no site before and the other one put the first there meanwhile. A file
whose bytes did not change is not rewritten: the new folder gets a hard link
to the old file, so its date and inode stay, and a static host or rsync sees
only the pages that changed (a file the build took from the old site, its
bytes checked against the build cache, is linked without being read again,
the build's own walk of the old site standing for a second one). Should
another run put its site in place meanwhile, before the links or while they
are made, no file is linked from it: that run's files are not those the
build checked, so the new folder is written anew without links.
The old site, swapped out, is removed by a process of its own: removing
thousands of folders takes seconds that the command need not wait for; the
new site is whole by then, and a remover killed midway leaves a folder the
next run removes. Nothing is followed out of the output folder:
an output folder that is a symbolic link is refused, and an old file is only
reused when it is a plain file inside it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import itertools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from bottleneck_briefs.basics.processes import process_alive
from bottleneck_briefs.site.old_site import OldFiles, folder_identity, old_files

_STAGING = re.compile(r"^\.(.+)\.(site|old|gone)-(\d+)(?:-\d+)?\.tmp$")
_REMOVER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
_GONE = itertools.count()
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


class SiteWriteError(Exception):
    """The site could not be written; the old one is left as it was. The message names the path."""


@dataclass(frozen=True)
class WriteResult:
    written: int  # files whose bytes are new or changed
    unchanged: int  # files kept as they were (same bytes)


def _staging_name(output: Path) -> Path:
    return output.parent / f".{output.name}.site-{os.getpid()}.tmp"


def remove_meanwhile(folder: Path) -> None:
    """Remove a folder nobody reads any more in a process of its own, not waited for."""
    try:
        subprocess.Popen(
            [sys.executable, "-c", _REMOVER, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C for the command does not stop it
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_meanwhile(folder: Path, output: Path) -> None:
    """Remove an old site nobody reads any more in a process of its own. It is first renamed to a name of its own
    (a build in this same process, the preview's, uses the staging name again)."""
    gone = output.parent / f".{output.name}.gone-{os.getpid()}-{next(_GONE)}.tmp"
    try:
        os.rename(folder, gone)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    remove_meanwhile(gone)


def remove_stale_staging(output: Path) -> None:
    """Temporary folders of earlier runs killed before their swap, and old sites whose remover was stopped
    (their process is gone).

    Where the swap takes two renames, a run killed between them left the old site aside and none in
    place: it is put back first."""
    try:
        entries = sorted(os.scandir(output.parent), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        match = _STAGING.match(entry.name)
        if (
            not match
            or match.group(1) != output.name
            or int(match.group(3)) == os.getpid()
            or process_alive(int(match.group(3)))
            or not entry.is_dir(follow_symlinks=False)
        ):
            continue
        if match.group(2) == "old" and not os.path.lexists(output):
            with contextlib.suppress(OSError):  # the write reports it: it cannot put a site there either
                os.rename(entry.path, output)
        elif match.group(2) == "gone":
            remove_meanwhile(Path(entry.path))  # a swapped-out site: never read again, so not waited for
        else:
            shutil.rmtree(entry.path, ignore_errors=True)


def _exchange(new: Path, old: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(old), _RENAME_EXCHANGE)
    return result == 0


def _put_in_place(staging: Path, output: Path) -> bool:
    """The first site put where there was none; False when a folder got there first (two runs at once)."""
    try:
        os.rename(staging, output)
    except OSError as error:
        if error.errno in (errno.ENOTEMPTY, errno.EEXIST) and output.is_dir() and not output.is_symlink():
            return False
        raise
    return True


def _fill(staging: Path, output: Path, files: dict[str, bytes], taken: Collection[str], old: OldFiles) -> WriteResult:
    """Write `files` into the empty `staging`, each file whose bytes the old site at `output` holds as a hard link.

    Thousands of files: each is named from a descriptor of its folder, by a plain string (no path object, no walk
    from the root per file), and each folder is made once."""
    written = unchanged = 0
    sizes, relative = old.sizes, ""
    into = os.open(staging, _FOLDER)
    source = _walked_folder(output, old) if sizes else None  # no old file: nothing to link
    try:
        made = {""}
        for relative, data in sorted(files.items()):
            folder = relative.rpartition("/")[0]
            if folder not in made:
                _make_folders(folder, made, into)
            if (
                source is not None
                and sizes.get(relative) == len(data)
                and (relative in taken or _holds(relative, data, source))
                and _linked(relative, source, into)
            ):
                unchanged += 1
                continue
            with os.fdopen(os.open(relative, _NEW_FILE, 0o666, dir_fd=into), "wb") as file:
                file.write(data)
            written += 1
    except OSError as error:
        error.filename = str(output / relative)  # the message names the file by its place in the site
        raise
    finally:
        os.close(into)
        if source is not None:
            os.close(source)
    return WriteResult(written, unchanged)


def _walked_folder(output: Path, old: OldFiles) -> int | None:
    """A descriptor of the folder at `output` when it is the one the build walked (None: another one, or none), so
    that every file linked is named from that very folder."""
    try:
        handle = os.open(output, _FOLDER | os.O_NOFOLLOW)
    except OSError:
        return None
    found = os.fstat(handle)
    if (found.st_dev, found.st_ino) != old.identity:
        os.close(handle)
        return None
    return handle


def _linked(relative: str, source: int, into: int) -> bool:
    """Hard-link the old file (the same bytes) into the new site; False when it was removed since the walk (by hand):
    written instead. A symbolic link put there since is not followed."""
    try:
        os.link(relative, relative, src_dir_fd=source, dst_dir_fd=into, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def _make_folders(folder: str, made: set[str], into: int) -> None:
    """Make `folder` (a path below the descriptor `into`) and those of its parents not made yet."""
    missing = []
    while folder not in made:
        missing.append(folder)
        folder = folder.rpartition("/")[0]
    for name in reversed(missing):
        os.mkdir(name, dir_fd=into)
        made.add(name)


def _holds(relative: str, data: bytes, source: int) -> bool:
    try:
        handle = os.open(relative, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=source)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            return False  # removed, or made a symbolic link, since the walk (by hand): written instead
        raise
    with os.fdopen(handle, "rb") as file:
        return file.read() == data


def write_site(output_dir: Path, files: dict[str, bytes], taken: Collection[str], old: OldFiles | None) -> WriteResult:
    """Put exactly `files` (path in the site -> bytes) in `output_dir`, all or nothing. `taken`: the paths whose
    bytes the build read from the old site's file at that path (and checked), linked without reading them again;
    `old`: the build's walk of that old site (None: the build walked none)."""
    output = Path(output_dir)
    if output.is_symlink():
        raise SiteWriteError(
            f"{output} is a symbolic link: the site is never written through one; name the folder itself"
        )
    if output.exists() and not output.is_dir():
        raise SiteWriteError(f"{output} exists and is not a folder")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SiteWriteError(f"cannot create {output.parent}: {error.strerror or error}") from None
    remove_stale_staging(output)
    root = Path(os.path.realpath(output)) if output.is_dir() else None
    if old is None or old.identity != folder_identity(output):
        old, taken = old_files(root), ()  # another run's site, or one never walked: each file compared
    staging = _staging_name(output)
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        result = _fill(staging, output, files, taken, old)
        if result.unchanged and folder_identity(output) != old.identity:
            # another run put its site in place while the links were made: some may be to its files
            shutil.rmtree(staging)
            staging.mkdir()
            result = _fill(staging, output, files, (), OldFiles())
        if root is None and not _put_in_place(staging, output):
            root = output  # another run put its site there meanwhile: replaced as any old site is
        if root is not None:
            if _exchange(staging, output):
                _remove_meanwhile(staging, output)  # now the old site
            else:
                aside = output.parent / f".{output.name}.old-{os.getpid()}.tmp"
                os.rename(output, aside)
                os.rename(staging, output)
                _remove_meanwhile(aside, output)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteWriteError(
            f"cannot write {error.filename or output}: {error.strerror or error}; the site was left as it was"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result
