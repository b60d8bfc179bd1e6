"""Scenario library: one card per scenario, then a mode choice before playing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, Scroller, draw_buttons, draw_title
from roleplay.learner.desktop import progress
from roleplay.learner.desktop.library import Entry, Library
from roleplay.learner.desktop.scenes.common import draw_backdrop, draw_key_hints, draw_scrim

if TYPE_CHECKING:
    from roleplay import Scenario
    from roleplay.gui.app import App

CARD_W = 560
CARD_H = 262
CARD_GAP = 24
GRID_LEFT = 64
GRID_TOP = 140
VIEW_BOTTOM = 676


def shared_library(app: App) -> Library:
    """Return the app's scenario library (created on first use)."""
    library = getattr(app, "library", None)
    if library is None:
        library = Library(app.scenarios_dir)
        app.library = library  # type: ignore[attr-defined]
    return library


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
        rows = (len(self.entries) + 1) // 2
        self.scenario_rows = rows
        self.scroller.content_height = rows * (CARD_H + CARD_GAP) - CARD_GAP
        self._layout()

    def _layout(self) -> None:
        buttons = []
        for index, entry in enumerate(self.entries):
            row, col = divmod(index, 2)
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
        row = self.cards.focus // 2
        top = row * (CARD_H + CARD_GAP)
        if top < self.scroller.offset:
            self.scroller.offset = top
        elif top + CARD_H > self.scroller.offset + self.scroller.view_height:
            self.scroller.offset = top + CARD_H - self.scroller.view_height
        self.scroller.scroll(0)
        self._layout()

    def _choose(self, scenario: Scenario | None) -> None:
        if scenario is not None:
            self.app.push(ModeScene(self.app, scenario))

    def handle_event(self, event: pygame.event.Event) -> None:
        """Arrows/Tab move between cards, Enter opens one, Esc goes back."""
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            self.app.pop()
            return
        if event.type == pygame.MOUSEWHEEL:
            self.scroller.handle(event)
            self._layout()
            return
        self.cards.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """Heading, cards (clipped to the scrolling area) and key hints."""
        draw_backdrop(painter, "title", dim=200)
        draw_title(
            painter, "Scenarios", "Pick a conversation to practise. Each takes a few minutes."
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
        _draw_card_body(painter, scenario, inner, self.found.get(scenario.id, 0))


def _draw_card_body(painter: Painter, scenario: Scenario, inner: FRect, found: int) -> None:
    theme = painter.theme
    minutes = f"{scenario.estimated_minutes} min"
    pill_w = painter.text_width(minutes, 15, "bold") + 22
    pill = FRect(inner.right - pill_w, inner.top + 2, pill_w, 26)
    painter.rect(pill, (*theme.accent, 255), radius=13)
    painter.text(minutes, pill.center, 15, theme.accent_text, "bold", anchor="center")
    y = inner.top
    title_w = inner.width - pill_w - 12
    y += (
        painter.paragraph(
            scenario.title, FRect(inner.left, y, title_w, 70), 23, theme.text, "bold", max_lines=2
        )
        + 6
    )
    y += (
        painter.paragraph(
            scenario.summary,
            FRect(inner.left, y, inner.width, 60),
            16,
            theme.text_muted,
            max_lines=2,
        )
        + 10
    )
    painter.text("You will practise", (inner.left, y), 13, theme.accent, "bold")
    y += painter.line_height(13) + 2
    for goal in scenario.learning_goals[:2]:
        painter.circle((inner.left + 5, y + 10), 2.5, theme.text_muted)
        y += (
            painter.paragraph(
                goal, FRect(inner.left + 16, y, inner.width - 16, 44), 15, theme.text, max_lines=2
            )
            + 2
        )
    total = len(scenario.endings)
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


class ModeScene(Scene):
    """Modal choice between practice (rewind allowed) and assessment (no rewind)."""

    opaque = False

    def __init__(self, app: App, scenario: Scenario) -> None:
        """Ask how to play scenario."""
        super().__init__(app)
        self.scenario = scenario
        panel = FRect(0, 0, 760, 400)
        panel.center = (LOGICAL_W / 2, 360)
        self.panel = panel
        left = FRect(panel.left + 40, panel.top + 130, 330, 170)
        right = FRect(panel.left + 390, panel.top + 130, 330, 170)
        cancel = FRect(0, panel.bottom - 74, 180, 46)
        cancel.centerx = panel.centerx
        self.buttons = FocusGroup(
            [
                Button(
                    "Practice",
                    left,
                    lambda: self._start("practice"),
                    style="primary",
                    size=24,
                    key="practice",
                ),
                Button(
                    "Assessment",
                    right,
                    lambda: self._start("assessment"),
                    size=24,
                    key="assessment",
                ),
                Button("Cancel", cancel, self.app.pop, style="quiet", size=18, key="cancel"),
            ],
            on_focus=lambda b: self.app.voice.say(b.label),
        )

    def _start(self, mode: str) -> None:
        from roleplay.learner.desktop.scenes.play import start_session
        from roleplay.learner.desktop.session import Session

        start_session(self.app, Session.new(self.scenario, mode))

    def handle_event(self, event: pygame.event.Event) -> None:
        """Left/Right pick, Enter confirms, P/A shortcuts, Esc cancels."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.app.pop()
                return
            if event.key == pygame.K_p:
                self._start("practice")
                return
            if event.key == pygame.K_a:
                self._start("assessment")
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
                draw_buttons_single(painter, button, focused)
                continue
            _draw_mode_option(painter, button, focused)


def draw_buttons_single(painter: Painter, button: Button, focused: bool) -> None:
    """Draw one button (thin wrapper so scenes can mix custom-drawn options with buttons)."""
    from roleplay.gui.widgets import draw_button

    draw_button(painter, button, focused)


MODE_TEXT = {
    "practice": ("Explore freely. Press Backspace to take back a choice and try another approach."),
    "assessment": "No take-backs: every decision counts, like the real conversation.",
}


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


__all__ = ["LibraryScene", "ModeScene", "draw_buttons"]
