"""Asset paths: resolved only inside the scenario's folder or the game's assets folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def unsafe_reason(relative: str) -> str | None:
    """Why an asset path may not be used (it leaves its folder), or None when it is safe."""
    if not relative or "\x00" in relative:
        return "the path is empty"
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        return "absolute paths are not allowed"
    if ".." in pure.parts:
        return "'..' would leave the scenario folder"
    return None


def resolve_asset(relative: str, roots: tuple[Path, ...]) -> Path | None:
    """The existing file for ``relative`` under the first root that has it, else None."""
    if unsafe_reason(relative) is not None:
        return None
    for root in roots:
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root.resolve()) and candidate.is_file():
            return candidate
    return None
