"""Folders where writing fails like a full disk or a read-only medium does.

Where the test runs as root and may mount (CI does), the folder is a real, tiny tmpfs: filled to
the last byte for a full disk, remounted read-only for a read-only one, so the game meets the
kernel's own ENOSPC and EROFS. Elsewhere the same errors are injected at the one place the game
writes files (``roleplay.engine._atomic.write_bytes_atomic``); ``kind`` says which was used.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

Populate = Callable[[Path], None]


@dataclass(frozen=True)
class FaultyFolder:
    """A folder whose writes fail with ``error`` (ENOSPC or EROFS); ``kind`` is how."""

    path: Path
    error: int
    kind: str  # "tmpfs" or "injected"


def _can_mount() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and shutil.which("mount") is not None


def _mount(target: Path, options: str) -> bool:
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def _unmount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def _fill(folder: Path) -> None:
    """Write until the file system is full."""
    with (folder / "ballast").open("wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    with contextlib.suppress(OSError):  # the last few bytes of metadata room
        for index in range(10_000):
            (folder / f"b{index}").write_bytes(b"\0" * 512)


@contextlib.contextmanager
def faulty_folder(
    base: Path, monkeypatch: pytest.MonkeyPatch, error: int, populate: Populate | None = None
) -> Iterator[FaultyFolder]:
    """A folder under ``base`` where writes fail with ``error``; ``populate`` runs before."""
    target = base / ("full" if error == errno.ENOSPC else "readonly")
    target.mkdir(parents=True, exist_ok=True)
    if _can_mount() and _mount(target, "size=2m,mode=0777"):
        try:
            if populate is not None:
                populate(target)
            if error == errno.ENOSPC:
                _fill(target)
            else:
                subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
            yield FaultyFolder(target, error, "tmpfs")
        finally:
            _unmount(target)
        return
    if populate is not None:
        populate(target)
    _inject(monkeypatch, target, error)
    yield FaultyFolder(target, error, "injected")


def _inject(monkeypatch: pytest.MonkeyPatch, target: Path, error: int) -> None:
    from roleplay.engine import _atomic

    real = _atomic.write_bytes_atomic

    def failing(path: Path | str, data: bytes) -> None:
        if Path(path).resolve().is_relative_to(target.resolve()):
            raise OSError(error, os.strerror(error), str(path))
        real(path, data)

    monkeypatch.setattr(_atomic, "write_bytes_atomic", failing)
