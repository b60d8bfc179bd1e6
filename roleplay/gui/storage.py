"""Where the game keeps its files, and how it reads and writes them safely.

Saves, autosaves and progress live in the user data folder, settings in the user config
folder, rasterised pictures in the user cache folder (all from platformdirs, app name
"roleplay"). When the ROLEPLAY_HOME environment variable is set, it replaces them (tests point
it at a temporary directory).

Folders are created when possible; a read-only or full home is not an error at start: reads
then find nothing, and writes raise OSError (or, for settings and progress, post a notice that
the app shows as a toast, see :func:`notify`). Reads go through the engine's bounded reader.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from pathlib import Path
from typing import Any

APP_NAME = "roleplay"
HOME_ENV = "ROLEPLAY_HOME"
#: Largest settings/progress file read (they are a few kilobytes; anything bigger is not ours).
MAX_JSON_BYTES = 2_000_000

_notices: list[str] = []


def notify(message: str) -> None:
    """Queue a message for the player (the app shows queued messages as a toast)."""
    _notices.append(message)


def take_notices() -> list[str]:
    """The queued messages, oldest first; the queue is emptied."""
    taken = list(_notices)
    _notices.clear()
    return taken


def describe_os_error(exc: OSError) -> str:
    """An OSError in the player's words ("the disk is full")."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the folder is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _ensure(path: Path) -> Path:
    """Create ``path`` when possible (a read-only home must not stop the game) and return it."""
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)
    return path


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def _user_dir(kind: str) -> Path:
    """Return (and try to create) the user's ``data``, ``config`` or ``cache`` folder
    (ROLEPLAY_HOME wins)."""
    home = _home_override()
    if home is not None:
        path = home / kind
    else:
        import platformdirs

        finder = {
            "data": platformdirs.user_data_dir,
            "config": platformdirs.user_config_dir,
            "cache": platformdirs.user_cache_dir,
        }[kind]
        path = Path(finder(APP_NAME, appauthor=False))
    return _ensure(path)


def data_dir() -> Path:
    """Return (and create) the folder for saves, progress and exported debriefs."""
    return _user_dir("data")


def config_dir() -> Path:
    """Return (and create) the folder for settings.json."""
    return _user_dir("config")


def cache_dir() -> Path:
    """Return (and create) the folder for what can be made again (rasterised pictures)."""
    return _user_dir("cache")


def saves_dir() -> Path:
    """Return (and create) the folder holding save slots, autosaves and their thumbnails."""
    return _ensure(data_dir() / "saves")


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
    return _ensure(path)


def sweep_leftovers() -> int:
    """Remove temp files that killed writes left in the game's folders; return how many."""
    from roleplay import sweep_temp_files

    folders = (config_dir(), data_dir(), saves_dir())
    return sum(sweep_temp_files(folder) for folder in folders)


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o666) -> None:
    """Write ``data`` to ``path`` atomically (the engine's temp file, fsync, rename), with
    permission ``mode`` less the umask (0o600 for a secret).

    Raises OSError (full disk, read-only folder) and leaves any old file as it was.
    """
    from roleplay import write_bytes_atomic

    write_bytes_atomic(path, data, mode=mode)


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (a lone surrogate becomes U+FFFD)."""
    from roleplay import write_text_atomic

    write_text_atomic(path, text)


def atomic_write_json(path: Path, value: Any) -> None:
    """Write ``value`` as indented JSON to ``path`` atomically."""
    atomic_write_text(path, json.dumps(value, indent=2, sort_keys=True) + "\n")


def read_json(path: Path, max_bytes: int = MAX_JSON_BYTES) -> Any | None:
    """Return the JSON in ``path``, or None when it is missing, unreadable, not a regular file,
    larger than ``max_bytes`` or not JSON the game can hold (see :func:`read_json_checked`)."""
    return read_json_checked(path, max_bytes)[0]


def read_json_checked(path: Path, limit: int = MAX_JSON_BYTES) -> tuple[Any | None, str]:
    """The JSON in ``path`` (bounded, guarded) and why it could not be read ('' when missing).

    Never raises: a missing file is ``(None, "")``; a corrupt, oversized, deeply nested or
    non-regular one is ``(None, reason)``.
    """
    from roleplay import FileProblem, read_json_bounded

    try:
        return read_json_bounded(path, limit), ""
    except FileProblem as problem:
        return None, "" if problem.reason == "missing" else problem.message
