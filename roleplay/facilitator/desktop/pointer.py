"""The mouse in the host's windows: what can be clicked where, and the facilitator's buttons.

Drawing a view records its clickable areas in a :class:`HitMap` (the last one drawn is on top);
a click is looked up in the map of the window it happened in, so it always acts on what the
facilitator saw. Every button runs the same command as its key (docs/facilitator.md, "Controls").
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from roleplay.facilitator._remote import next_label, pick_needed
from roleplay.gui.painter import FRect, Painter
from roleplay.gui.widgets import Button, draw_button

if TYPE_CHECKING:
    from roleplay.facilitator._controls import HostSession
    from roleplay.facilitator.desktop.controls import Controls

Action = Callable[[], object]
CONFIRM_SECONDS = 4.0
BAR_GAP = 8.0


@dataclass
class Hit:
    """A clickable area: ``action`` on a click, ``alternate`` on Shift+click or a right click."""

    rect: FRect
    action: Action
    alternate: Action | None = None
    label: str = ""


@dataclass
class HitMap:
    """The clickable areas of one window as last drawn."""

    hits: list[Hit] = field(default_factory=list)

    def clear(self) -> None:
        """Forget every area (before a redraw, or under a modal card)."""
        self.hits.clear()

    def add(
        self, rect: FRect, action: Action, *, alternate: Action | None = None, label: str = ""
    ) -> None:
        """Make ``rect`` clickable."""
        self.hits.append(Hit(rect, action, alternate, label))

    def at(self, pos: tuple[float, float]) -> Hit | None:
        """The topmost area under a logical position."""
        return next((hit for hit in reversed(self.hits) if hit.rect.collidepoint(pos)), None)

    def find(self, label: str) -> Hit | None:
        """The area with this label (tests and keyboard-free checks)."""
        return next((hit for hit in reversed(self.hits) if hit.label == label), None)

    def click(self, event: pygame.event.Event, pos: tuple[float, float]) -> bool:
        """Run the area under a MOUSEBUTTONUP; True when there was one."""
        hit = self.at(pos)
        if hit is None:
            return False
        shift = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT)
        if (event.button == 3 or shift) and hit.alternate is not None:
            hit.alternate()
        elif event.button in (1, 3):
            hit.action()
        return True


@dataclass(frozen=True)
class Control:
    """One of the facilitator's buttons."""

    key: str  # stable id, also the hit label
    label: str
    action: Action
    enabled: bool = True
    primary: bool = False


def check_controls(controls: Controls) -> list[Control]:
    """The buttons while a knowledge-check question is shown (the timer's while it is open)."""
    session = controls.runtime.session
    run = controls.run
    timer = session.active_timer()
    asking = session.check_round is not None and session.check_round.open
    paused = timer is not None and timer.paused
    return [  # while the question is open, Next reveals the answer (so does R)
        Control("next", next_label(session), lambda: run("next"), primary=True),
        Control("pause", "Resume" if paused else "Pause", controls.toggle_pause, asking),
        Control("extend", "+30 s", lambda: run("extend"), asking),
        Control("skip_check", "Skip the check", lambda: run("skip_check")),
        Control(
            "meters",
            "Hide meters" if session.meters_revealed else "Show meters",
            lambda: run("reveal", what="meters"),
        ),
        Control("lock", lock_label(session), controls.toggle_lock),
        end_control(controls),
    ]


def lobby_controls(controls: Controls) -> list[Control]:
    """The buttons while people join (a knowledge-check switch when the scenario has one)."""
    session = controls.runtime.session
    settings = session.room.settings
    run = controls.run
    check = []
    if session.scenario.spec.check:
        check = [
            Control(
                "check",
                "Check: on" if settings.check else "Check: off",
                lambda: run("settings", settings={"check": not settings.check}),
            )
        ]
    return [
        Control("next", "Start", lambda: run("next"), primary=True),
        Control("lock", lock_label(controls.runtime.session), controls.toggle_lock),
        Control(
            "late_join",
            "Late join: on" if settings.late_join else "Late join: off",
            lambda: run("settings", settings={"late_join": not settings.late_join}),
        ),
        Control(
            "names",
            "Names: hidden" if settings.anonymous else "Names: shown",
            lambda: run("settings", settings={"anonymous": not settings.anonymous}),
        ),
        Control("cap_down", f"Cap {settings.cap} −", lambda: controls.change_cap(-1)),
        Control("cap_up", "+", lambda: controls.change_cap(+1)),
        *check,
        Control("address", "Next address", controls.next_address),
        Control("help", "Phones can't connect?", controls.toggle_help),
        end_control(controls),
    ]


def story_controls(controls: Controls) -> list[Control]:
    """The buttons from the first scene to the ending."""
    session = controls.runtime.session
    current = session.round
    voting = current is not None and current.open
    closed = current is not None and not current.open and not session.decided
    run = controls.run
    paused = voting and current is not None and current.timer.paused
    active = session.phase in ("story", "vote", "closed") or (
        session.phase == "ending" and session.check_pending("after")
    )
    active = active and not pick_needed(session)  # a tie: the facilitator plays a choice
    return [
        Control("next", next_label(session), lambda: run("next"), active, primary=True),
        Control("close_vote", "Close vote", lambda: run("close_vote"), voting),
        Control("pause", "Resume" if paused else "Pause", controls.toggle_pause, voting),
        Control("extend", "+30 s", lambda: run("extend"), voting),
        Control("reveal", "Reveal tally", lambda: run("reveal", what="tally"), closed),
        Control(
            "meters",
            "Hide meters" if session.meters_revealed else "Show meters",
            lambda: run("reveal", what="meters"),
        ),
        Control("discuss", "Discuss", lambda: run("discuss"), bool(session.view.discussion)),
        Control("hands", "Show of hands", controls.start_hands, controls.at_decision),
        Control("rewind", "Take back", lambda: run("rewind"), session.runner.can_rewind),
        Control("lock", lock_label(session), controls.toggle_lock),
        end_control(controls),
    ]


def lock_label(session: HostSession) -> str:
    """ "Lock room" or "Unlock room"."""
    return "Unlock room" if session.room.settings.locked else "Lock room"


def end_control(controls: Controls) -> Control:
    """End the session: the first click asks for a second one within a few seconds."""
    if controls.end_armed_until > time.monotonic():
        return Control("end", "Click again to end", controls.request_quit)
    return Control("end", "End session", controls.arm_end)


def facilitator_controls(controls: Controls) -> list[Control]:
    """The buttons for the session's phase."""
    phase = controls.runtime.session.phase
    if phase == "lobby":
        return lobby_controls(controls)
    if phase == "check":
        return check_controls(controls)
    return story_controls(controls)


def draw_controls(
    painter: Painter,
    hits: HitMap,
    items: Sequence[Control],
    rect: FRect,
    hover: tuple[float, float] | None,
    size: float = 15,
) -> None:
    """Lay buttons out left to right in ``rect`` (widths follow the labels) and draw them."""
    pads = 28.0
    gaps = BAR_GAP * max(len(items) - 1, 0)
    while True:
        widths = [painter.text_width(c.label, size, "bold") + pads for c in items]
        if sum(widths) + gaps <= rect.width or size <= 11:
            break
        size -= 1
    spare = max(0.0, rect.width - sum(widths) - gaps) / max(len(items), 1)
    left = rect.left
    for control, width in zip(items, widths, strict=True):
        box = FRect(left, rect.top, width + spare, rect.height)
        style = "primary" if control.primary else "secondary"
        button = Button(control.label, box, control.action, control.enabled, style=style, size=size)
        draw_hit_button(painter, hits, button, hover, control.key)
        left = box.right + BAR_GAP


def draw_hit_button(
    painter: Painter,
    hits: HitMap,
    button: Button,
    hover: tuple[float, float] | None,
    label: str,
) -> None:
    """Draw a button (highlighted under the mouse) and make it clickable when enabled."""
    draw_button(painter, button, hover is not None and button.rect.collidepoint(hover))
    if button.enabled and button.action is not None:
        hits.add(button.rect, button.action, label=label)
