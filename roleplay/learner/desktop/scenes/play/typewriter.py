"""The typewriter: which line of the beat is shown, and how much of it has been typed."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay import Line


@dataclass
class Typewriter:
    """Reveals a beat's lines one at a time at a number of characters per second.

    A speed of 0 (reduced motion, "instant" text) shows each line whole at once.
    """

    lines: tuple[Line, ...] = ()
    index: int = 0
    revealed: float = 0.0

    @property
    def line(self) -> Line | None:
        """The line being shown, or None when the beat has no lines."""
        return self.lines[self.index] if self.index < len(self.lines) else None

    @property
    def done(self) -> bool:
        """True when the current line is fully revealed."""
        line = self.line
        return line is None or self.revealed >= len(line.text)

    @property
    def at_last_line(self) -> bool:
        """True on the beat's last line (or when it has none)."""
        return self.index >= len(self.lines) - 1

    def load(self, lines: tuple[Line, ...]) -> None:
        """Start a new beat at its first line."""
        self.lines = lines
        self.index = 0

    def show(self, index: int, chars_per_second: float) -> Line | None:
        """Start typing line ``index`` (whole at once when the speed is 0); returns it."""
        self.index = index
        self.revealed = 0.0 if chars_per_second > 0 else math.inf
        return self.line

    def finish(self) -> None:
        """Reveal the rest of the current line now."""
        self.revealed = math.inf

    def show_last_line_whole(self) -> None:
        """Jump to the beat's last line, fully revealed (storyboards, tests)."""
        self.index = max(len(self.lines) - 1, 0)
        self.finish()

    def tick(self, dt: float, chars_per_second: float) -> bool:
        """Type for dt seconds; True when this tick finished the line."""
        if self.done:
            return False
        self.revealed += dt * chars_per_second
        return self.done
