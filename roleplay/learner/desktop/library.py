"""The scenario library: which scenarios exist, loaded once, with their load errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from roleplay import Scenario
    from roleplay.gui.app import App

_SHARED: WeakKeyDictionary[App, Library] = WeakKeyDictionary()


@dataclass
class Entry:
    """One scenario file: the loaded scenario, or why it could not be loaded."""

    path: Path
    scenario: Scenario | None
    error: str = ""


class Library:
    """Loads scenario files lazily and caches them by path and by id."""

    def __init__(self, folder: Path | None = None) -> None:
        """Use folder (default: the shipped scenarios)."""
        self.folder = folder
        self._entries: list[Entry] | None = None

    def entries(self) -> list[Entry]:
        """Return every scenario file, loaded (errors are kept, never raised)."""
        if self._entries is None:
            from roleplay import find_scenarios

            self._entries = [_load(path) for path in find_scenarios(self.folder)]
        return self._entries

    def scenarios(self) -> list[Scenario]:
        """Return the scenarios that loaded."""
        return [e.scenario for e in self.entries() if e.scenario is not None]

    def by_id(self, scenario_id: str) -> Scenario | None:
        """Return the scenario with an id, or None."""
        for scenario in self.scenarios():
            if scenario.id == scenario_id:
                return scenario
        return None


def shared_library(app: App) -> Library:
    """Return the library of the app's scenario folder (created on first use, then kept)."""
    library = _SHARED.get(app)
    if library is None:
        library = _SHARED[app] = Library(app.scenarios_dir)
    return library


def _load(path: Path) -> Entry:
    from roleplay import ScenarioError, load_scenario

    try:
        return Entry(path, load_scenario(path))
    except ScenarioError as exc:
        first = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
        return Entry(path, None, f"{len(exc.diagnostics)} problem(s): {first}")
    except Exception as exc:
        return Entry(path, None, f"cannot load: {exc}")
