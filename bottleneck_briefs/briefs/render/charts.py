"""Geometry of the briefs' charts: where each bar, cell, label and scale tick goes. No markup.

The templates (`_charts.html.j2`) turn this into inline SVG. Sizes and colours
come from `palette`, in SVG user units drawn one to one as CSS pixels, so a
chart's text is as large as the body's small print on screen and in print. A
bar chart writes each label above its bar: its width is the same whatever the
labels, so two charts beside each other are drawn at one size, and it fits a
phone. Text widths are estimated (the fonts are not measured here), generously.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bottleneck_briefs.briefs.content.brief_data import Count
from bottleneck_briefs.briefs.content.overview_data import Matrix
from bottleneck_briefs.briefs.render.palette import (
    AXIS_HEIGHT,
    BAR_HEIGHT,
    CHAR_WIDTH,
    CHART_WIDTH,
    COLOURS,
    DARK_FROM,
    FONT_SIZE,
    GAP,
    LABEL_LINE,
    LINE_GAP,
    ROW_HEIGHT,
    SHADES,
)

INK = COLOURS["ink"]
PAPER = COLOURS["paper"]
VALUE_ROOM = 4 * CHAR_WIDTH  # right of the longest bar: its value label
NICE_STEPS = (1, 2, 5)  # tick steps: 1, 2, 5, 10, 20, 50, ...
MOST_TICKS = 5


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: float  # top of the row
    length: float
    bar_y: float
    text_y: float  # baseline of the value, beside the bar
    label_lines: tuple[str, ...] = ()  # the label, above the bar, wrapped to the chart's width
    label_y: float = 0  # baseline of the label's first line


@dataclass(frozen=True)
class Tick:
    value: int
    x: float


@dataclass(frozen=True)
class BarChart:
    width: float
    height: float  # bars and the scale below them
    bar_x: float  # where every bar starts (labels start there too, above their bars)
    bars: tuple[Bar, ...]
    maximum: int  # the count a full-length bar stands for
    axis_y: float  # the scale's line; its numbers hang below it
    ticks: tuple[Tick, ...]  # from 0 to `maximum`, which always has a tick


def tick_values(maximum: int) -> tuple[int, ...]:
    """0, round steps, and the maximum itself: 13 -> (0, 5, 10, 13); a step too close to the end is left out."""
    if maximum <= 0:
        return (0,)
    magnitude = 1
    while True:
        step = next((magnitude * s for s in NICE_STEPS if maximum / (magnitude * s) <= MOST_TICKS - 1), None)
        if step:
            break
        magnitude *= 10
    values = list(range(0, maximum, step))
    if values[-1] and maximum - values[-1] <= step / 2:  # the numbers would touch
        values.pop()
    return (*values, maximum)


def wrapped(label: str, width: float) -> tuple[str, ...]:
    """The label in lines no wider than `width` (a single word longer than that keeps its own line)."""
    lines: list[str] = []
    for word in label.split():
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def bar_chart(items: Sequence[Count], scale: int | None = None, width: float = CHART_WIDTH) -> BarChart:
    """Horizontal bars, one per item in the given order, lengths on one scale from zero; each label above its bar.

    `scale` is the count a full-length bar stands for; by default the largest count, so the longest bar
    fills the chart. The scale is drawn below the bars.
    """
    room = width - VALUE_ROOM
    maximum = max([item.count for item in items] + [scale or 0], default=0)
    bars = []
    y = 0.0
    for item in items:
        lines = wrapped(item.label, width)
        bar_y = y + len(lines) * LABEL_LINE
        length = room * item.count / maximum if maximum else 0
        bars.append(
            Bar(
                item.label,
                item.count,
                y,
                round(length, 1),
                bar_y,
                round(bar_y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35, 1),
                lines,
                y + FONT_SIZE,
            )
        )
        y = bar_y + BAR_HEIGHT + GAP
    axis_y = y
    ticks = tuple(Tick(value, round(room * value / maximum if maximum else 0, 1)) for value in tick_values(maximum))
    return BarChart(width, axis_y + AXIS_HEIGHT, 0, tuple(bars), maximum, axis_y, ticks)


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    value: int | None  # None: no count here (a theme with itself), drawn hatched
    fill: str
    ink: str


@dataclass(frozen=True)
class AxisLabel:
    lines: tuple[str, ...]  # a column label may take two lines
    x: float
    y: float


@dataclass(frozen=True)
class HeatMap:
    width: float
    height: float
    cell_width: float
    cell_height: float
    cells: tuple[Cell, ...]
    text_dy: float  # a cell's number: its baseline below the cell's top
    rows: tuple[AxisLabel, ...]  # right-aligned at x
    columns: tuple[AxisLabel, ...]  # centred at x, first line's baseline at y
    maximum: int


def shade(value: int, maximum: int) -> tuple[str, str]:
    """(fill, ink) for a count: zero is white, the largest count the darkest shade."""
    if not value or not maximum:
        return SHADES[0], INK
    index = 1 + min(len(SHADES) - 2, (value - 1) * (len(SHADES) - 1) // maximum)
    return SHADES[index], PAPER if index >= DARK_FROM else INK


def _two_lines(label: str) -> tuple[str, ...]:
    words = label.split()
    if len(words) < 2:
        return (label,)
    # split where the two lines come out most even
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return (" ".join(words[:best]), " ".join(words[best:]))


def heat_map(matrix: Matrix, numbered_columns: bool, numbered_rows: bool | None = None) -> HeatMap:
    """A grid of counts; numbered columns (1, 2, ...) stand for a numbered list shown elsewhere (by default the
    rows, numbered alike), else named columns."""
    numbered_rows = numbered_columns if numbered_rows is None else numbered_rows
    row_labels = [f"{index} {label}" if numbered_rows else label for index, label in enumerate(matrix.rows, 1)]
    column_lines = [
        (str(index),) if numbered_columns else _two_lines(label) for index, label in enumerate(matrix.columns, 1)
    ]
    cell_width = max(
        3 * CHAR_WIDTH, max((text_width(line) for lines in column_lines for line in lines), default=0) + GAP
    )
    cell_height = ROW_HEIGHT
    label_width = max((text_width(label) for label in row_labels), default=0)
    top = max(len(lines) for lines in column_lines) * (FONT_SIZE + LINE_GAP) + GAP if column_lines else 0
    left = label_width + GAP
    maximum = matrix.maximum
    cells = []
    for row, values in enumerate(matrix.cells):
        for column, value in enumerate(values):
            fill, ink = shade(value, maximum) if value is not None else (PAPER, INK)
            cells.append(
                Cell(round(left + column * cell_width, 1), round(top + row * cell_height, 1), value, fill, ink)
            )
    rows = tuple(
        AxisLabel(
            (label,), round(label_width, 1), round(top + index * cell_height + cell_height / 2 + FONT_SIZE * 0.35, 1)
        )
        for index, label in enumerate(row_labels)
    )
    columns = tuple(
        AxisLabel(
            lines,
            round(left + index * cell_width + cell_width / 2, 1),
            round(top - GAP / 2 - (len(lines) - 1) * (FONT_SIZE + LINE_GAP) - 2, 1),
        )
        for index, lines in enumerate(column_lines)
    )
    width = left + len(matrix.columns) * cell_width + 1
    height = top + len(matrix.rows) * cell_height + 1
    return HeatMap(
        round(width, 1),
        round(height, 1),
        round(cell_width, 1),
        cell_height,
        tuple(cells),
        round(cell_height / 2 + FONT_SIZE * 0.35, 1),
        rows,
        columns,
        maximum,
    )
