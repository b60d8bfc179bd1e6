"""roleplay: a branching-scenario role-play game for practising workplace influence.

The public surface of the engine. The engine never imports pygame; the desktop game lives in
``roleplay.ui`` and, like the text player, only calls what is listed here. Names are imported
lazily on first use (PEP 562), so the game window opens before pydantic has finished loading.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roleplay.engine._atomic import sweep_temp_files, write_bytes_atomic, write_text_atomic
    from roleplay.engine._debrief import Debrief, Decision, build_debrief
    from roleplay.engine._diagnostics import CODES, Diagnostic
    from roleplay.engine._errors import (
        ChoiceError,
        PlaythroughError,
        RoleplayError,
        SaveError,
        ScenarioError,
        StartError,
    )
    from roleplay.engine._files import FileProblem, read_head, read_json_bounded
    from roleplay.engine._hooks import RunnerHooks
    from roleplay.engine._images import image_problem
    from roleplay.engine._loader import check_scenario_file, load_scenario, load_scenario_text
    from roleplay.engine._paths import assets_dir, find_scenarios, shipped_scenarios_dir
    from roleplay.engine._playthrough import record_state
    from roleplay.engine._replay import replay
    from roleplay.engine._runtime import Runner
    from roleplay.engine._saves import SaveInfo, load_game, read_save_info, save_game
    from roleplay.engine._scenario import Scenario
    from roleplay.engine._start import start_state
    from roleplay.engine._state import GameState, Step
    from roleplay.engine._view import ChoiceView, EndingView, Line, View
    from roleplay.engine._watch import ScenarioWatcher

from roleplay.engine._version import VERSION as __version__

_LOCATIONS: dict[str, str] = {
    "Debrief": "engine._debrief",
    "Decision": "engine._debrief",
    "build_debrief": "engine._debrief",
    "CODES": "engine._diagnostics",
    "Diagnostic": "engine._diagnostics",
    "ChoiceError": "engine._errors",
    "PlaythroughError": "engine._errors",
    "RoleplayError": "engine._errors",
    "SaveError": "engine._errors",
    "ScenarioError": "engine._errors",
    "StartError": "engine._errors",
    "assets_dir": "engine._paths",
    "find_scenarios": "engine._paths",
    "shipped_scenarios_dir": "engine._paths",
    "check_scenario_file": "engine._loader",
    "load_scenario": "engine._loader",
    "load_scenario_text": "engine._loader",
    "ChoiceView": "engine._view",
    "EndingView": "engine._view",
    "Line": "engine._view",
    "Runner": "engine._runtime",
    "View": "engine._view",
    "RunnerHooks": "engine._hooks",
    "replay": "engine._replay",
    "SaveInfo": "engine._saves",
    "load_game": "engine._saves",
    "read_save_info": "engine._saves",
    "save_game": "engine._saves",
    "Scenario": "engine._scenario",
    "start_state": "engine._start",
    "GameState": "engine._state",
    "Step": "engine._state",
    "ScenarioWatcher": "engine._watch",
    "record_state": "engine._playthrough",
    "write_bytes_atomic": "engine._atomic",
    "write_text_atomic": "engine._atomic",
    "sweep_temp_files": "engine._atomic",
    "FileProblem": "engine._files",
    "read_head": "engine._files",
    "read_bounded": "engine._files",
    "read_json_bounded": "engine._files",
    "image_problem": "engine._images",
}

__all__ = [
    "CODES",
    "ChoiceError",
    "ChoiceView",
    "Debrief",
    "Decision",
    "Diagnostic",
    "EndingView",
    "FileProblem",
    "GameState",
    "Line",
    "PlaythroughError",
    "RoleplayError",
    "Runner",
    "RunnerHooks",
    "SaveError",
    "SaveInfo",
    "Scenario",
    "ScenarioError",
    "ScenarioWatcher",
    "StartError",
    "Step",
    "View",
    "__version__",
    "assets_dir",
    "build_debrief",
    "check_scenario_file",
    "find_scenarios",
    "image_problem",
    "load_game",
    "load_scenario",
    "load_scenario_text",
    "read_bounded",
    "read_head",
    "read_json_bounded",
    "read_save_info",
    "record_state",
    "replay",
    "save_game",
    "shipped_scenarios_dir",
    "start_state",
    "sweep_temp_files",
    "write_bytes_atomic",
    "write_text_atomic",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its private module on first use."""
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'roleplay' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"roleplay.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
