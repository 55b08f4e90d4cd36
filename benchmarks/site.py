"""Time `bottlenecks site` and measure what the first search in the browser loads.

- the shipped corpus: `site` against `report --all --format
  html,docx,odt,xlsx,ods,csv --force` (every brief and note without PDFs, in the
  formats the site offers for download: site_build.BRIEF_FORMATS), alternating within each round; the
  ratio is the median of the per-round ratios (target: at most 1);
- a synthetic corpus of N statements (default 5,000): the first build into
  an empty folder (target: at most 60 s), then in each round a rebuild with
  nothing changed, and a rebuild after one statement's text changed anew
  (target: at most 5 s);
- the bytes the browser loads for the first search on that site (the search
  page's script and everything under pagefind/), measured in Chromium through
  Playwright on a local server (target: at most 300 KB).

Each time is a whole command as a user runs it, in its own process, CPU time
of the process and its children beside the wall clock (on a shared machine
the wall clock says more about the neighbours than about the program).

    python benchmarks/site.py [--rounds N] [--statements N]
"""

from __future__ import annotations

import argparse
import functools
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import CLI, DATE, ROOT
from synthetic_corpus import generate

from bottleneck_briefs.site.site_build import BRIEF_FORMATS, NOTE_FORMATS

# `report` makes its files in the formats the site offers, so that both make the same files
assert set(NOTE_FORMATS) <= set(BRIEF_FORMATS)

TARGETS = {"ratio": 1.0, "build": 60.0, "rebuild": 5.0, "search_kb": 300.0}
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def shipped(rounds: int, scratch: Path) -> dict[str, list[tuple[float, float]]]:
    times: dict[str, list[tuple[float, float]]] = {"site": [], "report": []}
    for _ in range(rounds):
        shutil.rmtree(scratch / "site", ignore_errors=True)
        times["site"].append(
            run(
                [
                    *CLI,
                    "site",
                    "--output-dir",
                    str(scratch / "site"),
                    "--date",
                    DATE,
                    "--corpus",
                    str(ROOT / "bottlenecks"),
                ]
            )
        )
        times["report"].append(
            run(
                [
                    *CLI,
                    "report",
                    "--all",
                    "--format",
                    ",".join(BRIEF_FORMATS),
                    "--force",
                    "--output-dir",
                    str(scratch / "reports"),
                    "--date",
                    DATE,
                    "--corpus",
                    str(ROOT / "bottlenecks"),
                ]
            )
        )
    return times


def change_one_statement(corpus: Path, round_number: int) -> None:
    """The first statement's text, changed anew in each round (the word 'herzien' stays in it)."""
    path = sorted((corpus / "statements").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    # a folded scalar may break the line inside it
    marker = re.compile(r"\(synthetisch\s+1(?:,\s+herzien\s+\d+)?\)\.")
    assert marker.search(text), path
    path.write_text(marker.sub(f"(synthetisch 1, herzien {round_number}).", text, count=1), encoding="utf-8")


def first_search_bytes(site: Path, word: str) -> int:
    """Bytes of every response from loading the search page up to the first results (the page itself excluded)."""
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    responses: list = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.on("response", lambda response: responses.append(response))
            page.goto(f"{origin}/zoeken/index.html")
            page.wait_for_selector("#filters:not([hidden])")
            page.fill("#zoekterm", word)
            page.keyboard.press("Enter")
            page.wait_for_function("document.getElementById('zoekstatus').textContent.includes('gevonden')")
            page.wait_for_load_state("networkidle")
            # the bodies are read while the browser is open (a handler that reads them may run after it closed)
            loaded = sum(
                len(response.body())
                for response in responses
                if "/pagefind/" in response.url or response.url.endswith("search.js")
            )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="rounds on the shipped corpus (default 3)")
    parser.add_argument("--statements", type=int, default=5000, help="size of the synthetic corpus (default 5000)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bottlenecks-site-bench-") as folder:
        scratch = Path(folder)
        times = shipped(options.rounds, scratch)
        ratio = statistics.median(s[0] / r[0] for s, r in zip(times["site"], times["report"], strict=True))
        for name, label in (("site", "site (shipped corpus)"), ("report", "report --all, the site's formats")):
            print(
                f"{label:<34} wall {statistics.median(t[0] for t in times[name]):6.2f} s   "
                f"CPU {statistics.median(t[1] for t in times[name]):6.2f} s   (medians of {options.rounds})"
            )
        print(f"{'site / report':<34} {ratio:6.2f}   (target <= {TARGETS['ratio']})")

        corpus = generate(options.statements, scratch / f"corpus-{options.statements}")
        output = scratch / "big-site"
        command = [*CLI, "site", "--output-dir", str(output), "--date", DATE, "--corpus", str(corpus)]
        build = run(command)
        print(
            f"{'site, ' + str(options.statements) + ' statements':<34} wall {build[0]:6.2f} s   CPU {build[1]:6.2f} s"
            f"   (target <= {TARGETS['build']:.0f} s)"
        )
        unchanged = [run(command) for _ in range(options.rounds)]
        rebuilds = []
        for number in range(1, options.rounds + 1):
            change_one_statement(corpus, number)
            rebuilds.append(run(command))
        for label, runs in (("rebuild, nothing changed", unchanged), ("rebuild, one statement changed", rebuilds)):
            print(
                f"{label:<34} wall {statistics.median(wall for wall, _ in runs):6.2f} s   "
                f"CPU {statistics.median(cpu for _, cpu in runs):6.2f} s   (medians of {options.rounds}: "
                + ", ".join(f"{wall:.2f}" for wall, _ in runs)
                + " s)"
            )
        print(f"{'':<34} (target for one statement changed <= {TARGETS['rebuild']:.0f} s)")
        loaded = first_search_bytes(output, "herzien")
        print(f"{'first search loads':<34} {loaded / 1024:6.1f} KB   (target <= {TARGETS['search_kb']:.0f} KB)")


if __name__ == "__main__":
    main()
