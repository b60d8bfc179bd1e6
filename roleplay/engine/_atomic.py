"""Atomic file writes: temp file in the same folder, fsync, rename. Nothing is half-written.

Temp files are named ``.<name>.<pid>.<random>.tmp`` and created with mode 0666 minus the user's
umask (like any file the user makes). A writer killed mid-write leaves its temp file behind;
:func:`sweep_temp_files` removes such leftovers at the next start.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

from roleplay.engine._files import scrub_text

#: A leftover temp file without a live writer is removed once it is this old (seconds).
STALE_TEMP_SECONDS = 60.0


def write_bytes_atomic(
    path: Path | str, data: bytes, *, mode: int = 0o666, durable: bool = True
) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix.

    ``mode`` (less the umask) is the new file's permission from the moment the temp file exists,
    e.g. 0o600 for a secret. ``durable=False`` is for caches, whose readers check every entry
    and rebuild a damaged one: the file is still renamed into place whole, but not flushed to
    the disk (a power cut may leave it empty; flushing 10 MB took up to 0.1 s of a cold load).
    Raises OSError (full disk, read-only folder, ...) with the old file left untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temp, flags, mode)  # the kernel applies the user's umask
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        fsync_dir(target.parent)


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` as UTF-8 atomically (a lone surrogate is written as U+FFFD)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = scrub_text(text).encode("utf-8")
    write_bytes_atomic(path, data)


def sweep_temp_files(folder: Path | str) -> int:
    """Remove temp files left in ``folder`` by writers that were killed; return how many.

    A temp file whose writer process is still alive is kept (it may be mid-write), unless it
    is older than :data:`STALE_TEMP_SECONDS`. Never raises.
    """
    removed = 0
    try:
        candidates = list(Path(folder).glob(".*.tmp"))
    except OSError:
        return 0
    for temp in candidates:
        if _in_flight(temp):
            continue
        with contextlib.suppress(OSError):
            temp.unlink()
            removed += 1
    return removed


def _in_flight(temp: Path) -> bool:
    """True when ``temp`` may still be written by a live process."""
    try:
        age = time.time() - temp.lstat().st_mtime
    except OSError:
        return False
    if age > STALE_TEMP_SECONDS:
        return False
    parts = temp.name.rsplit(".", 3)  # ".name", pid, random, "tmp"
    if len(parts) != 4 or not parts[1].isdigit():
        return True  # an unknown writer: leave young files alone
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk, so a rename into it survives a power cut (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
