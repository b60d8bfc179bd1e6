"""Playthrough files (``*.playthrough.yaml``): recorded choices and the expected outcome.

Like Yarn Spinner's ``.testplan``: a designer (or a learner, with "Save as test") records a run
once and ``roleplay test`` replays it (see :mod:`roleplay.authoring._testing`). This module owns
the file format: reading it and recording a run into it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from roleplay.engine._atomic import write_text_atomic
from roleplay.engine._document import read_document
from roleplay.engine._errors import PlaythroughError, ScenarioError
from roleplay.engine._loader import validate_shape
from roleplay.engine._model import Whole
from roleplay.engine._replay import choice_numbers, replay
from roleplay.engine._scenario import Scenario

#: The suffix that marks a playthrough file.
SUFFIX = ".playthrough.yaml"
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
    flags: dict[str, bool] = Field(
        default_factory=dict, description="Flags that must be true or false at the end."
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


def record_playthrough(
    target: Path, scenario_path: Path, scenario: Scenario, choices: list[int]
) -> None:
    """Write a playthrough file for a run, expecting the ending and meters it reached."""
    runner = replay(scenario, choices)
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


def record_state(target: Path, scenario: Scenario, choice_ids: list[str]) -> None:
    """Write a playthrough file for a run given by its choice ids (e.g. from the game)."""
    if scenario.path is None:
        raise PlaythroughError("this scenario has no file to refer to")
    record_playthrough(target, scenario.path, scenario, choice_numbers(scenario, choice_ids))


def _relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (with ``..`` when needed), so the file can be moved
    together with the scenario and committed."""
    return os.path.relpath(path.resolve(), folder.resolve()).replace(os.sep, "/")
