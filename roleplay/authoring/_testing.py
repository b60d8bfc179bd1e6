"""``roleplay test``: replay playthrough files and compare each run with what it expects.

The file format (and recording a run) is the engine's: :mod:`roleplay.engine._playthrough`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roleplay.engine._errors import ChoiceError
from roleplay.engine._loader import load_scenario
from roleplay.engine._playthrough import SUFFIX, Expectation, read_playthrough
from roleplay.engine._replay import replay
from roleplay.engine._runtime import Runner


@dataclass(frozen=True)
class Outcome:
    """The result of replaying one playthrough."""

    file: Path
    ok: bool
    problems: tuple[str, ...]
    ending: str | None
    meters: dict[str, int]


def check_playthrough(path: Path, *, roundtrip: bool = False) -> Outcome:
    """Replay a playthrough file and compare with its expectations.

    With ``roundtrip`` the state goes through a save and load at every decision. Raises
    PlaythroughError or ScenarioError when the file or its scenario cannot be read.
    """
    spec = read_playthrough(path)
    scenario = load_scenario(path.parent / spec.scenario)
    try:
        runner = replay(scenario, spec.choices, roundtrip=roundtrip)
    except ChoiceError as error:
        return Outcome(path, False, (str(error),), None, {})
    problems = _compare(spec.expect, runner)
    return Outcome(
        path, not problems, tuple(problems), runner.state.ending, dict(runner.state.meters)
    )


def _compare(expect: Expectation, runner: Runner) -> list[str]:
    """What differs between the run and the expectation, in words (nothing when it passes)."""
    state = runner.state
    problems = []
    if runner.scenario.ending(expect.ending) is None:
        known = ", ".join(e.id for e in runner.scenario.endings)
        problems.append(f"the expected ending '{expect.ending}' does not exist (endings: {known})")
    if not runner.is_over:
        problems.append(f"the choices ran out at node '{state.node}' before an ending")
    elif state.ending != expect.ending:
        problems.append(f"expected ending '{expect.ending}', reached '{state.ending}'")
    for meter, wanted in expect.meters.items():
        value = state.meters.get(meter)
        low, high = (wanted, wanted) if isinstance(wanted, int) else wanted
        if value is None or not low <= value <= high:
            shown = wanted if isinstance(wanted, int) else f"{low}..{high}"
            problems.append(f"meter '{meter}' is {value}, expected {shown}")
    if expect.path is not None and tuple(state.path) != expect.path:
        problems.append(f"path differs: {' > '.join(state.path)}")
    return problems


def find_playthroughs(root: Path) -> list[Path]:
    """Playthrough files under ``root`` (a file or folder)."""
    if root.is_file():
        return [root]
    return sorted(root.rglob(f"*{SUFFIX}"))
