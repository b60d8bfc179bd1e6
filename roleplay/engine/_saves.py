"""Save files: JSON holding only state, with a format version, scenario id and content hash."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from roleplay.engine._atomic import write_text_atomic
from roleplay.engine._errors import SaveError
from roleplay.engine._files import FileProblem, read_json_bounded
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import GameState

SAVE_FORMAT = 3
MAX_SAVE_BYTES = 5_000_000

Upgrader = Callable[[dict[str, Any]], dict[str, Any]]


def _upgrade_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 kept no label or scenario title; add empty ones."""
    data = dict(data)
    data.setdefault("label", "")
    data.setdefault("scenario_title", data.get("scenario_id", ""))
    data["format"] = 2
    return data


def _upgrade_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3 states carry their run id; the state's own upgraders add it to older ones (so
    that an older roleplay refuses a format-3 save as newer, not as corrupt)."""
    data = dict(data)
    data["format"] = 3
    return data


#: Upgraders by the format they upgrade from, applied in order (ink's StoryState model).
UPGRADERS: dict[int, Upgrader] = {1: _upgrade_1_to_2, 2: _upgrade_2_to_3}


@dataclass(frozen=True)
class SaveInfo:
    """What a save slot shows without loading the scenario."""

    path: Path
    scenario_id: str
    scenario_title: str
    node: str
    label: str
    saved_at: str
    decisions: int
    ended: bool
    scene_title: str = ""  # the nearest node title when saved ("" for untitled or older saves)
    mode: str = "practice"  # "practice" | "assessment"
    run_id: str = ""  # the playthrough it belongs to ("" for saves older than format 3)


def save_game(path: Path | str, scenario: Scenario, state: GameState, *, label: str = "") -> None:
    """Write a save atomically."""
    document = {
        "format": SAVE_FORMAT,
        "scenario_id": scenario.id,
        "scenario_title": scenario.title,
        "scenario_hash": scenario.content_hash,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "label": label,
        "scene_title": scenario.nearest_title(state.path or [state.node]) or "",
        "state": state.to_json(),
    }
    write_text_atomic(path, json.dumps(document, indent=1, ensure_ascii=False))


def _read(path: Path | str, *, scenario_id: str | None = None) -> dict[str, Any]:
    """The save in ``path``, read through the bounded reader, upgraded and validated.

    With ``scenario_id``, a save of another scenario is refused as such before validation.
    """
    target = Path(path)
    try:
        data = read_json_bounded(target, MAX_SAVE_BYTES)
    except FileProblem as problem:
        if problem.reason == "missing":
            raise SaveError(f"{target.name}: no such save") from None
        if problem.reason == "corrupt":
            raise SaveError(f"{target.name}: the save is corrupt ({problem.message})") from None
        raise SaveError(f"{target.name}: cannot read the save ({problem.message})") from None
    if not isinstance(data, dict) or "format" not in data:
        raise SaveError(f"{target.name}: this is not a roleplay save")
    data = _upgrade(data, target.name)
    if scenario_id is not None and data.get("scenario_id") != scenario_id:
        raise SaveError(
            f"{target.name}: this save belongs to scenario '{str(data.get('scenario_id'))[:60]}', "
            f"not '{scenario_id}'"
        )
    from roleplay.engine._savecheck import check_save  # its pydantic models: only when reading

    invalid = check_save(data)
    if invalid is not None:
        raise SaveError(f"{target.name}: the save is corrupt ({invalid})")
    return data


def _upgrade(data: dict[str, Any], name: str) -> dict[str, Any]:
    version = data.get("format")
    if not isinstance(version, int):
        raise SaveError(f"{name}: the save has no valid format version")
    if version > SAVE_FORMAT:
        raise SaveError(
            f"{name}: the save was made by a newer version of roleplay (format {version})"
        )
    while version < SAVE_FORMAT:
        upgrader = UPGRADERS.get(version)
        if upgrader is None:
            raise SaveError(f"{name}: save format {version} is too old to read")
        data = upgrader(data)
        version = data["format"]
    return data


def read_save_info(path: Path | str) -> SaveInfo:
    """The header of a save for a slot list; raises SaveError when corrupt or outdated."""
    data = _read(path)
    try:
        state = data["state"]
        return SaveInfo(
            path=Path(path),
            scenario_id=str(data["scenario_id"]),
            scenario_title=str(data.get("scenario_title", data["scenario_id"])),
            node=str(state["node"]),
            label=str(data.get("label", "")),
            saved_at=str(data.get("saved_at", "")),
            decisions=len(state.get("history", [])),
            ended=state.get("ending") is not None,
            scene_title=str(data.get("scene_title") or ""),
            mode=str(state.get("mode", "practice")),
            run_id=str(state.get("run_id", "")),
        )
    except (KeyError, TypeError, AttributeError):
        raise SaveError(f"{Path(path).name}: the save is corrupt (fields missing)") from None


def load_game(path: Path | str, scenario: Scenario) -> GameState:
    """Read a save for ``scenario``; adapts to an edited scenario where the node still exists."""
    data = _read(path, scenario_id=scenario.id)
    name = Path(path).name
    state_data = data.get("state")
    if not isinstance(state_data, dict):
        raise SaveError(f"{name}: the save is corrupt (no state)")
    try:
        state = adapt_state(state_data, scenario)
    except SaveError as error:
        raise SaveError(f"{name}: {error}") from None
    if state is None:
        node = state_data.get("node")
        raise SaveError(
            f"{name}: the scenario was edited and the scene '{node}' this save was made in "
            "no longer exists; start again or load an older save"
        )
    return state


def adapt_state(data: dict[str, Any], scenario: Scenario) -> GameState | None:
    """Rebuild state for ``scenario``: drop unknown meters/flags, add new ones at their start.

    Returns None when the saved node no longer exists. Raises SaveError on corrupt data.
    """
    try:
        state = GameState.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError(f"the save is corrupt ({type(exc).__name__}: {exc})") from None
    if state.node not in scenario.nodes:
        return None
    state.meters = {
        k: min(max(state.meters.get(k, m.initial), m.min), m.max)
        for k, m in scenario.meters.items()
    }
    state.flags = {k: state.flags.get(k, f.start) for k, f in scenario.flags.items()}
    if state.ending is not None and scenario.ending(state.ending) is None:
        state.ending = None
    if state.last_choice is not None and state.last_choice not in scenario.choice_index:
        state.last_choice = None
    if state.origin is not None:
        state.origin = adapt_state(state.origin.to_json(), scenario)
    return state
