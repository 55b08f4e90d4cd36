"""Time the last steps of a site build, those that run on one core once the parallel work is done.

- the search bundle read back from Pagefind's folder (`read_bundle`) and made canonical
  (`canonical_bundle`): here the bundle of a built site of N synthetic statements (default 5,000), the same
  files Pagefind leaves (a fragment per statement page, the filters, the index);
- the new site written beside the old one and swapped in (`write_site`) as a rebuild does it when nothing
  changed: every file a hard link to the old site's, every folder made anew.

The site is built once with the command; each round then runs the steps in this process, CPU time (user and
system) beside the wall clock, and waits until the swapped-out site is removed before the next round.

    python benchmarks/site_tail.py [--rounds N] [--statements N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import CLI, DATE
from synthetic_corpus import generate

from bottleneck_briefs.site.old_site import old_files
from bottleneck_briefs.site.search_canonical import canonical_bundle, read_bundle
from bottleneck_briefs.site.search_index import UNUSED
from bottleneck_briefs.site.site_paths import SEARCH_BUNDLE
from bottleneck_briefs.site.site_writing import write_site

T = TypeVar("T")


def timed(times: list[tuple[float, float]], step: Callable[..., T], *arguments: object) -> T:
    """Run one step; add its (wall seconds, CPU seconds of this process) to `times`."""
    before, start = os.times(), time.perf_counter()
    result = step(*arguments)
    after = os.times()
    times.append((time.perf_counter() - start, (after.user - before.user) + (after.system - before.system)))
    return result


def wait_for_removal(folder: Path) -> None:
    """Until the swapped-out site's remover is done, so that it does not run during the next round."""
    for _ in range(600):
        if not any(".gone-" in name for name in os.listdir(folder)):
            return
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--statements", type=int, default=5000, help="size of the synthetic corpus (default 5000)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bottlenecks-site-tail-bench-") as folder:
        scratch = Path(folder)
        corpus = generate(options.statements, scratch / f"corpus-{options.statements}")
        output = scratch / "site"
        command = [*CLI, "site", "--output-dir", str(output), "--date", DATE, "--corpus", str(corpus)]
        subprocess.run(command, check=True, capture_output=True)
        bundle = output / SEARCH_BUNDLE
        times: dict[str, list[tuple[float, float]]] = {"read": [], "canonical": [], "write": []}
        files: dict[str, bytes] = {}
        for _ in range(options.rounds):
            read = timed(times["read"], read_bundle, bundle, SEARCH_BUNDLE, UNUSED)
            timed(times["canonical"], canonical_bundle, read, SEARCH_BUNDLE)
            old = old_files(Path(os.path.realpath(output)))
            files = {path: (output / path).read_bytes() for path in old.sizes}
            timed(times["write"], write_site, output, files, files.keys(), old)
            wait_for_removal(scratch)
        folders = {path.rpartition("/")[0] for path in files}
        print(f"{len(read)} files in the search bundle; {len(files)} files in {len(folders)} folders in the site")
        for name, label in (
            ("read", "read the search bundle back"),
            ("canonical", "make it canonical"),
            ("write", "write the site, every file linked"),
        ):
            runs = times[name]
            print(
                f"{label:<34} wall {statistics.median(wall for wall, _ in runs):6.3f} s   "
                f"CPU {statistics.median(cpu for _, cpu in runs):6.3f} s   (medians of {options.rounds})"
            )


if __name__ == "__main__":
    main()
