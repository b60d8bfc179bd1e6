"""Scenario library: one card per scenario; picking one asks how to play it, then starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_backdrop, draw_key_hints
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, Scroller, draw_title
from roleplay.learner.desktop import progress
from roleplay.learner.desktop.library import Entry, shared_library
from roleplay.learner.desktop.navigation import start_session
from roleplay.learner.desktop.session import Session

if TYPE_CHECKING:
    from roleplay import Scenario
    from roleplay.gui.app import App

COLUMNS = 2
CARD_W = 560
CARD_H = 250
CARD_GAP = 24
GRID_LEFT = 64
GRID_TOP = 140
VIEW_BOTTOM = 676


class LibraryScene(Scene):
    """Cards for every scenario: title, summary, minutes, goals, endings found."""

    def __init__(self, app: App) -> None:
        """Load the library (cached on the app) and build one card per scenario file."""
        super().__init__(app)
        self.entries: list[Entry] = shared_library(app).entries()
        self.found: dict[str, int] = {}
        self.cards = FocusGroup(on_focus=self._announce)
        self.scroller = Scroller(view_height=VIEW_BOTTOM - GRID_TOP, step=CARD_H + CARD_GAP)

    def enter(self) -> None:
        """Refresh the endings-found counts (they change after a playthrough)."""
        self.found = {
            e.scenario.id: len(progress.endings_found(e.scenario.id))
            for e in self.entries
            if e.scenario is not None
        }
        rows = (len(self.entries) + COLUMNS - 1) // COLUMNS
        self.scenario_rows = rows
        self.scroller.content_height = rows * (CARD_H + CARD_GAP) - CARD_GAP
        self._layout()

    def _layout(self) -> None:
        buttons = []
        for index, entry in enumerate(self.entries):
            row, col = divmod(index, COLUMNS)
            rect = FRect(
                GRID_LEFT + col * (CARD_W + CARD_GAP),
                GRID_TOP + row * (CARD_H + CARD_GAP) - self.scroller.offset,
                CARD_W,
                CARD_H,
            )
            label = entry.scenario.title if entry.scenario else entry.path.name
            action = (lambda s=entry.scenario: self._choose(s)) if entry.scenario else None
            buttons.append(
                Button(
                    label,
                    rect,
                    action,
                    entry.scenario is not None,
                    key=entry.scenario.id if entry.scenario else entry.path.stem,
                )
            )
        self.cards.set_buttons(buttons)

    def _announce(self, button: Button) -> None:
        self._scroll_into_view()
        self.app.voice.say(button.label)

    def _scroll_into_view(self) -> None:
        focused = self.cards.focused
        if focused is None:
            return
        row = self.cards.focus // COLUMNS
        top = row * (CARD_H + CARD_GAP)
        if top < self.scroller.offset:
            self.scroller.offset = top
        elif top + CARD_H > self.scroller.offset + self.scroller.view_height:
            self.scroller.offset = top + CARD_H - self.scroller.view_height
        self.scroller.scroll(0)
        self._layout()

    def _choose(self, scenario: Scenario | None) -> None:
        """Ask how to play scenario; the mode dialog answers "practice", "assessment" or None."""
        if scenario is None:
            return

        def play(mode: str | None) -> None:
            if mode is not None:
                start_session(self.app, Session.new(scenario, mode))

        self.app.push("mode", scenario=scenario, on_dismiss=play)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Left/Right/Tab move along, Up/Down between rows, Enter opens a card, Esc goes back."""
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            self.dismiss()
            return
        if event.type == pygame.MOUSEWHEEL:
            self.scroller.handle(event)
            self._layout()
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self._move_row(-1 if event.key == pygame.K_UP else 1)
            return
        self.cards.handle(event, self.app.logical(event))

    def _move_row(self, step: int) -> None:
        """Up/Down go to the card above or below (the last card when the row below is short)."""
        count = len(self.cards.buttons)
        target = self.cards.focus + step * COLUMNS
        if step > 0 and target >= count and self.cards.focus // COLUMNS < (count - 1) // COLUMNS:
            target = count - 1
        if 0 <= target < count and self.cards.buttons[target].enabled:
            self.cards.focus = target
            self._announce(self.cards.buttons[target])

    def draw(self, painter: Painter) -> None:
        """Heading, cards (clipped to the scrolling area) and key hints."""
        draw_backdrop(painter, "title", dim=200)
        draw_title(
            painter, "Scenarios", "Pick a conversation to practise: Enter shows all it covers."
        )
        if not self.entries:
            painter.text(
                "No scenarios were found.",
                (LOGICAL_W / 2, 360),
                22,
                painter.theme.text_muted,
                anchor="center",
            )
        painter.clip(FRect(0, GRID_TOP - 12, LOGICAL_W, VIEW_BOTTOM - GRID_TOP + 24))
        for index, (entry, button) in enumerate(zip(self.entries, self.cards.buttons, strict=True)):
            self._draw_card(painter, entry, button.rect, index == self.cards.focus)
        painter.clip(None)
        self.scroller.draw_bar(painter, FRect(LOGICAL_W - 30, GRID_TOP, 6, VIEW_BOTTOM - GRID_TOP))
        draw_key_hints(painter, "Arrows move   ·   Enter choose   ·   Esc back")

    def _draw_card(self, painter: Painter, entry: Entry, rect: FRect, focused: bool) -> None:
        theme = painter.theme
        painter.rect(rect, theme.panel_raised if focused else theme.panel, radius=16)
        painter.rect(rect, theme.panel_border, radius=16, width=1)
        if focused:
            painter.rect(rect.inflate(8, 8), (*theme.focus, 255), radius=19, width=2.5)
        inner = rect.inflate(-56, -44)
        scenario = entry.scenario
        if scenario is None:
            painter.text(entry.path.name, inner.topleft, 22, theme.text_disabled, "bold")
            painter.paragraph(
                "This scenario cannot be played: " + entry.error,
                FRect(inner.left, inner.top + 40, inner.width, 160),
                15,
                theme.text_disabled,
                max_lines=6,
            )
            return
        found = self.found.get(scenario.id, 0)
        _draw_card_body(painter, scenario, inner, found, focused)


SUMMARY_SIZE = 16


def summary_lines(painter: Painter, summary: str, width: float, focused: bool) -> tuple[str, ...]:
    """The summary as drawn: whole on the focused card, two lines (cut with "…") on others."""
    lines = painter.wrap(summary, SUMMARY_SIZE, width)
    if focused or len(lines) <= 2:
        return lines
    return (lines[0], lines[1].rstrip(" .,") + "…")


def _draw_card_body(
    painter: Painter, scenario: Scenario, inner: FRect, found: int, focused: bool
) -> None:
    theme = painter.theme
    minutes = f"{scenario.estimated_minutes} min"
    pill_w = painter.text_width(minutes, 15, "bold") + 22
    pill = FRect(inner.right - pill_w, inner.top + 2, pill_w, 26)
    painter.rect(pill, (*theme.accent, 255), radius=13)
    painter.text(minutes, pill.center, 15, theme.accent_text, "bold", anchor="center")
    title = FRect(inner.left, inner.top, inner.width - pill_w - 12, 70)
    y = inner.top + painter.paragraph(scenario.title, title, 23, theme.text, "bold", max_lines=2)
    y += 6
    for line in summary_lines(painter, scenario.summary, inner.width, focused):
        painter.text(line, (inner.left, y), SUMMARY_SIZE, theme.text_muted)
        y += painter.line_height(SUMMARY_SIZE)
    bottom = inner.bottom - painter.line_height(14, "bold") - 6
    _draw_goals(painter, scenario.learning_goals[:2], inner, y + 10, bottom)
    _draw_endings_found(painter, found, len(scenario.endings), inner)


def _draw_goals(
    painter: Painter, goals: tuple[str, ...], inner: FRect, y: float, bottom: float
) -> None:
    """As many goals as fit above ``bottom`` (none when not even the heading and a line do)."""
    theme = painter.theme
    line_h = painter.line_height(15)
    heading_h = painter.line_height(13) + 2
    if y + heading_h + line_h > bottom:
        return
    painter.text("You will practise", (inner.left, y), 13, theme.accent, "bold")
    y += heading_h
    for goal in goals:
        room = int((bottom - y) // line_h)
        if room < 1:
            return
        painter.circle((inner.left + 5, y + 10), 2.5, theme.text_muted)
        box = FRect(inner.left + 16, y, inner.width - 16, room * line_h)
        y += painter.paragraph(goal, box, 15, theme.text, max_lines=min(room, 2)) + 2


def _draw_endings_found(painter: Painter, found: int, total: int, inner: FRect) -> None:
    theme = painter.theme
    painter.text(
        f"Endings found  {found} / {total}",
        (inner.left, inner.bottom),
        14,
        theme.good if found else theme.text_muted,
        "bold",
        anchor="bottomleft",
    )
    dots_left = inner.right - total * 16
    for index in range(total):
        color = theme.good if index < found else theme.text_disabled
        painter.circle(
            (dots_left + index * 16 + 6, inner.bottom - 8), 5 if index < found else 3, color
        )
