"""The briefs' one palette and one set of chart metrics.

The stylesheet (as CSS custom properties), the SVG chart macros, the chart
geometry in `charts` and the live preview's own pages all take their colours
and sizes from here, so a house-style change is one edit. Standard library
only: the preview server imports it without Jinja or WeasyPrint.

Every text colour has at least 7:1 contrast on the paper and on the tint.
"""

from __future__ import annotations

COLOURS = {
    "ink": "#1b1b1b",  # body text
    "muted": "#454545",  # secondary text, axes
    "accent": "#154273",  # headings, bars, rules
    "rule": "#c5d0dc",  # thin lines between rows
    "tint": "#eef3f8",  # cover and callout background
    "note": "#fbf6e6",  # editor's note background
    "note_rule": "#8a6d00",
    "paper": "#ffffff",
    "grid": "#8a96a3",  # heat-map cell borders
    "hatch": "#9a9a9a",  # a count that means nothing (a theme with itself)
    "faint_ink": "#595959",  # a zero in a heat-map cell
    "error": "#b00020",  # the preview's problem pages
    "error_tint": "#fff4f4",
}

# Light to dark; lightness falls at every step, so the order survives greyscale printing.
SHADES = ("#ffffff", "#dde6f0", "#b3c6dc", "#7f9fc4", "#3f6a9c", "#154273")
DARK_FROM = 4  # shades from this index on carry white numbers (contrast above 4.5:1 either way)

# Chart metrics, in SVG user units, drawn one to one as CSS pixels: 14 px is at least the small print of
# every medium (0.8rem: 13.6 px on screen, 8.4 pt in print, where 14 px is 10.5 pt).
FONT_SIZE = 14
CHAR_WIDTH = 0.6 * FONT_SIZE  # wide enough for Noto Sans capitals and digits
ROW_HEIGHT = 24  # a heat map's row
LABEL_LINE = FONT_SIZE + 6  # a bar chart's label line, above its bar (room for descenders)
BAR_HEIGHT = 14
GAP = 8
LINE_GAP = 3  # between the lines of a two-line column label
AXIS_HEIGHT = 22  # below the bars: the scale's ticks and numbers
TICK = 3
CHART_WIDTH = 296  # half the PDF's text column (two bar charts side by side) and a phone's column
PRINT_COLUMN = 616  # the PDF's text column in CSS pixels (A4 less the margins of brief.css: 163 mm)
CHART_FONT = "Brief Sans, sans-serif"


def css_properties() -> str:
    """`--ink: #1b1b1b; ...` for the stylesheet's :root (names with hyphens, as CSS writes them)."""
    return " ".join(f"--{name.replace('_', '-')}: {value};" for name, value in COLOURS.items())
