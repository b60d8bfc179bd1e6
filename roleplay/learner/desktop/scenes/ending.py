"""The ending card: the ending's title and text, then on to the debrief."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import FULL, draw_gradient, draw_key_hints
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_button
from roleplay.learner.desktop import progress
from roleplay.learner.desktop.navigation import finish_session

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session

PANEL_W = LOGICAL_W - 380
PAD_X = 60
PAD_Y = 40
TITLE_SIZE = 40
BUTTON_H = 54
MAX_PANEL_H = 620


@dataclass(frozen=True)
class EndingLayout:
    """Where everything on the ending card goes: a column that grows with the text."""

    panel: FRect
    title: tuple[str, ...]
    text: tuple[str, ...]
    text_size: float
    found_top: float
    button: FRect


def layout_ending(painter: Painter, title: str, text: str) -> EndingLayout:
    """Lay the card out top to bottom (gaps between every part), centred on the screen."""
    width = PANEL_W - 2 * PAD_X
    title_lines = painter.wrap(title, TITLE_SIZE, width, "bold")[:2]
    size = 20 * painter.text_scale
    text_lines = painter.wrap(text, size, width)
    title_h = len(title_lines) * painter.line_height(TITLE_SIZE, "bold")
    found_h = painter.line_height(15, "bold")
    fixed = PAD_Y + 34 + title_h + 14 + 28 + found_h + 24 + BUTTON_H + PAD_Y
    line_h = painter.line_height(size)
    room = max(1, int((MAX_PANEL_H - fixed) // line_h))
    if len(text_lines) > room:
        text_lines = (*text_lines[: room - 1], text_lines[room - 1].rstrip(" .,") + "…")
    panel = FRect(0, 0, PANEL_W, fixed + len(text_lines) * line_h)
    panel.center = (LOGICAL_W / 2, (LOGICAL_H - 40) / 2)
    found_top = panel.bottom - PAD_Y - BUTTON_H - 24 - found_h
    button = FRect(LOGICAL_W / 2 - 150, panel.bottom - PAD_Y - BUTTON_H, 300, BUTTON_H)
    return EndingLayout(panel, title_lines, text_lines, size, found_top, button)


class EndingScene(Scene):
    """Shows which ending was reached; Enter opens the debrief."""

    def __init__(self, app: App, session: Session) -> None:
        """Show the ending of a finished session."""
        super().__init__(app)
        self.session = session
        self.ending = session.runner.view().ending
        found = progress.endings_found(session.scenario.id)
        self.found_text = f"Endings found: {len(found)} of {len(session.scenario.endings)}"
        self.asks_check = session.check_due("after")
        button = Button(
            "Continue" if self.asks_check else "See the debrief",
            FRect(0, 0, 300, BUTTON_H),
            self._debrief,
            style="primary",
            size=20,
            key="debrief",
        )
        self.buttons = FocusGroup([button])
        self._place()
        if self.ending is not None:
            self.app.voice.say(f"Ending: {self.ending.title}. {self.ending.text}")

    def layout(self, painter: Painter) -> EndingLayout:
        """The card's layout for a painter (text size and window)."""
        title = self.ending.title if self.ending else "The end"
        return layout_ending(painter, title, self.ending.text if self.ending else "")

    def _place(self) -> None:
        self.buttons.buttons[0].rect = self.layout(self.app.painter).button

    def _debrief(self) -> None:
        finish_session(self.app, self.session)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Enter/Space/click continues; Esc too (the debrief is the way out)."""
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_ESCAPE,
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_SPACE,
        ):
            self._debrief()
            return
        self._place()
        self.buttons.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """Dimmed scene background, the ending title and text, endings found, the button."""
        theme = painter.theme
        scenario = self.session.scenario
        background = scenario.background_path(self.session.runner.view().background)
        if not painter.image(background, FULL, fit="cover", anchor="center"):
            draw_gradient(painter)
        painter.rect(FULL, (*theme.backdrop, 150))
        layout = self.layout(painter)
        panel = layout.panel
        painter.rect(panel, (*theme.panel[:3], 245), radius=24)
        painter.rect(panel, theme.panel_border, radius=24, width=1)
        x = LOGICAL_W / 2
        y = panel.top + PAD_Y
        painter.text("THE ENDING YOU REACHED", (x, y), 14, theme.accent, "bold", anchor="midtop")
        y += 34
        for line in layout.title:
            painter.text(line, (x, y), TITLE_SIZE, theme.text, "bold", anchor="midtop")
            y += painter.line_height(TITLE_SIZE, "bold")
        y += 14
        for line in layout.text:
            painter.text(line, (x, y), layout.text_size, theme.text_muted, anchor="midtop")
            y += painter.line_height(layout.text_size)
        found_at = (x, layout.found_top)
        painter.text(self.found_text, found_at, 15, theme.good, "bold", anchor="midtop")
        button = self.buttons.buttons[0]
        draw_button(painter, Button(button.label, layout.button, style="primary", size=20), True)
        hint = "Enter: the questions again, then the debrief" if self.asks_check else ""
        draw_key_hints(painter, hint or "Enter to continue to the debrief")
