"""Horizontal bar charts and the words for how a group's decision was made, shared by the
single-session report and the comparison of groups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

HOWS = {
    "majority": "the majority's choice",
    "tie": "a tie, settled by the facilitator",
    "override": "the facilitator overrode the vote",
    "facilitator": "nobody voted; the facilitator picked",
    "show_of_hands": "a show of hands",
}


@dataclass(frozen=True)
class BarChart:
    """Geometry of a horizontal bar chart, drawn by the ``bar_chart`` macro."""

    key: str
    title: str
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_w: int
    bars: tuple[dict[str, Any], ...]


def bar_chart(key: str, title: str, items: Sequence[tuple[str, float, str]]) -> BarChart:
    """Bars for (label, value, shown value); the longest bar spans the width."""
    top = max((value for _, value, _ in items), default=0) or 1
    bar_x, bar_w = 330, 440
    bars = tuple(
        {
            "label": label if len(label) <= 48 else label[:47] + "…",
            "y": 10 + 30 * i,
            "width": round(bar_w * value / top, 1),
            "value": shown,
            "css": f"s{i % 6}",
        }
        for i, (label, value, shown) in enumerate(items)
    )
    return BarChart(key, title, 880, 20 + 30 * len(items), bar_x - 10, bar_x, bar_w, bars)
