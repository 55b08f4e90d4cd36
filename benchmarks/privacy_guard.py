"""What the personal-data guard costs `check --no-cache`, and how often it raises a false alarm.

Time: `check --no-cache` of a synthetic corpus of 5,000 statements, with the
guard and with the guard switched off in the same code (a fresh process each,
alternating, the ratio the median of per-round ratios), in wall-clock and in
CPU time. Twice: the synthetic
corpus as generated, and with 1% of its statements holding an acknowledged
phone number, e-mail address and name, so that the number libraries are
imported and every part of the guard runs.

False alarms: the share of generated ordinary statements (amounts, ages, years,
counts, percentages, sections, pages, law names, organisations and places; see
tests/privacy_cases.py) in which the guard finds anything, and the findings in
the synthetic corpus itself.

    python benchmarks/privacy_guard.py [--rounds 7] [--statements 5000] [--ordinary 20000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from synthetic_corpus import generate  # noqa: E402

from bottleneck_briefs.corpus.privacy import find_personal_data  # noqa: E402
from privacy_cases import ordinary_statement  # type: ignore[import-not-found]  # noqa: E402  (tests/)

TARGET = 1.20
CHECK = [sys.executable, str(ROOT / "cli.py"), "check", "--no-cache", "--corpus"]
# The same command with the guard switched off: loading calls privacy_problems through its own name.
UNGUARDED = [sys.executable, "-c",
             "import sys; sys.path.insert(0, sys.argv[1]); import bottleneck_briefs.corpus.loading as loading; "
             "loading.privacy_problems = lambda fields: []; from cli import main; "
             "sys.argv = ['bottlenecks', *sys.argv[2:]]; main()", str(ROOT), "check", "--no-cache", "--corpus"]
ACKNOWLEDGED = """
  - id: KP-{number:03d}
    text: >-
      Bel de landelijke hulplijn 0800-2000 of mail info@example.nl; mevrouw
      Bakker van de hulplijn belt terug (synthetisch extra {number}).
    source: {{document: bloemlezing-stm, section: "2.16", page: 26}}
    themes: [financiering]
    privacy_ok: ["0800-2000: hulplijn", "info@example.nl: algemeen adres", "mevrouw Bakker: woordvoerder"]
"""


def seconds(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process; CPU time (user + system, from wait4) is what a loaded
    machine disturbs least."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def ratio(corpus: Path, rounds: int) -> dict[str, tuple[float, float, float]]:
    """For wall and CPU time: (median with the guard, median without it, median of the per-round ratios)."""
    runs: dict[str, list[tuple[float, float]]] = {"wall": [], "cpu": []}
    for _ in range(rounds):
        guarded, unguarded = seconds(CHECK + [str(corpus)]), seconds(UNGUARDED + [str(corpus)])
        for index, clock in enumerate(runs):
            runs[clock].append((guarded[index], unguarded[index]))
    return {clock: (statistics.median(g for g, _ in pairs), statistics.median(u for _, u in pairs),
                    statistics.median(g / u for g, u in pairs)) for clock, pairs in runs.items()}


def with_acknowledged_findings(corpus: Path, count: int) -> Path:
    items = "".join(ACKNOWLEDGED.format(number=90_000 + number) for number in range(count))
    (corpus / "statements" / "synthetisch-bevindingen.yaml").write_text("statements:" + items, encoding="utf-8")
    return corpus


def false_alarms(count: int, seed: int = 2026) -> tuple[int, list[str]]:
    rng = random.Random(seed)
    alarms = []
    for _ in range(count):
        text = ordinary_statement(rng)
        if find_personal_data(text):
            alarms.append(text)
    return len(alarms), alarms[:5]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--ordinary", type=int, default=20000)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        corpus = generate(options.statements, Path(folder) / "corpus")
        for label, target in [("synthetic", corpus),
                              ("synthetic + 1% acknowledged", None)]:
            if target is None:
                target = with_acknowledged_findings(corpus, options.statements // 100)
            for clock, (guarded, unguarded, median_ratio) in ratio(target, options.rounds).items():
                verdict = "OK" if median_ratio <= TARGET else f"over the target of {TARGET:.2f}"
                print(f"check --no-cache, {options.statements:,} statements, {label}, {clock} time: "
                      f"{guarded:.2f} s with the guard, {unguarded:.2f} s without; ratio {median_ratio:.3f} "
                      f"({verdict}; median of {options.rounds} alternating rounds)")

    alarms, examples = false_alarms(options.ordinary)
    print(f"false alarms: {alarms} of {options.ordinary:,} generated ordinary statements "
          f"({alarms / options.ordinary:.3%})")
    for example in examples:
        print(f"  {example}")


if __name__ == "__main__":
    main()
