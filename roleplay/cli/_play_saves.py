"""``roleplay play`` and saved games: continuing a scenario's autosave, or a save file given as
SCENARIO.

When a scenario has an autosave (the terminal player's or the desktop game's), ``--text`` on a
terminal asks whether to continue it; with piped input a new game starts unless ``--continue``
is given, so a script never waits for an answer. ``--new`` starts afresh without asking. A run
given a starting point (``--from``, ``--set``) or an order (``--seed``, ``--no-shuffle``) is a
new game. An assessment run goes on only from its autosave at the furthest point it reached (the
desktop game's rule), and a practice game never continues as an assessment.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.cli._common import print_diagnostics
from roleplay.engine._errors import SaveError
from roleplay.engine._paths import find_scenarios
from roleplay.learner._text_io import say

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario
    from roleplay.engine._state import Mode
    from roleplay.learner._autosave import SavedGame

#: The options that make a run a new game, with the ``args`` attribute that holds each.
NEW_GAME_OPTIONS = (
    ("--from", "from_node"),
    ("--set", "presets"),
    ("--seed", "seed"),
    ("--no-shuffle", "no_shuffle"),
)


@dataclass(frozen=True)
class Start:
    """How a run begins: a new game, or continuing ``saved`` (asking first with ``ask``)."""

    saved: SavedGame | None = None
    ask: bool = False


def add_resume_options(play: argparse.ArgumentParser) -> None:
    """``--continue`` and ``--new``."""
    choice = play.add_mutually_exclusive_group()
    choice.add_argument(
        "--continue",
        dest="resume",
        action="store_const",
        const="continue",
        help="continue this scenario's autosave without asking (what the desktop game's "
        "Continue resumes); with --text on a terminal you are asked, with piped input a new "
        "game starts unless this is given",
    )
    choice.add_argument(
        "--new",
        dest="resume",
        action="store_const",
        const="new",
        help="start a new game without asking, even when an autosave exists (it is replaced "
        "after the first decision)",
    )


def new_game_options(args: argparse.Namespace) -> list[str]:
    """The options given that make this run a new game."""
    return [flag for flag, name in NEW_GAME_OPTIONS if getattr(args, name) not in (None, False, [])]


def resume_conflict(args: argparse.Namespace) -> str:
    """Why ``--continue`` cannot go with the other options given ("" when it can)."""
    given = new_game_options(args)
    if args.resume != "continue" or not given:
        return ""
    return (
        f"--continue picks up the autosave where it was left, in its own choice order; "
        f"it cannot be combined with {', '.join(given)}"
    )


def autosave_start(args: argparse.Namespace, scenario: Scenario, mode: Mode) -> Start | int:
    """How to begin ``scenario``: a new game, its autosave, or asking first; an exit code after
    saying why when ``--continue`` cannot be honoured."""
    from roleplay.learner._autosave import find_autosave

    wanted = args.resume == "continue"
    if args.resume == "new" or new_game_options(args) or not (args.text or wanted):
        return Start()
    try:
        saved = find_autosave(scenario)
    except SaveError as error:
        return _refuse(f"--continue: {error}", 1) if wanted else _new(f"{error}; starting anew")
    if saved is None:
        if wanted:
            return _refuse(f"--continue: '{scenario.id}' has no autosave yet (leave it out)", 2)
        return Start()
    problem = _cannot_continue(args, saved, mode)
    if problem:
        return _refuse(f"--continue: {problem}", 2) if wanted else _new(f"{problem}; new game")
    if wanted:
        return Start(saved)
    if saved.info.ended:
        return Start()
    if sys.stdin.isatty():
        return Start(saved, ask=True)
    return _new(
        f"input is not a terminal, so a new game starts; it replaces the saved one "
        f"({saved.describe()}) after its first decision. --continue continues that one, "
        "--new starts anew without this note"
    )


def save_file_start(args: argparse.Namespace, path: Path) -> tuple[Path, Scenario, SavedGame] | int:
    """The scenario file, the scenario and the game of the save file ``path`` given as
    SCENARIO, or an exit code after saying why it cannot be continued."""
    from roleplay.engine._loader import check_scenario_file
    from roleplay.engine._saves import read_save_info
    from roleplay.learner._autosave import read_saved_game

    given = new_game_options(args) + (["--new"] if args.resume == "new" else [])
    if given:
        return _refuse(
            f"{path.name} is a save file: it continues where it was saved, so it cannot be "
            f"combined with {', '.join(given)}",
            2,
        )
    try:
        scenario_id = read_save_info(path).scenario_id
    except SaveError as error:
        return _refuse(str(error), 1)
    scenario_path = _shipped(scenario_id)
    if scenario_path is None:
        return _refuse(
            f"{path.name} is a save of scenario '{scenario_id[:60]}', which is not a shipped "
            "scenario; give its scenario file instead (with --continue for its autosave)",
            2,
        )
    scenario, diagnostics = check_scenario_file(scenario_path, use_cache=not args.no_cache)
    if scenario is None:
        print_diagnostics(diagnostics, as_json=False)
        return 1
    try:
        saved = read_saved_game(path, scenario)
    except SaveError as error:
        return _refuse(str(error), 1)
    problem = _cannot_continue(args, saved, "assessment" if args.assessment else "practice")
    return _refuse(problem, 2) if problem else (scenario_path, scenario, saved)


def _cannot_continue(args: argparse.Namespace, saved: SavedGame, mode: Mode) -> str:
    """Why ``saved`` cannot be continued with these options ("" when it can)."""
    from roleplay.learner._autosave import assessment_problem

    if saved.assessment:
        problem = assessment_problem(saved)
        if problem:
            return problem
    elif mode == "assessment":
        return "the saved game is a practice game, which cannot continue as an assessment"
    if args.record and saved.state.origin is not None:
        return "the saved game did not begin at the scenario's start, so --record cannot replay it"
    return ""


def _shipped(scenario_id: str) -> Path | None:
    """The shipped scenario file with ``scenario_id`` as its name."""
    return next((path for path in find_scenarios() if path.stem == scenario_id), None)


def _refuse(message: str, code: int) -> int:
    say(f"roleplay play: {message}", sys.stderr)
    return code


def _new(note: str) -> Start:
    say(f"roleplay play: note: {note}", sys.stderr)
    return Start()
