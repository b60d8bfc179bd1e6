"""Road not taken: pick any earlier decision to replay from there in practice mode.

The list dismisses with the 0-based index of the decision picked, or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_key_hints, draw_scrim
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, Scroller

if TYPE_CHECKING:
    from roleplay import Decision
    from roleplay.gui.app import App

PANEL = FRect(140, 40, LOGICAL_W - 280, 640)
LIST = FRect(PANEL.left + 36, PANEL.top + 120, PANEL.width - 72, PANEL.height - 150)
ROW_H = 64
ROW_GAP = 10


class RoadScene(Scene):
    """A list of the decisions made; Enter replays from before the focused one."""

    opaque = False

    def __init__(self, app: App, decisions: Sequence[Decision]) -> None:
        """List the decisions of a debrief."""
        super().__init__(app)
        self.decisions = decisions
        self.scroller = Scroller(
            view_height=LIST.height,
            content_height=len(self.decisions) * (ROW_H + ROW_GAP),
            step=ROW_H + ROW_GAP,
        )
        self.rows = FocusGroup(on_focus=self._focus_changed)
        self._layout()

    def _layout(self) -> None:
        self.rows.set_buttons(
            [
                Button(
                    d.choice_text,
                    FRect(
                        LIST.left,
                        LIST.top + i * (ROW_H + ROW_GAP) - self.scroller.offset,
                        LIST.width,
                        ROW_H,
                    ),
                    partial(self.dismiss, i),
                    key=str(i),
                )
                for i, d in enumerate(self.decisions)
            ]
        )

    def _focus_changed(self, button: Button) -> None:
        top = self.rows.focus * (ROW_H + ROW_GAP)
        if top < self.scroller.offset:
            self.scroller.offset = top
        elif top + ROW_H > self.scroller.offset + LIST.height:
            self.scroller.offset = top + ROW_H - LIST.height
        self._layout()
        self.app.voice.say(f"Decision {self.rows.focus + 1}: {button.label}")

    def handle_event(self, event: pygame.event.Event) -> None:
        """Up/Down choose, Enter replays, Esc closes."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.dismiss()
            return
        if event.type == pygame.MOUSEWHEEL:
            self.scroller.handle(event)
            self._layout()
            return
        self.rows.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """Panel with one row per decision."""
        theme = painter.theme
        draw_scrim(painter)
        painter.rect(PANEL, (*theme.panel[:3], 250), radius=22)
        painter.text(
            "The road not taken", (PANEL.left + 36, PANEL.top + 30), 30, theme.text, "bold"
        )
        painter.text(
            "Go back to just before a decision and try another approach (practice mode).",
            (PANEL.left + 36, PANEL.top + 76),
            16,
            theme.text_muted,
        )
        painter.clip(LIST.inflate(12, 12))
        rows = zip(self.decisions, self.rows.buttons, strict=True)
        for index, (decision, button) in enumerate(rows):
            _draw_row(painter, index, decision.choice_text, button.rect, index == self.rows.focus)
        painter.clip(None)
        draw_key_hints(
            painter, "Up/Down choose   ·   Enter replay from here   ·   Esc back", y=LOGICAL_H - 30
        )


def _draw_row(painter: Painter, index: int, text: str, rect: FRect, focused: bool) -> None:
    """One decision: its number and the choice made."""
    theme = painter.theme
    painter.rect(rect, theme.panel_raised if focused else (*theme.backdrop, 255), radius=12)
    if focused:
        painter.rect(rect.inflate(6, 6), (*theme.focus, 255), radius=15, width=2.5)
    center = (rect.left + 30, rect.centery)
    painter.text(f"{index + 1}", center, 20, theme.accent, "bold", anchor="center")
    box = FRect(rect.left + 60, rect.top + 10, rect.width - 80, 44)
    painter.paragraph(text, box, 16, theme.text, max_lines=2)
