"""Time the command line on synthetic corpora of 50, 500 and 5,000 statements.

Every figure is the median wall time of several runs of a fresh process
(`bottlenecks ...` as a user runs it), with the peak resident memory of the
largest run (its own and its worker processes', from wait4's rusage). Runs
that a ratio compares alternate (tool, baseline, tool, baseline, ...), and the
ratio is the median of the per-round ratios: on a shared machine a slow spell
then slows both sides of one round alike instead of one side of the ratio.
The corpora are generated into a temporary folder and removed afterwards.

    python benchmarks/run.py            # all sizes (the 5,000-statement PDFs take minutes)
    python benchmarks/run.py --quick    # 50 and 500 statements, fewer rounds
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import generate  # noqa: E402

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES  # noqa: E402
from bottleneck_briefs.briefs.content.brief_data import build_brief  # noqa: E402
from bottleneck_briefs.briefs.render.brief_html import render_brief_html  # noqa: E402
from bottleneck_briefs.corpus.loading import load_corpus  # noqa: E402

DATE = "2025-03-01"
CLI = [sys.executable, str(ROOT / "cli.py")]
WEASYPRINT_ALONE = (  # the same options the tool passes, the default URL fetcher
    "import sys; from weasyprint import HTML; "
    "HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3], pdf_variant='pdf/ua-1', "
    "pdf_tags=True, pdf_identifier=True, custom_metadata=False)"
)
TARGETS = {
    "one brief / WeasyPrint alone": 1.15,
    "--all / one process per brief": 0.5,
    "--all warm / cold": 0.1,
    "check / import weasyprint": 0.3,  # an unchanged corpus, as in a pre-commit hook (check remembers clean runs)
    "check --no-cache / import weasyprint": None,  # the first check of a changed corpus: parsed in full
}


def timed(command: list[str], before: Callable[[], object] | None = None) -> tuple[float, int]:
    """(seconds, peak RSS in MB) of one run; `before` runs first, untimed (e.g. to empty a folder)."""
    if before:
        before()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None  # stderr=PIPE
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{stderr}")
    return seconds, usage.ru_maxrss // 1024  # Linux reports kB


def interleaved(runs: dict[str, Callable[[], tuple[float, int]]], rounds: int) -> dict[str, list[tuple[float, int]]]:
    """Every run once per round, in turn: a slow spell of a shared machine then hits all of them alike."""
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            results[name].append(run())
    return results


class Figures:
    """Per size: each measurement's median, and each ratio as the median of its per-round ratios."""

    def __init__(self, largest: str) -> None:
        self.largest = largest  # the theme of the "one brief" figures
        self.times: dict[str, tuple[float, int]] = {}
        self.ratios: dict[str, float] = {}

    def add(self, results: dict[str, list[tuple[float, int]]]) -> None:
        for name, runs in results.items():
            self.times[name] = (statistics.median(s for s, _ in runs), max(m for _, m in runs))

    def ratio(self, name: str, numerator: list[tuple[float, int]], denominator: list[tuple[float, int]]) -> None:
        self.ratios[name] = statistics.median(a / b for (a, _), (b, _) in zip(numerator, denominator, strict=True))


def measure(size: int, folder: Path, rounds: int, brief_rounds: int, per_process: bool) -> Figures:
    corpus_dir = generate(size, folder / f"corpus-{size}")
    corpus = load_corpus(corpus_dir).corpus
    if corpus is None:
        raise SystemExit(f"the generated corpus {corpus_dir} does not load")
    largest = max(corpus.codebook.themes, key=lambda theme: corpus.count_for(theme.slug)).slug
    out = folder / f"out-{size}"
    common = ["--corpus", str(corpus_dir), "--date", DATE, "--quiet"]
    figures = Figures(f"{largest}, {corpus.count_for(largest)} statements")

    check = [*CLI, "check", "--corpus", str(corpus_dir)]
    timed(check)  # remembers the clean result
    checks = interleaved(
        {
            "check": lambda: timed(check),
            "check --no-cache": lambda: timed([*check, "--no-cache"]),
            "import weasyprint": lambda: timed([sys.executable, "-c", "import weasyprint"]),
        },
        max(5, rounds),
    )
    figures.add(checks)
    figures.ratio("check / import weasyprint", checks["check"], checks["import weasyprint"])
    figures.ratio("check --no-cache / import weasyprint", checks["check --no-cache"], checks["import weasyprint"])

    html = folder / f"{largest}-{size}.html"  # the very HTML the tool hands to WeasyPrint
    brief = build_brief(corpus, largest, date.fromisoformat(DATE))
    html.write_text(render_brief_html(brief, DEFAULT_TEMPLATES, "pdf"), encoding="utf-8")
    briefs = interleaved(
        {
            "one brief": lambda: timed(
                [
                    *CLI,
                    "report",
                    "--theme",
                    largest,
                    "--format",
                    "pdf",
                    "--force",
                    "--output-dir",
                    str(out / "one"),
                    *common,
                ]
            ),
            "WeasyPrint alone, same HTML": lambda: timed(
                [
                    sys.executable,
                    "-c",
                    WEASYPRINT_ALONE,
                    str(html),
                    DEFAULT_TEMPLATES.as_uri() + "/",
                    str(folder / "alone.pdf"),
                ]
            ),
        },
        brief_rounds,
    )
    figures.add(briefs)
    figures.ratio("one brief / WeasyPrint alone", briefs["one brief"], briefs["WeasyPrint alone, same HTML"])

    all_command = [*CLI, "report", "--all", "--output-dir", str(out / "all"), *common]
    cold = {"--all cold": lambda: timed(all_command, before=lambda: shutil.rmtree(out / "all", ignore_errors=True))}
    if per_process:

        def each_brief() -> tuple[float, int]:
            runs = [
                timed([*CLI, "report", *args, "--force", "--output-dir", str(out / "each"), *common])
                for args in [["--theme", theme.slug] for theme in corpus.codebook.themes] + [["--overview"]]
            ]
            return sum(s for s, _ in runs), max(m for _, m in runs)

        cold["one process per brief (sum)"] = each_brief
    alls = interleaved(cold, rounds)
    figures.add(alls)
    if per_process:
        figures.ratio("--all / one process per brief", alls["--all cold"], alls["one process per brief (sum)"])

    warm = interleaved({"--all warm": lambda: timed(all_command)}, max(5, rounds))  # after the last cold run
    figures.add(warm)
    figures.ratios["--all warm / cold"] = figures.times["--all warm"][0] / figures.times["--all cold"][0]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="50 and 500 statements only, fewer rounds")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per comparison (default 5; 1 at 5,000)")
    options = parser.parse_args()
    sizes = [50, 500] if options.quick else [50, 500, 5000]
    rounds = 3 if options.quick else options.rounds

    print(
        f"bottlenecks benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"runs that are compared alternate, {rounds} rounds (check: at least 5; one brief: at least 9); "
        "times are medians, "
        "ratios the median of the per-round ratios"
        + (
            ""
            if options.quick
            else "; at 5,000 statements every PDF figure is 1 round and the "
            "one-process-per-brief baseline is skipped (it would take ~10 minutes)"
        )
    )

    table: dict[int, Figures] = {}
    with tempfile.TemporaryDirectory(prefix="bottlenecks-bench-") as temporary:
        os.environ["XDG_CACHE_HOME"] = str(Path(temporary) / "cache")  # check's memory: fresh, and thrown away
        for size in sizes:
            big = size >= 5000
            # a brief of 50 statements takes about a second: more rounds cost little and steady the ratio
            table[size] = measure(
                size, Path(temporary), 1 if big else rounds, 1 if big else max(9, rounds), per_process=not big
            )
            print(f"{size} statements (one brief: the largest theme, {table[size].largest})")
            for name, (seconds, memory) in table[size].times.items():
                print(f"  {name:34} {seconds:8.2f} s  {memory:6d} MB peak")
            print()

    print("ratios (target)")
    for size, figures in table.items():
        for name, value in sorted(figures.ratios.items(), key=lambda item: list(TARGETS).index(item[0])):
            target = TARGETS[name]
            verdict = "" if target is None else f"(<= {target})  {'ok' if value <= target else 'MISSED'}"
            print(f"  {size:5} statements  {name:36} {value:6.2f}  {verdict or '(for information)'}")
    if 500 in table and 5000 in table:
        for name in ("check --no-cache", "one brief", "--all cold"):
            value = table[5000].times[name][0] / table[500].times[name][0]
            print(
                f"  5000 / 500 statements  {name:26} {value:6.2f}  (<= 11: linear)  {'ok' if value <= 11 else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
