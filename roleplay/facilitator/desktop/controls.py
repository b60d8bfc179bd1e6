"""The facilitator's keyboard and the actions behind the buttons: every control of
docs/facilitator.md ("Controls") in one place.

Keys work in either window; the buttons (``pointer.py``) call the same methods. Each control runs
the same command the host remote sends, so the session log cannot tell them apart.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pygame

from roleplay.facilitator._host import HostRuntime
from roleplay.facilitator._network import candidate_addresses

# Page Down and Right are what presentation clickers send for "next slide".
NEXT_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT, pygame.K_PAGEDOWN)
DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
DISCUSSION_SECONDS = 120
CAP_STEP = 10


@dataclass
class ShowOfHands:
    """Counts being typed for a show of hands: one per (choice id, text)."""

    choices: list[tuple[str, str]]
    counts: list[str]
    field: int = 0

    def bump(self, index: int, step: int) -> None:
        """Add ``step`` to one count (never below 0 or above 9999) and focus it."""
        value = int(self.counts[index] or 0) + step
        self.counts[index] = str(min(max(value, 0), 9999))
        self.field = index


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
    end_armed_until: float = 0.0  # the End button asks for a second click until then

    def key(self, event: pygame.event.Event) -> None:
        """Handle one KEYDOWN."""
        self.message = ""
        if self.hands is not None:
            self._hands_key(event)
            return
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if self.runtime.session.phase == "check" and event.key == pygame.K_r:
            self.run("reveal", what="check")  # R reveals the knowledge check's answer
            return
        if event.key in DIGITS:
            self._choice(DIGITS[event.key], preview=shift)
            return
        command = _KEY_COMMANDS.get(event.key)
        if command is not None:
            self.run(command[0], **command[1])
        elif event.key == pygame.K_p:
            self.toggle_pause()
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
            self.change_cap(1 if event.key == pygame.K_RIGHTBRACKET else -1)
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
            self.remove_selected(ban=event.key == pygame.K_b)
        elif event.key == pygame.K_h:
            self.toggle_help()
        elif event.key == pygame.K_TAB:
            self.desk_view = not self.desk_view
        elif event.key == pygame.K_a:
            self.next_address()
        elif event.key == pygame.K_s:
            self.start_hands()
        elif event.key == pygame.K_q:
            self.request_quit()

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
        self.choose(choices[number - 1], preview=preview)

    def choose(self, choice: str, *, preview: bool = False) -> None:
        """Play a choice (a pick, or an override), or preview where it leads."""
        self.message = ""
        self.run("preview" if preview else "play", choice=choice)

    # --- the actions behind buttons (and some keys) -------------------------------------
    @property
    def decision_choices(self) -> list[tuple[str, str]]:
        """(id, text) of the choices a pick or a show of hands settles now ([] when none)."""
        session = self.runtime.session
        if session.round is not None and not session.decided:
            return [(c.id, c.text) for c in session.round.choices]
        if session.phase == "story" and not session.runner.is_over:
            return [(c.id, c.text) for c in session.view.choices if c.available]
        return []

    @property
    def at_decision(self) -> bool:
        """True when there is a decision to settle."""
        return bool(self.decision_choices)

    def start_hands(self) -> None:
        """Open the show-of-hands card."""
        choices = self.decision_choices
        if choices:
            self.hands = ShowOfHands(choices, [""] * len(choices))
        else:
            self.message = "the story is not at a decision"

    def toggle_pause(self) -> None:
        """Pause or resume the timer of the vote or of the knowledge-check question."""
        timer = self.runtime.session.active_timer()
        self.run("resume" if timer is not None and timer.paused else "pause")

    def toggle_lock(self) -> None:
        """Lock or unlock the room."""
        self.run("settings", settings={"locked": not self.runtime.session.room.settings.locked})

    def change_cap(self, direction: int) -> None:
        """Raise (1) or lower (-1) the player cap by CAP_STEP."""
        cap = self.runtime.session.room.settings.cap
        self.run("settings", settings={"cap": max(1, cap + direction * CAP_STEP)})

    def toggle_help(self) -> None:
        """Show or hide the "phones can't connect?" card."""
        self.help_card = not self.help_card

    def select(self, player: str) -> None:
        """Highlight a participant (for remove and ban)."""
        people = list(self.runtime.session.room.participants)
        if player in people:
            self.selected = people.index(player)

    def remove_selected(self, *, ban: bool) -> None:
        """Remove (or ban) the highlighted participant."""
        people = list(self.runtime.session.room.participants)
        if people:
            player = people[min(self.selected, len(people) - 1)]
            self.run("ban" if ban else "kick", player=player)

    def arm_end(self) -> None:
        """The first click on End: a second one within a few seconds ends the session."""
        from roleplay.facilitator.desktop.pointer import CONFIRM_SECONDS

        self.end_armed_until = time.monotonic() + CONFIRM_SECONDS
        self.message = "Click End again to end the session for everyone."

    def request_quit(self) -> None:
        """End the session and close the windows."""
        self.quit_requested = True

    def _hands_key(self, event: pygame.event.Event) -> None:
        hands = self.hands
        assert hands is not None
        if event.key == pygame.K_ESCAPE:
            self.close_hands()
        elif event.key in (pygame.K_TAB, pygame.K_DOWN):
            hands.field = (hands.field + 1) % len(hands.counts)
        elif event.key == pygame.K_UP:
            hands.field = (hands.field - 1) % len(hands.counts)
        elif event.key == pygame.K_BACKSPACE:
            hands.counts[hands.field] = hands.counts[hands.field][:-1]
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.settle_hands()
        elif event.unicode.isdigit() and len(hands.counts[hands.field]) < 4:
            hands.counts[hands.field] += event.unicode

    def close_hands(self) -> None:
        """Close the show-of-hands card without playing anything."""
        self.hands = None

    def settle_hands(self) -> None:
        """Play the show of hands being typed."""
        hands = self.hands
        if hands is None:
            return
        ids = [choice_id for choice_id, _ in hands.choices]
        counts = {cid: int(text or 0) for cid, text in zip(ids, hands.counts, strict=True)}
        self.hands = None
        self.run("show_of_hands", counts=counts)

    def next_address(self) -> None:
        """Show the next candidate address in the link and QR code (phones that already joined
        stay connected: the server keeps listening on the earlier addresses too)."""
        if not self.addresses:
            self.addresses = candidate_addresses()
        current = self.runtime.address
        index = self.addresses.index(current) if current in self.addresses else -1
        target = self.addresses[(index + 1) % len(self.addresses)]
        error = self.runtime.move_to(target)
        self.message = error or (
            f"The link now uses {target}; phones that joined on "
            f"{', '.join(a for a in self.runtime.listening if a != target) or 'it'} stay connected."
        )


_KEY_COMMANDS: dict[int, tuple[str, dict[str, object]]] = {
    pygame.K_c: ("close_vote", {}),
    pygame.K_PLUS: ("extend", {}),
    pygame.K_EQUALS: ("extend", {}),
    pygame.K_KP_PLUS: ("extend", {}),
    pygame.K_r: ("reveal", {"what": "tally"}),
    pygame.K_m: ("reveal", {"what": "meters"}),
    pygame.K_BACKSPACE: ("rewind", {}),
    pygame.K_x: ("skip_check", {}),
}
