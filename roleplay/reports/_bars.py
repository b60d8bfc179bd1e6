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


@dataclass(frozen=True)
class PairedChart:
    """Geometry of a before/after bar chart (shares from 0 to 1), drawn by ``paired_chart``."""

    key: str
    title: str
    desc: str
    width: int
    height: int
    bar_x: int
    bar_w: int
    rows: tuple[dict[str, Any], ...]


PAIR = (("before", "Before the story", "s1"), ("after", "After the story", "s2"))


def paired_chart(
    key: str, title: str, rows: Sequence[tuple[str, float | str, float | str]]
) -> PairedChart:
    """For each (label, share before, share after) two bars on a 0-100 % scale, each named in
    words (never by colour alone); a share given as text ("not asked") is shown as that text
    with no bar. An empty label draws no label line (one question under its own heading)."""
    bar_x, bar_w, step = 170, 560, 26
    drawn: list[dict[str, Any]] = []
    parts: list[str] = []
    y = 8
    for label, *shares in rows:
        top = y + (24 if label else 0)
        bars = []
        for offset, ((_, name, css), share) in enumerate(zip(PAIR, shares, strict=True)):
            shown = share if isinstance(share, str) else f"{round(100 * share)} %"
            width = 0.0 if isinstance(share, str) else round(bar_w * share, 1)
            bars.append({"y": top + offset * step, "name": name, "css": css, "width": width,
                         "value": shown})  # fmt: skip
            parts.append(f"{label + ', ' if label else ''}{name.lower()}: {shown}")
        drawn.append({"label": label, "label_y": y + 16, "bars": bars})
        y = top + 2 * step + 14
    desc = "Share of right answers. " + "; ".join(parts) + "."
    return PairedChart(key, title, desc, 880, y, bar_x, bar_w, tuple(drawn))
