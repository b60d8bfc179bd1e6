"""The facilitator's keyboard: every key of docs/facilitator.md ("Controls") in one place.

Keys work in either window. Each control runs the same command the host remote sends, so the
session log cannot tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from roleplay.facilitator._host import HostRuntime
from roleplay.facilitator._network import candidate_addresses

NEXT_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT)
DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
DISCUSSION_SECONDS = 120
CAP_STEP = 10


@dataclass
class ShowOfHands:
    """Counts being typed for a show of hands."""

    counts: list[str]
    field: int = 0


@dataclass
class Controls:
    """Turns key presses into commands and remembers the facilitator window's small state."""

    runtime: HostRuntime
    selected: int = 0  # participant highlighted in the lists
    help_card: bool = False
    desk_view: bool = False  # one screen: the main window shows the facilitator view
    hands: ShowOfHands | None = None
    message: str = ""
    addresses: list[str] = field(default_factory=list)
    quit_requested: bool = False

    def key(self, event: pygame.event.Event) -> None:
        """Handle one KEYDOWN."""
        self.message = ""
        if self.hands is not None:
            self._hands_key(event)
            return
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key in DIGITS:
            self._choice(DIGITS[event.key], preview=shift)
            return
        command = _KEY_COMMANDS.get(event.key)
        if command is not None:
            self.run(command[0], **command[1])
        elif event.key == pygame.K_p:
            current = self.runtime.session.round
            paused = current is not None and current.timer.paused
            self.run("resume" if paused else "pause")
        elif event.key in NEXT_KEYS:
            self.run("next")
        elif event.key == pygame.K_d:
            self.run("discuss", seconds=DISCUSSION_SECONDS if shift else None)
        else:
            self._local_key(event)

    def _local_key(self, event: pygame.event.Event) -> None:
        session = self.runtime.session
        settings = session.room.settings
        toggles = {pygame.K_l: "locked", pygame.K_j: "late_join", pygame.K_n: "anonymous"}
        if event.key in toggles:
            name = toggles[event.key]
            self.run("settings", settings={name: not getattr(settings, name)})
        elif event.key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
            step = CAP_STEP if event.key == pygame.K_RIGHTBRACKET else -CAP_STEP
            self.run("settings", settings={"cap": max(1, settings.cap + step)})
        elif event.key == pygame.K_ESCAPE:
            self.help_card = False
            self.run("end_preview")
        else:
            self._view_key(event)

    def _view_key(self, event: pygame.event.Event) -> None:
        people = list(self.runtime.session.room.participants)
        if event.key in (pygame.K_UP, pygame.K_DOWN) and people:
            self.selected = (self.selected + (1 if event.key == pygame.K_DOWN else -1)) % len(
                people
            )
        elif event.key in (pygame.K_k, pygame.K_b) and people:
            player = people[min(self.selected, len(people) - 1)]
            self.run("ban" if event.key == pygame.K_b else "kick", player=player)
        elif event.key == pygame.K_h:
            self.help_card = not self.help_card
        elif event.key == pygame.K_TAB:
            self.desk_view = not self.desk_view
        elif event.key == pygame.K_a:
            self.next_address()
        elif event.key == pygame.K_s:
            self._start_hands()
        elif event.key == pygame.K_q:
            self.quit_requested = True

    def run(self, action: str, **fields: object) -> None:
        """Run a host command; a refusal is shown in the facilitator view."""
        error = self.runtime.command(action, **fields)
        if error:
            self.message = error

    def _choice(self, number: int, *, preview: bool) -> None:
        current = self.runtime.session.round
        choices = current.choice_ids if current is not None else ()
        if not choices:
            view = self.runtime.session.view
            choices = tuple(c.id for c in view.choices if c.available)
        if not 1 <= number <= len(choices):
            self.message = f"there is no choice {number}"
            return
        self.run("preview" if preview else "play", choice=choices[number - 1])

    def _start_hands(self) -> None:
        session = self.runtime.session
        count = len(session.round.choices) if session.round and not session.decided else 0
        if not count:
            count = len([c for c in session.view.choices if c.available])
        if count:
            self.hands = ShowOfHands([""] * count)
        else:
            self.message = "the story is not at a decision"

    def _hands_key(self, event: pygame.event.Event) -> None:
        hands = self.hands
        assert hands is not None
        if event.key == pygame.K_ESCAPE:
            self.hands = None
        elif event.key in (pygame.K_TAB, pygame.K_DOWN):
            hands.field = (hands.field + 1) % len(hands.counts)
        elif event.key == pygame.K_UP:
            hands.field = (hands.field - 1) % len(hands.counts)
        elif event.key == pygame.K_BACKSPACE:
            hands.counts[hands.field] = hands.counts[hands.field][:-1]
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._settle_hands(hands)
        elif event.unicode.isdigit() and len(hands.counts[hands.field]) < 4:
            hands.counts[hands.field] += event.unicode

    def _settle_hands(self, hands: ShowOfHands) -> None:
        session = self.runtime.session
        ids = (
            session.round.choice_ids
            if session.round and not session.decided
            else tuple(c.id for c in session.view.choices if c.available)
        )
        counts = {cid: int(text or 0) for cid, text in zip(ids, hands.counts, strict=False)}
        self.hands = None
        self.run("show_of_hands", counts=counts)

    def next_address(self) -> None:
        """Move the server to the next candidate address (lobby: the QR code changes)."""
        if not self.addresses:
            self.addresses = candidate_addresses()
        current = self.runtime.address
        index = self.addresses.index(current) if current in self.addresses else -1
        target = self.addresses[(index + 1) % len(self.addresses)]
        error = self.runtime.move_to(target)
        self.message = error or f"now listening on {target}"


_KEY_COMMANDS: dict[int, tuple[str, dict[str, object]]] = {
    pygame.K_c: ("close_vote", {}),
    pygame.K_PLUS: ("extend", {}),
    pygame.K_EQUALS: ("extend", {}),
    pygame.K_KP_PLUS: ("extend", {}),
    pygame.K_r: ("reveal", {"what": "tally"}),
    pygame.K_m: ("reveal", {"what": "meters"}),
    pygame.K_BACKSPACE: ("rewind", {}),
}
