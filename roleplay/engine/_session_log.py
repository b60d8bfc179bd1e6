"""Session logs of facilitated group play: JSON Lines, one event a line, fsynced per event.

The format is documented in ``docs/facilitator.md`` ("Session log format"). The host appends
events through :class:`SessionLogWriter`; reports, exports and ``roleplay host --resume`` read
them with :func:`read_session_log`, which skips a partial last line (the host was killed while
writing it), refuses logs written by a newer roleplay, and upgrades older formats event by event.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from roleplay.engine._atomic import fsync_dir
from roleplay.engine._errors import RoleplayError
from roleplay.engine._files import parse_json

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario

SESSION_LOG_FORMAT = 1
MAX_LOG_BYTES = 64_000_000
MAX_LINE_BYTES = 1_000_000

Event = dict[str, Any]
Upgrader = Callable[[Event], Event]

#: Fields every event of a known type carries besides ``seq``, ``time`` and ``type``.
EVENT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "session_start": (
        "format",
        "session_id",
        "scenario_id",
        "scenario_title",
        "scenario_version",
        "scenario_hash",
        "room_code",
        "settings",
    ),
    "resume": ("after_seq",),
    "settings": ("changes",),
    "join": ("player", "token_hash", "device_hash", "nickname"),
    "leave": ("player", "reason"),
    "kick": ("player",),
    "ban": ("player", "device_hash"),
    "vote_open": ("decision", "node", "choices", "deadline", "seconds"),
    "vote": ("decision", "player", "choice", "change"),
    "timer": ("decision", "action", "deadline", "remaining"),
    "vote_close": ("decision", "node", "tally", "voters", "eligible", "reason"),
    "reveal": ("decision", "what", "shown"),
    "override": ("decision", "node", "majority", "choice"),
    "decision": (
        "decision",
        "node",
        "choice",
        "how",
        "tally",
        "technique",
        "family",
        "deltas",
        "meters_after",
    ),
    "discussion": ("node", "prompt", "action", "seconds"),
    "rewind": ("decisions_kept",),
    "preview": ("decision", "node", "choice", "action", "path", "ending", "meters_after"),
    "ending": ("ending", "title", "meters"),
    "session_end": ("reason",),
    "check_open": ("phase", "question", "count", "text", "options"),
    "check_answer": ("phase", "question", "player", "option", "change"),
    "check_close": ("phase", "question", "tally", "correct", "voters", "eligible", "reason"),
    "check_end": ("phase", "reason", "asked"),
}

#: How a decision was settled, as written in ``decision.how``.
DECISION_HOWS = ("majority", "tie", "override", "facilitator", "show_of_hands")

#: Upgraders by the format they upgrade from; each turns one event into the next format.
UPGRADERS: dict[int, Upgrader] = {}


class SessionLogError(RoleplayError):
    """A session log cannot be read (missing, too large, corrupt, or from a newer roleplay)."""


def hash_secret(secret: str) -> str:
    """The stored form of a join token or device id: ``sha256:`` and 64 hex digits.

    Tokens are 128 random bits, so an unsalted hash cannot be reversed by guessing.
    """
    return "sha256:" + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def now_iso() -> str:
    """The current time in UTC, ISO 8601 with milliseconds (``2025-03-04T09:15:02.125+00:00``)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class SessionLog:
    """A session log as read: its events (upgraded to the current format) and any warnings."""

    path: Path
    format: int
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = ()
    complete_bytes: int = 0  # length of the file up to the end of its last complete line

    @property
    def start(self) -> Event:
        """The ``session_start`` event."""
        return self.events[0]

    @property
    def session_id(self) -> str:
        """The session's id."""
        return str(self.start["session_id"])

    @property
    def last_seq(self) -> int:
        """The ``seq`` of the last complete event."""
        return int(self.events[-1]["seq"])

    def of_type(self, *types: str) -> list[Event]:
        """The events of the given types, in order."""
        return [event for event in self.events if event["type"] in types]


def read_session_log(path: Path | str, *, max_bytes: int = MAX_LOG_BYTES) -> SessionLog:
    """Read and check a session log; raises :class:`SessionLogError` with the file and line."""
    target = Path(path)
    data = _read_bounded(target, max_bytes)
    lines = data.split(b"\n")
    warnings: list[str] = []
    tail = lines.pop()  # after the final newline: b"" for a complete file, else a partial line
    complete_bytes = len(data) - len(tail)
    if tail.strip():
        warnings.append(
            f"{target.name}:{len(lines) + 1}: the last line is incomplete (the host stopped "
            "while writing it); skipped"
        )
    events: list[Event] = []
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            events.append(_parse_line(raw, f"{target.name}:{number}"))
    if not events:
        raise SessionLogError(f"{target.name}: the session log is empty")
    version = _check_start(events[0], target.name)
    events = upgrade_events(events, version, target.name)
    _check_events(events, lines, target.name)
    return SessionLog(target, version, tuple(events), tuple(warnings), complete_bytes)


def _read_bounded(target: Path, max_bytes: int) -> bytes:
    try:
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SessionLogError(f"{target}: not a regular file")
        if info.st_size > max_bytes:
            raise SessionLogError(
                f"{target.name}: {info.st_size} bytes is more than a session log may hold "
                f"({max_bytes})"
            )
        with target.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SessionLogError(f"{target}: no such session log") from None
    except OSError as exc:
        raise SessionLogError(f"{target}: cannot read the session log ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise SessionLogError(f"{target.name}: the session log grew past {max_bytes} bytes")
    return data


def _parse_line(raw: bytes, where: str) -> Event:
    if len(raw) > MAX_LINE_BYTES:
        raise SessionLogError(f"{where}: the line is longer than {MAX_LINE_BYTES} bytes")
    try:
        event = parse_json(raw.decode("utf-8"))  # no NaN, huge numbers or deep nesting
    except ValueError as exc:  # UnicodeDecodeError too
        raise SessionLogError(f"{where}: not a JSON event ({exc})") from None
    if not isinstance(event, dict):
        raise SessionLogError(f"{where}: an event must be a JSON object")
    for name, kind in (("seq", int), ("time", str), ("type", str)):
        if not isinstance(event.get(name), kind) or isinstance(event.get(name), bool):
            raise SessionLogError(f"{where}: the event has no valid '{name}'")
    return event


def _check_start(first: Event, name: str) -> int:
    if first["type"] != "session_start":
        raise SessionLogError(f"{name}:1: a session log starts with a session_start event")
    version = first.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SessionLogError(f"{name}:1: session_start has no valid format version")
    if version > SESSION_LOG_FORMAT:
        raise SessionLogError(
            f"{name}: this session log was written by a newer version of roleplay (format "
            f"{version}; this version reads up to format {SESSION_LOG_FORMAT}); update roleplay"
        )
    return version


def upgrade_events(events: list[Event], version: int, name: str = "session log") -> list[Event]:
    """Bring events written in format ``version`` up to :data:`SESSION_LOG_FORMAT`."""
    while version < SESSION_LOG_FORMAT:
        upgrader = UPGRADERS.get(version)
        if upgrader is None:
            raise SessionLogError(f"{name}: session log format {version} is too old to read")
        events = [upgrader(dict(event)) for event in events]
        version += 1
    return events


def _check_events(events: list[Event], lines: list[bytes], name: str) -> None:
    numbers = [n for n, raw in enumerate(lines, start=1) if raw.strip()]
    previous = 0
    for number, event in zip(numbers, events, strict=True):
        where = f"{name}:{number}"
        if event["seq"] <= previous:
            raise SessionLogError(f"{where}: seq {event['seq']} does not follow seq {previous}")
        previous = event["seq"]
        missing = [f for f in EVENT_FIELDS.get(event["type"], ()) if f not in event]
        if missing:
            raise SessionLogError(f"{where}: {event['type']} event lacks {', '.join(missing)}")
        if number > 1 and event["type"] == "session_start":
            raise SessionLogError(f"{where}: a second session_start in one log")


@dataclass
class SessionLogWriter:
    """Appends events to a session log.

    Each event is written with one ``write`` and flushed to the operating system before
    :meth:`append` returns, so killing the process loses nothing appended. It is also fsynced
    then, except inside :meth:`group`, which fsyncs once at its end: the host groups the events
    of one batch of messages and replies to none of them before that fsync (group commit).
    """

    path: Path
    _handle: BinaryIO
    _next_seq: int
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _grouping: bool = False
    _unsynced: bool = False
    _listeners: list[Callable[[Event], None]] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        path: Path | str,
        scenario: Scenario,
        *,
        session_id: str,
        room_code: str,
        settings: Mapping[str, Any],
        seed: int | None = None,
    ) -> SessionLogWriter:
        """Start a new log at ``path`` (which must not exist) with its ``session_start``.

        ``seed`` is the shuffle seed of the session's choice order, kept so that ``--resume``
        shows the choices in the same order.
        """
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle = target.open("xb")
        except FileExistsError:
            raise SessionLogError(f"{target}: a session log with this name exists") from None
        fsync_dir(target.parent)
        writer = cls(target, handle, 1)
        version = getattr(scenario.spec, "version", None)
        writer.append(
            "session_start",
            format=SESSION_LOG_FORMAT,
            session_id=session_id,
            scenario_id=scenario.id,
            scenario_title=scenario.title,
            scenario_version=None if version is None else str(version),
            scenario_hash=scenario.content_hash,
            room_code=room_code,
            settings=dict(settings),
            seed=seed,
        )
        return writer

    @classmethod
    def reopen(cls, log: SessionLog) -> SessionLogWriter:
        """Continue ``log``: drop a partial last line, then append a ``resume`` event."""
        try:
            handle = log.path.open("r+b")
            handle.truncate(log.complete_bytes)
            handle.seek(0, os.SEEK_END)
        except OSError as exc:
            raise SessionLogError(f"{log.path}: cannot append ({exc.strerror})") from None
        writer = cls(log.path, handle, log.last_seq + 1)
        writer.append("resume", after_seq=log.last_seq)
        return writer

    def append(self, kind: str, **fields: Any) -> Event:
        """Write one event of type ``kind``; returns it with its ``seq`` and ``time``.

        Listeners (:meth:`subscribe`) hear of it once it is written.
        """
        with self._lock:
            event: Event = {"seq": self._next_seq, "time": now_iso(), "type": kind, **fields}
            line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
            self._handle.write(line.encode("utf-8"))
            self._handle.flush()
            if self._grouping:
                self._unsynced = True
            else:
                os.fsync(self._handle.fileno())
            self._next_seq += 1
            listeners = tuple(self._listeners)
        for listener in listeners:
            listener(event)
        return event

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        """Call ``listener(event)`` after every append (on the appending thread: keep it quick);
        returns a function that unsubscribes."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    @contextlib.contextmanager
    def group(self) -> Iterator[None]:
        """Append several events with one fsync at the end (also when the block raises)."""
        with self._lock:
            self._grouping = True
        try:
            yield
        finally:
            with self._lock:
                self._grouping = False
                if self._unsynced and not self._handle.closed:
                    os.fsync(self._handle.fileno())
                self._unsynced = False

    def close(self) -> None:
        """Close the file (appending afterwards raises ValueError)."""
        with self._lock:
            self._handle.close()
