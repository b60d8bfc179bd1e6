"""The exception tree of roleplay, written down in one place.

RoleplayError
├── ScenarioError      a scenario (or technique catalogue) could not be loaded; has .diagnostics
├── SaveError          a save file is corrupt, outdated or belongs to another scenario
├── ChoiceError        the player picked a choice that does not exist or is locked
├── PlaythroughError   a playthrough file is malformed
└── StartError         a start node or preset meter/flag the scenario does not have, or a bad value
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay.engine._diagnostics import Diagnostic


class RoleplayError(Exception):
    """Base class of every error roleplay raises on purpose."""


class ScenarioError(RoleplayError):
    """A scenario failed to load; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        first = errors[0].format() if errors else "scenario could not be loaded"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


class SaveError(RoleplayError):
    """A save could not be read or does not fit the scenario; the message says why."""


class ChoiceError(RoleplayError):
    """The requested choice is out of range, locked, or the scenario is over."""


class PlaythroughError(RoleplayError):
    """A playthrough file is malformed or refers to a missing scenario."""


class StartError(RoleplayError):
    """A run cannot start as asked: unknown node, meter or flag, or a value of the wrong kind."""
