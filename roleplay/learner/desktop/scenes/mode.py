"""How to play a scenario: practice (take-backs allowed) or assessment (every decision counts).

The dialog dismisses with ``"practice"``, ``"assessment"`` or None (cancelled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_scrim
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_button

if TYPE_CHECKING:
    from roleplay import Scenario
    from roleplay.gui.app import App

MODE_TEXT = {
    "practice": "Explore freely. Press Backspace to take back a choice and try another approach.",
    "assessment": "No take-backs or loading back: every decision counts, like the real "
    "conversation.",
}
SHORTCUTS = {pygame.K_p: "practice", pygame.K_a: "assessment"}


class ModeScene(Scene):
    """Modal choice between practice (rewind allowed) and assessment (no rewind)."""

    opaque = False

    def __init__(self, app: App, scenario: Scenario) -> None:
        """Ask how to play scenario."""
        super().__init__(app)
        self.scenario = scenario
        self.panel = FRect(0, 0, 760, 400)
        self.panel.center = (LOGICAL_W / 2, 360)
        self.buttons = FocusGroup(
            self._buttons(self.panel), on_focus=lambda b: self.app.voice.say(b.label)
        )

    def _buttons(self, panel: FRect) -> list[Button]:
        left = FRect(panel.left + 40, panel.top + 130, 330, 170)
        right = FRect(panel.left + 390, panel.top + 130, 330, 170)
        cancel = FRect(0, panel.bottom - 74, 180, 46)
        cancel.centerx = panel.centerx
        return [
            Button(
                "Practice",
                left,
                lambda: self.dismiss("practice"),
                style="primary",
                size=24,
                key="practice",
            ),
            Button(
                "Assessment", right, lambda: self.dismiss("assessment"), size=24, key="assessment"
            ),
            Button("Cancel", cancel, self.dismiss, style="quiet", size=18, key="cancel"),
        ]

    def handle_event(self, event: pygame.event.Event) -> None:
        """Left/Right pick, Enter confirms, P/A shortcuts, Esc cancels."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.dismiss()
                return
            if event.key in SHORTCUTS:
                self.dismiss(SHORTCUTS[event.key])
                return
        self.buttons.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """The dialog with two described options."""
        theme = painter.theme
        draw_scrim(painter)
        painter.rect(self.panel, (*theme.panel[:3], 250), radius=20)
        painter.rect(self.panel, theme.panel_border, radius=20, width=1)
        painter.text(
            "How do you want to play?",
            (self.panel.left + 40, self.panel.top + 34),
            28,
            theme.text,
            "bold",
        )
        painter.paragraph(
            self.scenario.title,
            FRect(self.panel.left + 40, self.panel.top + 78, 680, 30),
            18,
            theme.accent,
            max_lines=1,
        )
        for index, button in enumerate(self.buttons.buttons):
            focused = index == self.buttons.focus
            if button.key == "cancel":
                draw_button(painter, button, focused)
            else:
                _draw_mode_option(painter, button, focused)


def _draw_mode_option(painter: Painter, button: Button, focused: bool) -> None:
    theme = painter.theme
    rect = button.rect
    painter.rect(rect, theme.panel_raised if focused else (*theme.backdrop, 255), radius=14)
    painter.rect(
        rect,
        (*theme.accent, 255) if focused else theme.panel_border,
        radius=14,
        width=2 if focused else 1,
    )
    if focused:
        painter.rect(rect.inflate(8, 8), (*theme.focus, 255), radius=17, width=2.5)
    painter.text(button.label, (rect.left + 24, rect.top + 22), 24, theme.text, "bold")
    painter.paragraph(
        MODE_TEXT[button.key],
        FRect(rect.left + 24, rect.top + 64, rect.width - 48, 90),
        16,
        theme.text_muted,
    )
    hint = "P" if button.key == "practice" else "A"
    painter.text(
        hint, (rect.right - 22, rect.top + 24), 15, theme.text_disabled, "bold", anchor="topright"
    )
