"""The show-of-hands card in the facilitator view: a count per choice, typed or clicked."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from roleplay.facilitator.desktop.common import panel
from roleplay.facilitator.desktop.pointer import draw_hit_button
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.widgets import Button

if TYPE_CHECKING:
    from roleplay.facilitator.desktop.controls import Controls, ShowOfHands
    from roleplay.facilitator.desktop.pointer import HitMap

ROW = 46.0


def draw_hands(
    painter: Painter, controls: Controls, hits: HitMap, hover: tuple[float, float] | None
) -> None:
    """The card over the facilitator view; while it is open only its own areas are clickable."""
    hands = controls.hands
    assert hands is not None
    theme = painter.theme
    rect = FRect(200, 120, LOGICAL_W - 400, 150 + ROW * len(hands.counts))
    painter.veil(theme.scrim[:3], theme.scrim[3])
    panel(painter, rect, 18)
    hits.clear()
    hits.add(rect, lambda: None)  # a click on the card itself does nothing
    painter.text(
        "Show of hands: type or click each count, Tab for the next, Enter to play",
        (rect.left + 32, rect.top + 28),
        19,
        theme.accent,
        "bold",
    )
    for index, (count, (_, text)) in enumerate(zip(hands.counts, hands.choices, strict=True)):
        _count_row(painter, hands, hits, index, count, text, rect.top + 76 + index * ROW, hover)
    play = FRect(rect.left + 32, rect.bottom - 58, 128, 40)
    cancel = play.move(140, 0)
    buttons = (
        Button("Play", play, controls.settle_hands, style="primary", size=17),
        Button("Cancel", cancel, controls.close_hands, style="quiet", size=17),
    )
    for button in buttons:
        draw_hit_button(painter, hits, button, hover, f"hands:{button.label.lower()}")


def _count_row(
    painter: Painter,
    hands: ShowOfHands,
    hits: HitMap,
    index: int,
    count: str,
    text: str,
    y: float,
    hover: tuple[float, float] | None,
) -> None:
    theme = painter.theme
    left = 232.0
    for offset, (label, step) in enumerate((("−", -1), ("+", 1))):
        box = FRect(left + offset * 142, y, 40, 36)
        button = Button(label, box, partial(hands.bump, index, step), size=20)
        draw_hit_button(painter, hits, button, hover, f"hands:{index}:{label}")
    field = FRect(left + 50, y, 84, 36)
    painter.rect(field, theme.panel_raised, radius=8)
    if index == hands.field:
        painter.rect(field.inflate(6, 6), (*theme.focus, 255), radius=10, width=2.5)
    painter.text(count or "0", field.center, 20, theme.text, "bold", anchor="center")
    hits.add(field, lambda: setattr(hands, "field", index), label=f"hands:{index}")
    painter.paragraph(
        text, FRect(left + 200, y + 6, LOGICAL_W - 400 - 232, 30), 17, theme.text, max_lines=1
    )
