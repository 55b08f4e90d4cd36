"""The test helpers, in one place: paths, ways to run the command, PDF text, and the shared renders.

Test modules import the plain helpers (`from conftest import ROOT, report`) and
ask for the fixtures by name. The shipped briefs are rendered once per test
session, also when pytest-xdist runs the tests in several worker processes:
the first worker that needs a set of briefs renders it into the session's
shared temporary folder while holding a lock, the others wait and read it.
Tests only read these folders; a test that changes files copies them first.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import cli

sys.path.insert(0, str(Path(__file__).parent))  # test helpers (check_cases, seed_matching)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bottlenecks"
TEMPLATES = ROOT / "templates"
DATA = ROOT / "tests" / "data"
DATE = ["--date", "2025-03-01"]  # the date of the shared renders
ENGLISH_DATE = ["--date", "2026-11-24"]


# --- running the command -----------------------------------------------------------------------


def invoke(*args: object, env: dict[str, str] | None = None) -> Result:
    """`bottlenecks ARGS` in this process (click's test runner); arguments may be paths."""
    return CliRunner().invoke(cli.main, [str(arg) for arg in args], env=env)


def report(*args: object, corpus: Path = CORPUS, env: dict[str, str] | None = None) -> Result:
    """`bottlenecks report ARGS --corpus CORPUS` in this process."""
    return invoke("report", *args, "--corpus", corpus, env=env)


def bottlenecks(*args: str, cwd: Path, timeout: int = 120, **environment: str) -> subprocess.CompletedProcess:
    """The command as an editor runs it, in its own process: a traceback would show on stderr."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT), **environment},
    )


def calls_to(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[tuple]:
    """The positional arguments of every call of `owner.name` from now on (a method gets its instance first);
    the function itself still does its work."""
    calls: list[tuple] = []
    real = getattr(owner, name)

    def counting(*arguments: object, **options: object) -> object:
        calls.append(arguments)
        return real(*arguments, **options)

    monkeypatch.setattr(owner, name, counting)
    return calls


def count_calls_in_any_process(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, log: Path
) -> Callable[[], int]:
    """Count the calls of `owner.name` from now on, also those in processes forked from this one (each call adds a
    byte to the file `log`); returns the function that tells how many there were."""
    real = getattr(owner, name)

    def counting(*arguments: object, **options: object) -> object:
        with open(log, "ab") as file:
            file.write(b".")
        return real(*arguments, **options)

    monkeypatch.setattr(owner, name, counting)
    return lambda: log.stat().st_size if log.exists() else 0


def add_editor_note(corpus: Path) -> None:
    """An editor's remark on the first statement of bloemlezing-2.16 that is about financiering alone: a change to
    the corpus (and its version) that leaves every statement's text as it is and touches one theme."""
    statements = corpus / "statements" / "bloemlezing-2.16.yaml"
    text = statements.read_text(encoding="utf-8")
    anchor = "    themes: [financiering]\n"
    assert anchor in text
    statements.write_text(
        text.replace(anchor, anchor + "    note: Een opmerking van de redactie.\n", 1), encoding="utf-8"
    )


# --- reading what was written ------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext gives it, pages separated by form feeds."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squash(text: str) -> str:
    """Compare text without whitespace: line breaks and hyphenation at line ends differ per layout."""
    return re.sub(r"\s+", "", text)


def copy_templates(folder: Path) -> Path:
    """A private copy of the bundled templates in `folder`/templates, for a test to change."""
    target = folder / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def session_cache_folder(tmp_path_factory):
    """Nothing a test session runs writes to the user's cache, the shared renders included."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def private_cache_folder(tmp_path_factory, monkeypatch):
    """Remembered check results go to a folder of this test alone (subprocesses inherit it): no test
    sees what another one's `check` remembered, in whichever worker or order they run."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def shipped_corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus():
    """The shipped corpus, loaded once; tests must not change it."""
    from bottleneck_briefs.corpus.loading import load_corpus

    return load_corpus(CORPUS).corpus


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private copy of the shipped corpus (YAML and schema files) that a test may change."""
    target = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, target)
    return target


class Rendered:
    """A folder of briefs written by one or more `report` runs, and what each run printed."""

    def __init__(self, folder: Path, outputs: list[str]) -> None:
        self.folder = folder
        self.outputs = outputs

    def __truediv__(self, name: str) -> Path:
        return self.folder / name


def _shared_render(tmp_path_factory, name: str, runs: list[list[str]]) -> Rendered:
    """Run `report` once per list of arguments into one folder, once for all workers of this session."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the folder all workers' own temporary folders are in
    folder, done = base / f"shared-{name}", base / f"shared-{name}.json"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            outputs = []
            for args in runs:
                result = report(*args, "--output-dir", folder)
                assert result.exit_code == 0, result.output
                outputs.append(result.output)
            done.write_text(json.dumps(outputs), encoding="utf-8")
    return Rendered(folder, json.loads(done.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def shipped_briefs(tmp_path_factory) -> Rendered:
    """`report --all`: every theme's brief and the overview, PDF/UA-1 and HTML, in Dutch."""
    return _shared_render(tmp_path_factory, "briefs", [["--all", *DATE]])


@pytest.fixture(scope="session")
def english_briefs(tmp_path_factory) -> Rendered:
    """`report --lang en` of one theme, the shipped brief file and the overview: financiering.en.*,
    opvang-en-zorg.en.* and overzicht.en.*."""
    return _shared_render(
        tmp_path_factory,
        "english",
        [["--lang", "en", "--overview", "--theme", "financiering", "--brief", "opvang-en-zorg", *ENGLISH_DATE]],
    )


@pytest.fixture(scope="session")
def archival_briefs(tmp_path_factory) -> Rendered:
    """The PDF/A-2a files (SLUG.archief.pdf) of the shipped briefs and of the English ones."""
    archival = ["--format", "pdf", "--pdf-variant", "pdf/a-2a"]
    return _shared_render(
        tmp_path_factory,
        "archival",
        [
            ["--all", *archival, *DATE],
            [
                "--lang",
                "en",
                "--overview",
                "--theme",
                "financiering",
                "--brief",
                "opvang-en-zorg",
                *archival,
                *ENGLISH_DATE,
            ],
        ],
    )


@pytest.fixture
def rendered_copy(tmp_path) -> Callable[[Rendered], Path]:
    """A private copy of a shared render's folder, for a test that runs `report` on it again."""

    def copy(rendered: Rendered) -> Path:
        target = tmp_path / rendered.folder.name
        shutil.copytree(rendered.folder, target)
        return target

    return copy
