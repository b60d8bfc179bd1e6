"""Input on the play screen: keys and mouse turned into the play screen's actions.

Any key (or a click) continues; number keys, arrows + Enter or a click pick a choice; Backspace
takes the last choice back; H or the wheel opens the history; Esc the menu; F5 reloads.
"""

from __future__ import annotations

from typing import Protocol

import pygame

from roleplay.gui.painter import FRect

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
#: Keys that never mean "continue".
MODIFIERS = {
    pygame.K_LSHIFT,
    pygame.K_RSHIFT,
    pygame.K_LCTRL,
    pygame.K_RCTRL,
    pygame.K_LALT,
    pygame.K_RALT,
    pygame.K_LGUI,
    pygame.K_RGUI,
    pygame.K_CAPSLOCK,
    pygame.K_NUMLOCK,
    pygame.K_TAB,
    pygame.K_F11,
    pygame.K_F12,
}


class PlayActions(Protocol):
    """What the controls can ask of the play screen."""

    @property
    def choosing(self) -> bool:
        """True while the choices wait for the player."""

    @property
    def showing_problems(self) -> bool:
        """True while the hot-reload problems panel is shown."""

    def proceed(self) -> None:
        """Finish the line, or go on to the next line, beat or ending."""

    def choose(self, index: int) -> bool:
        """Pick a choice (0-based)."""

    def focus_choice(self, index: int, speak: bool) -> None:
        """Move the choice focus (wrapping around)."""

    @property
    def choice_focus(self) -> int:
        """The focused choice (0-based)."""

    def choice_rects(self) -> tuple[FRect, ...]:
        """Where the choices are on screen (logical coordinates)."""

    def rewind(self) -> bool:
        """Take the last choice back."""

    def open_history(self) -> None:
        """Show the backlog."""

    def open_pause(self) -> None:
        """Show the Esc menu."""

    def check_reload(self, force: bool = False) -> None:
        """Reload the scenario when its file changed (now, with force)."""

    def hide_problems(self) -> None:
        """Hide the hot-reload problems panel."""


def handle_event(
    play: PlayActions, event: pygame.event.Event, logical: tuple[float, float] | None
) -> None:
    """Turn one event (already offered to the quick menu) into a play action."""
    if event.type == pygame.KEYDOWN:
        handle_key(play, event.key)
    elif event.type == pygame.MOUSEWHEEL and event.y > 0:
        play.open_history()
    elif play.choosing and logical is not None:
        _handle_choice_mouse(play, event, logical)
    elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
        play.proceed()


def handle_key(play: PlayActions, key: int) -> None:
    """Keys that work everywhere on the play screen, then the choice keys or "continue"."""
    if key == pygame.K_F5:
        play.check_reload(force=True)
    elif key == pygame.K_ESCAPE and play.showing_problems:
        play.hide_problems()
    elif key == pygame.K_ESCAPE:
        play.open_pause()
    elif key == pygame.K_BACKSPACE:
        play.rewind()
    elif key == pygame.K_h:
        play.open_history()
    elif play.choosing:
        _handle_choice_key(play, key)
    elif key not in MODIFIERS:
        play.proceed()


def _handle_choice_key(play: PlayActions, key: int) -> None:
    if key in NUMBER_KEYS:
        play.choose(NUMBER_KEYS[key] - 1)
    elif key in (pygame.K_UP, pygame.K_LEFT):
        play.focus_choice(play.choice_focus - 1, speak=True)
    elif key in (pygame.K_DOWN, pygame.K_RIGHT):
        play.focus_choice(play.choice_focus + 1, speak=True)
    elif key in CONFIRM_KEYS:
        play.choose(play.choice_focus)


def _handle_choice_mouse(
    play: PlayActions, event: pygame.event.Event, logical: tuple[float, float]
) -> None:
    for index, rect in enumerate(play.choice_rects()):
        if rect.collidepoint(logical):
            if event.type == pygame.MOUSEMOTION:
                play.focus_choice(index, speak=False)
            elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                play.choose(index)
            return
