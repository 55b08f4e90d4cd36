"""What the changes appendix (`report --since EDITION`) costs a brief: its ratio to the same brief without it.

A synthetic corpus is recorded as edition `base`, then changed as an editor
would between editions (by default 1% of the statements each: reworded,
re-themed, withdrawn and added); the largest theme's PDF is rendered with and
without `--since base`, alternating, in fresh processes. Target: at most +1 s.

    python benchmarks/changes_appendix.py [STATEMENTS] [ROUNDS]     # default 5000 3
"""

from __future__ import annotations

import copy
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CLI, DATE, timed
from synthetic_corpus import generate

from bottleneck_briefs.corpus.loading import load_corpus

SHARE = 0.01  # of the statements, for each kind of change


def change_corpus(corpus_dir: Path, seed: int = 14) -> dict[str, int]:
    """Reword, re-theme, withdraw and add SHARE of the statements each; returns how many of each."""
    rng = random.Random(seed)
    files = sorted((corpus_dir / "statements").glob("*.yaml"))
    documents = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in files}
    everything = [(path, item) for path, data in documents.items() for item in data["statements"]]
    count = max(1, int(len(everything) * SHARE))
    chosen = rng.sample(everything, 4 * count)
    reworded, rethemed, withdrawn = chosen[:count], chosen[count : 2 * count], chosen[2 * count : 3 * count]
    for _, item in reworded:
        words = item["text"].split()
        words[len(words) // 2] = "anders"
        item["text"] = " ".join(words)
    for _, item in rethemed:
        item["themes"] = [theme for theme in ("financiering", "opvang", "zorg") if theme not in item["themes"]][
            :1
        ] + item["themes"][1:] or ["financiering"]
    retired = []
    for path, item in withdrawn:
        documents[path]["statements"].remove(item)
        retired.append({"id": item["id"], "reason": "Dubbel (benchmark)."})
    highest = max(int(item["id"].split("-")[1]) for _, item in everything)
    first = documents[files[0]]["statements"]
    for number in range(highest + 1, highest + 1 + count):
        template = copy.deepcopy(rng.choice(everything)[1])  # a real mix of themes; copied, or YAML writes aliases
        first.append(
            {**template, "id": f"KP-{number:03d}", "text": f"Nieuwe uitspraak {number} uit een latere sessie."}
        )
    for path, data in documents.items():
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    codebook_path = corpus_dir / "codebook.yaml"
    codebook = yaml.safe_load(codebook_path.read_text(encoding="utf-8"))
    codebook["retired_ids"] = retired
    codebook_path.write_text(yaml.safe_dump(codebook, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return {"reworded": count, "re-themed": count, "withdrawn": count, "added": count}


def timed_cpu(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run, its PDF workers included (they are its reaped children).

    CPU time barely moves when other work shares the machine, so it says what the appendix costs
    even when wall times swing; both are printed."""
    import subprocess
    import time

    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    assert process.stderr is not None
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory(prefix="bottlenecks-since-") as temporary:
        os.environ["XDG_CACHE_HOME"] = str(Path(temporary) / "cache")
        corpus_dir = generate(size, Path(temporary) / f"corpus-{size}")
        timed([*CLI, "edition", "base", "--date", DATE, "--corpus", str(corpus_dir)])
        changes = change_corpus(corpus_dir)
        corpus = load_corpus(corpus_dir).corpus
        if corpus is None:
            raise SystemExit("the changed corpus does not check clean")
        largest = max(corpus.codebook.themes, key=lambda theme: corpus.count_for(theme.slug)).slug
        out = Path(temporary) / "out"
        brief = [
            *CLI,
            "report",
            "--theme",
            largest,
            "--format",
            "pdf",
            "--force",
            "--quiet",
            "--output-dir",
            str(out),
            "--corpus",
            str(corpus_dir),
            "--date",
            DATE,
        ]
        plain, since = [], []
        for _ in range(rounds):
            plain.append(timed_cpu(brief))
            since.append(timed_cpu([*brief, "--since", "base"]))
    print(
        f"{size} statements, theme {largest} ({corpus.count_for(largest)} statements); changes since the edition: "
        + ", ".join(f"{n} {kind}" for kind, n in changes.items())
        + f"; {rounds} alternating rounds, medians"
    )
    for index, measure in enumerate(("wall", "CPU")):
        ratio = statistics.median(s[index] / p[index] for s, p in zip(since, plain, strict=True))
        extra = statistics.median(s[index] - p[index] for s, p in zip(since, plain, strict=True))
        print(
            f"  {measure:4}  one brief {statistics.median(p[index] for p in plain):7.2f} s, with --since "
            f"{statistics.median(s[index] for s in since):7.2f} s: ratio {ratio:5.2f}, {extra:+6.2f} s "
            f"(target <= +1 s) {'ok' if extra <= 1 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
