"""Small keyboard-first widgets drawn with the Painter: buttons, focus groups, scrolling."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from roleplay.gui.painter import FRect, Painter

NAV_PREV = (pygame.K_UP, pygame.K_LEFT)
NAV_NEXT = (pygame.K_DOWN, pygame.K_RIGHT)
ACTIVATE = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


@dataclass
class Button:
    """A clickable, focusable rectangle with a label (and an optional second line)."""

    label: str
    rect: FRect
    action: Callable[[], object] | None = None  # what it returns is not used
    enabled: bool = True
    detail: str = ""  # smaller text under the label (a reason when disabled)
    style: str = "secondary"  # "primary" | "secondary" | "quiet"
    size: float = 20
    key: str = ""  # stable id for tests

    def activate(self) -> None:
        """Run the action when enabled."""
        if self.enabled and self.action is not None:
            self.action()


@dataclass
class FocusGroup:
    """A list of buttons navigable with arrows/Tab, activated with Enter/Space or a click."""

    buttons: list[Button] = field(default_factory=list)
    focus: int = 0
    on_focus: Callable[[Button], None] | None = None

    def set_buttons(self, buttons: list[Button], keep_focus: bool = True) -> None:
        """Replace the buttons, keeping the focus on the same index when possible."""
        self.buttons = buttons
        if not keep_focus:
            self.focus = 0
        self.focus = min(self.focus, max(len(buttons) - 1, 0))
        if buttons and not buttons[self.focus].enabled:
            self.move(1)

    @property
    def focused(self) -> Button | None:
        """The focused button, or None when there are none."""
        return self.buttons[self.focus] if self.buttons else None

    def move(self, step: int) -> None:
        """Move focus by step, skipping disabled buttons and wrapping around."""
        count = len(self.buttons)
        for offset in range(1, count + 1):
            index = (self.focus + step * offset) % count
            if self.buttons[index].enabled or offset == count:
                if index != self.focus:
                    self.focus = index
                    if self.on_focus is not None:
                        self.on_focus(self.buttons[index])
                return

    def focus_key(self, key: str) -> None:
        """Focus the button with a given key."""
        for index, button in enumerate(self.buttons):
            if button.key == key:
                self.focus = index

    def hit(self, pos: tuple[float, float]) -> int | None:
        """Return the index of the button under a logical position."""
        for index, button in enumerate(self.buttons):
            if button.rect.collidepoint(pos):
                return index
        return None

    def handle(self, event: pygame.event.Event, logical: tuple[float, float] | None) -> bool:
        """Handle navigation/activation; logical is the event's mouse position (if any).

        Returns True when the event was used.
        """
        if not self.buttons:
            return False
        if event.type == pygame.KEYDOWN:
            return self._handle_key(event)
        if logical is None:
            return False
        index = self.hit(logical)
        if event.type == pygame.MOUSEMOTION and index is not None and index != self.focus:
            self.focus = index
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and index is not None:
            self.focus = index
            self.buttons[index].activate()
            return True
        return False

    def _handle_key(self, event: pygame.event.Event) -> bool:
        if event.key in NAV_PREV or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT):
            self.move(-1)
            return True
        if event.key in NAV_NEXT or event.key == pygame.K_TAB:
            self.move(1)
            return True
        if event.key in ACTIVATE and self.focused is not None:
            self.focused.activate()
            return True
        return False


def draw_button(painter: Painter, button: Button, focused: bool) -> None:
    """Draw a button in its style; focused buttons get a visible ring."""
    theme = painter.theme
    rect = button.rect
    if button.style == "primary" and button.enabled:
        painter.rect(rect, (*theme.accent, 255), radius=10)
        color = theme.accent_text
    elif button.style == "quiet":
        painter.rect(rect, theme.panel_raised if focused else theme.panel, radius=10)
        color = theme.text if button.enabled else theme.text_disabled
    else:
        painter.rect(rect, theme.panel_raised if focused else theme.panel, radius=10)
        painter.rect(rect, theme.panel_border, radius=10, width=1)
        color = theme.text if button.enabled else theme.text_disabled
    if focused:
        ring = rect.inflate(8, 8)
        painter.rect(ring, (*theme.focus, 255), radius=13, width=2.5)
    if button.detail:
        painter.text(
            button.label,
            (rect.centerx, rect.centery - 2),
            button.size,
            color,
            "bold",
            anchor="midbottom",
        )
        detail_color = theme.text_muted if button.enabled else theme.text_disabled
        if button.style == "primary" and button.enabled:
            detail_color = color
        painter.text(
            button.detail,
            (rect.centerx, rect.centery + 2),
            button.size * 0.7,
            detail_color,
            anchor="midtop",
        )
    else:
        painter.text(button.label, rect.center, button.size, color, "bold", anchor="center")


def draw_buttons(painter: Painter, group: FocusGroup) -> None:
    """Draw every button of a focus group."""
    for index, button in enumerate(group.buttons):
        draw_button(painter, button, index == group.focus)


@dataclass
class Scroller:
    """Vertical scrolling state for a viewport over taller content (logical units)."""

    view_height: float = 0.0
    content_height: float = 0.0
    offset: float = 0.0
    step: float = 60.0

    @property
    def max_offset(self) -> float:
        """Largest useful offset."""
        return max(0.0, self.content_height - self.view_height)

    def scroll(self, amount: float) -> None:
        """Scroll by amount (positive = down), clamped."""
        self.offset = min(max(self.offset + amount, 0.0), self.max_offset)

    def to_end(self) -> None:
        """Scroll to the bottom."""
        self.offset = self.max_offset

    def handle(self, event: pygame.event.Event) -> bool:
        """Scroll with wheel, arrows, PageUp/PageDown, Home/End; returns True when used."""
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * self.step)
            return True
        if event.type != pygame.KEYDOWN:
            return False
        page = max(self.view_height - self.step, self.step)
        moves = {
            pygame.K_UP: -self.step,
            pygame.K_DOWN: self.step,
            pygame.K_PAGEUP: -page,
            pygame.K_PAGEDOWN: page,
            pygame.K_HOME: -self.content_height,
            pygame.K_END: self.content_height,
        }
        if event.key in moves:
            self.scroll(moves[event.key])
            return True
        return False

    def draw_bar(self, painter: Painter, track: FRect) -> None:
        """Draw a slim scrollbar inside track when the content overflows."""
        if self.max_offset <= 0:
            return
        painter.rect(track, painter.theme.panel_border, radius=track.width / 2)
        ratio = self.view_height / self.content_height
        height = max(track.height * ratio, 30)
        top = track.top + (track.height - height) * (self.offset / self.max_offset)
        painter.rect(
            FRect(track.left, top, track.width, height),
            (*painter.theme.text_muted, 255),
            radius=track.width / 2,
        )


def draw_title(painter: Painter, text: str, subtitle: str = "") -> None:
    """Draw a screen heading at the top-left of the logical canvas."""
    painter.text(text, (64, 40), 38, painter.theme.text, "bold")
    if subtitle:
        painter.text(subtitle, (66, 92), 19, painter.theme.text_muted)
