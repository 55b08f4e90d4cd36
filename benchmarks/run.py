"""Time the command line on synthetic corpora of 50, 500 and 5,000 statements.

Every figure is the median wall time of several runs of a fresh process
(`bottlenecks ...` as a user runs it), with the peak resident memory of the
largest run (its own and its worker processes', from wait4's rusage). The
corpora are generated into a temporary folder and removed afterwards.

    python benchmarks/run.py            # all sizes (the 5,000-statement PDFs take minutes)
    python benchmarks/run.py --quick    # 50 and 500 statements, fewer repeats
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
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import generate  # noqa: E402

from bottleneck_briefs.brief_data import build_brief  # noqa: E402
from bottleneck_briefs.brief_html import render_brief_html  # noqa: E402
from bottleneck_briefs.corpus import load_corpus  # noqa: E402
from bottleneck_briefs.template_environment import DEFAULT_TEMPLATES  # noqa: E402

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


def timed(command: list[str], before=None) -> tuple[float, int]:
    """(seconds, peak RSS in MB) of one run; `before` runs first, untimed (e.g. to empty a folder)."""
    if before:
        before()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{stderr}")
    return seconds, usage.ru_maxrss // 1024  # Linux reports kB


def median(command: list[str], repeats: int, before=None) -> tuple[float, int]:
    runs = [timed(command, before) for _ in range(repeats)]
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


def measure(size: int, folder: Path, repeats: int, per_process: bool) -> dict[str, tuple[float, int]]:
    corpus_dir = generate(size, folder / f"corpus-{size}")
    corpus = load_corpus(corpus_dir).corpus
    largest = max(corpus.codebook.themes, key=lambda theme: corpus.count_for(theme.slug)).slug
    out = folder / f"out-{size}"
    common = ["--corpus", str(corpus_dir), "--date", DATE, "--quiet"]
    results: dict[str, tuple[float, int]] = {}
    few = max(1, repeats)

    check = [*CLI, "check", "--corpus", str(corpus_dir)]
    results["check --no-cache"] = median([*check, "--no-cache"], max(5, repeats))
    timed(check)  # remembers the clean result
    results["check"] = median(check, max(5, repeats))
    results[f"one brief (PDF, '{largest}')"] = median(
        [*CLI, "report", "--theme", largest, "--format", "pdf", "--force", "--output-dir", str(out / "one"), *common],
        few)

    html = folder / f"{largest}-{size}.html"  # the very HTML the tool hands to WeasyPrint
    brief = build_brief(corpus, largest, date.fromisoformat(DATE))
    html.write_text(render_brief_html(brief, DEFAULT_TEMPLATES, "pdf"), encoding="utf-8")
    results["WeasyPrint alone, same HTML"] = median(
        [sys.executable, "-c", WEASYPRINT_ALONE, str(html), DEFAULT_TEMPLATES.as_uri() + "/", str(folder / "alone.pdf")],
        few)

    all_command = [*CLI, "report", "--all", "--output-dir", str(out / "all"), *common]
    results["--all cold"] = median(all_command, few, before=lambda: shutil.rmtree(out / "all", ignore_errors=True))
    results["--all warm"] = median(all_command, max(5, repeats))

    if per_process:
        total, peak = 0.0, 0
        for args in [["--theme", theme.slug] for theme in corpus.codebook.themes] + [["--overview"]]:
            seconds, memory = median([*CLI, "report", *args, "--force", "--output-dir", str(out / "each"), *common], 1)
            total, peak = total + seconds, max(peak, memory)
        results["one process per brief (sum)"] = (total, peak)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="50 and 500 statements only, fewer repeats")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (default 3; 1 at 5,000)")
    options = parser.parse_args()
    sizes = [50, 500] if options.quick else [50, 500, 5000]
    repeats = 2 if options.quick else options.repeats

    print(f"bottlenecks benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"medians of {repeats} runs (check and warm runs: at least 5)"
          + ("" if options.quick else "; at 5,000 statements every PDF figure is 1 run and the "
             "one-process-per-brief baseline is skipped (it would take ~10 minutes)"))
    weasyprint_import, _ = median([sys.executable, "-c", "import weasyprint"], 5)
    print(f"python -c 'import weasyprint': {weasyprint_import:.2f} s\n")

    table: dict[int, dict[str, tuple[float, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="bottlenecks-bench-") as temporary:
        os.environ["XDG_CACHE_HOME"] = str(Path(temporary) / "cache")  # check's memory: fresh, and thrown away
        for size in sizes:
            big = size >= 5000
            table[size] = measure(size, Path(temporary), 1 if big else repeats, per_process=not big)
            print(f"{size} statements")
            for name, (seconds, memory) in table[size].items():
                print(f"  {name:34} {seconds:8.2f} s  {memory:6d} MB peak")
            print()

    print("ratios (target)")
    for size, results in table.items():
        one = next(value for name, value in results.items() if name.startswith("one brief"))[0]
        ratios = {
            "one brief / WeasyPrint alone": one / results["WeasyPrint alone, same HTML"][0],
            "--all warm / cold": results["--all warm"][0] / results["--all cold"][0],
            "check / import weasyprint": results["check"][0] / weasyprint_import,
            "check --no-cache / import weasyprint": results["check --no-cache"][0] / weasyprint_import,
        }
        if "one process per brief (sum)" in results:
            ratios["--all / one process per brief"] = results["--all cold"][0] / results["one process per brief (sum)"][0]
        for name, value in sorted(ratios.items(), key=lambda item: list(TARGETS).index(item[0])):
            target = TARGETS[name]
            verdict = "" if target is None else f"(<= {target})  {'ok' if value <= target else 'MISSED'}"
            print(f"  {size:5} statements  {name:36} {value:6.2f}  {verdict or '(for information)'}")
    if 500 in table and 5000 in table:
        for name in ("check --no-cache", "--all cold"):
            value = table[5000][name][0] / table[500][name][0]
            print(f"  5000 / 500 statements  {name:26} {value:6.2f}  (<= 11: linear)  "
                  f"{'ok' if value <= 11 else 'MISSED'}")
        one = [next(v for n, v in table[s].items() if n.startswith("one brief"))[0] for s in (500, 5000)]
        print(f"  5000 / 500 statements  {'one brief':26} {one[1] / one[0]:6.2f}  (<= 11: linear)  "
              f"{'ok' if one[1] / one[0] <= 11 else 'MISSED'}")


if __name__ == "__main__":
    main()
