"""The debrief page's blocks about what happened: the ending, the hidden meters, the influence
profile, the endings found so far and each decision."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from roleplay.gui import charts
from roleplay.gui.painter import FRect, Painter
from roleplay.learner.desktop.scenes.debrief.page import LEFT, WIDTH, Block, heading_block

if TYPE_CHECKING:
    from roleplay import Debrief, Decision
    from roleplay.engine._model import Ending


def header_block(painter: Painter, debrief: Debrief, size: float) -> Block:
    """The scenario, the ending's title and its debrief text."""
    ending = debrief.ending
    title = ending.title if ending else "Unfinished"
    text = ending.debrief if ending else ""
    text_h = painter.text_height(text, size, WIDTH)
    height = 30 + painter.text_height(title, 36, WIDTH, "bold") + 14 + text_h + 24

    def draw(p: Painter, y: float) -> None:
        label = f"DEBRIEF · {debrief.scenario_title.upper()}"
        p.text(label, (LEFT, y), 14, p.theme.accent, "bold")
        y += 30
        y += p.paragraph(title, FRect(LEFT, y, WIDTH, 200), 36, p.theme.text, "bold") + 14
        p.paragraph(text, FRect(LEFT, y, WIDTH, 400), size, p.theme.text_muted)

    return height, draw


def meter_blocks(debrief: Debrief) -> list[Block]:
    """How the hidden meters moved, and the influence profile."""
    chart_h = charts.chart_height()
    profile_h = charts.profile_height(debrief) + 20
    return [
        heading_block("How the hidden meters moved"),
        (
            chart_h,
            lambda p, y: charts.draw_meter_chart(p, debrief, FRect(LEFT, y, WIDTH, charts.CHART_H)),
        ),
        heading_block("Your influence profile"),
        (profile_h, lambda p, y: charts.draw_profile(p, debrief, FRect(LEFT, y, WIDTH, 200))),
    ]


def endings_block(endings: Sequence[Ending], found: set[str]) -> Block:
    """The scenario's endings: those found so far by title, the others hidden."""
    count = sum(1 for e in endings if e.id in found)
    row = 30.0
    height = 56 + len(endings) * row + 16

    def draw(p: Painter, y: float) -> None:
        theme = p.theme
        p.text(f"Endings found  {count} / {len(endings)}", (LEFT, y + 8), 22, theme.text, "bold")
        y += 56
        for ending in endings:
            known = ending.id in found
            dot = theme.good if known else theme.text_disabled
            p.circle((LEFT + 8, y + 11), 6 if known else 4, dot)
            label = ending.title if known else "Not found yet"
            color = theme.text if known else theme.text_disabled
            p.text(label, (LEFT + 26, y), 17, color, "bold" if known else "italic")
            y += row

    return height, draw


def decision_block(
    painter: Painter, decision: Decision, labels: dict[str, str], size: float
) -> Block:
    """One decision card: what was said, the technique, the meters it moved, the feedback."""
    height = charts.decision_height(painter, decision, WIDTH, size)

    def draw(p: Painter, y: float) -> None:
        charts.draw_decision(p, decision, labels, FRect(LEFT, y, WIDTH, height), size)

    return height + 14, draw
