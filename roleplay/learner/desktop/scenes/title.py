"""Title screen: Continue, Scenarios, Load, Settings, Quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_backdrop, draw_key_hints
from roleplay.gui.painter import FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_buttons
from roleplay.learner.desktop import saves
from roleplay.learner.desktop.navigation import resume_save

if TYPE_CHECKING:
    from roleplay.gui.app import App

MENU_X = 96
MENU_TOP = 330
BUTTON_W = 320
BUTTON_H = 54
GAP = 14


class TitleScene(Scene):
    """The first screen: resume, pick a scenario, load, settings or quit."""

    def __init__(self, app: App) -> None:
        """Build the menu (Continue is enabled only when an autosave exists)."""
        super().__init__(app)
        self.menu = FocusGroup(on_focus=lambda b: self.app.voice.say(b.label))
        self.continue_detail = ""

    def enter(self) -> None:
        """Refresh the menu: the latest autosave may have changed."""
        latest = saves.latest_autosave()
        self.continue_detail = ""
        if latest is not None and latest.info is not None:
            self.continue_detail = latest.info.scenario_title
        entries = [
            ("continue", "Continue", self._continue, latest is not None),
            ("scenarios", "Scenarios", lambda: self.app.push("library"), True),
            ("load", "Load", lambda: self.app.push("saves", saving=False), True),
            ("settings", "Settings", lambda: self.app.push("settings"), True),
            ("quit", "Quit", self.app.request_quit, True),
        ]
        buttons = []
        for index, (key, label, action, enabled) in enumerate(entries):
            rect = FRect(MENU_X, MENU_TOP + index * (BUTTON_H + GAP), BUTTON_W, BUTTON_H)
            style = "primary" if index == 0 and enabled else "secondary"
            detail = self.continue_detail if key == "continue" else ""
            buttons.append(
                Button(label, rect, action, enabled, detail=detail, style=style, size=21, key=key)
            )
        if latest is None:
            buttons[1].style = "primary"
        self.menu.set_buttons(buttons, keep_focus=False)
        self.menu.focus = 0 if latest is not None else 1

    def _continue(self) -> None:
        latest = saves.latest_autosave()
        if latest is not None:
            resume_save(self.app, latest.path)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Menu navigation; Esc asks to quit from the title screen."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.request_quit()
            return
        self.menu.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """Title art, the game name, the menu and key hints."""
        theme = painter.theme
        draw_backdrop(painter, "title")
        panel = FRect(56, 72, 400, 620)
        painter.rect(panel, theme.panel, radius=22)
        painter.text("Roleplay", (MENU_X, 116), 58, theme.text, "bold")
        painter.text("Practise workplace influence", (MENU_X + 2, 196), 21, theme.accent)
        painter.paragraph(
            "Short, branching conversations. Try an approach, see how people react, "
            "and learn why in the debrief.",
            FRect(MENU_X + 2, 236, 330, 80),
            16,
            theme.text_muted,
        )
        draw_buttons(painter, self.menu)
        draw_key_hints(
            painter, "Up/Down move   ·   Enter select   ·   F11 fullscreen   ·   Esc quit"
        )
