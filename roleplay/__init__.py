"""roleplay: a branching-scenario role-play game for practising workplace influence.

The public surface of the engine. The engine never imports pygame; the desktop game lives in
``roleplay.ui`` and, like the text player, only calls what is listed here. Names are imported
lazily on first use (PEP 562), so the game window opens before pydantic has finished loading.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roleplay._debrief import Debrief, Decision, build_debrief
    from roleplay._diagnostics import CODES, Diagnostic
    from roleplay._errors import (
        ChoiceError,
        PlaythroughError,
        RoleplayError,
        SaveError,
        ScenarioError,
    )
    from roleplay._library import assets_dir, find_scenarios, shipped_scenarios_dir
    from roleplay._loader import check_scenario_file, load_scenario, load_scenario_text
    from roleplay._runtime import ChoiceView, EndingView, Line, Runner, View
    from roleplay._saves import SaveInfo, load_game, read_save_info, save_game
    from roleplay._scenario import Scenario
    from roleplay._state import GameState, Step

__version__ = "0.1.0"

_LOCATIONS: dict[str, str] = {
    "Debrief": "_debrief",
    "Decision": "_debrief",
    "build_debrief": "_debrief",
    "CODES": "_diagnostics",
    "Diagnostic": "_diagnostics",
    "ChoiceError": "_errors",
    "PlaythroughError": "_errors",
    "RoleplayError": "_errors",
    "SaveError": "_errors",
    "ScenarioError": "_errors",
    "assets_dir": "_library",
    "find_scenarios": "_library",
    "shipped_scenarios_dir": "_library",
    "check_scenario_file": "_loader",
    "load_scenario": "_loader",
    "load_scenario_text": "_loader",
    "ChoiceView": "_runtime",
    "EndingView": "_runtime",
    "Line": "_runtime",
    "Runner": "_runtime",
    "View": "_runtime",
    "SaveInfo": "_saves",
    "load_game": "_saves",
    "read_save_info": "_saves",
    "save_game": "_saves",
    "Scenario": "_scenario",
    "GameState": "_state",
    "Step": "_state",
}

__all__ = [
    "CODES",
    "ChoiceError",
    "ChoiceView",
    "Debrief",
    "Decision",
    "Diagnostic",
    "EndingView",
    "GameState",
    "Line",
    "PlaythroughError",
    "RoleplayError",
    "Runner",
    "SaveError",
    "SaveInfo",
    "Scenario",
    "ScenarioError",
    "Step",
    "View",
    "__version__",
    "assets_dir",
    "build_debrief",
    "check_scenario_file",
    "find_scenarios",
    "load_game",
    "load_scenario",
    "load_scenario_text",
    "read_save_info",
    "save_game",
    "shipped_scenarios_dir",
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
