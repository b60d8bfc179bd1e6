"""The background sender of learning records, for solo play and hosted sessions alike:
statements are made and queued in the on-disk outbox on its own thread, then delivered with a
growing wait while the LRS is away.

The game (or the host, through ``roleplay.reports._live``) hands it work with
:meth:`StatementSender.submit`: a function that makes every statement so far, run on the
sender's thread, so the caller never waits for it. What is waiting from an earlier run is sent
first. At :meth:`StatementSender.close` it makes one last attempt for at most the time it is
given, and whatever has not gone out stays in the outbox for the next start (or ``roleplay lrs
push``). The password lives in memory only.
"""

from __future__ import annotations

import queue
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roleplay.engine._errors import RoleplayError
from roleplay.reports._lrs import Backoff, LrsClient, PushResult, check_endpoint, deliver
from roleplay.reports._outbox import Outbox, outbox_folder
from roleplay.reports._records import RunRecord
from roleplay.reports._xapi import VERBS, statements_for

Statements = list[dict[str, Any]]
MakeStatements = Callable[[], Statements]
FIRST_RETRY = 1.0
ONE_TRY = Backoff(attempts=1)  # the sender's loop does the waiting between tries


class RecordsSetupError(RoleplayError):
    """The outbox for live records cannot be prepared (the message says where and why)."""


@dataclass(frozen=True)
class LiveStatus:
    """How sending is going: delivered by this sender, waiting in the outbox, the last problem."""

    endpoint: str
    delivered: int
    waiting: int
    error: str | None
    failing_since: str | None = None  # local "HH:MM" of the first failure in a row

    def summary(self) -> str:
        """One line for the facilitator or learner: '12 sent, 3 waiting (cannot reach …)'."""
        text = f"{self.delivered} sent, {self.waiting} waiting"
        return f"{text} ({self.error})" if self.error and self.waiting else text


class StatementSender:
    """Queues statements in the outbox of one LRS and delivers them from its own thread."""

    def __init__(
        self,
        endpoint: str,
        user: str,
        password: str,
        outbox_root: Path,
        *,
        timeout: float = 10.0,
        retry_cap: float = 60.0,
        thread_name: str = "roleplay-lrs-solo",
    ) -> None:
        """Raises ValueError for an unusable endpoint, RecordsSetupError when the outbox cannot
        be made."""
        endpoint = check_endpoint(endpoint)
        folder = outbox_folder(outbox_root, endpoint)
        try:
            self.outbox = Outbox(folder, endpoint)
        except OSError as problem:
            raise RecordsSetupError(
                f"{folder}: cannot prepare the LRS outbox ({problem.strerror or problem})"
            ) from None
        self.client = LrsClient(endpoint, user, password, timeout=timeout)
        self.retry_cap = retry_cap
        self._jobs: queue.SimpleQueue[MakeStatements] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._status = LiveStatus(endpoint, 0, 0, None)
        self._failures = 0
        self._next_try = 0.0
        self._waiting = 0
        self._thread = threading.Thread(target=self._run, name=thread_name, daemon=True)

    # --- called from the game -------------------------------------------------------------
    def start(self) -> None:
        """Start the sender thread (it first counts and sends what an earlier run left)."""
        self._thread.start()

    def submit(self, make: MakeStatements) -> None:
        """Queue work for the sender: ``make()`` runs on its thread (cheap to call here)."""
        self._jobs.put(make)
        self._wake.set()

    def status(self) -> LiveStatus:
        """The latest status (thread-safe)."""
        with self._lock:
            return self._status

    def report(self, problem: str) -> None:
        """Show ``problem`` in the status (a job that could make only part of its statements)."""
        self._set_status(error=problem)

    def close(self, timeout: float = 3.0) -> LiveStatus:
        """Queue what was submitted, try once more to send, and stop; waits at most
        ``timeout`` seconds (the thread is a daemon: an LRS that hangs does not hold the
        game, and what it did not send is still in the outbox)."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return self.status()

    @property
    def running(self) -> bool:
        """True while the sender thread runs."""
        return self._thread.is_alive()

    # --- the sender thread ----------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._waiting = len(self.outbox.pending())
        except OSError as problem:
            self._set_status(error=f"cannot read the outbox ({problem.strerror or problem})")
        self._set_status()
        while True:
            stopping = self._stop.is_set()
            self._wake.clear()
            self._queue_new()
            self._send_due(force=stopping)
            if stopping:
                return
            self._wake.wait(self._pause())

    def _queue_new(self) -> None:
        latest: MakeStatements | None = None
        while True:
            try:
                latest = self._jobs.get_nowait()
            except queue.Empty:
                break
        if latest is None:
            return  # each job makes every statement so far: only the latest one matters
        try:
            self._waiting += self.outbox.add(latest())
        except OSError as problem:
            self._set_status(error=f"cannot write the outbox ({problem.strerror or problem})")
            return
        except Exception as problem:  # a statement that cannot be made must not stop sending
            self._set_status(error=f"cannot make the statements ({problem})")
            return
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
            old = self._status
            since = None
            if result.error is not None:
                since = old.failing_since or time.strftime("%H:%M")
            done = old.delivered + result.delivered
            self._status = LiveStatus(old.endpoint, done, result.waiting, result.error, since)

    def _pause(self) -> float | None:
        """Seconds until the next retry, or None: sleep until new work or close."""
        if self._waiting == 0:
            return None
        return max(0.0, self._next_try - time.monotonic())

    def _set_status(self, *, error: str | None = None) -> None:
        with self._lock:
            old = self._status
            self._status = LiveStatus(
                old.endpoint, old.delivered, self._waiting, error or old.error, old.failing_since
            )


def _no_wait(_seconds: float) -> None:
    return None


def statements_so_far(record: RunRecord, *, judge: bool = False) -> Statements:
    """The statements of a run in progress: what ``export-xapi`` makes of it, with the same
    ids, but ``terminated`` only once the run has reached its ending."""
    made = statements_for(record, judge=judge)
    if record.ending is None:
        made = [s for s in made if s["verb"]["id"] != VERBS["terminated"]]
    return made
