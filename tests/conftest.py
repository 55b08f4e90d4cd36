import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))  # test helpers (check_cases, seed_matching)


@pytest.fixture(scope="session", autouse=True)
def private_cache_folder(tmp_path_factory):
    """Remembered check results go to a folder of this test run, not the user's cache (subprocesses inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def shipped_corpus_dir() -> Path:
    return ROOT / "bottlenecks"


@pytest.fixture
def corpus_copy(tmp_path, shipped_corpus_dir) -> Path:
    """A private copy of the shipped corpus (YAML and schema files) that a test may change."""
    import shutil

    target = tmp_path / "bottlenecks"
    shutil.copytree(shipped_corpus_dir, target)
    return target
