"""The progress bar ``roleplay lint`` shows on stderr while the solver explores a big scenario.

The number of states is not known before the end, so the bar shows how much of the budget
(``--max-states`` or ``--max-memory``, whichever is nearer) is used.
"""

from __future__ import annotations

import sys
from typing import TextIO

#: An exploration shorter than this shows no bar.
QUIET_S = 1.0
_WIDTH = 24


class ProgressBar:
    """Called by the solver now and then: ``bar(states, seconds, share of the budget)``.

    On a terminal the bar is redrawn in place; elsewhere (``--progress`` into a log) one line is
    written per call.
    """

    def __init__(self, name: str, *, stream: TextIO | None = None, force: bool = False) -> None:
        self.name = name
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.enabled = force or self.tty
        self.shown = False

    def __call__(self, states: int, seconds: float, share: float) -> None:
        if not self.enabled or seconds < QUIET_S:
            return
        filled = min(_WIDTH, round(share * _WIDTH))
        bar = "#" * filled + "-" * (_WIDTH - filled)
        text = (
            f"exploring {self.name}: [{bar}] {share:4.0%} of the budget, "
            f"{states:,} states, {seconds:.1f} s"
        )
        if self.tty:
            print("\r" + text + "\x1b[K", end="", file=self.stream, flush=True)
        else:
            print(text, file=self.stream, flush=True)
        self.shown = True

    def done(self) -> None:
        """End the bar's line once the exploration is over."""
        if self.shown and self.tty:
            print(file=self.stream, flush=True)
        self.shown = False
