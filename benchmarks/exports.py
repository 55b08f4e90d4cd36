"""Time the Word and spreadsheet briefs against the PDF brief of the same theme.

Two measures, on the largest theme of the shipped corpus and of a synthetic
corpus of 500 statements:

- the format's own cost: in a fresh process the corpus is loaded and the
  brief built (untimed), then the file is made, its library's import included
  (for the PDF: the HTML, WeasyPrint's import and fonts, the layout);
- the whole command, `bottlenecks report --theme T --format F --force`, as a
  user runs it: start-up and loading the corpus included, which every format
  pays alike;
- for comparison, `bottlenecks list --theme T`: start-up, loading and
  validating the corpus (the privacy check included) and printing the
  statements, what every command pays before a brief is built.

The formats alternate within each round (pdf, docx, odt, xlsx, ods, csv, pdf,
...) and each ratio is the median of the per-round ratios, as in run.py.

    python benchmarks/exports.py [--rounds N]

Targets: DOCX and ODT (the templates' HTML rendered and mapped, then written)
at most 0.3 x the PDF, XLSX, ODS and CSV at most 0.1 x.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import CLI, DATE, ROOT, interleaved, timed
from synthetic_corpus import generate

from bottleneck_briefs.corpus.loading import Corpus, load_corpus

FORMATS = ("pdf", "docx", "odt", "xlsx", "ods", "csv")
TARGETS = {"docx": 0.3, "odt": 0.3, "xlsx": 0.1, "ods": 0.1, "csv": 0.1}


def loaded(corpus_dir: Path) -> Corpus:
    corpus = load_corpus(corpus_dir).corpus
    if corpus is None:
        raise SystemExit(f"the corpus in {corpus_dir} has errors: run bottlenecks check")
    return corpus


def largest_theme(corpus_dir: Path) -> tuple[str, int]:
    corpus = loaded(corpus_dir)
    counts = {theme.slug: len(corpus.statements_for(theme.slug)) for theme in corpus.codebook.themes}
    slug = max(counts, key=lambda theme: counts[theme])
    return slug, counts[slug]


def format_cost(suffix: str, corpus_dir: Path, slug: str) -> float:
    """Run in a fresh process (--one): seconds to make the file once the brief's data is built."""
    from datetime import date

    from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
    from bottleneck_briefs.briefs.run.brief_jobs import theme_job
    from bottleneck_briefs.briefs.run.report_plan import ReportRequest

    job, request = theme_job(slug), ReportRequest(slugs=(slug,), output_formats=(suffix,))
    brief = job.build(loaded(corpus_dir), date.fromisoformat(DATE), "nl")
    start = time.perf_counter()
    from bottleneck_briefs.briefs.formats.output_formats import FORMATS

    data = FORMATS[suffix].render(job, brief, request)
    if suffix == "pdf":  # what the PDF worker does with the HTML
        from bottleneck_briefs.briefs.formats.pdf_output import render_pdf

        assert isinstance(data, str)
        data = render_pdf(data, DEFAULT_TEMPLATES)
    assert data
    return time.perf_counter() - start


def measure(corpus_dir: Path, out: Path, rounds: int) -> dict[str, list[float]]:
    slug, _ = largest_theme(corpus_dir)

    def own(suffix: str) -> tuple[float, int]:
        done = subprocess.run(
            [sys.executable, __file__, "--one", suffix, str(corpus_dir), slug],
            check=True,
            capture_output=True,
            text=True,
        )
        return float(done.stdout), 0

    def command(suffix: str) -> tuple[float, int]:
        return timed(
            [
                *CLI,
                "report",
                "--theme",
                slug,
                "--format",
                suffix,
                "--force",
                "--date",
                DATE,
                "--output-dir",
                str(out),
                "--quiet",
                "--corpus",
                str(corpus_dir),
            ]
        )

    runs: dict[str, Callable[[], tuple[float, int]]] = {}
    for suffix in FORMATS:
        runs[f"own {suffix}"] = partial(own, suffix)
        runs[suffix] = partial(command, suffix)
    # start-up and loading the corpus alone: what every command pays before a brief is built
    runs["list"] = partial(timed, [*CLI, "list", "--theme", slug, "--corpus", str(corpus_dir)])
    return {name: [seconds for seconds, _ in results] for name, results in interleaved(runs, rounds).items()}


def ratio(times: dict[str, list[float]], name: str, reference: str) -> float:
    """The median of the per-round ratios of one run to another."""
    return statistics.median(t / r for t, r in zip(times[name], times[reference], strict=True))


def table(label: str, prefix: str, times: dict[str, list[float]]) -> tuple[str, bool]:
    ratios = {suffix: ratio(times, prefix + suffix, prefix + "pdf") for suffix in TARGETS}
    line = (
        f"| {label:<40} | "
        + " | ".join(f"{statistics.median(times[prefix + suffix]):5.2f} s" for suffix in FORMATS)
        + " | "
        + " | ".join(f"{ratios[suffix]:.2f}" for suffix in TARGETS)
        + " |"
    )
    return line, any(ratios[suffix] > target for suffix, target in TARGETS.items())


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(format_cost(sys.argv[2], Path(sys.argv[3]), sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="rounds per corpus (default 5)")
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as scratch:
        synthetic = Path(scratch) / "corpus-500"
        generate(500, synthetic)
        corpora = {"shipped corpus": ROOT / "bottlenecks", "500 statements": synthetic}
        print(
            f"| {'largest theme: what is timed':<40} | "
            + " | ".join(f"{suffix:>7}" for suffix in FORMATS)
            + " | "
            + " | ".join(f"{suffix} ÷ pdf (≤ {target})" for suffix, target in TARGETS.items())
            + " |"
        )
        print("| --- |" + " ---: |" * (len(FORMATS) + len(TARGETS)))
        failed = False
        loading: list[str] = []
        for label, corpus_dir in corpora.items():
            slug, count = largest_theme(corpus_dir)
            times = measure(corpus_dir, Path(scratch) / "out", rounds)
            line, over = table(f"{label}, {slug} ({count}): the format", "own ", times)
            failed |= over
            print(line)
            print(table(f"{label}, {slug} ({count}): the command", "", times)[0])
            loading.append(
                f"{label}: `list --theme {slug}` {statistics.median(times['list']):.2f} s, "
                f"{ratio(times, 'list', 'pdf'):.2f} x the PDF command"
            )
        print("\nStart-up and loading the corpus alone, for comparison with the commands:")
        for line in loading:
            print(f"- {line}")
    if failed:
        raise SystemExit("a format's own cost is over its target")


if __name__ == "__main__":
    main()
