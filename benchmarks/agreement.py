"""Time a second coding's commands on a synthetic corpus: `agreement` (the limit is 2 s at 5,000 statements),
`export coding-sheet` and `import-coding`, each as a user runs it (a fresh process), medians printed.

The second coding is the corpus's own with every theme and facet value flipped on 5 % of the statements
(seeded), so kappas, alpha and the list of differences are those of a realistic coding, not of identical ones.
`check --no-cache` is timed alongside: `agreement` loads and checks the same corpus first, and the ratio tells
how much the comparison itself adds. `agreement` is timed twice: on an empty cache (every file read and
validated) and after an earlier command stored the validated load (corpus/load_cache), as an editor meets it
after `check` or an earlier `agreement`.

With `--base PATH` (a checkout of another version, e.g. `git worktree add /tmp/base 0e8ea3d`) every command
runs in both, alternating (this tree, base, this tree, base, ...) so that a busy spell on a shared machine
slows both sides of a round alike; the ratio is the median of the per-round ratios of wall and processor time.

    python benchmarks/agreement.py                        # 5,000 statements, 3 runs
    python benchmarks/agreement.py 1000 --runs 1
    python benchmarks/agreement.py --base /tmp/base       # before/after
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
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
            writer.writerow(
                [
                    statement.id
                    if column.kind == ID
                    else "x"
                    if column.kind == THEME and column.key in item.themes
                    else ", ".join(item.facet_values(column.key))
                    if column.kind == FACET
                    else ""
                    for column in columns
                ]
            )


@dataclass
class Timing:
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float) -> None:
        self.walls.append(wall)
        self.cpus.append(cpu)

    def text(self) -> str:
        return f"{statistics.median(self.walls):6.2f} s {statistics.median(self.cpus):6.2f} s"


def run_once(tree: Path, args: list[str], cwd: Path, cache: Path) -> tuple[float, float]:
    """(wall time, processor time) of `bottlenecks ARGS` of `tree` in a fresh process.

    The processor time (user + system of the child) is told beside the wall time: on a shared machine a
    busy neighbour lengthens the wall time, much less the work the command itself does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(tree / "cli.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(cache)},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise SystemExit(f"{tree}: {' '.join(args)} failed:\n{completed.stderr[-2000:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def timed(trees: list[Path], args: list[str], cwd: Path, runs: int, warm: bool) -> list[Timing]:
    """One Timing per tree, the trees taking turns; `warm`: the validated load is stored by an untimed run
    first, else every run starts from an empty cache."""
    timings = [Timing() for _ in trees]
    for round_number in range(runs):
        for index, tree in enumerate(trees):
            # an empty cache is a new folder: the last run's load may still be being stored in the old one
            cache = cwd / (f"cache-{index}" if warm else f"cache-{index}-{round_number}")
            if warm and round_number == 0:
                shutil.rmtree(cache, ignore_errors=True)
                run_once(tree, args, cwd, cache)
                time.sleep(1)  # the stored load is written by a process of its own: let it finish
            timings[index].add(*run_once(tree, args, cwd, cache))
    return timings


def ratio(tool: Timing, base: Timing) -> str:
    walls = statistics.median(t / b for t, b in zip(tool.walls, base.walls, strict=True))
    cpus = statistics.median(t / b for t, b in zip(tool.cpus, base.cpus, strict=True))
    return f"{walls:6.2f} {cpus:6.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("statements", type=int, nargs="?", default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", type=Path, default=None, help="A checkout of another version to compare with.")
    options = parser.parse_args()
    trees = [ROOT] + ([options.base.resolve()] if options.base else [])
    results: dict[str, list[Timing]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpus_dir = generate(options.statements, work / "corpus")
        write_second_coding(corpus_dir, "bench")
        corpus = ["--corpus", str(corpus_dir)]
        results["check --no-cache"] = timed(trees, ["check", "--no-cache", *corpus], work, options.runs, False)
        results["agreement, empty cache"] = timed(trees, ["agreement", "bench", *corpus], work, options.runs, False)
        results["agreement, load stored"] = timed(trees, ["agreement", "bench", *corpus], work, options.runs, True)
        results["agreement --format json"] = timed(
            trees, ["agreement", "bench", "--format", "json", *corpus], work, options.runs, True
        )
        results["export coding-sheet .xlsx"] = timed(
            trees, ["export", "coding-sheet", str(work / "sheet.xlsx"), *corpus], work, options.runs, True
        )
        write_filled_sheet(corpus_dir, "bench", work / "filled.csv")
        results["import-coding .csv"] = timed(
            trees,
            ["import-coding", str(work / "filled.csv"), "--name", "imported", "--replace", *corpus],
            work,
            options.runs,
            True,
        )
    print(
        f"{options.statements:,} statements, median of {options.runs} run(s), fresh processes, "
        f"wall time and processor time:"
    )
    heading = f"  {'':<28}{'this tree':>17}"
    if options.base:
        heading += f"   {'base ' + options.base.name:>17}   ratio (wall, processor)"
    print(heading)
    for label, timings in results.items():
        line = f"  {label:<28}{timings[0].text()}"
        if options.base:
            line += f"   {timings[1].text()}   {ratio(timings[0], timings[1])}"
        if label.startswith("agreement,"):
            wall = statistics.median(timings[0].walls)
            line += f"   limit {LIMIT:.1f} s: {'within' if wall <= LIMIT else 'OVER'}"
        print(line)
    check, cold = results["check --no-cache"][0], results["agreement, empty cache"][0]
    print(
        f"  agreement (empty cache) ÷ check --no-cache "
        f"{statistics.median(cold.walls) / statistics.median(check.walls):.2f}   (what the comparison adds)"
    )


if __name__ == "__main__":
    main()
