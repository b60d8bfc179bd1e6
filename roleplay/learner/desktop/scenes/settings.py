"""Settings: text and auto-advance speed, text size, dialogue box opacity, high contrast,
reduced motion, fullscreen, self-voicing, and a row that opens the learning-record settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_backdrop, draw_key_hints
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.settings import (
    AUTO_SPEEDS,
    BOX_OPACITIES,
    ESPEAK_MISSING_HINT,
    TEXT_SIZES,
    TEXT_SPEEDS,
    espeak_available,
)
from roleplay.gui.widgets import Button, FocusGroup, draw_button, draw_title
from roleplay.learner.desktop.records import solo_records

if TYPE_CHECKING:
    from roleplay.gui.app import App

ROW_LEFT = 160
ROW_W = LOGICAL_W - 320
ROW_H = 50
ROW_GAP = 6
ROWS_TOP = 126


@dataclass(frozen=True)
class Row:
    """One setting: its attribute, label, description, and choices (None for on/off)."""

    key: str
    label: str
    description: str
    options: tuple[str, ...] | None = None


def _names(options: tuple[tuple[str, float], ...]) -> tuple[str, ...]:
    return tuple(name for name, _ in options)


ROWS = (
    Row("text_speed", "Text speed", "How fast lines are typed out.", _names(TEXT_SPEEDS)),
    Row(
        "auto_speed",
        "Auto-advance speed",
        "How long a line stays once shown when auto-advance (A) is on.",
        _names(AUTO_SPEEDS),
    ),
    Row("text_size", "Text size", "Size of dialogue, choices and the debrief.", _names(TEXT_SIZES)),
    Row(
        "box_opacity",
        "Dialogue box",
        "How much of the scene shows through the dialogue box and choices.",
        _names(BOX_OPACITIES),
    ),
    Row("high_contrast", "High contrast", "Black panels, white text, yellow focus."),
    Row("reduced_motion", "Reduced motion", "No typewriter, dissolves, fades or bouncing."),
    Row("fullscreen", "Fullscreen", "F11 switches at any time."),
    Row("self_voicing", "Self-voicing", "Read each line and choice aloud (espeak-ng)."),
    Row("records", "Learning records", "Send solo runs to your organisation's LRS (xAPI)."),
)
#: Rows that open another screen instead of changing a value.
OPENS = {"records": "records"}


class SettingsScene(Scene):
    """Each row changes one setting at once; changes are saved immediately."""

    def __init__(self, app: App) -> None:
        """Build one focusable row per setting plus a Back button."""
        super().__init__(app)
        self.voice_ok = espeak_available()
        buttons = []
        for index, row in enumerate(ROWS):
            rect = FRect(ROW_LEFT, ROWS_TOP + index * (ROW_H + ROW_GAP), ROW_W, ROW_H)
            enabled = row.key != "self_voicing" or self.voice_ok
            buttons.append(
                Button(row.label, rect, partial(self.change, row.key, 1), enabled, key=row.key)
            )
        back_top = ROWS_TOP + len(ROWS) * (ROW_H + ROW_GAP) + 4
        buttons.append(
            Button(
                "Back",
                FRect(ROW_LEFT, back_top, 200, 46),
                self.dismiss,
                style="primary",
                key="back",
            )
        )
        self.rows = FocusGroup(buttons, on_focus=self._announce)

    def _announce(self, button: Button) -> None:
        self.app.voice.say(f"{button.label}: {self.value_text(button.key)}")

    def value_text(self, key: str) -> str:
        """The current value of a setting in words."""
        row = next((r for r in ROWS if r.key == key), None)
        if row is None:
            return ""
        if key in OPENS:
            return solo_records(self.app).summary()
        value = getattr(self.app.settings, key)
        if row.options is not None:
            return row.options[int(value)]
        return "On" if value else "Off"

    def change(self, key: str, step: int) -> None:
        """Step a choice setting or flip an on/off one, then save and apply."""
        settings = self.app.settings
        row = next(r for r in ROWS if r.key == key)
        if key == "self_voicing" and not self.voice_ok:
            return
        if key in OPENS:
            self.app.push(OPENS[key])
            return
        if key == "fullscreen":
            self.app.toggle_fullscreen()
        elif row.options is not None:
            value = min(max(getattr(settings, key) + step, 0), len(row.options) - 1)
            setattr(settings, key, value)
        else:
            setattr(settings, key, not getattr(settings, key))
        self.app.apply_settings()
        self.app.voice.say(f"{row.label}: {self.value_text(key)}")

    def handle_event(self, event: pygame.event.Event) -> None:
        """Up/Down choose a row, Left/Right change it, Enter/Space flips, Esc goes back."""
        if event.type == pygame.KEYDOWN:
            focused = self.rows.focused
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.dismiss()
                return
            stepping = focused is not None and focused.key not in ("back", *OPENS)
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and focused and stepping:
                self.change(focused.key, -1 if event.key == pygame.K_LEFT else 1)
                return
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.rows.move(-1 if event.key == pygame.K_UP else 1)
                return
        logical = self.app.logical(event)
        if (
            event.type == pygame.MOUSEBUTTONUP
            and logical is not None
            and self._stepper_click(logical)
        ):
            return
        self.rows.handle(event, logical)

    def _stepper_click(self, logical: tuple[float, float]) -> bool:
        for button in self.rows.buttons:
            row = next((r for r in ROWS if r.key == button.key), None)
            if row is None or row.options is None or not button.rect.collidepoint(logical):
                continue
            left_arrow = _value_rect(button.rect)
            if logical[0] < left_arrow.centerx:
                self.change(row.key, -1)
            else:
                self.change(row.key, 1)
            return True
        return False

    def draw(self, painter: Painter) -> None:
        """Rows with their current values, and a preview of the dialogue text size."""
        draw_backdrop(painter, "title", dim=215)
        draw_title(painter, "Settings", "Changes are saved as you make them.")
        for index, button in enumerate(self.rows.buttons):
            focused = index == self.rows.focus
            if button.key == "back":
                draw_button(painter, button, focused)
            else:
                self._draw_row(painter, button, focused)
        self._draw_preview(painter)
        draw_key_hints(
            painter, "Up/Down choose   ·   Left/Right change   ·   Enter toggle   ·   Esc back"
        )

    def _draw_row(self, painter: Painter, button: Button, focused: bool) -> None:
        theme = painter.theme
        row = next(r for r in ROWS if r.key == button.key)
        rect = button.rect
        painter.rect(rect, theme.panel_raised if focused else theme.panel, radius=12)
        if focused:
            ring = theme.focus if button.enabled else theme.text_disabled
            painter.rect(rect.inflate(6, 6), (*ring, 255), radius=15, width=2.5)
        color = theme.text if button.enabled else theme.text_disabled
        painter.text(row.label, (rect.left + 24, rect.top + 4), 20, color, "bold")
        description = row.description
        if row.key == "self_voicing" and not self.voice_ok:
            description = "Unavailable: " + ESPEAK_MISSING_HINT
        painter.text(description, (rect.left + 24, rect.top + 29), 14, theme.text_muted)
        value = _value_rect(rect)
        if row.key in OPENS:
            painter.text(f"{self.value_text(row.key)}  ›", (rect.right - 24, rect.centery),
                         16, theme.text, "bold", anchor="midright")  # fmt: skip
        elif row.options is not None:
            _draw_stepper(painter, value, self.value_text(row.key), button.enabled)
        else:
            _draw_switch(painter, value, bool(getattr(self.app.settings, row.key)), button.enabled)

    def _draw_preview(self, painter: Painter) -> None:
        theme = painter.theme
        top = self.rows.buttons[-1].rect.top
        box = FRect(ROW_LEFT + 230, top - 4, ROW_W - 230, 54)
        painter.rect(box, (*theme.panel[:3], self.app.settings.box_alpha), radius=12)
        size = 24 * painter.text_scale
        painter.text(
            "Preview: the quick brief lands well.",
            (box.left + 20, box.centery),
            size,
            theme.text,
            anchor="midleft",
        )


def _value_rect(row: FRect) -> FRect:
    return FRect(row.right - 260, row.top + 11, 236, row.height - 22)


def _draw_stepper(painter: Painter, rect: FRect, text: str, enabled: bool) -> None:
    theme = painter.theme
    painter.rect(rect, (*theme.backdrop, 255), radius=10)
    arrow = theme.accent if enabled else theme.text_disabled
    cy = rect.centery
    painter.polygon(
        [(rect.left + 24, cy), (rect.left + 34, cy - 8), (rect.left + 34, cy + 8)], arrow
    )
    painter.polygon(
        [(rect.right - 24, cy), (rect.right - 34, cy - 8), (rect.right - 34, cy + 8)], arrow
    )
    painter.text(text, rect.center, 17, theme.text, "bold", anchor="center")


def _draw_switch(painter: Painter, rect: FRect, on: bool, enabled: bool) -> None:
    theme = painter.theme
    track = FRect(rect.right - 74, rect.centery - 15, 64, 30)
    fill = theme.accent if on and enabled else theme.text_disabled
    painter.rect(track, (*fill, 255), radius=15)
    knob_x = track.right - 15 if on else track.left + 15
    painter.circle((knob_x, track.centery), 11, theme.accent_text if on else theme.backdrop)
    label = "On" if on else "Off"
    painter.text(
        label,
        (track.left - 14, track.centery),
        16,
        theme.text if enabled else theme.text_disabled,
        "bold",
        anchor="midright",
    )
