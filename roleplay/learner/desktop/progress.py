"""Progress across playthroughs: which endings the player has found in each scenario."""

from __future__ import annotations

from pathlib import Path

from roleplay.gui import storage


def progress_path() -> Path:
    """Return the path of progress.json."""
    return storage.data_dir() / "progress.json"


def endings_found(scenario_id: str) -> list[str]:
    """Return the ending ids found so far in a scenario (in the order they were found)."""
    data = storage.read_json(progress_path())
    if not isinstance(data, dict):
        return []
    entry = data.get("scenarios", {}).get(scenario_id, {})
    found = entry.get("endings", []) if isinstance(entry, dict) else []
    return [str(e) for e in found if isinstance(e, str)]


def record_ending(scenario_id: str, ending_id: str) -> list[str]:
    """Remember that an ending was reached; returns the updated list for the scenario."""
    data = storage.read_json(progress_path())
    if not isinstance(data, dict) or not isinstance(data.get("scenarios"), dict):
        data = {"version": 1, "scenarios": {}}
    entry = data["scenarios"].setdefault(scenario_id, {})
    if not isinstance(entry, dict):
        entry = data["scenarios"][scenario_id] = {}
    found = [e for e in entry.get("endings", []) if isinstance(e, str)]
    if ending_id not in found:
        found.append(ending_id)
    entry["endings"] = found
    storage.atomic_write_json(progress_path(), data)
    return found
