"""Learning records sent while a hosted session happens: a background sender between the session
log and a learning record store.

The host subscribes :meth:`LiveRecords.event` to its session log; it runs on the game thread and
only queues the event. The sender's own thread turns the events so far into statements (the ones
``roleplay export-xapi`` makes from the log, with the same ids), queues the new ones in the
on-disk outbox, and delivers them, waiting longer after each failure while the LRS cannot be
reached. Nothing here blocks the game loop or the phone server; what has not gone out when the
session closes stays in the outbox for ``roleplay lrs push``. The password lives in memory only.
"""

from __future__ import annotations

import queue
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.engine._errors import RoleplayError
from roleplay.engine._session_log import Event, read_session_log
from roleplay.reports._lrs import Backoff, LrsClient, PushResult, check_endpoint, deliver
from roleplay.reports._outbox import Outbox, outbox_folder
from roleplay.reports._sessions import DEFAULT_HOST_HOME_PAGE, session_from_events, session_record
from roleplay.reports._xapi import VERBS, statements_for

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario

#: Events the statements are built from (votes are counted in ``decision`` events).
RELEVANT = frozenset(
    {"session_start", "resume", "join", "vote_open", "vote_close", "override", "decision",
     "rewind", "ending", "session_end"}
)  # fmt: skip
#: Events after which there may be new statements to send.
TRIGGERS = frozenset({"session_start", "resume", "decision", "rewind", "ending", "session_end"})
FIRST_RETRY = 1.0
ONE_TRY = Backoff(attempts=1)  # the sender's loop does the waiting between tries


class RecordsSetupError(RoleplayError):
    """The outbox for live records cannot be prepared (the message says where and why)."""


@dataclass(frozen=True)
class LrsSettings:
    """Where a hosted session's statements go. ``password`` is never printed or written."""

    endpoint: str
    user: str
    password: str = field(repr=False)
    outbox_root: Path
    home_page: str = DEFAULT_HOST_HOME_PAGE
    judge: bool = False
    retry_cap: float = 60.0  # the longest wait between two tries, in seconds


@dataclass(frozen=True)
class LiveStatus:
    """How sending is going: delivered by this sender, waiting in the outbox, the last problem."""

    endpoint: str
    delivered: int
    waiting: int
    error: str | None

    def summary(self) -> str:
        """One line for the facilitator: '12 sent, 3 waiting (cannot reach …)'."""
        text = f"{self.delivered} sent, {self.waiting} waiting"
        return f"{text} ({self.error})" if self.error and self.waiting else text


class SessionStatements:
    """The statements of a session so far, built from its events (no names: anonymous)."""

    def __init__(
        self, path: Path, scenario: Scenario | None, *, home_page: str, judge: bool
    ) -> None:
        self.path = path
        self.scenario = scenario
        self.home_page = home_page
        self.judge = judge
        self.events: list[Event] = []
        self.last_seq = 0

    def feed(self, event: Event) -> bool:
        """Take one event (older or repeated ones are skipped); True when it may add statements."""
        seq = event.get("seq")
        if not isinstance(seq, int) or seq <= self.last_seq or event.get("type") not in RELEVANT:
            return False
        self.last_seq = seq
        self.events.append(event)
        return event["type"] in TRIGGERS

    @property
    def ended(self) -> bool:
        """True once the session has ended (``terminated`` is sent only then)."""
        return bool(self.events) and self.events[-1]["type"] == "session_end"

    def statements(self) -> list[dict[str, Any]]:
        """Every statement of the session so far, in order."""
        if not self.events or self.events[0]["type"] != "session_start":
            return []
        session = session_from_events(self.path, self.events)
        record = session_record(session, self.scenario, home_page=self.home_page)
        made = statements_for(record, judge=self.judge)
        if not self.ended:
            made = [s for s in made if s["verb"]["id"] != VERBS["terminated"]]
        return made


class LiveRecords:
    """The background sender of one hosted session."""

    def __init__(
        self,
        settings: LrsSettings,
        log_path: Path,
        scenario: Scenario | None,
        *,
        timeout: float = 10.0,
    ) -> None:
        """Raises ValueError for an unusable endpoint, RecordsSetupError when the outbox cannot
        be made."""
        endpoint = check_endpoint(settings.endpoint)
        folder = outbox_folder(settings.outbox_root, endpoint)
        try:
            self.outbox = Outbox(folder, endpoint)
        except OSError as problem:
            raise RecordsSetupError(
                f"{folder}: cannot prepare the LRS outbox ({problem.strerror or problem})"
            ) from None
        self.client = LrsClient(endpoint, settings.user, settings.password, timeout=timeout)
        self.source = SessionStatements(
            log_path, scenario, home_page=settings.home_page, judge=settings.judge
        )
        self.log_path = log_path
        self.retry_cap = settings.retry_cap
        self._events: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._status = LiveStatus(endpoint, 0, 0, None)
        self._failures = 0
        self._next_try = 0.0
        self._waiting = 0
        self._changed = False  # events arrived that may make new statements
        self._thread = threading.Thread(target=self._run, name="roleplay-lrs", daemon=True)

    # --- called from the host ------------------------------------------------------------
    def start(self) -> None:
        """Start the sender thread (it first reads what the log already holds)."""
        self._thread.start()

    def event(self, event: Event) -> None:
        """A session log listener: queue the event for the sender (cheap; any thread)."""
        kind = event.get("type")
        if kind in RELEVANT:
            self._events.put(event)
            if kind in TRIGGERS:
                self._wake.set()

    def status(self) -> LiveStatus:
        """The latest status (thread-safe)."""
        with self._lock:
            return self._status

    def close(self, timeout: float = 15.0) -> LiveStatus:
        """Send what is left (one last attempt) and stop; waits at most ``timeout`` seconds."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return self.status()

    # --- the sender thread ----------------------------------------------------------------
    def _run(self) -> None:
        self._catch_up()
        while True:
            stopping = self._stop.is_set()
            self._wake.clear()
            self._queue_new()
            self._send_due(force=stopping)
            if stopping:
                return
            self._wake.wait(self._pause())

    def _catch_up(self) -> None:
        """Feed the events written before the sender started (a new log's first line, or the
        whole of a resumed log), and count what an earlier run left in the outbox."""
        try:
            for event in read_session_log(self.log_path).events:
                self._changed = self.source.feed(event) or self._changed
        except RoleplayError as problem:
            self._set_status(error=str(problem))
        try:
            self._waiting = len(self.outbox.pending())
        except OSError as problem:
            self._set_status(error=f"cannot read the outbox ({problem.strerror or problem})")
        self._wake.set()

    def _queue_new(self) -> None:
        while True:
            try:
                self._changed = self.source.feed(self._events.get_nowait()) or self._changed
            except queue.Empty:
                break
        if not self._changed:
            return
        self._changed = False
        try:
            self._waiting += self.outbox.add(self.source.statements())
        except OSError as problem:
            self._set_status(error=f"cannot write the outbox ({problem.strerror or problem})")
        self._set_status()

    def _send_due(self, *, force: bool) -> None:
        if self._waiting == 0 or (not force and time.monotonic() < self._next_try):
            return
        try:
            result = deliver(self.outbox, self.client, backoff=ONE_TRY, sleep=_no_wait)
        except OSError as problem:
            result = PushResult(0, self._waiting, f"outbox: {problem.strerror or problem}")
        self._waiting = result.waiting
        if result.error is None:
            self._failures = 0
        else:
            self._failures += 1
            delay = min(self.retry_cap, FIRST_RETRY * 2.0 ** (self._failures - 1))
            self._next_try = time.monotonic() + delay * random.uniform(0.8, 1.2)
        with self._lock:
            done = self._status.delivered + result.delivered
            self._status = LiveStatus(self._status.endpoint, done, result.waiting, result.error)

    def _pause(self) -> float | None:
        """Seconds until the next retry, or None: sleep until an event or close."""
        if self._waiting == 0:
            return None
        return max(0.0, self._next_try - time.monotonic())

    def _set_status(self, *, error: str | None = None) -> None:
        with self._lock:
            old = self._status
            self._status = LiveStatus(
                old.endpoint, old.delivered, self._waiting, error or old.error
            )


def _no_wait(_seconds: float) -> None:
    return None
