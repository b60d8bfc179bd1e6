"""Road not taken: pick any earlier decision to replay from there in practice mode.

The list dismisses with the 0-based index of the decision picked, or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_scrim
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, Scroller

if TYPE_CHECKING:
    from roleplay import Decision
    from roleplay.gui.app import App

PANEL = FRect(140, 40, LOGICAL_W - 280, 640)
LIST = FRect(PANEL.left + 36, PANEL.top + 120, PANEL.width - 72, PANEL.height - 190)
HINTS_Y = PANEL.bottom - 46
ROW_H = 64
ROW_GAP = 10
ROW_TEXT_SIZE = 16


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
        self.scroller.draw_bar(painter, FRect(LIST.right + 14, LIST.top, 5, LIST.height))
        hints = "Up/Down choose   ·   Enter replay from here   ·   Esc back"
        painter.text(hints, (LOGICAL_W / 2, HINTS_Y), 15, theme.text_muted, anchor="midtop")


def row_text_top(painter: Painter, text: str, rect: FRect) -> float:
    """Where a row's text starts so that its one or two lines sit centred beside the number."""
    lines = min(len(painter.wrap(text, ROW_TEXT_SIZE, rect.width - 80)), 2)
    return rect.centery - lines * painter.line_height(ROW_TEXT_SIZE) / 2


def _draw_row(painter: Painter, index: int, text: str, rect: FRect, focused: bool) -> None:
    """One decision: its number and the choice made, both centred on the row."""
    theme = painter.theme
    painter.rect(rect, theme.panel_raised if focused else (*theme.backdrop, 255), radius=12)
    if focused:
        painter.rect(rect.inflate(6, 6), (*theme.focus, 255), radius=15, width=2.5)
    center = (rect.left + 30, rect.centery)
    painter.text(f"{index + 1}", center, 20, theme.accent, "bold", anchor="center")
    box = FRect(rect.left + 60, row_text_top(painter, text, rect), rect.width - 80, rect.height)
    painter.paragraph(text, box, ROW_TEXT_SIZE, theme.text, max_lines=2)
