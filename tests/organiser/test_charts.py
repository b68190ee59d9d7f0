"""The dashboard's bar charts: geometry for an SVG drawn on the server, on a round axis."""

import pytest

from events.organiser.charts import bar_chart, nice_ceiling


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (1, 1), (2, 2), (3, 5), (7, 10), (10, 10), (11, 20), (480, 500), (501, 1000)],
)
def test_the_axis_top_is_a_round_number(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_bars_are_proportional_and_sit_on_the_axis():
    chart = bar_chart([("a", 10), ("b", 5), ("c", 0)], width=348, height=136)
    tall, half, empty = chart.bars
    assert tall.height == 100 and half.height == 50 and empty.height == 0  # 100 units tall
    assert tall.y + tall.height == half.y + half.height == chart.baseline
    assert [tick.label for tick in chart.ticks] == ["0", "2", "4", "6", "8", "10"]
    assert [label.label for label in chart.labels] == ["a", "b", "c"]


def test_axis_labels_can_be_sparse():
    chart = bar_chart([("a", 1), ("b", 2), ("c", 3)], axis_labels=["x", "", "z"])
    assert [label.label for label in chart.labels] == ["x", "z"]
