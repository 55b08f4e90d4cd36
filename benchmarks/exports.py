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

Then the overview of a synthetic corpus of N statements (default 5,000; it
holds every statement, the largest Word file a site build makes): the CPU
seconds of each step of its DOCX and ODT in this process, the brief built once
(the check for characters XML cannot hold, the HTML, its mapping onto the
office document model, the two writers), and of its XLSX and ODS (the sheet
laid out once, then the two workbooks, as a site build makes them), medians
over the rounds.

    python benchmarks/exports.py [--rounds N] [--overview-statements N]

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
from typing import Any

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


OVERVIEW_STEPS = (
    "refuse_unwritable_text",
    "render_brief_html",
    "office_document",
    "write_docx",
    "write_odt",
    "sheet_layout",
    "xlsx",
    "ods",
)


def overview_steps(corpus_dir: Path, rounds: int) -> dict[str, list[float]]:
    """CPU seconds of each step that makes the overview's DOCX and ODT, XLSX and ODS (imports here: `--one` times
    them)."""
    from dataclasses import replace
    from datetime import date

    from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
    from bottleneck_briefs.briefs.formats import ods, xlsx
    from bottleneck_briefs.briefs.formats.office.docx_writer import write_docx
    from bottleneck_briefs.briefs.formats.office.odt_writer import write_odt
    from bottleneck_briefs.briefs.formats.office.office_mapping import office_document
    from bottleneck_briefs.briefs.formats.office_files import refuse_unwritable_text
    from bottleneck_briefs.briefs.formats.sheet_layout import sheet_layout
    from bottleneck_briefs.briefs.render.brief_html import render_brief_html
    from bottleneck_briefs.briefs.run.brief_jobs import overview_job
    from bottleneck_briefs.briefs.run.report_plan import ReportRequest

    job = overview_job()
    brief = job.build(loaded(corpus_dir), date.fromisoformat(DATE), "nl")
    times: dict[str, list[float]] = {step: [] for step in OVERVIEW_STEPS}

    def step(make: Callable[..., Any], *arguments: object, name: str = "") -> Any:
        start = time.process_time()
        made = make(*arguments)
        times[name or make.__name__].append(time.process_time() - start)
        return made

    for _ in range(rounds):
        step(refuse_unwritable_text, brief, "the Word file")
        html = step(render_brief_html, brief, DEFAULT_TEMPLATES, "pdf")
        document = step(office_document, html)
        step(write_docx, document, DEFAULT_TEMPLATES)
        step(write_odt, document, DEFAULT_TEMPLATES)
        sheet_brief = replace(brief)  # a brief of its own: the layout the last round kept is not this one's
        step(sheet_layout, sheet_brief)
        step(xlsx.render, job, sheet_brief, ReportRequest(), name="xlsx")  # both read the layout just made
        step(ods.render, job, sheet_brief, ReportRequest(), name="ods")
    return times


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
    parser.add_argument(
        "--overview-statements", type=int, default=5000, help="statements of the overview timed step by step (0: none)"
    )
    arguments = parser.parse_args()
    rounds = arguments.rounds
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
        if arguments.overview_statements:
            large = generate(arguments.overview_statements, Path(scratch) / "corpus-overview")
            steps = overview_steps(large, rounds)
            print(
                f"\nThe overview of {arguments.overview_statements:,} statements, CPU seconds per step of its DOCX and "
                f"ODT, XLSX and ODS (median of {rounds}):"
            )
            for name, seconds in steps.items():
                print(f"- {name}: {statistics.median(seconds):.2f} s")
            print(f"- all: {sum(statistics.median(seconds) for seconds in steps.values()):.2f} s")
    if failed:
        raise SystemExit("a format's own cost is over its target")


if __name__ == "__main__":
    main()
