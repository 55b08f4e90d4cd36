"""Writers of the corpus one at a time: real processes at once lose nothing and report only what they kept."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import bottleneck_briefs.basics.corpus_lock as corpus_lock_module
from bottleneck_briefs.basics.corpus_lock import WAITING_MESSAGE, CorpusLockedError, corpus_lock
from bottleneck_briefs.corpus.loading import load_corpus
from conftest import ROOT, invoke

TRIALS = 3  # bounded: each trial starts both runs at the same moment on a fresh copy
FILE_216 = Path("statements") / "bloemlezing-2.16.yaml"
HOLDER = (
    "import sys\nfrom bottleneck_briefs.basics.corpus_lock import corpus_lock\n"
    "with corpus_lock(sys.argv[1]):\n    print('locked', flush=True)\n    sys.stdin.read()\n"
)


def command(cwd: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def finished(process: subprocess.Popen) -> tuple[str, str]:
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    return stdout, stderr


def sheet(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(f'text,themes,section,page\n"{text}",financiering,2.16,27\n', encoding="utf-8")
    return path


def kept_texts(corpus: Path) -> dict[str, str]:
    loaded = load_corpus(corpus)
    assert loaded.corpus is not None, [problem.format() for problem in loaded.problems]
    return {statement.text: statement.id for statement in loaded.corpus.statements}


def added_id(stdout: str) -> str:
    match = re.search(r"^added (KP-\d+) ", stdout, re.MULTILINE)
    assert match, stdout
    return match.group(1)


@pytest.fixture
def trial_folder(tmp_path, shipped_corpus_dir):
    def make(number: int) -> Path:
        import shutil

        folder = tmp_path / f"trial-{number}"
        shutil.copytree(shipped_corpus_dir, folder / "corpus")
        return folder

    return make


@pytest.fixture
def holder(tmp_path):
    """Another process that holds the lock of a folder until it is told to stop (or killed)."""
    processes = []

    def start(folder: Path) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert process.stdout.readline().strip() == "locked"
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_two_imports_at_once_both_keep_their_statements_with_distinct_ids(trial_folder):
    for number in range(TRIALS):
        folder = trial_folder(number)
        texts = {
            "eerste": f"Gemeenten krijgen te laat bericht over slachtoffers (proef {number}).",
            "tweede": f"Het COA heeft geen vaste contactpersoon voor de politie in proef {number}.",
        }
        runs = {
            name: command(folder, "import", str(sheet(folder, f"{name}.csv", text)), "--corpus", "corpus")
            for name, text in texts.items()
        }
        outputs = {name: finished(process)[0] for name, process in runs.items()}
        kept = kept_texts(folder / "corpus")
        for name, text in texts.items():
            assert kept.get(text) == added_id(outputs[name]), (number, name, outputs)  # reported id is the kept one
        assert len({kept[text] for text in texts.values()}) == 2


def test_import_during_fmt_loses_nothing(trial_folder):
    for number in range(TRIALS):
        folder = trial_folder(number)
        path = folder / "corpus" / FILE_216  # not in canonical layout, so fmt rewrites it
        path.write_text(path.read_text(encoding="utf-8").replace("\n\n  - id:", "\n  - id:"), encoding="utf-8")
        text = f"Een uitspraak die fmt niet mag wegschrijven, proef {number}."
        runs = [
            command(folder, "fmt", "--corpus", "corpus"),
            command(folder, "import", str(sheet(folder, "rij.csv", text)), "--corpus", "corpus"),
        ]
        outputs = [finished(process)[0] for process in runs]
        assert kept_texts(folder / "corpus").get(text) == added_id(outputs[1]), (number, outputs)


def test_a_second_writer_waits_with_a_message_then_gives_up_and_changes_nothing(
    corpus_copy, holder, tmp_path, monkeypatch
):
    holder(corpus_copy)
    before = (corpus_copy / FILE_216).read_bytes()
    monkeypatch.setattr(corpus_lock_module, "DEFAULT_TIMEOUT", 0.3)
    result = invoke("import", sheet(tmp_path, "rij.csv", "Een nieuwe uitspraak."), "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert WAITING_MESSAGE in result.output
    assert "another bottlenecks run has been writing the corpus for more than 0 s; nothing was changed" in result.output
    assert "added" not in result.output
    assert (corpus_copy / FILE_216).read_bytes() == before
    for args in (["fmt"], ["schema"]):
        result = invoke(*args, "--corpus", corpus_copy)
        assert result.exit_code == 1 and "nothing was changed" in result.output, (args, result.output)


def test_read_only_runs_need_no_lock(corpus_copy, holder):
    holder(corpus_copy)
    for args in (["check"], ["fmt", "--check"], ["schema", "--check"]):
        result = invoke(*args, "--corpus", corpus_copy)
        assert result.exit_code == 0, (args, result.output)
        assert WAITING_MESSAGE not in result.output


def test_the_lock_is_taken_as_soon_as_its_holder_ends_even_by_sigkill(tmp_path, holder):
    process = holder(tmp_path)
    waits = []
    with pytest.raises(CorpusLockedError), corpus_lock(tmp_path, timeout=0.2, on_wait=lambda: waits.append(1)):
        pass
    assert waits == [1]  # told once, not once per attempt
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    with corpus_lock(tmp_path, timeout=5, on_wait=lambda: waits.append(2)):
        pass  # no stale lock: the kernel released it with its holder
    assert waits == [1]
    assert os.listdir(tmp_path) == []  # no lock file to leave behind
