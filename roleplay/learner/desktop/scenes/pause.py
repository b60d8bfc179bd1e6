"""The Esc menu over the play screen: Resume, History, Save, Load, Settings, Main menu, Quit.

It dismisses with ``"history"`` when the player asks for the backlog (the play screen opens
it), and with None on Resume or Esc. Main menu and Quit ask first. In assessment mode Save
writes the run's one save at once and Load is off, saying why (see ``saves``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_key_hints, draw_scrim
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_buttons
from roleplay.learner.desktop import saves
from roleplay.learner.desktop.navigation import leave_scenario

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session

BUTTON_W = 340
BUTTON_H = 48
GAP = 10
HEADING_H = 120  # title and subtitle above the first button
PADDING = 70  # below the last button: the key hints sit inside the panel


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
            ("main_menu", "Main menu", lambda: leave_scenario(app)),
            ("quit", "Quit", app.request_quit),
        ]
        stack_h = len(entries) * (BUTTON_H + GAP) - GAP
        self.panel = FRect(0, 0, BUTTON_W + 96, HEADING_H + stack_h + PADDING)
        self.panel.center = (LOGICAL_W / 2, (LOGICAL_H - 40) / 2)
        top = self.panel.top + HEADING_H
        left = (LOGICAL_W - BUTTON_W) / 2
        buttons = [
            Button(
                label, FRect(left, top + i * (BUTTON_H + GAP), BUTTON_W, BUTTON_H), action, key=key
            )
            for i, (key, label, action) in enumerate(entries)
        ]
        if session.mode == "assessment":  # one save per run, nothing earlier to load
            named = {button.key: button for button in buttons}
            named["save"].detail = "The run's one save, where you are"
            named["load"].enabled = False
            named["load"].detail = "Off in assessment mode: first choices stand"
        self.menu = FocusGroup(buttons, on_focus=lambda b: self.app.voice.say(b.label))

    @property
    def subtitle_rect(self) -> FRect:
        """Where the scenario's title goes under "Paused" (above the first button)."""
        return FRect(self.panel.left + 24, self.panel.top + 74, self.panel.width - 48, 26)

    def _save(self) -> None:
        if self.session.mode != "assessment":
            self.app.push("saves", saving=True, session=self.session, thumbnail=self.thumbnail)
            return
        try:
            saves.write_autosave(self.session, self.thumbnail())
        except OSError as exc:
            self.app.toast(f"Could not save: {exc}")
            return
        self.app.toast(saves.RUN_SAVED)

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
        heading = (LOGICAL_W / 2, self.panel.top + 26)
        painter.text("Paused", heading, 30, theme.text, "bold", anchor="midtop")
        subtitle = self.subtitle_rect
        painter.text(
            _fit(painter, self.session.scenario.title, subtitle.width),
            (subtitle.centerx, subtitle.top),
            16,
            theme.text_muted,
            anchor="midtop",
        )
        draw_buttons(painter, self.menu)
        hints = "Up/Down move   ·   Enter select   ·   Esc resume"
        draw_key_hints(painter, hints, y=self.panel.bottom - 40)


def _fit(painter: Painter, text: str, width: float) -> str:
    """The text, cut with "…" when it is wider than width."""
    lines = painter.wrap(text, 16, width)
    return lines[0] if len(lines) <= 1 else lines[0].rstrip(" .,") + "…"
