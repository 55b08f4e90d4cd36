"""Chart geometry: bars proportional to their counts, shades that stay ordered in greyscale."""

from __future__ import annotations

import pytest

from bottleneck_briefs.briefs.content.brief_data import Count
from bottleneck_briefs.briefs.content.overview_data import Matrix
from bottleneck_briefs.briefs.render.charts import SHADES, bar_chart, heat_map, shade


def grey(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_bars_are_proportional_and_ordered_as_given():
    chart = bar_chart([Count("Gemeenten", 4), Count("Politie", 2), Count("COA", 0)])
    assert [bar.label for bar in chart.bars] == ["Gemeenten", "Politie", "COA"]
    assert chart.bars[1].length == pytest.approx(chart.bars[0].length / 2, abs=0.1)
    assert chart.bars[2].length == 0
    assert all(bar.y < later.y for bar, later in zip(chart.bars, chart.bars[1:], strict=False))
    assert all(bar.label_y < bar.bar_y for bar in chart.bars)  # each label above its bar, never on it
    assert all(bar.bar_y > earlier.text_y for bar, earlier in zip(chart.bars[1:], chart.bars, strict=False))


def test_a_scale_makes_a_full_bar_stand_for_the_whole():
    half = bar_chart([Count("Gemeenten", 2)], scale=4)
    full = bar_chart([Count("Gemeenten", 4)])
    assert half.bars[0].length == pytest.approx(full.bars[0].length / 2, abs=0.1)


def test_shades_darken_monotonically_in_greyscale():
    greys = [grey(colour) for colour in SHADES]
    assert greys == sorted(greys, reverse=True)
    fills = [shade(value, 7)[0] for value in range(8)]
    assert [grey(f) for f in fills] == sorted((grey(f) for f in fills), reverse=True)
    assert shade(0, 7)[0] == SHADES[0] and shade(7, 7)[0] == SHADES[-1]


def test_heat_map_has_one_cell_per_count_and_hatches_the_diagonal():
    matrix = Matrix(("A", "B"), ("A", "B"), ((None, 3), (3, None)))
    chart = heat_map(matrix, numbered_columns=True)
    assert [cell.value for cell in chart.cells] == [None, 3, 3, None]
    assert [label.lines for label in chart.columns] == [("1",), ("2",)]
    assert [label.lines[0] for label in chart.rows] == ["1 A", "2 B"]


def test_long_column_names_take_two_lines():
    chart = heat_map(Matrix(("A",), ("Openbaar Ministerie", "COA"), ((1, 0),)), numbered_columns=False)
    assert chart.columns[0].lines == ("Openbaar", "Ministerie")
    assert chart.columns[1].lines == ("COA",)
