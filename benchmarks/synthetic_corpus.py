"""Generate a synthetic corpus of N statements shaped like the shipped one.

Text lengths, theme mixes and facet use are drawn from the shipped statements,
words from their vocabulary, so timings scale as a real corpus would. The
output is for benchmarks only: generated on demand, never committed.

    python benchmarks/synthetic_corpus.py 5000 /tmp/corpus-5000
"""

from __future__ import annotations

import random
import shutil
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bottleneck_briefs.corpus.loading import CODEBOOK_NAME, load_corpus  # noqa: E402

STATEMENTS_PER_FILE = 250


def generate(count: int, target: Path, seed: int = 2026, source: Path = ROOT / "bottlenecks") -> Path:
    shipped = load_corpus(source).corpus
    if shipped is None:
        raise SystemExit(f"the corpus in {source} has errors: run bottlenecks check")
    rng = random.Random(seed)
    words = [word for statement in shipped.statements for word in statement.text.split()]
    lengths = [len(statement.text.split()) for statement in shipped.statements]
    examples = list(shipped.statements)
    document = shipped.codebook.documents[0]

    if target.exists():
        shutil.rmtree(target)
    (target / "statements").mkdir(parents=True)
    shutil.copyfile(source / CODEBOOK_NAME, target / CODEBOOK_NAME)
    for first in range(0, count, STATEMENTS_PER_FILE):
        items = []
        for number in range(first + 1, min(first + STATEMENTS_PER_FILE, count) + 1):
            example = rng.choice(examples)  # borrow a real statement's theme mix and facets
            text = " ".join(rng.choice(words) for _ in range(rng.choice(lengths)))
            text = f"{text.rstrip('.,;:?!')} (synthetisch {number})."  # unique, so no duplicate texts
            section = rng.choice(document.sections).number
            lines = [
                f"  - id: KP-{number:03d}",  # the one written form of an id: three digits or more
                "    text: >-",
                *textwrap.wrap(
                    text,
                    70,
                    initial_indent="      ",
                    subsequent_indent="      ",
                    break_long_words=False,
                    break_on_hyphens=False,
                ),
                f'    source: {{document: {document.id}, section: "{section}", page: {rng.randint(1, 120)}}}',
                f"    themes: [{', '.join(example.themes)}]",
            ]
            lines += [
                f"    {facet}: [{', '.join(example.facet_values(facet))}]"
                for facet in shipped.codebook.facet_slugs
                if example.facet_values(facet)
            ]
            items.append("\n".join(lines))
        path = target / "statements" / f"synthetisch-{first // STATEMENTS_PER_FILE + 1:03d}.yaml"
        path.write_text("statements:\n" + "\n\n".join(items) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
