"""The backlog: every line shown and every choice made, scrollable."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_key_hints, draw_scrim
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Scroller, draw_title

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import LogEntry, Session

VIEW = FRect(90, 140, LOGICAL_W - 200, 520)
NAME_W = 210
ENTRY_GAP = 18
READ_MARK = "read before"
READ_SIZE = 13


class HistoryScene(Scene):
    """Scrollable log; opens scrolled to the newest entry."""

    opaque = False

    def __init__(self, app: App, session: Session) -> None:
        """Show session's backlog."""
        super().__init__(app)
        self.session = session
        self.scroller = Scroller(view_height=VIEW.height, step=48)
        self._measure()
        self.scroller.to_end()

    def _size(self) -> float:
        return 19 * self.app.settings.text_scale

    def _measure(self) -> list[float]:
        painter = self.app.painter
        heights = [self._entry_height(painter, e) for e in self.session.backlog]
        self.scroller.content_height = sum(heights) + ENTRY_GAP * len(heights)
        return heights

    def _entry_height(self, painter: Painter, entry: LogEntry) -> float:
        width = VIEW.width - NAME_W - 40
        role = "bolditalic" if entry.kind == "choice" else "regular" if entry.name else "italic"
        text_h = painter.text_height(entry.text, self._size(), width, role)
        name_h = painter.line_height(self._size() * 0.85, "bold") if entry.name else 0.0
        mark_h = painter.line_height(READ_SIZE, "italic") if entry.read_before else 0.0
        return max(text_h, name_h + mark_h)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Scroll with wheel/arrows/PageUp/PageDown/Home/End; Esc, H or Enter closes."""
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_ESCAPE,
            pygame.K_h,
            pygame.K_RETURN,
            pygame.K_BACKSPACE,
        ):
            self.dismiss()
            return
        if event.type == pygame.MOUSEBUTTONUP and event.button == 3:
            self.dismiss()
            return
        self._measure()
        if (
            event.type == pygame.MOUSEWHEEL
            and event.y < 0
            and self.scroller.offset >= self.scroller.max_offset
        ):
            self.dismiss()
            return
        self.scroller.handle(event)

    def draw(self, painter: Painter) -> None:
        """Panel with name column and text column, clipped to the view."""
        theme = painter.theme
        draw_scrim(painter)
        painter.rect(FRect(40, 24, LOGICAL_W - 80, 672), (*theme.panel[:3], 255), radius=22)
        subtitle = "Everything said so far and what you chose; lines read before are marked."
        draw_title(painter, "History", subtitle)
        size = self._size()
        painter.clip(VIEW)
        y = VIEW.top - self.scroller.offset
        for entry in self.session.backlog:
            height = self._entry_height(painter, entry)
            if y + height >= VIEW.top and y <= VIEW.bottom:
                self._draw_entry(painter, entry, y, size)
            y += height + ENTRY_GAP
        painter.clip(None)
        if not self.session.backlog:
            painter.text(
                "Nothing has been said yet.", VIEW.center, 20, theme.text_muted, anchor="center"
            )
        self.scroller.draw_bar(painter, FRect(VIEW.right + 16, VIEW.top, 6, VIEW.height))
        draw_key_hints(painter, "Up, Down, Page Up, Page Down scroll   ·   Esc close")

    def _draw_entry(self, painter: Painter, entry: LogEntry, y: float, size: float) -> None:
        theme = painter.theme
        text_rect = FRect(VIEW.left + NAME_W + 20, y, VIEW.width - NAME_W - 40, 2000)
        if entry.kind == "choice":
            painter.text(
                "You chose",
                (VIEW.left + NAME_W, y + 2),
                size * 0.85,
                theme.accent,
                "bold",
                anchor="topright",
            )
            painter.paragraph(entry.text, text_rect, size, theme.accent, "bolditalic")
            return
        mark_y = y + 2
        if entry.name:
            name_at = (VIEW.left + NAME_W, y + 2)
            painter.text(entry.name, name_at, size * 0.85, theme.text_muted, "bold", "topright")
            mark_y += painter.line_height(size * 0.85, "bold")
            painter.paragraph(entry.text, text_rect, size, theme.text)
        else:
            painter.paragraph(entry.text, text_rect, size, theme.text_muted, "italic")
        if entry.read_before:
            mark_at = (VIEW.left + NAME_W, mark_y)
            painter.text(READ_MARK, mark_at, READ_SIZE, theme.accent, "italic", "topright")
