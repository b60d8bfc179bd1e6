"""Where the game keeps its files, and how it writes them safely.

Saves, autosaves and progress live in the user data folder, settings in the user config
folder (both from platformdirs, app name "roleplay"). When the ROLEPLAY_HOME environment
variable is set, it replaces both folders (tests point it at a temporary directory).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

APP_NAME = "roleplay"
HOME_ENV = "ROLEPLAY_HOME"
#: Largest settings/progress file read (they are a few kilobytes; anything bigger is not ours).
MAX_JSON_BYTES = 2_000_000


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def _user_dir(kind: str) -> Path:
    """Return (and create) the user's ``data`` or ``config`` folder (ROLEPLAY_HOME wins)."""
    home = _home_override()
    if home is not None:
        path = home / kind
    else:
        import platformdirs

        finder = platformdirs.user_data_dir if kind == "data" else platformdirs.user_config_dir
        path = Path(finder(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Return (and create) the folder for saves, progress and exported debriefs."""
    return _user_dir("data")


def config_dir() -> Path:
    """Return (and create) the folder for settings.json."""
    return _user_dir("config")


def saves_dir() -> Path:
    """Return (and create) the folder holding save slots, autosaves and their thumbnails."""
    path = data_dir() / "saves"
    path.mkdir(parents=True, exist_ok=True)
    return path


def exports_dir() -> Path:
    """Return (and create) the folder where HTML debriefs are exported.

    The user's documents folder when it exists (``Documents/roleplay``), else the data folder.
    """
    home = _home_override()
    if home is not None:
        path = home / "exports"
    else:
        import platformdirs

        docs = Path(platformdirs.user_documents_dir())
        path = docs / "roleplay" if docs.is_dir() else data_dir() / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (the engine's temp file, fsync, rename)."""
    from roleplay import write_bytes_atomic

    write_bytes_atomic(path, data)


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, value: Any) -> None:
    """Write ``value`` as indented JSON to ``path`` atomically."""
    atomic_write_text(path, json.dumps(value, indent=2, sort_keys=True) + "\n")


def read_json(path: Path, max_bytes: int = MAX_JSON_BYTES) -> Any | None:
    """Return the JSON in ``path``, or None when it is missing, unreadable, not a regular file
    or larger than ``max_bytes``."""
    try:
        if not path.is_file():
            return None
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
        if len(raw) > max_bytes:
            return None
        return json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
