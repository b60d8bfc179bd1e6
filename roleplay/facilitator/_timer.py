"""The vote timer, held by the server as a deadline on a monotonic clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

EXTEND_SECONDS = 30.0


@dataclass
class Clock:
    """Monotonic time for deadlines and wall time for the log; tests replace both."""

    monotonic: Callable[[], float] = time.monotonic
    wall: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


@dataclass
class VoteTimer:
    """A countdown: running (a deadline), paused (seconds left), or untimed (``seconds`` None)."""

    clock: Clock
    seconds: float | None
    _deadline: float | None = None
    _paused_left: float | None = None

    def start(self) -> None:
        """Start counting down from ``seconds`` (no effect when untimed)."""
        if self.seconds is not None:
            self._deadline = self.clock.monotonic() + self.seconds
            self._paused_left = None

    @property
    def timed(self) -> bool:
        """True when the vote has a time limit."""
        return self.seconds is not None

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused_left is not None

    def remaining(self) -> float | None:
        """Seconds left (never negative), or None when untimed."""
        if self._paused_left is not None:
            return self._paused_left
        if self._deadline is None:
            return None
        return max(0.0, self._deadline - self.clock.monotonic())

    def expired(self) -> bool:
        """True once a running timer has reached its deadline."""
        left = self.remaining()
        return left is not None and left <= 0.0 and not self.paused

    def deadline_iso(self) -> str | None:
        """The deadline as ISO wall time, or None when untimed or paused."""
        if self._deadline is None or self.paused:
            return None
        left = self._deadline - self.clock.monotonic()
        return (self.clock.wall() + timedelta(seconds=left)).isoformat(timespec="milliseconds")

    def pause(self) -> bool:
        """Stop the clock; False when untimed or already paused."""
        left = self.remaining()
        if left is None or self.paused:
            return False
        self._paused_left = left
        return True

    def resume(self) -> bool:
        """Restart the clock from where it was paused; False when not paused."""
        if self._paused_left is None:
            return False
        self._deadline = self.clock.monotonic() + self._paused_left
        self._paused_left = None
        return True

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        """Add time (an untimed vote becomes timed with ``seconds`` left)."""
        if self._paused_left is not None:
            self._paused_left += seconds
        elif self._deadline is None:
            self.seconds = seconds
            self._deadline = self.clock.monotonic() + seconds
        else:
            self._deadline = max(self._deadline, self.clock.monotonic()) + seconds

    def set_paused(self, left: float) -> None:
        """Hold ``left`` seconds without counting (a resumed session waits for the facilitator)."""
        if self.seconds is None:
            self.seconds = left
        self._deadline = None
        self._paused_left = max(0.0, left)


def apply_timer_action(timer: VoteTimer, action: str) -> None:
    """Pause, resume or extend ``timer`` as the facilitator's ``action`` says (``end_now``
    closes what the timer times: the caller does that)."""
    if action == "pause":
        timer.pause()
    elif action == "resume":
        timer.resume()
    elif action == "extend":
        timer.extend()
