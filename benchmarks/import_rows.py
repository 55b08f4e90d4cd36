"""Time `bottlenecks import --dry-run` of a spreadsheet with the largest allowed number of distinct rows.

Each row is a different text drawn from a vocabulary with the word
frequencies of natural language (Zipf's law: the shipped statements' words
by how often they occur, then 20,000 made-up rarer words), so rows share the
common words as real statements do. Every row is compared with the corpus and
with the rows above it. Prints the median wall time of fresh processes, as
a user runs the command.

    python benchmarks/import_rows.py              # 5,000 rows, 3 runs
    python benchmarks/import_rows.py 1000 --runs 1
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bottleneck_briefs.basics.names import MAX_IMPORT_ROWS  # noqa: E402
from bottleneck_briefs.corpus.loading import load_corpus  # noqa: E402


def vocabulary(corpus_dir: Path, generator: random.Random) -> list[str]:
    """Words by rank: the corpus's own (most frequent first), then made-up ones of Dutch-looking syllables."""
    corpus = load_corpus(corpus_dir).corpus
    assert corpus is not None, "the shipped corpus has errors: run `bottlenecks check`"
    counts = Counter(word for statement in corpus.statements for word in re.findall(r"\w+", statement.text.lower()))
    words = [word for word, _ in counts.most_common()]
    syllables = [
        "ge",
        "ver",
        "be",
        "ont",
        "in",
        "aan",
        "pak",
        "zorg",
        "werk",
        "recht",
        "hulp",
        "stel",
        "ling",
        "heid",
        "baar",
        "lijk",
        "en",
        "er",
        "te",
        "sig",
        "naal",
        "kos",
        "ten",
        "plan",
        "re",
        "gio",
        "mel",
    ]
    made_up: set[str] = set()
    while len(made_up) < 20_000:
        made_up.add("".join(generator.choice(syllables) for _ in range(generator.randint(2, 4))))
    return words + sorted(made_up - set(words))


def write_rows(path: Path, count: int, corpus_dir: Path) -> None:
    generator = random.Random(20)
    words = vocabulary(corpus_dir, generator)
    zipf = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["text", "themes", "section", "page"])
        for _ in range(count):
            text = " ".join(generator.choices(words, cum_weights=zipf, k=generator.randint(8, 40)))
            writer.writerow([text.capitalize() + ".", "financiering", "2.16", "27"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=MAX_IMPORT_ROWS)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "bottlenecks"
        shutil.copytree(ROOT / "bottlenecks", corpus)
        sheet = Path(folder) / "rows.csv"
        write_rows(sheet, arguments.rows, corpus)
        times = []
        for _ in range(arguments.runs):
            start = time.perf_counter()
            process = subprocess.run(
                [sys.executable, "-m", "cli", "import", "--dry-run", str(sheet), "--corpus", str(corpus)],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            times.append(time.perf_counter() - start)
            if process.returncode != 0:
                sys.exit(process.stderr[-2000:])
        summary = process.stdout.strip().splitlines()[-1]
    print(
        f"import --dry-run, {arguments.rows} distinct rows: median {statistics.median(times):.2f} s "
        f"over {arguments.runs} runs ({', '.join(f'{t:.2f}' for t in times)}); {summary}"
    )


if __name__ == "__main__":
    main()
