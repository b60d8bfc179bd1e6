"""Playthrough files (``*.playthrough.yaml``): recorded choices and the expected outcome.

Like Yarn Spinner's ``.testplan``: a designer (or a learner, with "Save as test") records a run
once and ``roleplay test`` replays it (see :mod:`roleplay.authoring._testing`). This module owns
the file format: reading it (upgrading older versions) and recording a run into it.

Format 2 names each choice by its id, so a file survives shuffled choices and edits that move
choices around. Format 1 (no ``format:`` key) gave 1-based numbers among the choices as written;
:func:`read_playthrough` turns them into ids, and :func:`upgrade_playthrough` rewrites the file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field

from roleplay.engine._atomic import write_text_atomic
from roleplay.engine._document import read_document
from roleplay.engine._errors import ChoiceError, PlaythroughError, ScenarioError
from roleplay.engine._loader import load_scenario, validate_shape
from roleplay.engine._model import ID_PATTERN, Whole
from roleplay.engine._replay import choice_ids, replay
from roleplay.engine._scenario import Scenario

#: The suffix that marks a playthrough file.
SUFFIX = ".playthrough.yaml"
#: The playthrough format this version writes.
PLAYTHROUGH_FORMAT = 2
#: Most decisions a playthrough may record.
MAX_DECISIONS = 10_000
ChoiceNumber = Annotated[int, Field(ge=1, le=1_000)]
#: A choice id: an id, or NODE.N for a choice written without one.
ChoiceId = Annotated[str, Field(pattern=ID_PATTERN.rstrip("$") + r"(\.[0-9]+)?$", max_length=200)]


class Expectation(BaseModel):
    """What the run must end with (or, without ``ending``, where it must stop unfinished)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    ending: str | None = Field(
        None,
        description="Expected ending id. Left out for a run recorded before its end (the game's "
        "designer mode): the run must then stop before an ending, where ``path`` says.",
    )
    meters: dict[str, Whole | tuple[Whole, Whole]] = Field(
        default_factory=dict, description="Exact values or [min, max] ranges."
    )
    flags: dict[str, bool] = Field(
        default_factory=dict, description="Flags that must be true or false at the end."
    )
    path: tuple[str, ...] | None = Field(None, description="Expected node ids, in order.")


class PlaythroughSpec(BaseModel):
    """A playthrough file (``choices`` are ids once read; see :func:`read_playthrough`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    format: int = Field(1, ge=1, description="Playthrough format: 2 names choices by id.")
    scenario: str = Field(description="Scenario file, relative to this file.")
    description: str = Field("", description="What this run plays.")
    choices: tuple[ChoiceId | ChoiceNumber, ...] = Field(
        max_length=MAX_DECISIONS,
        description="Choice ids in order (format 1: 1-based numbers among the choices as written).",
    )
    expect: Expectation


def read_playthrough(path: Path, *, as_ids: bool = True) -> PlaythroughSpec:
    """Parse a playthrough file, upgraded to format 2 (choices as ids).

    Raises PlaythroughError with a located message; a format 1 file whose numbers no longer fit
    its scenario, or whose scenario cannot be read, raises PlaythroughError or ScenarioError.
    With ``as_ids=False`` a format 1 file keeps its numbers (as ``roleplay test`` reports on a
    number that no longer fits).
    """
    spec = _read(path)
    if spec.format == 1:
        strings = [c for c in spec.choices if isinstance(c, str)]
        if strings:
            raise PlaythroughError(f"{path}: format 1 numbers choices, but '{strings[0]}' is not")
        return _upgraded(path, spec) if as_ids else spec
    if spec.format != PLAYTHROUGH_FORMAT:
        raise PlaythroughError(
            f"{path}: playthrough format {spec.format} is newer than this roleplay reads"
        )
    numbers = [c for c in spec.choices if not isinstance(c, str)]
    if numbers:
        raise PlaythroughError(
            f"{path}: format 2 names choices by id, but choice {numbers[0]} is a number"
        )
    return spec


def _read(path: Path) -> PlaythroughSpec:
    try:
        doc = read_document(path)
    except ScenarioError as error:
        raise PlaythroughError(error.diagnostics[0].format()) from None
    spec = validate_shape(doc, PlaythroughSpec, "playthrough")
    if not isinstance(spec, PlaythroughSpec):
        raise PlaythroughError("\n".join(d.format() for d in doc.sink.items))
    return spec


def _upgraded(path: Path, spec: PlaythroughSpec) -> PlaythroughSpec:
    """A format 1 spec with its numbers (among the choices as written) turned into ids."""
    scenario = load_scenario(path.parent / spec.scenario)
    try:
        ids = choice_ids(scenario, spec.choices)
    except ChoiceError as error:
        raise PlaythroughError(f"{path}: cannot turn format 1 numbers into ids: {error}") from None
    return spec.model_copy(update={"format": PLAYTHROUGH_FORMAT, "choices": tuple(ids)})


def upgrade_playthrough(path: Path) -> bool:
    """Rewrite a format 1 file in place as format 2 (ids); False when it already is format 2."""
    if _read(path).format == PLAYTHROUGH_FORMAT:
        return False
    spec = read_playthrough(path)
    write_text_atomic(path, render_playthrough(spec))
    return True


def render_playthrough(spec: PlaythroughSpec) -> str:
    """The text of a playthrough file (format 2)."""
    expect = spec.expect
    lines = [
        f"format: {PLAYTHROUGH_FORMAT}",
        f"scenario: {json.dumps(spec.scenario)}",
        f"description: {json.dumps(spec.description, ensure_ascii=False)}",
        "choices:",
        *(f"  - {_scalar(str(c))}" for c in spec.choices),
        "expect:",
    ]
    if expect.ending is not None:
        lines.append(f"  ending: {_scalar(expect.ending)}")
    if expect.meters:
        meters = ", ".join(f"{k}: {json.dumps(v)}" for k, v in expect.meters.items())
        lines.append(f"  meters: {{{meters}}}")
    if expect.flags:
        flags = ", ".join(f"{k}: {json.dumps(v)}" for k, v in expect.flags.items())
        lines.append(f"  flags: {{{flags}}}")
    if expect.path is not None:
        lines.append(f"  path: [{', '.join(_scalar(n) for n in expect.path)}]")
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when it reads back as itself, else quoted."""
    try:
        plain = yaml.safe_load(text) == text and ":" not in text and "#" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text)


def record_playthrough(
    target: Path,
    scenario_path: Path,
    scenario: Scenario,
    choices: Sequence[str | int],
    *,
    with_path: bool = False,
) -> None:
    """Write a playthrough file for a run (choice ids, or numbers as written), expecting the
    ending and meters it reached (and, ``with_path``, the nodes it went through). A run that
    has not ended expects no ending: it must stop where it stopped, so its path is kept."""
    state = replay(scenario, choices).state
    ids = [step.choice_id for step in state.history]
    ending = state.ending
    reaching = f"reaching {ending}" if ending else f"stopping at {state.node} before an ending"
    spec = PlaythroughSpec(
        format=PLAYTHROUGH_FORMAT,
        scenario=_relative(scenario_path, target.parent),
        description=f"Recorded playthrough {reaching}.",
        choices=tuple(ids),
        expect=Expectation(
            ending=ending,
            meters=dict(state.meters),
            flags=dict(state.flags) if with_path else {},
            path=tuple(state.path) if with_path or ending is None else None,
        ),
    )
    write_text_atomic(target, render_playthrough(spec))


def record_state(target: Path, scenario: Scenario, choice_ids: list[str]) -> None:
    """Write a playthrough file for a run given by its choice ids (e.g. from the game), with
    the path, flags and meters it reached (its ending when it has one)."""
    if scenario.path is None:
        raise PlaythroughError("this scenario has no file to refer to")
    record_playthrough(target, scenario.path, scenario, choice_ids, with_path=True)


def _relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (with ``..`` when needed), so the file can be moved
    together with the scenario and committed."""
    return os.path.relpath(path.resolve(), folder.resolve()).replace(os.sep, "/")
