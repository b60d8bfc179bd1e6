"""roleplay: a branching-scenario role-play game for practising workplace influence.

The public surface of the engine. The engine never imports pygame; the desktop game lives in
``roleplay.ui`` and, like the text player, only calls what is listed here.
"""

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
