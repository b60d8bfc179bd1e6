"""Lines the player has already read, per scenario, remembered across sessions.

Skipping (Ctrl or Tab on the play screen) only passes lines found here, and the history marks
them. They live in ``read.json`` in the user data folder: a small versioned document holding,
per scenario id, short hashes of (node, speaker, text). Editing a line's text makes it unread.
Reads are bounded, writes atomic; a damaged file just means nothing counts as read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.gui import storage

if TYPE_CHECKING:
    from roleplay import Line

READ_FORMAT = 1
MAX_READ_BYTES = 4_000_000
MAX_LINES_PER_SCENARIO = 20_000
MAX_SCENARIOS = 200


def read_log_path() -> Path:
    """Return the path of read.json."""
    return storage.data_dir() / "read.json"


def line_key(node_id: str, line: Line) -> str:
    """A short stable key for a line as shown at a node."""
    raw = f"{node_id}\0{line.speaker or ''}\0{line.text}".encode()
    return hashlib.blake2s(raw, digest_size=8).hexdigest()


def _scenarios(document: Any) -> dict[str, Any]:
    """The ``scenarios`` table of a stored document ({} when it is not one of ours)."""
    if not isinstance(document, dict) or document.get("version") != READ_FORMAT:
        return {}
    table = document.get("scenarios")
    return table if isinstance(table, dict) else {}


class ReadLog:
    """The read lines of one scenario: ask with ``in``, add with :meth:`mark`, :meth:`save`."""

    def __init__(self, scenario_id: str) -> None:
        """Load what was read in ``scenario_id`` before (nothing when the file is unusable)."""
        self.scenario_id = scenario_id
        stored = _scenarios(storage.read_json(read_log_path(), MAX_READ_BYTES)).get(scenario_id)
        keys = stored if isinstance(stored, list) else []
        self._order: list[str] = [k for k in keys if isinstance(k, str)][-MAX_LINES_PER_SCENARIO:]
        self._keys = set(self._order)
        self.dirty = False
        self.failed = False  # a write failed already (the player was told once)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def mark(self, key: str) -> bool:
        """Remember a line as read; True when it had not been read before."""
        if key in self._keys:
            return False
        self._keys.add(key)
        self._order.append(key)
        self.dirty = True
        return True

    def save(self) -> None:
        """Write the log when something new was read, keeping the other scenarios' lines.

        Never raises: a failed write posts a notice (once) that the app shows as a toast.
        """
        if not self.dirty:
            return
        table = _scenarios(storage.read_json(read_log_path(), MAX_READ_BYTES))
        table.pop(self.scenario_id, None)
        kept = dict(list(table.items())[-(MAX_SCENARIOS - 1) :]) if MAX_SCENARIOS > 1 else {}
        kept[self.scenario_id] = self._order[-MAX_LINES_PER_SCENARIO:]
        self.dirty = False
        try:
            storage.atomic_write_json(read_log_path(), {"version": READ_FORMAT, "scenarios": kept})
        except OSError as exc:  # a full disk or a read-only data folder: say so once
            if not self.failed:
                storage.notify(f"Read lines not saved: {storage.describe_os_error(exc)}")
            self.failed = True
