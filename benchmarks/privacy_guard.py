"""What the personal-data guard costs `check --no-cache`, how often it raises a false alarm, and how fast it
reads long runs of digits; each before (the code at --before, default the commit 9f57d0b that preceded the
guard's third round) and after (this working tree), in one run.

Time: `check --no-cache` of a synthetic corpus of 5,000 statements, with the
guard and with the guard switched off in the same code (a fresh process each,
alternating, the ratio the median of per-round ratios), in wall-clock and in
CPU time. Twice: the synthetic
corpus as generated, and with 1% of its statements holding an acknowledged
phone number, e-mail address and name, so that the number libraries are
imported and every part of the guard runs.

False alarms: the share of generated ordinary statements (amounts, ages, years,
counts, percentages, sections, pages, law names, organisations and places, opening
hours, case numbers, institutes named after people, a quarter of them with pasted
no-break spaces and en dashes; see tests/privacy_cases.py) in which the guard finds
anything, read as `check` reads them.

Digits: the guard's time on texts of digits and spaces ("0 0 0 …", "06 06 …",
random), median of the rounds; the code before stops at a time limit (its phone
search was quadratic).

The code before is taken from git (`git archive`) into a temporary folder and run
in its own processes; the generated texts come from this tree for both.

    python benchmarks/privacy_guard.py [--rounds 7] [--statements 5000] [--ordinary 20000] [--before REF]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The code measured: this tree, or (in a worker process) the tree of the code before.
TREE = Path(os.environ.get("PRIVACY_GUARD_TREE", ROOT))
sys.path.insert(0, str(TREE))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from privacy_cases import ordinary_statement  # type: ignore[import-not-found]  # noqa: E402  (tests/)

TARGET = 1.20
BEFORE = "9f57d0b"
DIGIT_LENGTHS = (1_000, 2_500, 5_000)
DIGIT_LIMIT = 0.1  # seconds for 5,000 characters of digits and spaces
BEFORE_TIME_LIMIT = 30  # seconds for one text, for the code before


def check_commands(tree: Path) -> tuple[list[str], list[str]]:
    """`check --no-cache --corpus` of `tree`, and the same with the guard switched off (the modules that call
    privacy_problems do so through their own name: loading, and checks_meanwhile where it exists, which runs
    the guard of a large corpus beside the reading)."""
    guarded = [sys.executable, str(tree / "cli.py"), "check", "--no-cache", "--corpus"]
    unguarded = [
        sys.executable,
        "-c",
        "import importlib, sys; sys.path.insert(0, sys.argv[1])\n"
        "for name in ('loading', 'checks_meanwhile'):\n"
        "    try: module = importlib.import_module('bottleneck_briefs.corpus.' + name)\n"
        "    except ImportError: continue\n"
        "    module.privacy_problems = lambda fields: []\n"
        "from cli import main; sys.argv = ['bottlenecks', *sys.argv[2:]]; main()",
        str(tree),
        "check",
        "--no-cache",
        "--corpus",
    ]
    return guarded, unguarded


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


def ratio(corpus: Path, rounds: int, tree: Path) -> dict[str, tuple[float, float, float]]:
    """For wall and CPU time: (median with the guard, median without it, median of the per-round ratios)."""
    runs: dict[str, list[tuple[float, float]]] = {"wall": [], "cpu": []}
    check, unchecked = check_commands(tree)
    for _ in range(rounds):
        guarded, unguarded = seconds([*check, str(corpus)]), seconds([*unchecked, str(corpus)])
        for index, clock in enumerate(runs):
            runs[clock].append((guarded[index], unguarded[index]))
    return {
        clock: (
            statistics.median(g for g, _ in pairs),
            statistics.median(u for _, u in pairs),
            statistics.median(g / u for g, u in pairs),
        )
        for clock, pairs in runs.items()
    }


def with_acknowledged_findings(corpus: Path, count: int) -> Path:
    items = "".join(ACKNOWLEDGED.format(number=90_000 + number) for number in range(count))
    (corpus / "statements" / "synthetisch-bevindingen.yaml").write_text("statements:" + items, encoding="utf-8")
    return corpus


def findings(text: str) -> list:
    """What the guard of the code measured finds in a text, read as its `check` reads it."""
    try:
        from bottleneck_briefs.corpus.privacy_guard import findings_as_published
    except ImportError:  # before: the guard read the text's characters as they were
        from bottleneck_briefs.corpus.privacy import find_personal_data

        return find_personal_data(text)
    return findings_as_published(text)


def false_alarms(count: int, seed: int = 2026) -> tuple[int, list[str]]:
    rng = random.Random(seed)
    alarms = []
    for _ in range(count):
        text = ordinary_statement(rng)
        if findings(text):
            alarms.append(text)
    return len(alarms), alarms[:5]


def digit_texts(length: int) -> dict[str, str]:
    rng = random.Random(length)
    return {
        "'0 0 0 …'": ("0 " * length)[:length],
        "'06 06 …'": ("06 " * length)[:length],
        "random digits and spaces": "".join(rng.choice("0123456789 ") for _ in range(length)),
    }


def digit_seconds(name: str, length: int, rounds: int) -> float:
    """Median seconds of the guard on one text of digits and spaces, after a first run that loads its libraries."""
    findings("Bel 06-12345678 of mail jan@example.nl, zegt Jan Jansen.")
    text, runs = digit_texts(length)[name], []
    for _ in range(rounds):
        start = time.perf_counter()
        findings(text)
        runs.append(time.perf_counter() - start)
        if runs[-1] > 1:
            break  # one slow run tells enough
    return statistics.median(runs)


def worker(options: argparse.Namespace) -> None:
    """Run in a process of its own, with PRIVACY_GUARD_TREE naming the code measured; prints JSON."""
    if options.worker == "false-alarms":
        print(json.dumps(false_alarms(options.ordinary)))
    else:
        print(json.dumps(digit_seconds(options.text, options.length, options.rounds)))


def in_tree(tree: Path, options: argparse.Namespace, *arguments: str, limit: float | None = None) -> Any:
    """What a worker measures in the code of `tree`; None when it took longer than `limit` seconds."""
    command = [
        sys.executable,
        __file__,
        "--ordinary",
        str(options.ordinary),
        "--rounds",
        str(options.rounds),
        "--worker",
        *arguments,
    ]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=True,
            timeout=limit,
            env={**os.environ, "PRIVACY_GUARD_TREE": str(tree)},
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"{arguments} in {tree} failed:\n{error.stderr[-2000:]}") from None
    return json.loads(done.stdout)


def export(ref: str, folder: Path) -> Path:
    """The code at `ref`, from git, in `folder`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "bottleneck_briefs", "cli.py"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--ordinary", type=int, default=20000)
    parser.add_argument("--before", default=BEFORE, help="the git revision of the code before")
    parser.add_argument("--worker", choices=["false-alarms", "digits"], help=argparse.SUPPRESS)
    parser.add_argument("--text", help=argparse.SUPPRESS)
    parser.add_argument("--length", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(options)
        return

    from synthetic_corpus import generate

    with tempfile.TemporaryDirectory() as folder:
        trees = {"before": export(options.before, Path(folder) / "before"), "after": ROOT}
        corpus = generate(options.statements, Path(folder) / "corpus")
        for label, target in [("synthetic", corpus), ("synthetic + 1% acknowledged", None)]:
            if target is None:
                target = with_acknowledged_findings(corpus, options.statements // 100)
            for when, tree in trees.items():
                for clock, (guarded, unguarded, median_ratio) in ratio(target, options.rounds, tree).items():
                    verdict = "OK" if median_ratio <= TARGET else f"over the target of {TARGET:.2f}"
                    print(
                        f"{when:>6}: check --no-cache, {options.statements:,} statements, {label}, {clock} time: "
                        f"{guarded:.2f} s with the guard, {unguarded:.2f} s without; ratio {median_ratio:.3f} "
                        f"({verdict}; median of {options.rounds} alternating rounds)"
                    )

        for when, tree in trees.items():
            alarms, examples = in_tree(tree, options, "false-alarms")
            print(
                f"{when:>6}: false alarms: {alarms} of {options.ordinary:,} generated ordinary statements "
                f"({alarms / options.ordinary:.3%})"
            )
            for example in examples:
                print(f"          {example!r}")

        for when, tree in trees.items():
            for name in digit_texts(1):
                stopped = False
                for length in DIGIT_LENGTHS:
                    taken = (
                        None
                        if stopped
                        else in_tree(
                            tree, options, "digits", "--text", name, "--length", str(length), limit=BEFORE_TIME_LIMIT
                        )
                    )
                    shown = (
                        f"{taken * 1000:.1f} ms"
                        if taken is not None
                        else "not run (a shorter text took longer)"
                        if stopped
                        else f"over {BEFORE_TIME_LIMIT} s (stopped)"
                    )
                    stopped = taken is None
                    flag = (
                        f" (over the {DIGIT_LIMIT} s target)"
                        if taken and length >= 5000 and taken > DIGIT_LIMIT
                        else ""
                    )
                    print(f"{when:>6}: guard on {length:,} characters of {name}: {shown}{flag}")


if __name__ == "__main__":
    main()
