"""Hot reload, engine side: notice that a scenario file changed and re-check it.

The UI calls :meth:`ScenarioWatcher.poll` from its update loop (every frame is fine: the file is
only looked at every ``interval`` seconds, and only with ``stat``). When the scenario or its
technique catalogue changed, ``poll`` re-checks the file and returns a :class:`Reload` holding
either the new Scenario, to pass to ``Runner.reload``, or the diagnostics to show. It never
raises for a broken or missing file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from roleplay.engine._diagnostics import Diagnostic
from roleplay.engine._loader import catalogue_path, check_scenario_file
from roleplay.engine._scenario import Scenario

Signature = tuple[tuple[int, int] | None, ...]


@dataclass(frozen=True)
class Reload:
    """The outcome of re-checking a changed file: a scenario, or why there is none."""

    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        """True when the edited file loaded (warnings may still be present)."""
        return self.scenario is not None


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class ScenarioWatcher:
    """Polls a scenario file (and its technique catalogue) for changes."""

    def __init__(
        self,
        path: Path | str,
        *,
        interval: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = Path(path)
        self.interval = interval
        self._clock = clock
        self._next_look = clock() + interval
        self._signature = self._current()

    def _watched(self) -> tuple[Path, ...]:
        return (self.path, catalogue_path(self.path.parent))

    def _current(self) -> Signature:
        return tuple(_stat(p) for p in self._watched())

    def changed(self) -> bool:
        """True when a watched file differs from the last time it was checked (no throttling)."""
        return self._current() != self._signature

    def poll(self) -> Reload | None:
        """None when nothing changed (or it is too soon to look); else the re-checked file."""
        now = self._clock()
        if now < self._next_look:
            return None
        self._next_look = now + self.interval
        current = self._current()
        if current == self._signature:
            return None
        self._signature = current
        return self.check()

    def check(self) -> Reload:
        """Re-check the file now, whether or not it changed."""
        self._signature = self._current()
        scenario, diagnostics = check_scenario_file(self.path)
        return Reload(scenario, tuple(diagnostics))
