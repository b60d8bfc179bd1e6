"""The validator of save files: what a save may hold, with bounds on every number and text.

A save is JSON the game wrote, but it lives in the user's folder where anything can happen to
it. :func:`check_save` accepts only documents the game could have written (after upgrading old
formats), so that ``read_save_info`` never offers a save that ``load_game`` would then refuse.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

#: Most decisions a save may record (a long playthrough has a few dozen).
MAX_HISTORY = 10_000
#: Largest meter value, visit count or line number a save may hold.
MAX_COUNT = 1_000_000_000

Name = Annotated[StrictStr, Field(max_length=200)]
Text = Annotated[StrictStr, Field(max_length=20_000)]
Count = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)]
Signed = Annotated[StrictInt, Field(ge=-MAX_COUNT, le=MAX_COUNT)]
#: Knowledge-check answers of one phase: option indices, -1 for a question left unanswered.
Answer = Annotated[StrictInt, Field(ge=-1, le=1_000)]
CheckAnswers = Annotated[list[Answer], Field(max_length=1_000)]


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class SavedStep(_Lenient):
    """One decision in a save's history."""

    node: Name
    choice_id: Name
    choice_text: Text = ""
    technique: Name = ""
    deltas: dict[Name, Signed] = Field(max_length=1_000)
    meters_after: dict[Name, Signed] = Field(max_length=1_000)


class SavedState(_Lenient):
    """The game state inside a save."""

    version: Annotated[StrictInt, Field(ge=1)] = 1
    scenario_id: Name
    node: Name
    meters: dict[Name, Signed] = Field(max_length=1_000)
    flags: dict[Name, StrictBool] = Field(max_length=10_000)
    visits: dict[Name, Count] = Field(default_factory=dict, max_length=10_000)
    chosen: dict[Name, Count] = Field(default_factory=dict, max_length=100_000)
    history: list[SavedStep] = Field(default_factory=list, max_length=MAX_HISTORY)
    path: list[Name] = Field(default_factory=list, max_length=MAX_HISTORY * 10)
    ending: Name | None = None
    mode: Literal["practice", "assessment"] = "practice"
    last_choice: Name | None = None
    line: Count = 0
    taken_back: Count = 0
    seed: Annotated[StrictInt, Field(ge=0, le=2**64)] | None = None
    check: dict[Literal["before", "after"], CheckAnswers] = Field(default_factory=dict)
    run_id: Name = ""
    origin: SavedState | None = None


class SaveDocument(_Lenient):
    """A whole save file (current format)."""

    format: StrictInt
    scenario_id: Name
    scenario_title: Text = ""
    scenario_hash: Name = ""
    saved_at: Name = ""
    label: Text = ""
    state: SavedState


def check_save(data: dict[str, Any]) -> str | None:
    """Why ``data`` is not a save the game could have written, or None when it is."""
    try:
        SaveDocument.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the save"
        return f"{where}: {first['msg'].lower()}"
    return None
