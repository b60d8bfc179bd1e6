"""Debrief graphics drawn with the Painter: meter line chart, profile bars, decision cards."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from roleplay.gui.painter import FRect, Painter
from roleplay.reports import family_label, family_note, family_rgb

if TYPE_CHECKING:
    from roleplay import Debrief, Decision

CHART_H = 250
LEGEND_H = 34


def chart_height() -> float:
    """Logical height of the meter chart block (legend included)."""
    return CHART_H + LEGEND_H + 30


def draw_meter_chart(painter: Painter, debrief: Debrief, rect: FRect) -> None:
    """Line chart: one line per meter across the decisions, each scaled to its own range."""
    theme = painter.theme
    plot = FRect(rect.left + 56, rect.top + LEGEND_H + 10, rect.width - 80, CHART_H - 40)
    painter.rect(plot.inflate(40, 36), theme.panel_raised, radius=12)
    for fraction in (0.0, 0.5, 1.0):
        y = plot.bottom - fraction * plot.height
        painter.line((plot.left, y), (plot.right, y), theme.grid, 1)
    painter.text("high", (plot.left - 10, plot.top), 13, theme.text_muted, anchor="midright")
    painter.text("low", (plot.left - 10, plot.bottom), 13, theme.text_muted, anchor="midright")
    steps = max(len(next(iter(debrief.meter_series.values()), [0])) - 1, 1)
    for index in range(steps + 1):
        x = plot.left + plot.width * index / steps
        label = "start" if index == 0 else str(index)
        painter.text(label, (x, plot.bottom + 8), 13, theme.text_muted, anchor="midtop")
    legend_x = rect.left
    for number, (meter, series) in enumerate(debrief.meter_series.items()):
        color = theme.chart[number % len(theme.chart)]
        low, high = debrief.meter_ranges.get(meter, (0, 10))
        span = max(high - low, 1)
        points = [
            (plot.left + plot.width * i / steps, plot.bottom - plot.height * (value - low) / span)
            for i, value in enumerate(series)
        ]
        for start, end in pairwise(points):
            painter.line(start, end, color, 3)
        for point in points:
            painter.circle(point, 5, color)
        label = f"{debrief.meter_labels.get(meter, meter)}  {series[0]} to {series[-1]}"
        painter.circle((legend_x + 7, rect.top + 12), 6, color)
        drawn = painter.text(
            label, (legend_x + 20, rect.top + 12), 16, theme.text, "bold", anchor="midleft"
        )
        legend_x = drawn.right + 28


def profile_height(debrief: Debrief) -> float:
    """Logical height of the profile bars block."""
    return len(debrief.profile) * 40 + 8


def draw_profile(painter: Painter, debrief: Debrief, rect: FRect) -> None:
    """Horizontal bars: how often each technique family was chosen."""
    theme = painter.theme
    total = max(sum(debrief.profile.values()), 1)
    bar_left = rect.left + 170
    bar_width = rect.width - 170 - 260
    for index, (family, count) in enumerate(debrief.profile.items()):
        y = rect.top + index * 40
        painter.text(
            family_label(family),
            (rect.left, y + 14),
            17,
            theme.text,
            "bold",
            anchor="midleft",
        )
        track = FRect(bar_left, y + 4, bar_width, 20)
        painter.rect(track, (*theme.backdrop, 255), radius=10)
        if count:
            fill = FRect(bar_left, y + 4, max(bar_width * count / total, 20), 20)
            painter.rect(fill, (*family_rgb(family, dark=True), 255), radius=10)
        painter.text(
            f"{count}", (track.right + 14, y + 14), 17, theme.text, "bold", anchor="midleft"
        )
        painter.text(
            family_note(family),
            (track.right + 44, y + 14),
            14,
            theme.text_muted,
            anchor="midleft",
        )


def decision_height(painter: Painter, decision: Decision, width: float, size: float) -> float:
    """Logical height of one decision card."""
    inner = width - 48
    height = 20 + painter.line_height(14) + 6
    height += painter.text_height(f"“{decision.choice_text}”", size, inner, "bold") + 10
    height += painter.line_height(15) + 10
    if decision.feedback:
        height += painter.text_height(decision.feedback, size * 0.9, inner) + 4
    return height + 20


def draw_decision(
    painter: Painter, decision: Decision, labels: dict[str, str], rect: FRect, size: float
) -> None:
    """One decision: what was said, technique and family, meter changes, designer feedback."""
    theme = painter.theme
    painter.rect(rect, theme.panel, radius=14)
    painter.rect(rect, theme.panel_border, radius=14, width=1)
    left = rect.left + 24
    inner = rect.width - 48
    y = rect.top + 20
    painter.text(f"DECISION {decision.index + 1}", (left, y), 14, theme.accent, "bold")
    y += painter.line_height(14) + 6
    y += (
        painter.paragraph(
            f"“{decision.choice_text}”", FRect(left, y, inner, 400), size, theme.text, "bold"
        )
        + 10
    )
    family = family_label(decision.family)
    tag = f"{decision.technique_label} · {family}"
    drawn = painter.text(tag, (left, y), 15, theme.text_muted, "bold")
    x = drawn.right + 18
    if not decision.ethical:
        x = painter.text("not ethical", (x, y), 15, theme.bad, "bold").right + 18
    for meter, delta in decision.deltas.items():
        text = f"{'+' if delta > 0 else '−'}{abs(delta)} {labels.get(meter, meter)}"
        x = painter.text(text, (x, y), 15, theme.good if delta > 0 else theme.bad, "bold").right
        x += 16
    if not decision.deltas:
        painter.text("no meter changed", (x, y), 15, theme.text_disabled, "italic")
    y += painter.line_height(15) + 10
    if decision.feedback:
        painter.paragraph(
            decision.feedback, FRect(left, y, inner, 400), size * 0.9, theme.text_muted
        )
