"""Two `report` runs on one output folder, and `serve` under a burst of saves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from bottleneck_briefs.basics.atomic_write import write_all_atomically
from check_cases import MINIMAL
from conftest import ROOT
from test_serve import fetch, server, wait_for  # noqa: F401 (server is a fixture)


def report_process(cwd: Path, output_dir: str, date: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "report",
            "--theme",
            "capaciteit",
            "--corpus",
            "corpus",
            "--output-dir",
            output_dir,
            "--date",
            date,
        ],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_two_report_runs_at_once_leave_complete_files(tmp_path):
    """Runs with different dates write different bytes: each file must be wholly one run's, never a mix."""
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    dates = {"a": "2025-01-01", "b": "2025-02-02"}
    processes = [report_process(tmp_path, "shared", date) for date in dates.values()]
    processes += [report_process(tmp_path, f"reference-{name}", date) for name, date in dates.items()]
    for process in processes:
        stdout, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr
        assert len(stdout.splitlines()) == 2
    names = ["capaciteit.html", "capaciteit.pdf"]
    # no temporary file left behind; the build cache's manifest is the one other file
    assert sorted(os.listdir(tmp_path / "shared")) == [".bottlenecks-cache.json", *names]
    for name in names:
        references = {(tmp_path / f"reference-{run}" / name).read_bytes() for run in dates}
        assert len(references) == 2, name  # the dates really make the runs differ
        assert (tmp_path / "shared" / name).read_bytes() in references, name
        if name.endswith(".pdf"):
            check = subprocess.run(["qpdf", "--check", str(tmp_path / "shared" / name)], capture_output=True, text=True)
            assert check.returncode == 0, check.stdout + check.stderr


def test_concurrent_atomic_writes_never_interleave(tmp_path):
    """Sixteen writers, one target: the file ends as exactly one writer's bytes, no temporary file stays."""
    target = tmp_path / "brief.pdf"
    payloads = [bytes([65 + index]) * (256 * 1024 + index) for index in range(16)]
    start = threading.Barrier(len(payloads))
    errors = []

    def writer(data: bytes) -> None:
        start.wait()
        try:
            for _ in range(5):
                write_all_atomically([(target, data)])
        except Exception as error:  # collected: a thread's exception would otherwise vanish
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert target.read_bytes() in payloads
    assert os.listdir(tmp_path) == ["brief.pdf"]


def test_temporary_names_are_unique(tmp_path, monkeypatch):
    import bottleneck_briefs.basics.atomic_write as atomic_write

    staged = []
    real_stage = atomic_write._stage

    def remember(target, data):
        staged.append(real_stage(target, data))
        return staged[-1]

    monkeypatch.setattr(atomic_write, "_stage", remember)
    for _ in range(20):
        write_all_atomically([(tmp_path / "a.html", b"x"), (tmp_path / "a.pdf", b"y")])
    assert len(set(staged)) == 40
    assert all(Path(name).parent == tmp_path and Path(name).name.startswith(".a.") for name in staged)


def test_serve_survives_a_burst_of_saves(server):  # noqa: F811 (the fixture)
    """Fifty saves in a row (each a truncate and a write, as many editors save) while the page is fetched."""
    base, corpus, process, _ = server
    path = corpus / "statements" / "bloemlezing-2.16.yaml"
    original = path.read_text(encoding="utf-8")
    assert "Capaciteitstekort politie." in original
    statuses: list[int] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                statuses.append(fetch(base + "/capaciteit.html")[0])
            except OSError as error:  # a refused or dropped connection is a failure too
                statuses.append(repr(error))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        wait_for(lambda: statuses, "the first fetch")
        for number in range(50):
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(original.replace("Capaciteitstekort politie.", f"Capaciteitstekort politie {number}."))
            time.sleep(0.01)  # pacing, so that fetches fall between the saves; nothing is timed
        fetched = len(statuses)
        wait_for(lambda: len(statuses) > fetched, "a fetch after the burst")
    finally:
        done.set()
        thread.join()
    assert set(statuses) == {200}
    final = "Capaciteitstekort politie 49."
    wait_for(lambda: final in fetch(base + "/capaciteit.html")[1], "the last save to be served")
    assert process.poll() is None
    assert "Capaciteitstekort politie 48." not in fetch(base + "/capaciteit.html")[1]
