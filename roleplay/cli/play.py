"""Learner commands: ``roleplay play`` (desktop game or terminal) and the bare ``roleplay``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.cli._common import add_no_cache, print_diagnostics, quiet_closed_stdout
from roleplay.engine._paths import resolve_scenario_argument
from roleplay.learner._text_io import say

if TYPE_CHECKING:
    from collections.abc import Sequence

    from roleplay.cli._play_saves import Start
    from roleplay.engine._scenario import Scenario
    from roleplay.engine._state import GameState, Mode

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> None:
    """Add the ``play`` sub-command."""
    from roleplay.cli._play_saves import add_resume_options

    play = commands.add_parser("play", help="play a scenario")
    play.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="scenario file or shipped id, or a save file to continue (e.g. an autosave)",
    )
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument(
        "--designer",
        action="store_true",
        help="start the desktop game in designer mode (F12 toggles it): node, meters, flags, "
        "conditions; jump to a node; save the run as a test",
    )
    play.add_argument(
        "--assessment", action="store_true", help="assessment mode: no taking choices back"
    )
    play.add_argument(
        "--json",
        action="store_true",
        help="with --text: transcript to stderr, a JSON result to stdout",
    )
    play.add_argument(
        "--record",
        metavar="FILE",
        help="with --text: write the playthrough to FILE (.playthrough.yaml)",
    )
    _add_order_options(play)
    add_no_cache(play)
    _add_start_options(play)
    add_resume_options(play)
    play.set_defaults(handler=_play)


def _add_order_options(play: argparse.ArgumentParser) -> None:
    """Choice order and the knowledge check, for the terminal player."""
    play.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="with --text: show the choices in the order seed N gives (default: a new order)",
    )
    play.add_argument(
        "--no-shuffle",
        action="store_true",
        help="with --text: show the choices in the order they are written (to check a scenario)",
    )
    play.add_argument(
        "--no-check",
        action="store_true",
        help="with --text: skip the scenario's knowledge check before and after play",
    )


def _add_start_options(play: argparse.ArgumentParser) -> None:
    """Where the run starts and with which meters and flags."""
    play.add_argument(
        "--from",
        dest="from_node",
        metavar="NODE",
        help="start at NODE instead of the scenario's start (try a scene without playing up to it)",
    )
    play.add_argument(
        "--set",
        dest="presets",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="start with a meter or flag set, e.g. --set trust=7 --set flags.asked_jo=true "
        "(repeatable; meters are clamped to their range)",
    )


def _play(args: argparse.Namespace) -> int:
    from roleplay.cli._play_saves import autosave_start
    from roleplay.engine._loader import check_scenario_file
    from roleplay.learner._autosave import is_save_file

    path = resolve_scenario_argument(args.scenario)
    if not path.exists():
        print(f"roleplay play: no such scenario: {args.scenario}", file=sys.stderr)
        return 2
    problem = _conflicting_options(args)
    if problem:
        say(f"roleplay play: {problem}", sys.stderr)
        return 2
    if path.is_file() and is_save_file(path):
        return _play_save_file(args, path)
    scenario, diagnostics = check_scenario_file(path, use_cache=not args.no_cache)
    if scenario is None:
        print_diagnostics(diagnostics, as_json=False)
        return 1
    mode: Mode = "assessment" if args.assessment else "practice"
    state = None
    if args.from_node is not None or args.presets:
        state = _start_state(scenario, args.from_node, args.presets, mode)
        if state is None:
            return 2
    start = autosave_start(args, scenario, mode)
    if isinstance(start, int):
        return start
    if not args.text:
        state = start.saved.state if start.saved is not None else state
        return run_game(scenario, mode, state=state, designer=args.designer)
    return _play_text(args, path, scenario, mode, state, start)


def _play_save_file(args: argparse.Namespace, path: Path) -> int:
    """Continue the save file given as SCENARIO, in the terminal or the desktop game."""
    from roleplay.cli._play_saves import Start, save_file_start

    found = save_file_start(args, path)
    if isinstance(found, int):
        return found
    scenario_path, scenario, saved = found
    if not args.text:
        return run_game(scenario, saved.state.mode, state=saved.state, designer=args.designer)
    return _play_text(args, scenario_path, scenario, saved.state.mode, None, Start(saved))


def _conflicting_options(args: argparse.Namespace) -> str:
    """Why the options asked for cannot go together ("" when they can)."""
    if args.record and (args.from_node is not None or args.presets):
        return (
            "--record cannot be combined with --from or --set "
            "(a playthrough file replays from the scenario's start)"
        )
    if args.designer and args.text:
        return "--designer is for the desktop game; the terminal player has no designer mode"
    from roleplay.cli._play_saves import resume_conflict

    return resume_conflict(args)


def _play_text(
    args: argparse.Namespace,
    path: Path,
    scenario: Scenario,
    mode: Mode,
    state: GameState | None,
    start: Start,
) -> int:
    """Play in the terminal (``--text``), continuing a saved game when ``start`` says so (or
    asking first), then write ``--record`` when asked."""
    from roleplay.authoring.solver import expert_path
    from roleplay.learner.text import play_text

    out = sys.stderr if args.json else sys.stdout
    from_start = state is None and (start.saved is None or start.saved.state.origin is None)
    code, taken = play_text(
        scenario,
        sys.stdin,
        out,
        as_json=args.json,
        mode=mode,
        state=state,
        seed=args.seed,
        shuffle=not args.no_shuffle,
        check=not args.no_check,
        expert=(lambda s, ids: expert_path(s, ids)) if from_start else None,
        saved=start.saved,
        ask=start.ask,
    )
    quiet_closed_stdout()  # a closed pipe still records what was played so far
    if code == 0 and args.record and taken:
        return _record(args.record, path, scenario, taken)
    return code


def _record(target: str, path: Path, scenario: Scenario, numbers: list[str]) -> int:
    """Write the text run as a playthrough test; 1 with a message when it cannot be written."""
    from roleplay.engine._playthrough import record_playthrough

    try:
        record_playthrough(Path(target), path, scenario, numbers)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"roleplay play: cannot write {target}: {reason}", file=sys.stderr)
        return 1
    print(f"recorded {target}", file=sys.stderr)
    return 0


def _start_state(
    scenario: Scenario, node: str | None, presets: list[str], mode: Mode
) -> GameState | None:
    """The state for ``--from``/``--set``, or None after saying what is wrong."""
    from roleplay.engine._errors import StartError
    from roleplay.engine._start import parse_presets, start_state

    try:
        meters, flags = parse_presets(scenario, presets)
    except StartError as error:
        print(f"roleplay play: --set {error}", file=sys.stderr)
        return None
    try:
        state = start_state(scenario, node, meters=meters, flags=flags, mode=mode)
    except StartError as error:
        print(f"roleplay play: --from {node!r}: {error}", file=sys.stderr)
        return None
    for name, wanted in meters.items():
        if state.meters[name] != wanted:
            meter = scenario.meters[name]
            print(
                f"roleplay play: note: {meter.label} goes from {meter.min} to {meter.max}; "
                f"starting it at {state.meters[name]}, not {wanted}",
                file=sys.stderr,
            )
    return state


def run_game(
    scenario: Scenario | None = None,
    mode: str = "practice",
    *,
    state: GameState | None = None,
    designer: bool = False,
) -> int:
    """Open the desktop game (at the title, or straight into ``scenario``, at ``state``; in
    designer mode with ``designer``); its debriefs show the expert's road the solver finds."""
    try:
        from roleplay.learner.desktop import run_game
    except ImportError as exc:
        print(f"roleplay: the desktop game is not available ({exc})", file=sys.stderr)
        return 1
    return int(run_game(scenario, mode=mode, state=state, designer=designer, expert=_expert_road))


def _expert_road(scenario: Scenario, taken: Sequence[str]) -> Sequence[str] | None:
    """The solver's road to a goal ending that follows ``taken`` as long as it can."""
    from roleplay.authoring.solver import expert_path

    return expert_path(scenario, taken)
