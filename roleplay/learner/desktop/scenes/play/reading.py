"""The reading controls' state: skip, auto-advance, looking back, the hidden interface and the
guard that keeps a choice from being taken by a key pressed a moment before it appeared.

Nothing here knows about scenes or pygame: the play screen asks :meth:`Reading.tick` each frame
whether to go on, and keeps the rest of these flags in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

#: After choices appear, number keys, Enter and clicks wait this long (a key already on its
#: way down to read on must not pick a choice).
CHOICE_GUARD_S = 0.4
#: While skipping, one read line goes by every this many seconds.
SKIP_STEP_S = 0.05


class Next(Enum):
    """What :meth:`Reading.tick` asks the play screen to do."""

    WAIT = "wait"
    PROCEED = "proceed"
    UNREAD = "unread"  # skipping reached a line never read before: skipping stopped


@dataclass
class Reading:
    """Skip (toggled or held), auto-advance, look-back position, hidden interface, guard."""

    skip_toggled: bool = False
    skip_held: bool = False
    auto: bool = False
    hidden: bool = False
    guard: float = 0.0
    timer: float = 0.0
    review: int | None = None  # the backlog entry being re-read, None while reading live

    @property
    def skipping(self) -> bool:
        """True while read lines are being skipped (Tab toggled it on, or Ctrl is held)."""
        return self.skip_toggled or self.skip_held

    @property
    def reviewing(self) -> bool:
        """True while an earlier line is shown instead of the current one."""
        return self.review is not None

    @property
    def guarded(self) -> bool:
        """True while choices that just appeared ignore number keys, Enter and clicks."""
        return self.guard > 0

    def stop_skipping(self) -> None:
        """Skipping ends (at a choice, an unread line, the ending, or a menu)."""
        self.skip_toggled = self.skip_held = False
        self.timer = 0.0

    def choices_appeared(self) -> None:
        """Start the input guard and stop skipping: skipping never passes a choice."""
        self.guard = CHOICE_GUARD_S
        self.stop_skipping()

    def tick(
        self, dt: float, *, ready: bool, line_done: bool, line_read: bool, auto_wait: float
    ) -> Next:
        """Advance timers by dt; say whether to go on to the next line now.

        ``ready`` is False when nothing may move on by itself (choices, the ending, looking
        back); ``line_read`` tells whether the line shown had been read before.
        """
        self.guard = max(0.0, self.guard - dt)
        if not ready:
            self.timer = 0.0
            return Next.WAIT
        if self.skipping:
            if not line_read:
                self.stop_skipping()
                return Next.UNREAD
            return self._after(dt, SKIP_STEP_S)
        if self.auto and line_done:
            return self._after(dt, auto_wait)
        self.timer = 0.0
        return Next.WAIT

    def _after(self, dt: float, seconds: float) -> Next:
        self.timer += dt
        if self.timer < seconds:
            return Next.WAIT
        self.timer = 0.0
        return Next.PROCEED

    @property
    def busy(self) -> bool:
        """True while a timer runs (the screen must keep ticking at full rate)."""
        return self.skipping or self.auto or self.guarded

    def look_back(self, live: int, first: int) -> bool:
        """Step back one backlog entry from the one shown (``live`` is the current line's);
        False when ``first`` is reached."""
        target = (self.review if self.review is not None else live) - 1
        if target < first:
            return False
        self.review = target
        return True

    def look_forward(self, live: int) -> None:
        """Step forward one entry; past the last earlier one, back to the live line."""
        if self.review is None:
            return
        self.review += 1
        if self.review >= live:
            self.review = None
