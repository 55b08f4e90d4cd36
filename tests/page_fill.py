"""How full each page of a brief is: per PDF, the share of the text area each page uses.

A test helper (tests/test_layout.py) and a script that prints the numbers:

    python tests/page_fill.py reports/*.pdf

A page's fill is how far down its text area the lowest word reaches (the
running header and footer in the margins are not counted), from 0 to 1. An
inner page (neither the cover nor the last page) below 0.5 is "more than
half empty"; the last line sums those over the PDFs given.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

MARGIN_TOP_PT = 25 / 25.4 * 72  # brief.css: @page margin 25mm top and bottom
MARGIN_BOTTOM_PT = 25 / 25.4 * 72
HALF = 0.5
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def page_fills(pdf: Path) -> list[float]:
    """The fill of every page of `pdf`, in page order."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    fills = []
    for chunk in xhtml.split("<page ")[1:]:
        height = float(PAGE.match("<page " + chunk).group(2))
        top, bottom = MARGIN_TOP_PT, height - MARGIN_BOTTOM_PT
        lowest = max(
            (
                float(y_max)
                for y_min, y_max in WORD.findall(chunk)
                if float(y_min) >= top - 1 and float(y_max) <= bottom + 1
            ),
            default=top,
        )
        fills.append(round((lowest - top) / (bottom - top), 2))
    return fills


def half_empty_inner_pages(fills: list[float]) -> list[int]:
    """Page numbers (1-based) of the inner pages below half full."""
    return [number for number, fill in enumerate(fills[1:-1], start=2) if fill < HALF]


def main(paths: list[str]) -> None:
    pages = inner = half_empty = 0
    for path in paths:
        fills = page_fills(Path(path))
        empty = half_empty_inner_pages(fills)
        pages += len(fills)
        inner += max(0, len(fills) - 2)
        half_empty += len(empty)
        print(
            f"{Path(path).name}: {len(fills)} pages, fill {' '.join(f'{f:.2f}' for f in fills)}"
            + (f"; more than half empty: {', '.join(map(str, empty))}" if empty else "")
        )
    print(f"total: {pages} pages, {inner} inner, {half_empty} inner pages more than half empty")


if __name__ == "__main__":
    main(sys.argv[1:])
