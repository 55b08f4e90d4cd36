"""What a note costs: its render time against the theme brief with the same statements, and `check` with notes.

1. Render: a note whose evidence is one theme's statements (so it annexes exactly the theme brief's
   statements, cites a few and counts), against that theme's brief: data, HTML and PDF, in this process,
   alternating. Target: ratio at most 1.1.
2. Check: load_corpus on the shipped corpus with and without its notes, and on a synthetic corpus of
   STATEMENTS statements with NOTES notes and without them, in CPU time. Target: at most +10 %.

The shipped corpus loads in some 30 ms, so its check is timed over ten times the rounds; the `check`
   command, a new process each time, is timed on it too.

    python benchmarks/notes.py [STATEMENTS] [NOTES] [ROUNDS] [render|check]   # default 5000 50 5, both
"""

from __future__ import annotations

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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import ROOT, generate

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
from bottleneck_briefs.briefs.content.brief_data import build_brief
from bottleneck_briefs.briefs.content.publication_data import framed
from bottleneck_briefs.briefs.formats.pdf_output import render_pdf
from bottleneck_briefs.briefs.render.brief_html import render_brief_html
from bottleneck_briefs.briefs.run.brief_jobs import note_job
from bottleneck_briefs.corpus.loading import load_corpus

DAY = date(2026, 12, 1)
THEME = "capaciteit"


def note_text(theme: str, cited: list[str], index: int = 0) -> str:
    """A beslisnota citing `cited`, with two counts and a quotation typed by hand (each note its own)."""
    quote = f"\n[[{cited[0]}]]\n" if cited else ""
    citations = " ".join(f"[[{statement_id}]]" for statement_id in cited[1:])
    return (
        f"---\ntitle: Proefnotitie {index}\nkind: beslisnota\nto: Gemeenteraad Voorbeeldstad\n"
        f"from: Afdeling Zorg en Veiligheid\nstatus: concept\nevidence:\n  themes: [{theme}]\n---\n\n"
        f"## Aanleiding\n\nProfessionals noemen [[count themes={theme}]] knelpunten, waarvan "
        f"[[count themes={theme} partijen=gemeenten]] over gemeenten {citations}.\n{quote}\n"
        "## Geadviseerd besluit\n\n1. Kennis te nemen van de bijlage.\n\n## Kernpunten\n\n"
        "- Het tekort is groot.\n\n## Toelichting\n\n"
        f"> Er is in deel {index} een gebrek aan capaciteit om alle zaken op te pakken.\n"
    )


def median_seconds(work: Callable[[], object], rounds: int, clock: Callable[[], float] = time.perf_counter) -> float:
    times = []
    for _ in range(rounds):
        start = clock()
        work()
        times.append(clock() - start)
    return statistics.median(times)


def render_ratio(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        corpus_dir = Path(scratch) / "bottlenecks"
        shutil.copytree(ROOT / "bottlenecks", corpus_dir)
        shipped = load_corpus(corpus_dir).corpus
        assert shipped is not None, "the shipped corpus has errors: run bottlenecks check"
        ids = [statement.id for statement in shipped.statements_for(THEME)]
        (corpus_dir / "notes" / "proef.md").write_text(note_text(THEME, ids[:6]), encoding="utf-8")
        loaded = load_corpus(corpus_dir).corpus
        assert loaded is not None
        corpus = loaded

        def brief() -> bytes:
            html = render_brief_html(framed(build_brief(corpus, THEME, DAY), corpus), DEFAULT_TEMPLATES, "pdf")
            return render_pdf(html, DEFAULT_TEMPLATES)

        def note() -> bytes:
            html = render_brief_html(
                framed(note_job("proef").build(corpus, DAY, "nl"), corpus), DEFAULT_TEMPLATES, "pdf"
            )
            return render_pdf(html, DEFAULT_TEMPLATES)

        brief(), note()  # warm: fonts, templates
        brief_times, note_times = [], []
        for _ in range(rounds):
            brief_times.append(median_seconds(brief, 1))
            note_times.append(median_seconds(note, 1))
        b, n = statistics.median(brief_times), statistics.median(note_times)
        print(
            f"render, {len(ids)} statements ({THEME}): brief {b:.3f} s, note {n:.3f} s, "
            f"note / brief = {n / b:.2f} (target <= 1.1)"
        )


def check_overhead(label: str, corpus_dir: Path, rounds: int) -> None:
    without = corpus_dir.with_name(corpus_dir.name + "-zonder")
    shutil.copytree(corpus_dir, without)
    shutil.rmtree(without / "notes", ignore_errors=True)
    load_corpus(corpus_dir), load_corpus(without)  # warm
    with_times, without_times = [], []
    for _ in range(rounds):  # CPU time: loading is one thread, and a busy machine would swamp wall time
        without_times.append(median_seconds(lambda: load_corpus(without), 1, time.process_time))
        with_times.append(median_seconds(lambda: load_corpus(corpus_dir), 1, time.process_time))
    result = load_corpus(corpus_dir)
    assert result.corpus is not None, [problem.format() for problem in result.problems[:5]]
    w, wo = statistics.median(with_times), statistics.median(without_times)
    print(
        f"check, {label} (CPU time): without notes {wo:.3f} s, with {len(result.corpus.notes)} notes {w:.3f} s, "
        f"{(w / wo - 1) * 100:+.1f} % (target <= +10 %)"
    )


def command_overhead(corpus_dir: Path, rounds: int) -> None:
    """The `check` command as an editor runs it (a new process each time), with and without the notes."""
    without = corpus_dir.with_name(corpus_dir.name + "-zonder")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}

    def check(folder: Path) -> None:
        subprocess.run(
            [sys.executable, "-m", "cli", "check", "--no-cache", "--corpus", str(folder)],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            check=True,
        )

    with_times, without_times = [], []
    for _ in range(rounds):
        without_times.append(median_seconds(lambda: check(without), 1))
        with_times.append(median_seconds(lambda: check(corpus_dir), 1))
    w, wo = statistics.median(with_times), statistics.median(without_times)
    print(
        f"`bottlenecks check --no-cache`, shipped corpus: without notes {wo:.3f} s, with {w:.3f} s, "
        f"{(w / wo - 1) * 100:+.1f} % (target <= +10 %)"
    )


def main() -> None:
    statements = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    notes = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    parts = sys.argv[4:] or ["render", "check"]
    if "render" in parts:
        render_ratio(rounds)
    if "check" not in parts:
        return
    with tempfile.TemporaryDirectory() as scratch:
        shipped = Path(scratch) / "shipped"
        shutil.copytree(ROOT / "bottlenecks", shipped)
        check_overhead("shipped corpus", shipped, rounds * 10)
        command_overhead(shipped, rounds * 2)
        big = generate(statements, Path(scratch) / "synthetic")
        (big / "notes").mkdir(exist_ok=True)
        for index in range(notes):
            first = 1 + index * 7
            cited = [f"KP-{number:03d}" for number in range(first, first + 6)]
            (big / "notes" / f"notitie-{index + 1:03d}.md").write_text(note_text(THEME, cited, index), encoding="utf-8")
        check_overhead(f"{statements} statements", big, rounds)


if __name__ == "__main__":
    main()
