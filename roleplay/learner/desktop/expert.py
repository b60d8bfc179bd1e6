"""The expert's road for the debrief, found in a background thread so the screen opens at once.

Finding a road to a goal ending explores the scenario's whole state space (seconds for a large
scenario the first time; the solver keeps what it explored). The desktop game cannot import the
solver (it sits in a higher layer), so whoever opens the game hands in an
:data:`~roleplay.learner.text.ExpertFinder`; without one there is no expert's road.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay import Scenario
    from roleplay.learner.text import ExpertFinder


class ExpertSearch:
    """One search for the expert's road, running in a daemon thread."""

    def __init__(self, finder: ExpertFinder, scenario: Scenario, taken: Sequence[str]) -> None:
        """Start looking for a road to a goal ending that follows ``taken`` as long as it can."""
        self._road: tuple[str, ...] | None = None
        self._failed = False
        self._done = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(finder, scenario, tuple(taken)), name="expert-road", daemon=True
        )
        self._thread.start()

    def _run(self, finder: ExpertFinder, scenario: Scenario, taken: tuple[str, ...]) -> None:
        try:
            road = finder(scenario, taken)
            self._road = tuple(road) if road is not None else None
        except Exception:  # a bug in the search must not take the game down: no road shown
            self._failed = True
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        """True once the search has finished (found a road or not)."""
        return self._done.is_set()

    @property
    def failed(self) -> bool:
        """True when the search stopped with an error (no road is shown)."""
        return self._failed

    @property
    def road(self) -> tuple[str, ...] | None:
        """The road's choice ids, or None (still searching, or no goal ending in reach)."""
        return self._road

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the search is done (tests and tools); True when it is."""
        return self._done.wait(timeout)
