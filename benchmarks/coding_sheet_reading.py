"""Time reading a filled-in coding sheet at the row limit: the same rows as .ods, .xlsx and .csv.

Every statement of the shipped corpus repeated up to the limit, as the sheet
is exported (id and text): the rows `import-coding` reads before it judges them.
Prints the median of a few runs per format and its ratio to CSV.

    python benchmarks/coding_sheet_reading.py              # 5,000 rows, 3 runs
    python benchmarks/coding_sheet_reading.py 1000 --runs 1
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bottleneck_briefs.basics.names import MAX_IMPORT_ROWS  # noqa: E402
from bottleneck_briefs.corpus.loading import load_corpus  # noqa: E402
from bottleneck_briefs.editing.coding_sheet import coding_sheet  # noqa: E402
from bottleneck_briefs.editing.coding_sheet_files import sheet_bytes  # noqa: E402
from bottleneck_briefs.editing.spreadsheet_reading import read_rows  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=MAX_IMPORT_ROWS)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    corpus = load_corpus(ROOT / "bottlenecks").corpus
    assert corpus is not None, "the shipped corpus has errors: run `bottlenecks check`"
    sheet = coding_sheet(corpus)
    sheet = replace(sheet, rows=(sheet.rows * (arguments.rows // len(sheet.rows) + 1))[: arguments.rows])
    medians = {}
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".csv", ".xlsx", ".ods"):
            path = Path(folder) / f"sheet{suffix}"
            path.write_bytes(sheet_bytes(sheet, suffix))
            times = []
            for _ in range(arguments.runs):
                start = time.perf_counter()
                _, read = read_rows(path, path.name, None, (), (".csv", ".xlsx", ".ods"))
                times.append(time.perf_counter() - start)
            assert len(read) == arguments.rows, (suffix, len(read))
            medians[suffix] = statistics.median(times)
            print(
                f"{suffix:6} {path.stat().st_size / 1024:8.0f} KB  median {medians[suffix]:.3f} s "
                f"({arguments.runs} runs)  x{medians[suffix] / medians['.csv']:.1f} of CSV"
            )


if __name__ == "__main__":
    main()
