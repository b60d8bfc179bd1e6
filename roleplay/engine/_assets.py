"""Asset paths: resolved only inside the scenario's folder or the game's assets folder."""

from __future__ import annotations

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
        try:
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root.resolve()) and candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name the file system refuses
            continue
    return None
