"""Bar charts as geometry for an SVG drawn on the server (templates/admin/events/chart.html).

No script and no CDN: the page carries the finished picture. Colours and fonts come from
CSS classes (the site's CSP allows no style attributes); this module only places things.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Room around the plot for the axis labels, in SVG units.
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 8, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class Tick:
    """A horizontal grid line at `y` for the value `label`."""

    y: float
    label: str


@dataclass(frozen=True)
class AxisLabel:
    x: float
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    labels: tuple[AxisLabel, ...]
    left: int = LEFT
    baseline: float = 0.0

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ at or above `value` (at least 1): the axis top."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # not reached


def _tick_count(top: int) -> int:
    """Grid lines that land on whole numbers: 10 → 0, 2 … 10; 20 → 0, 5 … 20; 5 → 0 … 5."""
    leading = int(str(top)[0])
    if top < 10:
        return top
    return {1: 5, 2: 4, 5: 5}[leading]


def _short(number: int) -> str:
    """'950', '12k', '1.5M': tick labels that fit the margin."""
    if number >= 1_000_000:
        return f"{number / 1_000_000:g}M"
    if number >= 1_000:
        return f"{number / 1_000:g}k"
    return str(number)


def bar_chart(
    points: Sequence[tuple[str, int]],
    *,
    axis_labels: Sequence[str] | None = None,
    width: int = 720,
    height: int = 220,
) -> BarChart:
    """Bars for (label, value) points, left to right, on a 0-based axis.

    Each bar keeps its label as a tooltip. Under the axis go `axis_labels` (one per point,
    '' for none: a long series would print its labels over each other), or the labels.
    """
    plot_width = width - LEFT - RIGHT
    plot_height = height - TOP - BOTTOM
    baseline = TOP + plot_height
    top_value = nice_ceiling(max((value for _, value in points), default=0))
    ticks = _tick_count(top_value)
    slot = plot_width / max(len(points), 1)
    gap = min(slot * 0.2, 4) if slot > 3 else 0
    bars = []
    labels = []
    for index, (label, value) in enumerate(points):
        bar_height = plot_height * value / top_value
        x = LEFT + index * slot
        bars.append(
            Bar(
                x=round(x + gap / 2, 2),
                y=round(baseline - bar_height, 2),
                width=round(slot - gap, 2),
                height=round(bar_height, 2),
                label=label,
                value=value,
            )
        )
        under = label if axis_labels is None else axis_labels[index]
        if under:
            labels.append(AxisLabel(x=round(x + slot / 2, 2), label=under))
    grid = tuple(
        Tick(
            y=round(baseline - plot_height * step / ticks, 2),
            label=_short(top_value * step // ticks),
        )
        for step in range(ticks + 1)
    )
    return BarChart(
        width=width,
        height=height,
        bars=tuple(bars),
        ticks=grid,
        labels=tuple(labels),
        baseline=baseline,
    )
