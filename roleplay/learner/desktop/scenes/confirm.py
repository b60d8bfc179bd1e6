"""A small yes/no dialog: it dismisses with True (yes) or False (cancel, No, Esc)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_scrim
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_buttons

if TYPE_CHECKING:
    from roleplay.gui.app import App


class ConfirmScene(Scene):
    """Asks a question; the answer goes to whoever opened it (``on_dismiss``)."""

    opaque = False

    def __init__(self, app: App, question: str, yes: str) -> None:
        """Ask question; the Yes button is labelled yes."""
        super().__init__(app)
        self.question = question
        self.panel = FRect(0, 0, 560, 220)
        self.panel.center = (LOGICAL_W / 2, LOGICAL_H / 2)
        row = self.panel.bottom - 76
        cancel = FRect(self.panel.centerx - 230, row, 210, 48)
        accept = FRect(self.panel.centerx + 20, row, 210, 48)
        self.buttons = FocusGroup(
            [
                Button("Cancel", cancel, lambda: self.dismiss(False), key="no"),
                Button(yes, accept, lambda: self.dismiss(True), style="primary", key="yes"),
            ],
            on_focus=lambda b: self.app.voice.say(b.label),
        )
        self.app.voice.say(question)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Left/Right, Enter, Esc; Y and N as shortcuts."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_n):
                self.dismiss(False)
                return
            if event.key == pygame.K_y:
                self.dismiss(True)
                return
        self.buttons.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """The question and two buttons."""
        theme = painter.theme
        draw_scrim(painter)
        painter.rect(self.panel, (*theme.panel[:3], 252), radius=20)
        painter.rect(self.panel, theme.panel_border, radius=20, width=1)
        painter.paragraph(
            self.question,
            FRect(self.panel.left + 40, self.panel.top + 36, 480, 90),
            21,
            theme.text,
            "bold",
            max_lines=3,
        )
        draw_buttons(painter, self.buttons)
