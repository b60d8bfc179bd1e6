"""Input on the play screen: keys and mouse turned into the play screen's actions.

Reading on and choosing are kept apart, so a choice is never taken by accident:

- Space, Enter, Page Down, the wheel down and a left click only ever advance the text.
- A choice is taken by its number key, a click on it, or Enter once the arrows, Tab or the
  mouse have highlighted it (nothing is highlighted when the choices appear); for a moment
  after they appear, those are ignored (see ``reading.CHOICE_GUARD_S``).
- Tab toggles skipping while lines are being read; at a choice, where skipping always stops,
  Tab moves the highlight instead. Holding Ctrl skips too.
- A auto-advance, Backspace take back, H history, S quick save, L quick load, V or a middle
  click hide the interface, the wheel up or Page Up look back, Esc or a right click the menu,
  F5 reload the scenario file. F12 (designer mode) is taken before these: see ``designer``.
"""

from __future__ import annotations

from typing import Protocol

import pygame

from roleplay.learner.desktop.scenes.play.reading import Reading

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
ADVANCE_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_PAGEDOWN)
TAKE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
CTRL_KEYS = (pygame.K_LCTRL, pygame.K_RCTRL)
PREV_KEYS = (pygame.K_UP, pygame.K_LEFT)
NEXT_KEYS = (pygame.K_DOWN, pygame.K_RIGHT)


class PlayActions(Protocol):
    """What the controls can ask of the play screen."""

    reading: Reading
    pointer: tuple[float, float] | None

    @property
    def choosing(self) -> bool:
        """True while the choices wait for the player."""

    @property
    def showing_problems(self) -> bool:
        """True while the hot-reload problems panel is shown."""

    @property
    def choice_focus(self) -> int:
        """The highlighted choice (0-based), or -1 when none is."""

    def advance(self) -> None:
        """Read on: finish the line or go to the next (or, looking back, forward one line)."""

    def take_choice(self, index: int) -> bool:
        """Pick a choice (0-based) by input: refused while the guard is up."""

    def move_focus(self, step: int) -> None:
        """Move the highlight (from none: to the first or last choice)."""

    def focus_choice(self, index: int, speak: bool) -> None:
        """Highlight a choice."""

    def choice_at(self, logical: tuple[float, float]) -> int | None:
        """The choice under a logical point."""

    def scroll_choices(self, amount: float) -> bool:
        """Scroll an overflowing choice list under the pointer; False when it is not one."""

    def look_back(self) -> None:
        """Show the line before the one shown."""

    def toggle_skip(self) -> None:
        """Start or stop skipping read lines."""

    def hold_skip(self, held: bool) -> None:
        """Skip read lines while Ctrl is held."""

    def toggle_auto(self) -> None:
        """Start or stop auto-advance."""

    def set_hidden(self, hidden: bool) -> None:
        """Hide (or show again) everything but the scene."""

    def rewind(self) -> bool:
        """Take the last choice back."""

    def quick_save(self) -> None:
        """Save to the quick slot."""

    def quick_load(self) -> None:
        """Load the quick slot (after asking)."""

    def open_history(self) -> None:
        """Show the backlog."""

    def open_pause(self) -> None:
        """Show the Esc menu."""

    def stop_looking_back(self) -> None:
        """Return to the line being read."""

    def check_reload(self, force: bool = False) -> None:
        """Reload the scenario when its file changed (now, with force)."""

    def hide_problems(self) -> None:
        """Hide the hot-reload problems panel."""


def handle_event(
    play: PlayActions, event: pygame.event.Event, logical: tuple[float, float] | None
) -> None:
    """Turn one event (already offered to the quick menu) into a play action."""
    if logical is not None:
        play.pointer = logical
    if play.reading.hidden:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONUP):
            play.set_hidden(False)  # any key or click brings the interface back
        return
    if event.type == pygame.KEYDOWN:
        handle_key(play, event.key, getattr(event, "mod", 0))
    elif event.type == pygame.KEYUP and event.key in CTRL_KEYS:
        play.hold_skip(False)
    elif event.type == pygame.MOUSEWHEEL:
        _handle_wheel(play, event.y)
    elif event.type == pygame.MOUSEBUTTONUP:
        _handle_click(play, event.button, logical)
    elif event.type == pygame.MOUSEMOTION and play.choosing and logical is not None:
        index = play.choice_at(logical)
        if index is not None and index != play.choice_focus:
            play.focus_choice(index, speak=False)


KEY_ACTIONS = {
    pygame.K_BACKSPACE: "rewind",
    pygame.K_h: "open_history",
    pygame.K_a: "toggle_auto",
    pygame.K_s: "quick_save",
    pygame.K_l: "quick_load",
    pygame.K_PAGEUP: "look_back",
}


def handle_key(play: PlayActions, key: int, mod: int = 0) -> None:
    """Keys that work everywhere on the play screen, then choice keys, then reading keys."""
    if key == pygame.K_F5:
        play.check_reload(force=True)
    elif key == pygame.K_ESCAPE:
        _escape(play)
    elif key in CTRL_KEYS:
        play.hold_skip(True)
    elif key == pygame.K_v:
        play.set_hidden(True)
    elif key in KEY_ACTIONS:
        getattr(play, KEY_ACTIONS[key])()
    elif play.reading.reviewing:
        if key in ADVANCE_KEYS:
            play.advance()
    elif play.choosing:
        _handle_choice_key(play, key, mod)
    elif key == pygame.K_TAB:
        play.toggle_skip()
    elif key in ADVANCE_KEYS:
        play.advance()


def _escape(play: PlayActions) -> None:
    if play.showing_problems:
        play.hide_problems()
    elif play.reading.reviewing:
        play.stop_looking_back()
    else:
        play.open_pause()


def _handle_choice_key(play: PlayActions, key: int, mod: int) -> None:
    backwards = key == pygame.K_TAB and mod & pygame.KMOD_SHIFT
    if key in NUMBER_KEYS:
        play.take_choice(NUMBER_KEYS[key] - 1)
    elif key in PREV_KEYS or backwards:
        play.move_focus(-1)
    elif key in NEXT_KEYS or key == pygame.K_TAB:
        play.move_focus(1)
    elif key in TAKE_KEYS and play.choice_focus >= 0:
        play.take_choice(play.choice_focus)


def _handle_wheel(play: PlayActions, y: float) -> None:
    if play.choosing and not play.reading.reviewing and play.scroll_choices(-y * 60):
        return
    if y > 0:
        play.look_back()
    elif y < 0 and (play.reading.reviewing or not play.choosing):
        play.advance()


def _handle_click(play: PlayActions, button: int, logical: tuple[float, float] | None) -> None:
    if button == 3:
        play.open_pause()
    elif button == 2:
        play.set_hidden(True)
    elif button != 1:
        return
    elif play.choosing and not play.reading.reviewing:
        index = play.choice_at(logical) if logical is not None else None
        if index is not None:
            play.take_choice(index)
    else:
        play.advance()
