"""The room: who is in it, who may join, and the tokens that let a phone back in.

Only hashes of tokens and device ids are kept, in memory as in the session log: a participant
proves who it is by presenting the token it was given at join.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from roleplay.engine._session_log import hash_secret
from roleplay.facilitator._names import MAX_NICKNAME, clean_nickname, generate_nickname

DEFAULT_CAP = 300
MAX_CAP = 2000
AWAY_GRACE = 45.0  # seconds a phone may be gone (asleep, app switched) and still be counted


@dataclass
class RoomSettings:
    """What the facilitator can change about the room (logged as ``settings``)."""

    anonymous: bool = True
    teams: bool = False
    locked: bool = False
    late_join: bool = True
    cap: int = DEFAULT_CAP
    timer: float | None = 60.0
    auto_close: bool = True
    auto_advance: bool = False
    mode: str = "practice"
    check: bool = True  # ask the scenario's knowledge check before and after the story

    def to_json(self) -> dict[str, Any]:
        """The settings as a JSON object."""
        return asdict(self)

    def update(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply valid changes; returns those that changed something. Raises ValueError."""
        applied: dict[str, Any] = {}
        for name, value in changes.items():
            checked = _check_setting(name, value)
            if getattr(self, name) != checked:
                setattr(self, name, checked)
                applied[name] = checked
        return applied


def _check_setting(name: str, value: Any) -> Any:
    if name in ("anonymous", "teams", "locked", "late_join", "auto_close", "auto_advance", "check"):
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be true or false")
        return value
    if name == "cap":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_CAP:
            raise ValueError(f"cap must be a whole number from 1 to {MAX_CAP}")
        return value
    if name == "timer":
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool) or not 5 <= value <= 3600:
            raise ValueError("timer must be from 5 to 3600 seconds, or null for no timer")
        return float(value)
    raise ValueError(f"unknown setting '{name}'")


class JoinRefused(Exception):
    """A join was refused; ``code`` is the error code sent to the phone."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass
class Participant:
    """One phone (or one table's phone in team mode)."""

    id: str
    nickname: str
    token_hash: str
    device_hash: str | None
    connections: int = 0
    away_since: float | None = None  # when its last connection closed (monotonic seconds)

    def present(self, now: float) -> bool:
        """Connected, never yet seen leaving, or gone for less than :data:`AWAY_GRACE`."""
        gone = self.away_since
        return self.connections > 0 or gone is None or now - gone < AWAY_GRACE


@dataclass
class Room:
    """Participants by id, token hashes, bans, and the join rules."""

    code: str
    settings: RoomSettings
    participants: dict[str, Participant] = field(default_factory=dict)
    started: bool = False  # past the lobby: late-join rules apply
    banned_devices: set[str] = field(default_factory=set)
    _by_token: dict[str, str] = field(default_factory=dict)
    _count: int = 0

    def check_can_join(self, device_hash: str | None) -> None:
        """Raise :class:`JoinRefused` when a new participant may not join now."""
        if device_hash is not None and device_hash in self.banned_devices:
            raise JoinRefused("banned", "The facilitator has removed this device from the room.")
        if self.settings.locked:
            raise JoinRefused("locked", "The room is locked. Ask the facilitator to open it.")
        if self.started and not self.settings.late_join:
            raise JoinRefused("late", "The session has started and late joining is off.")
        if len(self.participants) >= self.settings.cap:
            raise JoinRefused("full", f"The room is full ({self.settings.cap} places).")

    def join(self, nickname: object, device: str | None) -> tuple[Participant, str]:
        """Admit a new participant; returns it and its token (shown only to that phone)."""
        device_hash = hash_secret(device) if device else None
        self.check_can_join(device_hash)
        token = secrets.token_urlsafe(16)
        name = self._unique(clean_nickname(nickname) or generate_nickname())
        participant = self.add(self.next_player_id(), name, hash_secret(token), device_hash)
        return participant, token

    def next_player_id(self) -> str:
        """The id the next participant will get."""
        return f"p{self._count + 1}"

    def add(
        self, player: str, nickname: str, token_hash: str, device_hash: str | None
    ) -> Participant:
        """Put a participant in the room (a join, or one read back from the log)."""
        participant = Participant(player, nickname, token_hash, device_hash)
        self.participants[player] = participant
        self._by_token[token_hash] = player
        self._count = max(self._count, _number(player))
        return participant

    def by_token(self, token: object) -> Participant | None:
        """The participant holding ``token``, or None (unknown, kicked or banned)."""
        if not isinstance(token, str) or not 8 <= len(token) <= 64:
            return None
        player = self._by_token.get(hash_secret(token))
        return self.participants.get(player) if player else None

    def remove(self, player: str, *, ban: bool = False) -> Participant | None:
        """Drop a participant's token (kick, leave), and with ``ban`` refuse its device."""
        participant = self.participants.pop(player, None)
        if participant is None:
            return None
        self._by_token.pop(participant.token_hash, None)
        if ban and participant.device_hash is not None:
            self.banned_devices.add(participant.device_hash)
        return participant

    def eligible(self) -> list[str]:
        """The ids of everyone who may vote."""
        return list(self.participants)

    def present(self, now: float, answered: Iterable[str] = ()) -> int:
        """The M of "N of M voted": participants who are here (see
        :meth:`Participant.present`) plus any gone whose vote or answer is in ``answered``."""
        here = {p.id for p in self.participants.values() if p.present(now)}
        here.update(player for player in answered if player in self.participants)
        return len(here)

    def names(self) -> list[str]:
        """Nicknames in join order."""
        return [p.nickname for p in self.participants.values()]

    def _unique(self, name: str) -> str:
        taken = {p.nickname.casefold() for p in self.participants.values()}
        if name.casefold() not in taken:
            return name
        for number in range(2, 10_000):
            suffix = f" {number}"
            candidate = name[: MAX_NICKNAME - len(suffix)] + suffix
            if candidate.casefold() not in taken:
                return candidate
        return generate_nickname()


def _number(player: str) -> int:
    digits = player[1:]
    return int(digits) if digits.isdigit() else 0
