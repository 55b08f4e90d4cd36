"""A wheel built from the repository, installed (not editable) in a fresh venv, makes briefs anywhere.

The new venv finds the dependencies in the test environment's site-packages
(a .pth file, like --system-site-packages), so nothing is downloaded; the
package itself, its templates, fonts and catalogues come from the wheel only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import CORPUS, DATE, ROOT, TEMPLATES

# what a fresh clone has beyond the tracked files, and what building leaves behind
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "reports", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"
)
HOUSE_STYLE = "\n/* house style */\nh2 { color: #7a1f3d !important; }\n"


def run(*command: str | Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    assert done.returncode == 0, f"{' '.join(map(str, command))}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh venv with the wheel of this repository installed."""
    folder = tmp_path_factory.mktemp("install")
    shutil.copytree(ROOT, folder / "source", ignore=NOT_SOURCE)
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--quiet",
        "--wheel-dir",
        folder / "dist",
        folder / "source",
        cwd=folder,
    )
    wheels = list((folder / "dist").glob("bottlenecks-*.whl"))
    assert len(wheels) == 1, wheels
    venv.create(folder / "venv", with_pip=False)
    python = folder / "venv" / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=folder).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "--quiet",
        wheels[0],
        cwd=folder,
    )
    return folder / "venv" / "bin"


@pytest.fixture
def corpus_only(tmp_path) -> Path:
    """A folder that holds nothing but a copy of the corpus."""
    shutil.copytree(CORPUS, tmp_path / "bottlenecks")
    return tmp_path


def test_the_installed_command_writes_the_briefs_from_a_folder_with_only_the_corpus(
    installed, corpus_only, shipped_briefs
):
    where = run(
        installed / "python",
        "-c",
        "import bottleneck_briefs, bottleneck_briefs.cli.main as cli; "
        "print(bottleneck_briefs.__file__); print(cli.__file__); "
        "from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES; print(DEFAULT_TEMPLATES)",
        cwd=corpus_only,
    ).stdout.split()
    assert all(Path(path).is_relative_to(installed.parent) for path in where), where  # not the repository's
    done = run(installed / "bottlenecks", "report", "--theme", "financiering", *DATE, cwd=corpus_only)
    assert done.stdout.splitlines() == ["reports/financiering.pdf", "reports/financiering.html"]
    for name in ("financiering.pdf", "financiering.html"):  # the same templates and fonts as the repository's
        assert (corpus_only / "reports" / name).read_bytes() == (shipped_briefs / name).read_bytes(), name


def test_the_wheel_installs_no_top_level_module_but_the_package(installed, corpus_only):
    """The design card's cli.py starts a source checkout; installed, a module named `cli` could collide."""
    found = run(
        installed / "python", "-c", "import importlib.util as u; print(u.find_spec('cli'))", cwd=corpus_only
    ).stdout.strip()
    assert found == "None"
    record = next(installed.parent.glob("lib/python*/site-packages/bottlenecks-*.dist-info/RECORD")).read_text()
    top_level = {line.split(",")[0].split("/")[0] for line in record.splitlines()}
    assert {name for name in top_level if name != ".." and not name.endswith(".dist-info")} == {"bottleneck_briefs"}


def test_python_m_bottleneck_briefs_is_the_command(installed, corpus_only):
    assert run(installed / "python", "-m", "bottleneck_briefs", "--help", cwd=corpus_only).stdout.startswith(
        "Usage: bottlenecks "
    )
    themes = run(installed / "python", "-m", "bottleneck_briefs", "themes", cwd=corpus_only).stdout
    assert themes.split()[0] == "financiering"


def test_a_templates_folder_with_only_brief_css_changes_the_brief_and_nothing_else(
    installed, corpus_only, shipped_briefs
):
    house = corpus_only / "huisstijl"
    house.mkdir()
    (house / "brief.css").write_text(
        (TEMPLATES / "brief.css").read_text(encoding="utf-8") + HOUSE_STYLE, encoding="utf-8"
    )
    run(
        installed / "bottlenecks",
        "report",
        "--theme",
        "financiering",
        "--templates",
        "huisstijl",
        *DATE,
        cwd=corpus_only,
    )
    html = (corpus_only / "reports" / "financiering.html").read_text(encoding="utf-8")
    assert HOUSE_STYLE in html
    assert html.replace(HOUSE_STYLE, "", 1) == (shipped_briefs / "financiering.html").read_text(encoding="utf-8")
    pdf = (corpus_only / "reports" / "financiering.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf != (shipped_briefs / "financiering.pdf").read_bytes()
