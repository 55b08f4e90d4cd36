import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))  # test helpers (check_cases, seed_matching)


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
