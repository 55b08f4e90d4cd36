import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))  # test helpers (check_cases, seed_matching)


@pytest.fixture(scope="session")
def shipped_corpus_dir() -> Path:
    return ROOT / "bottlenecks"
