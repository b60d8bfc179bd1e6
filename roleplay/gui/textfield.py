"""A one-line text entry: typing (pygame TEXTINPUT), caret keys, paste, mouse placement.

Secret fields draw bullets instead of their text; locked ones (set by the organisation) show
their value and take no input. The caller owns focus: it passes key and text events of the
focused field to :meth:`TextField.handle` and draws it with :func:`draw_text_field`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from roleplay.gui.painter import FRect, Painter

BULLET = "\u2022"
TEXT_SIZE = 18
PAD = 14


@dataclass
class TextField:
    """A labelled line of text with a caret; ``error`` is shown under it when not empty."""

    label: str
    rect: FRect  # the entry box; the label is drawn above it, the error below it
    text: str = ""
    key: str = ""
    secret: bool = False
    locked: bool = False
    placeholder: str = ""
    max_chars: int = 500
    caret: int = 0
    error: str = ""

    def __post_init__(self) -> None:
        self.caret = len(self.text)

    @property
    def shown(self) -> str:
        """The text as drawn (bullets for a secret)."""
        return BULLET * len(self.text) if self.secret else self.text

    def set_text(self, text: str) -> None:
        """Replace the text and put the caret at its end."""
        self.text = text[: self.max_chars]
        self.caret = len(self.text)

    def handle(self, event: pygame.event.Event) -> bool:
        """Edit with a key or typed text; True when the event was used."""
        if self.locked:
            return False
        if event.type == pygame.TEXTINPUT:
            self.insert(str(getattr(event, "text", "")))
            return True
        if event.type != pygame.KEYDOWN:
            return False
        ctrl = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        if ctrl and event.key == pygame.K_v:
            self.insert(_clipboard())
            return True
        if ctrl and event.key == pygame.K_u:
            self.set_text("")
            return True
        return self._edit_key(event.key)

    def _edit_key(self, key: int) -> bool:
        moves = {
            pygame.K_LEFT: self.caret - 1,
            pygame.K_RIGHT: self.caret + 1,
            pygame.K_HOME: 0,
            pygame.K_END: len(self.text),
        }
        if key in moves:
            self.caret = min(max(moves[key], 0), len(self.text))
            return True
        if key == pygame.K_BACKSPACE and self.caret > 0:
            self.text = self.text[: self.caret - 1] + self.text[self.caret :]
            self.caret -= 1
            return True
        if key == pygame.K_DELETE and self.caret < len(self.text):
            self.text = self.text[: self.caret] + self.text[self.caret + 1 :]
            return True
        return key in (pygame.K_BACKSPACE, pygame.K_DELETE)

    def insert(self, typed: str) -> None:
        """Insert text at the caret (control characters and line breaks are dropped)."""
        clean = "".join(ch for ch in typed if ch.isprintable())
        room = self.max_chars - len(self.text)
        clean = clean[: max(room, 0)]
        self.text = self.text[: self.caret] + clean + self.text[self.caret :]
        self.caret += len(clean)

    def place_caret(self, x: float, measure: Callable[[str], float]) -> None:
        """Put the caret at the character nearest the logical x of a click."""
        shown = self.shown
        offset = x - (self.rect.left + PAD) + self._scroll(measure)
        best, best_gap = 0, abs(offset)
        for index in range(1, len(shown) + 1):
            gap = abs(measure(shown[:index]) - offset)
            if gap < best_gap:
                best, best_gap = index, gap
        self.caret = best

    def _scroll(self, measure: Callable[[str], float]) -> float:
        """How far the text is shifted left so that the caret stays inside the box."""
        inner = self.rect.width - 2 * PAD
        before = measure(self.shown[: self.caret])
        return max(0.0, before - inner + 4)


def _clipboard() -> str:
    try:
        return str(pygame.scrap.get_text() or "")
    except (pygame.error, AttributeError):
        return ""


def draw_text_field(painter: Painter, field: TextField, focused: bool) -> None:
    """The label, the box with its text (or placeholder) and caret, and the error under it."""
    theme = painter.theme
    rect = field.rect
    painter.text(field.label, (rect.left, rect.top - 24), 16, theme.text, "bold")
    painter.rect(rect, (*theme.backdrop, 255), radius=8)
    border = theme.focus if focused else (theme.bad if field.error else theme.text_disabled)
    painter.rect(rect, (*border, 255), radius=8, width=2.5 if focused else 1.5)

    def measure(text: str) -> float:
        return painter.text_width(text, TEXT_SIZE)

    shift = field._scroll(measure)
    inner = FRect(rect.left + PAD, rect.top, rect.width - 2 * PAD, rect.height)
    painter.clip(inner)
    if field.text:
        color = theme.text_muted if field.locked else theme.text
        painter.text(
            field.shown, (inner.left - shift, rect.centery), TEXT_SIZE, color, anchor="midleft"
        )
    elif field.placeholder:
        painter.text(
            field.placeholder,
            (inner.left, rect.centery),
            TEXT_SIZE,
            theme.text_disabled,
            anchor="midleft",
        )
    if focused and not field.locked:
        x = inner.left - shift + measure(field.shown[: field.caret])
        painter.line((x, rect.top + 9), (x, rect.bottom - 9), theme.focus, 2)
    painter.clip(None)
    if field.error:
        painter.text(field.error, (rect.left, rect.bottom + 4), 14, theme.bad)
