"""The one bounded reader: every read of a user or scenario file goes through here.

Only regular files are read (a FIFO, a device or a symlink to one is refused without blocking:
the file is opened with ``O_NONBLOCK`` and checked with ``fstat``), never more than a byte limit,
and text that is not UTF-8 is a clear problem rather than an exception from deep inside.
JSON is parsed with guards: no ``NaN``/``Infinity``, no number beyond a sane size, no nesting
deeper than a limit and no lone surrogate (``\\udc00``) in a string.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any, Literal

Reason = Literal["missing", "not_a_file", "too_large", "unreadable", "not_text", "corrupt"]

#: Largest JSON nesting any file of the game needs (saves nest 5 deep).
MAX_JSON_DEPTH = 32
#: Longest number a JSON file of the game may hold (digits and sign); 18 digits fit int64.
MAX_JSON_NUMBER_CHARS = 24
_SURROGATE = re.compile("[\ud800-\udfff]")
_CHUNK = 1 << 16


class FileProblem(Exception):
    """A file could not be read safely: ``reason`` in one word, ``message`` in plain words."""

    def __init__(self, path: Path, reason: Reason, message: str) -> None:
        super().__init__(f"{path.name}: {message}")
        self.path = path
        self.reason = reason
        self.message = message


def _open_regular(path: Path) -> int:
    """A descriptor for ``path`` when it is a regular file; FileProblem otherwise."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise FileProblem(path, "not_a_file", "not a regular file (a folder, device or pipe)")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileProblem(path, "missing", "no such file") from None
    except OSError as exc:
        raise FileProblem(path, "unreadable", f"cannot open it ({_reason(exc)})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between stat and open
        os.close(fd)
        raise FileProblem(path, "not_a_file", "not a regular file (a folder, device or pipe)")
    return fd


def read_bounded(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit``; FileProblem otherwise."""
    target = Path(path)
    fd = _open_regular(target)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise FileProblem(target, "too_large", _too_large(size, limit))
        # the size it has now in one read (no copies to join); then on to the end, for a file
        # that grew meanwhile, never past the limit
        chunks = [os.read(fd, min(size, limit) + 1)]
        total = len(chunks[0])
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # the file grew while it was read
            raise FileProblem(target, "too_large", _too_large(total, limit))
    except OSError as exc:
        raise FileProblem(target, "unreadable", f"cannot read it ({_reason(exc)})") from None
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_head(path: Path | str, count: int) -> bytes:
    """The first ``count`` bytes of the regular file ``path`` (less when it is shorter)."""
    target = Path(path)
    fd = _open_regular(target)
    try:
        return os.read(fd, count)
    except OSError as exc:
        raise FileProblem(target, "unreadable", f"cannot read it ({_reason(exc)})") from None
    finally:
        os.close(fd)


def file_size(path: Path | str) -> int:
    """The size of the regular file ``path`` without reading it; FileProblem otherwise."""
    target = Path(path)
    fd = _open_regular(target)
    try:
        return os.fstat(fd).st_size
    finally:
        os.close(fd)


def read_text_bounded(path: Path | str, limit: int) -> str:
    """The UTF-8 text of ``path`` (a BOM is dropped), at most ``limit`` bytes."""
    data = read_bounded(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileProblem(Path(path), "not_text", f"not UTF-8 text (line {line})") from None


def read_json_bounded(path: Path | str, limit: int) -> Any:
    """The JSON value in ``path``, parsed with :func:`parse_json`'s guards."""
    text = read_text_bounded(path, limit)
    try:
        return parse_json(text)
    except ValueError as exc:
        raise FileProblem(Path(path), "corrupt", str(exc)) from None


def parse_json(text: str) -> Any:
    """Parse JSON text; ValueError (with a plain reason) for anything the game cannot hold.

    Refused: invalid JSON, ``NaN``/``Infinity`` and numbers that overflow (``1e400``), numbers
    longer than :data:`MAX_JSON_NUMBER_CHARS`, nesting deeper than :data:`MAX_JSON_DEPTH` and
    strings holding a lone surrogate.
    """
    try:
        value = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON at line {exc.lineno}") from None
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels") from None
    _check_tree(value)
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"holds {name}, which is not a number the game can use")


def _bounded_int(text: str) -> int:
    if len(text) > MAX_JSON_NUMBER_CHARS:
        raise ValueError(f"holds a {len(text)}-digit number; numbers are at most 18 digits")
    return int(text)


def _finite_float(text: str) -> float:
    if len(text) > MAX_JSON_NUMBER_CHARS * 2:
        raise ValueError(f"holds a {len(text)}-character number")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"holds {text}, a number too large to use")
    return value


def _check_tree(value: Any) -> None:
    """Depth and surrogate check, without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise ValueError("holds text that is not valid Unicode (a lone surrogate)")
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def scrub_text(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so it can always be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def _too_large(size: int, limit: int) -> str:
    return f"too large ({_megabytes(size)}; the limit is {_megabytes(limit)})"


def _megabytes(size: int) -> str:
    """Binary units, as file managers show them: 16 MB is 16 x 1024 x 1024 bytes."""
    if size < 1 << 20:
        return f"{size / 1024:.0f} kB"
    return f"{size / (1 << 20):.1f} MB"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return exc.strerror or str(exc)
