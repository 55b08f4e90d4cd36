"""`report --all` killed or sabotaged mid-run, with real processes and signals: no worker, scratch folder or
temporary file stays behind, and no traceback reaches the terminal. Every wait is bounded."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bottleneck_briefs.basics.atomic_write import remove_stale_temporaries
from bottleneck_briefs.briefs.run.worker_lifetime import SCRATCH_PREFIX, remove_stale_scratch_folders
from conftest import ROOT

DEADLINE = 60  # seconds for any one thing to happen on a busy machine
# how an error names the document it happened in: a theme's brief, a composed brief's (with its file), a note
# (with its file) or the overview
BRIEF_LABEL = (
    r"(?:brief '[a-z0-9-]+'(?: \(briefs/[a-z0-9-]+\.yaml\))?"
    r"|note '[a-z0-9-]+' \(notes/[a-z0-9-]+\.md\)"
    r"|the overview)"
)


def wait_for(check, what: str, deadline: float = DEADLINE):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        result = check()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may never reap a reparented child)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def run_all(corpus_copy, tmp_path):
    """Start `report --all` with a private temporary folder; yields (process, scratch parent, output folder)."""
    scratch_parent = tmp_path / "tmp"
    scratch_parent.mkdir()
    output = tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "report",
            "--all",
            "--corpus",
            str(corpus_copy),
            "--output-dir",
            str(output),
            "--date",
            "2025-03-01",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch_parent)},
    )
    yield process, scratch_parent, output
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=DEADLINE)


def scratch_folders(parent: Path) -> list[Path]:
    return list(parent.glob(f"{SCRATCH_PREFIX}*"))


def workers_started(process) -> set[int]:
    return wait_for(lambda: children(process.pid), "the PDF workers")


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_killed_run_leaves_no_worker_and_no_scratch_folder(run_all, signum):
    process, scratch_parent, output = run_all
    workers = workers_started(process)
    wait_for(lambda: scratch_folders(scratch_parent), "the scratch folder")
    time.sleep(0.5)  # the workers are importing WeasyPrint or rendering
    process.send_signal(signum)
    process.wait(timeout=DEADLINE)
    wait_for(lambda: not any(running(pid) for pid in workers), "the workers to end with their parent")
    wait_for(lambda: not scratch_folders(scratch_parent), "the scratch folder to be removed")
    assert not output.exists() or not any(output.glob("*.pdf"))  # nothing half-written
    if signum == signal.SIGTERM:  # handled like Ctrl-C: a clean stop, no traceback
        stderr = process.stderr.read()
        assert process.returncode == 1 and "Traceback" not in stderr, (process.returncode, stderr)


def test_scratch_folder_removed_mid_run_is_a_one_line_error(run_all):
    process, scratch_parent, output = run_all
    folder = wait_for(lambda: scratch_folders(scratch_parent), "the scratch folder")[0]
    wait_for(lambda: any(folder.rglob("*")), "the workers' font files")  # the workers are ready to render
    shutil.rmtree(folder)  # as a /tmp cleaner may
    stdout, stderr = process.communicate(timeout=DEADLINE * 2)
    assert process.returncode == 1, stdout + stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 2, stderr
    assert re.match(
        rf"Error: {BRIEF_LABEL}: unexpected error while making the PDF: "
        r"FileNotFoundError: .*bottlenecks-pdf-",
        lines[0],
    ), lines[0]
    assert lines[1] == "nothing was written"
    assert not output.exists() or not any(output.glob("*.pdf"))


def test_a_later_run_removes_what_a_killed_run_left(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    dead_pid = int(dead.stdout)
    left = tmp_path / f".capaciteit.pdf.{dead_pid}-k3x9.tmp"
    live = tmp_path / f".capaciteit.pdf.{os.getppid()}-a1b2.tmp"  # a run still writing: never touched
    mine = tmp_path / "notes.tmp"  # not of this naming pattern
    for path in (left, live, mine):
        path.write_bytes(b"%PDF-half")
        os.utime(path, (time.time() - 60, time.time() - 60))
    fresh = tmp_path / f".capaciteit.html.{dead_pid}-zz.tmp"
    fresh.write_bytes(b"<html")  # newer than the run: left alone
    assert remove_stale_temporaries(tmp_path, older_than=time.time() - 30) == [left]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(p.name for p in (live, mine, fresh))


def test_a_later_run_removes_scratch_folders_of_runs_that_are_gone(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    gone = tmp_path / f"{SCRATCH_PREFIX}{int(dead.stdout)}-abc"
    running_run = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"
    for folder in (gone, running_run):
        (folder / "fonts").mkdir(parents=True)
    assert remove_stale_scratch_folders(str(tmp_path)) == [gone]
    assert running_run.exists()


def test_report_cleans_a_killed_runs_temporaries_from_its_output_folder(corpus_copy, tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    left = output / f".capaciteit.html.{int(dead.stdout)}-q1.tmp"
    left.write_bytes(b"<html")
    os.utime(left, (time.time() - 60, time.time() - 60))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "report",
            "--theme",
            "capaciteit",
            "--format",
            "html",
            "--corpus",
            str(corpus_copy),
            "--output-dir",
            str(output),
            "--date",
            "2025-03-01",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert not left.exists()
    assert sorted(path.name for path in output.iterdir()) == [".bottlenecks-cache.json", "capaciteit.html"]


def test_the_message_pattern_names_every_kind_of_brief():
    """The kill may land while any brief renders: the pattern must accept each label a job can have."""
    from bottleneck_briefs.briefs.run.brief_jobs import job_for

    for kind, name in (("theme", "capaciteit"), ("composed", "opvang-en-zorg"), ("overview", "overzicht")):
        label = job_for(kind, name).label
        assert re.fullmatch(BRIEF_LABEL, label), label


@pytest.mark.parametrize("forget", [False, True])
def test_python_dash_m_ends_with_the_status_after_an_interrupt_inside_a_string_exec(tmp_path, forget):
    """A kill caught while dataclasses ran their string exec() once made `python -m cli` die by SIGINT (exit -2)
    instead of exiting 1; the entry points clear CPython's mark of it."""
    (tmp_path / "interrupted.py").write_text(
        "import sys\n"
        "from bottleneck_briefs.basics.interrupts import forget_interrupt_ended_exec\n"
        "try:\n"
        "    try:\n"
        "        exec('raise KeyboardInterrupt')\n"
        "    except KeyboardInterrupt:\n"
        "        sys.exit(1)\n"
        "finally:\n"
        f"    {'forget_interrupt_ended_exec()' if forget else 'pass'}\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "interrupted"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=DEADLINE,
    )
    assert done.returncode == (1 if forget else -signal.SIGINT), done.stderr  # without it: CPython's behaviour


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_site_build_leaves_no_worker_and_no_search_scratch_behind(corpus_copy, tmp_path, signum):
    """Killed while its workers make the brief files and Pagefind indexes: the workers end with it; a TERM removes
    the search's scratch folder as Ctrl-C does, a KILL leaves it to the next build, which removes it."""
    from bottleneck_briefs.site.search_index import SCRATCH_PREFIX as SEARCH_SCRATCH

    scratch_parent = tmp_path / "tmp"
    scratch_parent.mkdir()
    command = [sys.executable, "-m", "cli", "site", "--corpus", str(corpus_copy), "--date", "2025-03-01"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch_parent)}
    process = subprocess.Popen(
        [*command, "--output-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        # Pagefind at work: the build is under way (a scratch folder alone may be one being removed after it)
        wait_for(lambda: any(b"pagefind" in _command_line(pid) for pid in children(process.pid)), "Pagefind")
        workers = children(process.pid)
        searching = list(scratch_parent.glob(f"{SEARCH_SCRATCH}*"))
        assert searching
        process.send_signal(signum)
        process.wait(timeout=DEADLINE)
    finally:
        if process.poll() is None:
            process.kill()
        _, stderr = process.communicate(timeout=DEADLINE)
    wait_for(lambda: not any(running(pid) for pid in workers), "the workers to end with their build")
    assert not (tmp_path / "site").exists()  # nothing half-written
    if signum == signal.SIGTERM:
        assert process.returncode == 1 and "Traceback" not in stderr, (process.returncode, stderr)
    else:  # the next build removes what the killed one left
        again = subprocess.run(
            [*command, "--output-dir", str(tmp_path / "again")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=environment,
            timeout=DEADLINE * 2,
        )
        assert again.returncode == 0, again.stderr
        assert not any(folder.exists() for folder in searching)
    wait_for(lambda: not list(scratch_parent.glob(f"{SEARCH_SCRATCH}*")), "the search's scratch folder to go")


_INDEX_ALONE = """
import sys, time
from bottleneck_briefs.site.search_index import PagefindRun
page = "<html lang='nl'><body><main data-pagefind-body><h1>{0}</h1><p>{1}</p></main></body></html>"
words = " ".join(f"woord{n}" for n in range(200))
run = PagefindRun([(f"knelpunten/kp-{n}/index.html", page.format(n, words)) for n in range(4000)])
print(run.scratch, flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="Linux's util-linux setpriv ties Pagefind to the build")
def test_pagefind_ends_when_the_build_is_killed_outright(tmp_path):
    """KILL leaves the build no moment to stop Pagefind: the kernel ends it, before it has written its bundle
    (without the parent-death signal it indexed all its pages and wrote the bundle nobody would read)."""
    scratch_parent = tmp_path / "tmp"
    scratch_parent.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", _INDEX_ALONE],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch_parent)},
    )
    try:
        assert process.stdout is not None
        scratch = Path(process.stdout.readline().strip())
        assert scratch.parent == scratch_parent

        def pagefind() -> list[int]:  # the program itself, not setpriv before it has started it
            return [pid for pid in children(process.pid) if b"setpriv" not in _command_line(pid).split(b"\0")[0]]

        indexing = wait_for(pagefind, "Pagefind to start")
        process.kill()
        process.wait(timeout=DEADLINE)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=DEADLINE)
    wait_for(lambda: not any(running(pid) for pid in indexing), "Pagefind to end with its build")
    assert (scratch / "pages").is_dir()  # it was given its pages ...
    assert not (scratch / "pagefind" / "pagefind-entry.json").exists()  # ... and ended before it was done


def _command_line(pid: int) -> bytes:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""
