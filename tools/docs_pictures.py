"""Make the pictures of the documentation (docs/images/*.png) from the shipped corpus, so they never go stale.

    .venv/bin/python tools/docs_pictures.py

Works on a scratch copy of the corpus; needs pdftoppm (poppler-utils) and Chromium (`.ci/install
--checkers`). Pictures: the first pages of a theme's brief, the first page of a note, the site's home
page, and a terminal session of `check` finding a mistyped theme.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
DATE = "2026-01-15"  # a fixed date on the briefs, so a new run only changes a picture when the content changed
CHROMIUM = [
    "chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def bottlenecks(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bottleneck_briefs", *args], cwd=folder, capture_output=True, text=True, check=check
    )


def pdf_pages(pdf: Path, first: int, last: int, resolution: int, scratch: Path) -> list[Image.Image]:
    prefix = scratch / pdf.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), "-f", str(first), "-l", str(last), str(pdf), str(prefix)],
        check=True,
    )
    return [Image.open(path).convert("RGB") for path in sorted(scratch.glob(f"{pdf.stem}-*.png"))]


def side_by_side(pages: list[Image.Image], gap: int = 16) -> Image.Image:
    """Pages on a light grey table, each with a thin border, as a reader sees them laid out."""
    width = sum(page.width for page in pages) + gap * (len(pages) + 1)
    height = max(page.height for page in pages) + 2 * gap
    sheet = Image.new("RGB", (width, height), (226, 229, 234))
    x = gap
    for page in pages:
        border = Image.new("RGB", (page.width + 2, page.height + 2), (160, 166, 176))
        border.paste(page, (1, 1))
        sheet.paste(border, (x - 1, gap - 1))
        x += page.width + gap
    return sheet


def screenshot(url: str, target: Path, width: int, height: int) -> None:
    subprocess.run(
        [*CHROMIUM, f"--screenshot={target}", f"--window-size={width},{height}", url], check=True, capture_output=True
    )


def terminal(lines: list[tuple[str, str]], target: Path, scratch: Path) -> None:
    """A terminal window showing commands ('$') and their output ('out' and 'err', errors in red)."""
    colours = {"$": "#e6e6e6", "out": "#b8e0b8", "err": "#ff9b9b"}
    body = "\n".join(
        f'<span style="color:{colours[kind]}">{"$ " if kind == "$" else ""}{html.escape(text)}</span>'
        for kind, text in lines
    )
    page = scratch / "terminal.html"
    page.write_text(
        f"""<!doctype html><meta charset="utf-8"><style>
body {{ margin: 0; background: #1e2127; }}
pre {{ margin: 0; padding: 18px 22px; font: 15px/1.45 "DejaVu Sans Mono", monospace; white-space: pre-wrap; }}
</style><pre>{body}</pre>""",
        encoding="utf-8",
    )
    screenshot(page.as_uri(), target, 1100, 36 + 22 * sum(1 + len(text) // 110 for _, text in lines))


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docs-pictures-") as folder:
        scratch = Path(folder)
        shutil.copytree(ROOT / "bottlenecks", scratch / "bottlenecks")
        date = ("--date", DATE)

        bottlenecks(scratch, "report", "--theme", "financiering", "--format", "pdf", *date)
        pages = pdf_pages(scratch / "reports" / "financiering.pdf", 1, 3, 45, scratch)
        side_by_side(pages).save(IMAGES / "brief-pages.png", optimize=True)

        bottlenecks(scratch, "report", "--note", "geld-voor-de-aanpak", "--format", "pdf", *date)
        note = pdf_pages(scratch / "reports" / "geld-voor-de-aanpak.pdf", 1, 1, 60, scratch)
        side_by_side(note).save(IMAGES / "note-page.png", optimize=True)

        bottlenecks(scratch, "site", "--no-search", "--output-dir", "site", *date)
        screenshot((scratch / "site" / "index.html").as_uri(), IMAGES / "site-home.png", 1280, 800)

        statements = scratch / "bottlenecks" / "statements" / "bloemlezing-2.16.yaml"
        text = statements.read_text(encoding="utf-8")
        statements.write_text(text.replace("themes: [financiering]", "themes: [financering]", 1), encoding="utf-8")
        checked = bottlenecks(scratch, "check", check=False)
        session = [("$", "bottlenecks check")]
        session += [("err", line) for line in checked.stderr.splitlines()]
        session += [("out", line) for line in checked.stdout.splitlines()]
        session += [("$", "echo $?"), ("out", str(checked.returncode))]
        terminal(session, IMAGES / "check-error.png", scratch)
    for picture in sorted(IMAGES.glob("*.png")):
        print(f"{picture.relative_to(ROOT)}: {Image.open(picture).size[0]}×{Image.open(picture).size[1]}")


if __name__ == "__main__":
    main()
