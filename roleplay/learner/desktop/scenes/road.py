"""Road not taken: pick any earlier decision and replay from there in practice mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, Scroller
from roleplay.learner.desktop.scenes.common import draw_key_hints, draw_scrim

if TYPE_CHECKING:
    from roleplay import Debrief
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session

PANEL = FRect(140, 40, LOGICAL_W - 280, 640)
LIST = FRect(PANEL.left + 36, PANEL.top + 120, PANEL.width - 72, PANEL.height - 150)
ROW_H = 64
ROW_GAP = 10


class RoadScene(Scene):
    """A list of the decisions made; Enter replays from before the focused one."""

    opaque = False

    def __init__(self, app: App, session: Session, debrief: Debrief) -> None:
        """List debrief's decisions."""
        super().__init__(app)
        self.session = session
        self.decisions = debrief.decisions
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
                    lambda i=i: self.replay_from(i),
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

    def replay_from(self, index: int) -> None:
        """Start a practice session just before decision index (0-based)."""
        from roleplay.learner.desktop.scenes.play import start_session

        start_session(self.app, self.session.replay_from(index))
        self.app.toast(f"Practice mode: decision {index + 1}, choose differently")

    def handle_event(self, event: pygame.event.Event) -> None:
        """Up/Down choose, Enter replays, Esc closes."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
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
        for index, (decision, button) in enumerate(
            zip(self.decisions, self.rows.buttons, strict=True)
        ):
            rect = button.rect
            focused = index == self.rows.focus
            painter.rect(rect, theme.panel_raised if focused else (*theme.backdrop, 255), radius=12)
            if focused:
                painter.rect(rect.inflate(6, 6), (*theme.focus, 255), radius=15, width=2.5)
            painter.text(
                f"{index + 1}",
                (rect.left + 30, rect.centery),
                20,
                theme.accent,
                "bold",
                anchor="center",
            )
            painter.paragraph(
                decision.choice_text,
                FRect(rect.left + 60, rect.top + 10, rect.width - 80, 44),
                16,
                theme.text,
                max_lines=2,
            )
        painter.clip(None)
        draw_key_hints(
            painter, "Up/Down choose   ·   Enter replay from here   ·   Esc back", y=LOGICAL_H - 30
        )
