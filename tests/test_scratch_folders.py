"""Where scratch folders go: in memory when there is room to spare and the user names no temporary folder, on disk
otherwise; and a later run removes those of runs that are gone from both places."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile

import pytest

from bottleneck_briefs.briefs.run import worker_lifetime
from bottleneck_briefs.briefs.run.worker_lifetime import (
    make_scratch_folder,
    memory_folder,
    remove_stale_scratch_folders,
)
from bottleneck_briefs.site.search_index import SCRATCH_PREFIX

PREFIX = "bottlenecks-test-scratch-"


@pytest.fixture
def places(tmp_path, monkeypatch):
    """(memory, disk): the memory folder and the system's temporary folder, both under tmp_path, with no
    temporary folder of the user's."""
    memory, disk = tmp_path / "memory", tmp_path / "disk"
    memory.mkdir()
    disk.mkdir()
    for name in worker_lifetime.USERS_TEMPORARY_FOLDER:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(worker_lifetime, "MEMORY_FOLDER", str(memory))
    monkeypatch.setattr(tempfile, "tempdir", str(disk))
    return memory, disk


def _free(folder) -> int:
    found = os.statvfs(folder)
    return found.f_bavail * found.f_frsize


def test_a_scratch_folder_goes_to_memory_when_it_has_room_twice_over(places):
    memory, _ = places
    made = make_scratch_folder(PREFIX, room=_free(memory) // 4)
    assert os.path.dirname(made) == str(memory)
    assert os.path.basename(made).startswith(f"{PREFIX}{os.getpid()}-")


def test_a_scratch_folder_stays_on_disk_when_memory_has_not_room_twice_over(places):
    memory, disk = places
    assert memory_folder(_free(memory)) is None
    assert os.path.dirname(make_scratch_folder(PREFIX, room=_free(memory))) == str(disk)


def test_a_scratch_folder_without_a_size_stays_on_disk(places):
    _, disk = places
    assert os.path.dirname(make_scratch_folder(PREFIX)) == str(disk)


@pytest.mark.parametrize("variable", worker_lifetime.USERS_TEMPORARY_FOLDER)
def test_the_users_temporary_folder_is_always_the_one_used(places, monkeypatch, variable):
    memory, disk = places
    assert memory_folder(0) == str(memory)
    monkeypatch.setenv(variable, str(disk))
    assert memory_folder(0) is None


@pytest.mark.parametrize("kind", ["missing", "file", "symlink"])
def test_no_memory_folder_when_it_is_not_a_real_folder(places, monkeypatch, tmp_path, kind):
    memory, _ = places
    odd = tmp_path / "odd"
    if kind == "file":
        odd.write_text("")
    elif kind == "symlink":
        odd.symlink_to(memory)
    monkeypatch.setattr(worker_lifetime, "MEMORY_FOLDER", str(odd))
    assert memory_folder(0) is None


def test_a_later_run_removes_the_scratch_folders_gone_runs_left_in_memory_and_on_disk(places):
    memory, disk = places
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    gone = [place / f"{SCRATCH_PREFIX}{int(dead.stdout)}-abc" for place in (memory, disk)]
    running_run = memory / f"{SCRATCH_PREFIX}{os.getpid()}-def"
    for folder in (*gone, running_run):
        (folder / "pages").mkdir(parents=True)
    assert sorted(remove_stale_scratch_folders(prefix=SCRATCH_PREFIX)) == sorted(gone)
    assert running_run.exists() and not any(folder.exists() for folder in gone)


def test_a_scratch_folder_that_fills_up_stops_the_search_index_with_one_line(places, monkeypatch):
    from pathlib import Path

    from bottleneck_briefs.site.search_index import PagefindRun, SearchIndexError

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_text", full)
    run = PagefindRun([("knelpunten/kp-001/index.html", "<html lang='nl'><body>Een knelpunt.</body></html>")])
    scratch = run.scratch
    with pytest.raises(SearchIndexError, match=r"cannot write its pages in .*: No space left on device$"):
        run.bundle()
    assert scratch is not None and os.path.dirname(scratch) == str(places[0])  # in memory: it had room
    assert run.scratch is None  # handed to the remover
