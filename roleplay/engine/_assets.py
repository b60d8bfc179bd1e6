"""Asset paths: resolved only inside the scenario's folder or the game's assets folder."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable
from pathlib import Path, PurePosixPath

#: Longest name of one file or folder in an asset path, in UTF-8 bytes (the usual OS limit).
MAX_NAME_BYTES = 255
#: Longest asset path, in UTF-8 bytes.
MAX_PATH_BYTES = 1024


def unsafe_reason(relative: str) -> str | None:
    """Why an asset path may not be used (it leaves its folder, is too long), or None."""
    if not relative or "\x00" in relative:
        return "the path is empty"
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        return "absolute paths are not allowed"
    if ".." in pure.parts:
        return "'..' would leave the scenario folder"
    if len(relative.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        return f"the path is longer than {MAX_PATH_BYTES} bytes"
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in pure.parts):
        return f"a name in the path is longer than {MAX_NAME_BYTES} bytes"
    return None


def resolve_asset(relative: str, roots: tuple[Path, ...]) -> Path | None:
    """The existing file for ``relative`` under the first root that has it, else None."""
    if unsafe_reason(relative) is not None:
        return None
    for root in roots:
        found = _inside(root, relative, lambda path: path.is_file())
        if found is not None:
            return found
    return None


#: Most entries of one folder read when looking for the name an author meant.
MAX_LISTED = 1000


def asset_folder_exists(relative: str, roots: tuple[Path, ...]) -> bool:
    """Whether ``relative`` is a folder under one of ``roots`` (a portrait's folder)."""
    return unsafe_reason(relative) is None and any(
        _inside(root, relative, lambda path: path.is_dir()) for root in roots
    )


def nearest_asset(relative: str, roots: tuple[Path, ...], *, folder: bool) -> str | None:
    """The asset path next to ``relative`` whose name is closest to its last part: a folder
    (``folder``) or a file with the same suffix; None when nothing is close."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    names: set[str] = set()
    for root in roots:
        parent = _inside(root, str(pure.parent), lambda path: path.is_dir())
        if parent is None:
            continue
        try:
            for entry in itertools.islice(parent.iterdir(), MAX_LISTED):
                if entry.is_dir() if folder else entry.suffix == pure.suffix and entry.is_file():
                    names.add(entry.name)
        except OSError:
            continue
    close = difflib.get_close_matches(pure.name, sorted(names), n=1, cutoff=0.6)
    return str(pure.parent / close[0]) if close else None


def _inside(root: Path, relative: str, accept: Callable[[Path], bool]) -> Path | None:
    """``root / relative`` when it stays inside ``root`` and ``accept`` takes it, else None."""
    try:
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root.resolve()) and accept(candidate):
            return candidate
    except (OSError, ValueError):  # a name the file system refuses
        pass
    return None
