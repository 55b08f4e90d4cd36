"""The files of the site already in the output folder, as far as a build may take them: plain files reached
through plain folders. A symbolic link (to a file or a folder) is never followed, and neither it nor a FIFO, a
socket or a device is ever taken; one walk of the folder answers for every file, instead of a few system
calls per file. The walk names the folder it was made of (`identity`): another run may put its site in place
meanwhile, and what the walk found says nothing about that one."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class OldFiles:
    sizes: dict[str, int] = field(default_factory=dict)  # path from the site's root -> size in bytes
    clean: bool = True  # False: the folder also holds something other than plain folders and files
    identity: tuple[int, int] | None = None  # the walked folder's (device, inode); None: there was none


def folder_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the folder at `path` itself, never followed; None when there is none."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def old_files(root: Path | None) -> OldFiles:
    """The plain files below `root` (a resolved folder; None: there is no old site). Thousands of files: plain
    strings, no path object per folder."""
    found = OldFiles()
    if root is None:
        return found
    found.identity = folder_identity(root)
    sizes = found.sizes
    waiting = [(os.fspath(root), "")]
    while waiting:
        place, prefix = waiting.pop()
        try:
            entries = list(os.scandir(place))
        except OSError:
            found.clean = False
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    waiting.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file(follow_symlinks=False):
                    sizes[prefix + entry.name] = entry.stat(follow_symlinks=False).st_size
                else:
                    found.clean = False  # a symbolic link (to a file or a folder), a FIFO, a socket, a device
            except OSError:
                found.clean = False
    return found
