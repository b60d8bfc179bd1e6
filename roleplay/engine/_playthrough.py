"""Playthrough files (``*.playthrough.yaml``): recorded choices and the expected outcome.

Like Yarn Spinner's ``.testplan``: a designer (or a learner, with "Save as test") records a run
once and ``roleplay test`` replays it (see :mod:`roleplay.authoring._testing`). This module owns
the file format: reading it (upgrading older versions) and recording a run into it.

Format 3 names each choice by its id, so a file survives the shuffled order. A choice written
without an id has only its place for an id (``NODE.N``), which an inserted or moved choice
changes, so format 3 records such a choice with its text too (``{id: meeting.1, text: ...}``)
and ``roleplay test`` finds it by that text when it has moved. Format 2 gave ids alone; format 1
(no ``format:`` key) gave 1-based numbers among the choices as written. :func:`read_playthrough`
reads both, and :func:`upgrade_playthrough` rewrites them as format 3, with the texts the
scenario has now.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator
from pydantic_core import PydanticCustomError

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
PLAYTHROUGH_FORMAT = 3
#: The format that gave choice ids without texts.
IDS_ONLY_FORMAT = 2
#: Most decisions a playthrough may record.
MAX_DECISIONS = 10_000
#: Characters a YAML reader takes for a line break or refuses as unprintable (all in the BMP, so
#: one ``\uXXXX`` escape each).
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
ChoiceNumber = Annotated[int, Field(ge=1, le=1_000)]
#: A choice id: an id, or NODE.N for a choice written without one.
ChoiceId = Annotated[str, Field(pattern=ID_PATTERN.rstrip("$") + r"(\.[0-9]+)?$", max_length=200)]
#: The id of a choice written without one: NODE.N, its 1-based place among the node's choices.
PLACE_ID = re.compile(ID_PATTERN.rstrip("$") + r"\.[0-9]+$")


class RecordedChoice(BaseModel):
    """A choice written without an id, as recorded: its place then, and its text then."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(
        max_length=200, description="NODE.N: the choice's place when the run was recorded."
    )
    text: str = Field(min_length=1, description="The choice's text when the run was recorded.")

    @field_validator("id")
    @classmethod
    def _a_place(cls, value: str) -> str:
        if PLACE_ID.match(value) is None:
            raise PydanticCustomError(
                "place_id",
                "'{id}' is not a place (NODE.N): only a choice written without an id is "
                "recorded with its text; write a choice that has an id as that id alone",
                {"id": value},
            )
        return value

    @property
    def node(self) -> str:
        """The node the choice was recorded at."""
        return self.id.rpartition(".")[0]


#: A choice in a playthrough file: an id, a recorded choice without one, or (format 1) a number.
Recorded = str | int | RecordedChoice


def _entry_kind(value: Any) -> str:
    """Which kind of ``choices`` entry a value is (so an error names only that kind)."""
    if isinstance(value, dict | BaseModel):
        return "mapping"
    return "number" if isinstance(value, int) and not isinstance(value, bool) else "text"


_ChoiceEntry = Annotated[
    Annotated[ChoiceId, Tag("text")]
    | Annotated[ChoiceNumber, Tag("number")]
    | Annotated[RecordedChoice, Tag("mapping")],
    Discriminator(_entry_kind),
]


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
    format: int = Field(
        1, ge=1, description="Playthrough format: 3 names choices by id, with texts for NODE.N."
    )
    scenario: str = Field(description="Scenario file, relative to this file.")
    description: str = Field("", description="What this run plays.")
    choices: tuple[_ChoiceEntry, ...] = Field(
        max_length=MAX_DECISIONS,
        description="Choice ids in order, {id: NODE.N, text: ...} for a choice written without "
        "an id (format 1: 1-based numbers among the choices as written).",
    )
    expect: Expectation

    @property
    def choice_refs(self) -> tuple[str | int, ...]:
        """The choices as ids (numbers in format 1), without the recorded texts."""
        return tuple(c.id if isinstance(c, RecordedChoice) else c for c in self.choices)


def read_playthrough(path: Path, *, as_ids: bool = True) -> PlaythroughSpec:
    """Parse a playthrough file; a format 1 file is upgraded to format 3 (choices as ids, with
    the texts of those written without one, as the scenario has them now).

    Raises PlaythroughError with a located message; a format 1 file whose numbers no longer fit
    its scenario, or whose scenario cannot be read, raises PlaythroughError or ScenarioError.
    With ``as_ids=False`` a format 1 file keeps its numbers (as ``roleplay test`` reports on a
    number that no longer fits). A format 2 file is read as it is: ids without texts.
    """
    spec = _read(path)
    if spec.format == 1:
        others = [c for c in spec.choices if not isinstance(c, int)]
        if others:
            raise PlaythroughError(
                f"{path}: format 1 numbers choices, but '{_shown(others[0])}' is not a number"
            )
        return _upgraded(path, spec) if as_ids else spec
    if spec.format > PLAYTHROUGH_FORMAT:
        raise PlaythroughError(
            f"{path}: playthrough format {spec.format} is newer than this roleplay reads"
        )
    for step, choice in enumerate(spec.choices, start=1):
        if isinstance(choice, int):
            raise PlaythroughError(
                f"{path}: format {spec.format} names choices by id, but choice {step} is the "
                f"number {choice}"
            )
        if isinstance(choice, RecordedChoice) and spec.format == IDS_ONLY_FORMAT:
            raise PlaythroughError(
                f"{path}: choice {step} ({choice.id}) has a text, which format 2 does not "
                f"record: make the file 'format: {PLAYTHROUGH_FORMAT}'"
            )
    return spec


def _shown(choice: Recorded) -> str:
    return choice.id if isinstance(choice, RecordedChoice) else str(choice)


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
    """The spec as format 3: numbers (format 1, among the choices as written) turned into ids,
    and each choice named by its place alone given its text as the scenario has it now."""
    scenario = load_scenario(path.parent / spec.scenario)
    choices: Sequence[str | RecordedChoice] = [c for c in spec.choices if not isinstance(c, int)]
    if spec.format == 1:
        try:
            choices = choice_ids(scenario, spec.choice_refs)
        except ChoiceError as error:
            raise PlaythroughError(
                f"{path}: cannot turn format 1 numbers into ids: {error}"
            ) from None
    texts = with_texts(scenario, choices)
    return spec.model_copy(update={"format": PLAYTHROUGH_FORMAT, "choices": texts})


def with_texts(
    scenario: Scenario, choices: Sequence[str | RecordedChoice]
) -> tuple[str | RecordedChoice, ...]:
    """The choices as a format 3 file records them: a choice written without an id, named by
    its place (``NODE.N``), with its text, so that it can be found when it moves. A recorded
    text is kept; an id the scenario does not have stays as it is (``roleplay test`` says so).
    """
    recorded: list[str | RecordedChoice] = []
    for choice_id in choices:
        choice = (
            None if isinstance(choice_id, RecordedChoice) else scenario.choice_index.get(choice_id)
        )
        if choice is not None and choice.spec.id is None:
            recorded.append(RecordedChoice(id=choice.id, text=choice.text))
        else:
            recorded.append(choice_id)
    return tuple(recorded)


def upgrade_playthrough(path: Path) -> bool:
    """Rewrite a file in place as format 3 with the texts of its choices named by their place
    alone (a format 1 or 2 file, or a format 3 file written by hand); False when there is
    nothing to add.

    The texts are taken from the scenario as it is, so upgrade before moving choices around.
    """
    spec = _read(path)
    by_place_alone = [c for c in spec.choices if isinstance(c, str) and PLACE_ID.match(c)]
    if spec.format == PLAYTHROUGH_FORMAT and not by_place_alone:
        return False
    read_playthrough(path, as_ids=False)  # the format's own checks, with their messages
    write_text_atomic(path, render_playthrough(_upgraded(path, spec)))
    return True


def render_playthrough(spec: PlaythroughSpec) -> str:
    """The text of a playthrough file (format 3)."""
    expect = spec.expect
    lines = [
        f"format: {PLAYTHROUGH_FORMAT}",
        f"scenario: {json.dumps(spec.scenario)}",
        f"description: {_quoted(spec.description)}",
        "choices:",
        *(f"  - {_choice_text(c)}" for c in spec.choices),
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


def _choice_text(choice: Recorded) -> str:
    """One entry of ``choices:``: an id, or ``{id: NODE.N, text: "..."}``."""
    if isinstance(choice, RecordedChoice):
        return f"{{id: {choice.id}, text: {_quoted(choice.text)}}}"
    return _scalar(str(choice))


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML string that reads back as itself: JSON's quoting, with
    the characters YAML would read as line breaks or refuse as unprintable escaped too."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


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
    has not ended expects no ending: it must stop where it stopped, so its path is kept. A
    choice written without an id is recorded with its text (see :func:`with_texts`)."""
    state = replay(scenario, choices).state
    ids = [step.choice_id for step in state.history]
    ending = state.ending
    reaching = f"reaching {ending}" if ending else f"stopping at {state.node} before an ending"
    spec = PlaythroughSpec(
        format=PLAYTHROUGH_FORMAT,
        scenario=_relative(scenario_path, target.parent),
        description=f"Recorded playthrough {reaching}.",
        choices=with_texts(scenario, ids),
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
