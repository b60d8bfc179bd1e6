"""The ending card: the ending's title and text, then on to the debrief."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import FULL, draw_gradient, draw_key_hints
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_buttons
from roleplay.learner.desktop import progress

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session

PANEL = FRect(190, 120, LOGICAL_W - 380, 470)


class EndingScene(Scene):
    """Shows which ending was reached; Enter opens the debrief."""

    def __init__(self, app: App, session: Session) -> None:
        """Show the ending of a finished session."""
        super().__init__(app)
        self.session = session
        self.ending = session.runner.view().ending
        found = progress.endings_found(session.scenario.id)
        self.found_text = f"Endings found: {len(found)} of {len(session.scenario.endings)}"
        button = Button(
            "See the debrief",
            FRect(LOGICAL_W / 2 - 150, PANEL.bottom - 84, 300, 54),
            self._debrief,
            style="primary",
            size=20,
            key="debrief",
        )
        self.buttons = FocusGroup([button])
        if self.ending is not None:
            self.app.voice.say(f"Ending: {self.ending.title}. {self.ending.text}")

    def _debrief(self) -> None:
        self.app.replace("debrief", session=self.session)

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
        self.buttons.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """Dimmed scene background, the ending title and text."""
        theme = painter.theme
        scenario = self.session.scenario
        background = scenario.background_path(self.session.runner.view().background)
        if not painter.image(background, FULL, fit="cover", anchor="center"):
            draw_gradient(painter)
        painter.rect(FULL, (*theme.backdrop, 150))
        painter.rect(PANEL, (*theme.panel[:3], 245), radius=24)
        painter.rect(PANEL, theme.panel_border, radius=24, width=1)
        inner = PANEL.inflate(-120, -80)
        painter.text(
            "THE ENDING YOU REACHED",
            (LOGICAL_W / 2, inner.top),
            14,
            theme.accent,
            "bold",
            anchor="midtop",
        )
        title = self.ending.title if self.ending else "The end"
        y = inner.top + 34
        for line in painter.wrap(title, 40, inner.width, "bold")[:2]:
            painter.text(line, (LOGICAL_W / 2, y), 40, theme.text, "bold", anchor="midtop")
            y += painter.line_height(40, "bold")
        text = self.ending.text if self.ending else ""
        size = 20 * painter.text_scale
        y += 14
        for line in painter.wrap(text, size, inner.width)[:7]:
            painter.text(line, (LOGICAL_W / 2, y), size, theme.text_muted, anchor="midtop")
            y += painter.line_height(size)
        painter.text(
            self.found_text,
            (LOGICAL_W / 2, PANEL.bottom - 112),
            15,
            theme.good,
            "bold",
            anchor="midbottom",
        )
        draw_buttons(painter, self.buttons)
        draw_key_hints(painter, "Enter to continue to the debrief")
