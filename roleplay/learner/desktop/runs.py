"""How far each assessment run has got: the ledger behind "an assessment run only goes on".

An assessment run is an honest record of first choices (the debrief and the learning record
read it so). Its one save, the scenario's autosave, is overwritten after every step, so it is
always at the run's latest point; this ledger (``assessment_runs.json`` in the user data
folder, beside progress.json) remembers the most decisions each run has reached, so a copy of
an earlier autosave put back by hand is refused as well (see ``saves.assessment_refusal``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.gui import storage

if TYPE_CHECKING:
    from roleplay import GameState

#: Runs remembered (the oldest are forgotten first): years of play for one learner.
MAX_RUNS = 2_000
#: Largest ledger read (2,000 runs are about 100 kB).
MAX_LEDGER_BYTES = 1024 * 1024
#: Longest run id kept (the game makes 32-character ones).
MAX_RUN_ID_CHARS = 64


def ledger_path() -> Path:
    """Return the path of the assessment ledger."""
    return storage.data_dir() / "assessment_runs.json"


def _read() -> dict[str, int]:
    """Decisions reached by run id: the valid part of the ledger ({} when missing or corrupt)."""
    data: Any = storage.read_json_checked(ledger_path(), MAX_LEDGER_BYTES)[0]
    runs = data.get("runs") if isinstance(data, dict) else None
    if not isinstance(runs, dict):
        return {}
    return {
        run_id: reached
        for run_id, reached in runs.items()
        if len(run_id) <= MAX_RUN_ID_CHARS and type(reached) is int and reached >= 0
    }


def furthest(run_id: str) -> int | None:
    """The most decisions the assessment run ``run_id`` has reached (None: not in the ledger)."""
    return _read().get(run_id) if run_id else None


def record_progress(state: GameState) -> None:
    """Remember how far an assessment run has got; raises OSError when it cannot be written.

    Practice runs, and runs without an id (saved before runs had one), are not recorded.
    """
    if state.mode != "assessment" or not state.run_id:
        return
    runs = _read()
    reached = len(state.history)
    if runs.get(state.run_id, -1) >= reached:
        return
    runs.pop(state.run_id, None)  # re-added last: the most recently played are kept longest
    runs[state.run_id] = reached
    kept = dict(list(runs.items())[-MAX_RUNS:])
    # not sorted: the order says which runs were played last
    ledger = {"version": 1, "runs": kept}
    storage.atomic_write_text(ledger_path(), json.dumps(ledger, indent=1) + "\n")
