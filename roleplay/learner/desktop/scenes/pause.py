"""The Esc menu over the play screen: History, Save, Load, Settings, Back to library.

It dismisses with ``"history"`` when the player asks for the backlog (the play screen opens
it), and with None on Resume or Esc.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_key_hints, draw_scrim
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_buttons
from roleplay.learner.desktop.navigation import open_library

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session

BUTTON_W = 340
BUTTON_H = 50
GAP = 12


class PauseScene(Scene):
    """A modal menu; Esc or Resume returns to the conversation."""

    opaque = False

    def __init__(self, app: App, session: Session, thumbnail: Callable[[], pygame.Surface]) -> None:
        """Build the menu for the game being played (thumbnail pictures it for saves)."""
        super().__init__(app)
        self.session = session
        self.thumbnail = thumbnail
        entries: list[tuple[str, str, Callable[[], object]]] = [
            ("resume", "Resume", self.dismiss),
            ("history", "History", lambda: self.dismiss("history")),
            ("save", "Save", self._save),
            ("load", "Load", lambda: app.push("saves", saving=False)),
            ("settings", "Settings", lambda: app.push("settings")),
            ("library", "Back to library", lambda: open_library(app)),
        ]
        top = (LOGICAL_H - len(entries) * (BUTTON_H + GAP)) / 2 + 40
        buttons = [
            Button(
                label,
                FRect((LOGICAL_W - BUTTON_W) / 2, top + i * (BUTTON_H + GAP), BUTTON_W, BUTTON_H),
                action,
                style="primary" if i == 0 else "secondary",
                key=key,
            )
            for i, (key, label, action) in enumerate(entries)
        ]
        self.menu = FocusGroup(buttons, on_focus=lambda b: self.app.voice.say(b.label))
        self.panel = FRect(0, 0, BUTTON_W + 96, len(entries) * (BUTTON_H + GAP) + 130)
        self.panel.center = (LOGICAL_W / 2, LOGICAL_H / 2 + 8)

    def _save(self) -> None:
        self.app.push("saves", saving=True, session=self.session, thumbnail=self.thumbnail)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Arrows + Enter, mouse; Esc resumes."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.dismiss()
            return
        self.menu.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """Scrim, panel, heading and buttons."""
        theme = painter.theme
        draw_scrim(painter)
        painter.rect(self.panel, (*theme.panel[:3], 250), radius=22)
        painter.rect(self.panel, theme.panel_border, radius=22, width=1)
        painter.text(
            "Paused", (LOGICAL_W / 2, self.panel.top + 30), 30, theme.text, "bold", anchor="midtop"
        )
        title = self.session.scenario.title
        painter.text(
            title, (LOGICAL_W / 2, self.panel.top + 72), 16, theme.text_muted, anchor="midtop"
        )
        draw_buttons(painter, self.menu)
        draw_key_hints(painter, "Up/Down move   ·   Enter select   ·   Esc resume")
