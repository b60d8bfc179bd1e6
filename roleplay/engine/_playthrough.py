"""Playthrough files (``*.playthrough.yaml``): recorded choices and the expected outcome.

Like Yarn Spinner's ``.testplan``: a designer records a run once and the test suite replays it,
also after a save/load round trip at every decision.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from roleplay.engine._atomic import write_text_atomic
from roleplay.engine._errors import ChoiceError, PlaythroughError, ScenarioError
from roleplay.engine._loader import load_scenario, read_document, validate_shape
from roleplay.engine._model import Whole
from roleplay.engine._runtime import Runner
from roleplay.engine._saves import adapt_state
from roleplay.engine._scenario import Scenario

#: Most decisions a playthrough may record.
MAX_DECISIONS = 10_000
ChoiceNumber = Annotated[int, Field(ge=1, le=1_000)]


class Expectation(BaseModel):
    """What the run must end with."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    ending: str = Field(description="Expected ending id.")
    meters: dict[str, Whole | tuple[Whole, Whole]] = Field(
        default_factory=dict, description="Exact values or [min, max] ranges."
    )
    path: tuple[str, ...] | None = Field(None, description="Expected node ids, in order.")


class PlaythroughSpec(BaseModel):
    """A playthrough file."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    scenario: str = Field(description="Scenario file, relative to this file.")
    description: str = Field("", description="What this run plays.")
    choices: tuple[ChoiceNumber, ...] = Field(
        max_length=MAX_DECISIONS, description="1-based choice numbers at each decision."
    )
    expect: Expectation


@dataclass(frozen=True)
class Outcome:
    """The result of replaying one playthrough."""

    file: Path
    ok: bool
    problems: tuple[str, ...]
    ending: str | None
    meters: dict[str, int]


def read_playthrough(path: Path) -> PlaythroughSpec:
    """Parse a playthrough file; raises PlaythroughError with a located message."""
    try:
        doc = read_document(path)
    except ScenarioError as error:
        raise PlaythroughError(error.diagnostics[0].format()) from None
    spec = validate_shape(doc, PlaythroughSpec, "playthrough")
    if not isinstance(spec, PlaythroughSpec):
        raise PlaythroughError("\n".join(d.format() for d in doc.sink.items))
    return spec


def replay(scenario: Scenario, choices: tuple[int, ...], *, roundtrip: bool = False) -> Runner:
    """Play ``choices`` (1-based); with ``roundtrip`` the state goes through JSON at each step."""
    runner = Runner(scenario)
    for step, number in enumerate(choices, start=1):
        runner.advance_to_decision()
        if runner.is_over:
            raise ChoiceError(f"decision {step}: the scenario already ended")
        try:
            runner.choose(number - 1)
        except ChoiceError as error:
            raise ChoiceError(f"decision {step} at node '{runner.state.node}': {error}") from None
        if roundtrip:
            state = adapt_state(json.loads(json.dumps(runner.state.to_json())), scenario)
            assert state is not None
            runner = Runner(scenario, state)
    runner.advance_to_decision()
    return runner


def check_playthrough(path: Path, *, roundtrip: bool = False) -> Outcome:
    """Replay a playthrough file and compare with its expectations."""
    spec = read_playthrough(path)
    scenario = load_scenario(path.parent / spec.scenario)
    try:
        runner = replay(scenario, spec.choices, roundtrip=roundtrip)
    except ChoiceError as error:
        return Outcome(path, False, (str(error),), None, {})
    problems = list(_compare(spec.expect, runner))
    return Outcome(
        path, not problems, tuple(problems), runner.state.ending, dict(runner.state.meters)
    )


def _compare(expect: Expectation, runner: Runner) -> list[str]:
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


def record_playthrough(
    target: Path, scenario_path: Path, scenario: Scenario, choices: list[int]
) -> None:
    """Write a playthrough file for a run, expecting the ending and meters it reached."""
    runner = replay(scenario, tuple(choices))
    relative = _relative(scenario_path, target.parent)
    meters = ", ".join(f"{k}: {v}" for k, v in runner.state.meters.items())
    text = (
        f"scenario: {json.dumps(relative)}\n"
        f"description: Recorded playthrough reaching {runner.state.ending}.\n"
        f"choices: {json.dumps(choices)}\n"
        "expect:\n"
        f"  ending: {runner.state.ending}\n"
        f"  meters: {{{meters}}}\n"
    )
    write_text_atomic(target, text)


def choice_numbers(scenario: Scenario, choice_ids: list[str]) -> list[int]:
    """The 1-based numbers (as the text player shows them) of a run given by choice ids."""
    runner = Runner(scenario)
    numbers = []
    for choice_id in choice_ids:
        runner.advance_to_decision()
        shown = [choice.id for choice, _ in runner.visible_choices()]
        if choice_id not in shown:
            raise ChoiceError(f"choice '{choice_id}' is not offered at '{runner.state.node}'")
        numbers.append(shown.index(choice_id) + 1)
        runner.choose_id(choice_id)
    return numbers


def record_state(target: Path, scenario: Scenario, choice_ids: list[str]) -> None:
    """Write a playthrough file for a run given by its choice ids (e.g. from the game)."""
    if scenario.path is None:
        raise PlaythroughError("this scenario has no file to refer to")
    record_playthrough(target, scenario.path, scenario, choice_numbers(scenario, choice_ids))


def _relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (with ``..`` when needed), so the file can be moved
    together with the scenario and committed."""
    return os.path.relpath(path.resolve(), folder.resolve()).replace(os.sep, "/")


def find_playthroughs(root: Path) -> list[Path]:
    """Playthrough files under ``root`` (a file or folder)."""
    if root.is_file():
        return [root]
    return sorted(root.rglob("*.playthrough.yaml"))
