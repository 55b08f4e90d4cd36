"""Time a second coding's commands on a synthetic corpus: `agreement` (the limit is 2 s at 5,000 statements),
`export coding-sheet` and `import-coding`, each as a user runs it (a fresh process), medians printed.

The second coding is the corpus's own with every theme and facet value flipped on 5 % of the statements
(seeded), so kappas, alpha and the list of differences are those of a realistic coding, not of identical ones.
`check --no-cache` is timed alongside: `agreement` loads and checks the same corpus first, and the ratio tells
how much the comparison itself adds.

    python benchmarks/agreement.py                 # 5,000 statements, 3 runs
    python benchmarks/agreement.py 1000 --runs 1
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import generate  # noqa: E402

from bottleneck_briefs.corpus.facet_models import corpus_models  # noqa: E402
from bottleneck_briefs.corpus.loading import load_corpus  # noqa: E402
from bottleneck_briefs.editing.coding_sheet import FACET, ID, THEME, sheet_columns  # noqa: E402
from bottleneck_briefs.editing.coding_text import coding_text  # noqa: E402

LIMIT = 2.0  # seconds for `agreement` at 5,000 statements (issue 29)
FLIP = 0.05


def flipped(values: list[str], vocabulary: list[str], rng: random.Random) -> list[str]:
    return [slug for slug in vocabulary if (slug in values) != (rng.random() < FLIP)]


def write_second_coding(corpus_dir: Path, name: str) -> None:
    corpus = load_corpus(corpus_dir).corpus
    assert corpus is not None, "the synthetic corpus has errors"
    rng = random.Random(29)
    themes = [theme.slug for theme in corpus.codebook.themes]
    vocabularies = {facet.slug: [value.slug for value in facet.values] for facet in corpus.codebook.facets}
    models = corpus_models(corpus.codebook.facet_slugs)
    coded = []
    for statement in corpus.statements:
        chosen = flipped(statement.themes, themes, rng) or list(statement.themes)  # at least one theme
        facets = {facet: flipped(statement.facet_values(facet), vocabularies[facet], rng) for facet in vocabularies}
        coded.append(models.coded_statement.model_validate({"id": statement.id, "themes": chosen, **facets}))
    coding = models.coding(coder="Tweede codeur", date="2026-11-30", statements=coded)
    (corpus_dir / "codings").mkdir(exist_ok=True)
    (corpus_dir / "codings" / f"{name}.yaml").write_text(coding_text(coding, name, "# benchmark"), encoding="utf-8")


def write_filled_sheet(corpus_dir: Path, name: str, target: Path) -> None:
    """The coding `name` as a coder returns the sheet: an x per theme, facet values by comma."""
    corpus = load_corpus(corpus_dir).corpus
    assert corpus is not None
    coded = {item.id: item for item in corpus.codings[name].statements}
    columns = sheet_columns(corpus.codebook)
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow([column.header for column in columns])
        for statement in corpus.statements:
            item = coded[statement.id]
            writer.writerow([statement.id if column.kind == ID else
                             "x" if column.kind == THEME and column.key in item.themes else
                             ", ".join(item.facet_values(column.key)) if column.kind == FACET else ""
                             for column in columns])


def timed(args: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """(wall time, processor time) of `bottlenecks ARGS` in fresh processes, medians of `runs`.

    The processor time (user + system of the child) is told beside the wall time: on a shared machine a
    busy neighbour lengthens the wall time, much less the work the command itself does."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        completed = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, capture_output=True,
                                   text=True, env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(cwd / "cache")})
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if completed.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed:\n{completed.stderr[-2000:]}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("statements", type=int, nargs="?", default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpus_dir = generate(options.statements, work / "corpus")
        write_second_coding(corpus_dir, "bench")
        corpus = ["--corpus", str(corpus_dir)]
        check = timed(["check", "--no-cache", *corpus], work, options.runs)
        agreement = timed(["agreement", "bench", *corpus], work, options.runs)
        as_json = timed(["agreement", "bench", "--format", "json", *corpus], work, options.runs)
        export = timed(["export", "coding-sheet", str(work / "sheet.xlsx"), *corpus], work, options.runs)
        write_filled_sheet(corpus_dir, "bench", work / "filled.csv")
        imported = timed(["import-coding", str(work / "filled.csv"), "--name", "imported", "--replace", *corpus],
                         work, options.runs)
    print(f"{options.statements:,} statements, median of {options.runs} run(s), fresh processes "
          f"(wall time, processor time):")
    for label, (wall, cpu) in (("check --no-cache", check), ("agreement (text)", agreement),
                               ("agreement --format json", as_json), ("export coding-sheet .xlsx", export),
                               ("import-coding .csv", imported)):
        verdict = (f"   limit {LIMIT:.1f} s: {'within' if wall <= LIMIT else 'OVER'}"
                   if label.startswith("agreement (") else "")
        print(f"  {label:<28}{wall:6.2f} s  {cpu:6.2f} s{verdict}")
    print(f"  agreement ÷ check --no-cache{agreement[0] / check[0]:6.2f}   (what the comparison adds to loading)")


if __name__ == "__main__":
    main()
