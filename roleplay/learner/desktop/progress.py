"""Progress across playthroughs: which endings the player has found in each scenario.

progress.json is a convenience: when it is corrupt or unreadable it is ignored (and replaced at
the next ending), and when it cannot be written the player gets a notice, never a crash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from roleplay.gui import storage

#: Largest progress.json the game reads.
MAX_PROGRESS_BYTES = 1024 * 1024
#: Longest scenario or ending id kept in progress.json.
MAX_ID_CHARS = 200


def progress_path() -> Path:
    """Return the path of progress.json."""
    return storage.data_dir() / "progress.json"


def _read() -> dict[str, list[str]]:
    """Endings found by scenario id: the valid part of progress.json ({} when unreadable)."""
    data: Any = storage.read_json_checked(progress_path(), MAX_PROGRESS_BYTES)[0]
    scenarios = data.get("scenarios") if isinstance(data, dict) else None
    if not isinstance(scenarios, dict):
        return {}
    found: dict[str, list[str]] = {}
    for scenario_id, entry in scenarios.items():
        endings = entry.get("endings") if isinstance(entry, dict) else None
        if len(scenario_id) <= MAX_ID_CHARS and isinstance(endings, list):
            found[scenario_id] = [
                e for e in endings if isinstance(e, str) and len(e) <= MAX_ID_CHARS
            ]
    return found


def endings_found(scenario_id: str) -> list[str]:
    """Return the ending ids found so far in a scenario (in the order they were found)."""
    return list(_read().get(scenario_id, []))


def record_ending(scenario_id: str, ending_id: str) -> list[str]:
    """Remember that an ending was reached; returns the updated list for the scenario.

    When progress.json cannot be written (full disk, read-only folder) a notice says so; the
    list is still returned.
    """
    found_by_scenario = _read()
    found = found_by_scenario.setdefault(scenario_id, [])
    if ending_id in found:
        return list(found)
    found.append(ending_id)
    data = {
        "version": 1,
        "scenarios": {key: {"endings": value} for key, value in found_by_scenario.items()},
    }
    try:
        storage.atomic_write_json(progress_path(), data)
    except OSError as exc:
        storage.notify(f"Progress not saved: {storage.describe_os_error(exc)}")
    return list(found)
