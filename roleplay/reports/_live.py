"""Learning records sent while a hosted session happens: the session log feeding the background
sender of ``roleplay.reports._sender``.

The host subscribes :meth:`LiveRecords.event` to its session log; it runs on the game thread and
only queues the event. On the sender's thread the events so far become statements (the ones
``roleplay export-xapi`` makes from the log, with the same ids), which are queued in the on-disk
outbox and delivered, waiting longer after each failure while the LRS cannot be reached. Nothing
here blocks the game loop or the phone server; what has not gone out when the session closes
stays in the outbox for ``roleplay lrs push``. The password lives in memory only.
"""

from __future__ import annotations

import queue
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.engine._errors import RoleplayError
from roleplay.engine._session_log import Event, read_session_log
from roleplay.reports._sender import LiveStatus, RecordsSetupError, Statements, StatementSender
from roleplay.reports._sessions import DEFAULT_HOST_HOME_PAGE, session_from_events, session_record
from roleplay.reports._xapi import VERBS, statements_for

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario

__all__ = [
    "RELEVANT",
    "TRIGGERS",
    "LiveRecords",
    "LiveStatus",
    "LrsSettings",
    "RecordsSetupError",
    "SessionStatements",
]

#: Events the statements are built from (votes are counted in ``decision`` events, answers to
#: the knowledge check in ``check_close`` events).
RELEVANT = frozenset(
    {"session_start", "resume", "join", "vote_open", "vote_close", "override", "decision",
     "rewind", "ending", "session_end", "check_open", "check_close"}
)  # fmt: skip
#: Events after which there may be new statements to send.
TRIGGERS = frozenset(
    {"session_start", "resume", "decision", "rewind", "ending", "session_end", "check_close"}
)


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
    """The background sender of one hosted session: its log's events in, statements out."""

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
        self.sender = StatementSender(
            settings.endpoint,
            settings.user,
            settings.password,
            settings.outbox_root,
            timeout=timeout,
            retry_cap=settings.retry_cap,
            thread_name="roleplay-lrs",
        )
        self.source = SessionStatements(
            log_path, scenario, home_page=settings.home_page, judge=settings.judge
        )
        self.log_path = log_path
        self._events: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self._caught_up = False

    def start(self) -> None:
        """Start the sender; it first reads what the log already holds (a new log's first line,
        or the whole of a resumed log) and counts what an earlier run left in the outbox."""
        self.sender.start()
        self.sender.submit(self._statements)

    def event(self, event: Event) -> None:
        """A session log listener: queue the event for the sender (cheap; any thread)."""
        kind = event.get("type")
        if kind in RELEVANT:
            self._events.put(event)
            if kind in TRIGGERS:
                self.sender.submit(self._statements)

    def status(self) -> LiveStatus:
        """The latest status (thread-safe)."""
        return self.sender.status()

    def close(self, timeout: float = 15.0) -> LiveStatus:
        """Send what is left (one last attempt) and stop; waits at most ``timeout`` seconds."""
        return self.sender.close(timeout)

    def _statements(self) -> Statements:
        """Every statement of the session so far (on the sender's thread)."""
        if not self._caught_up:
            self._caught_up = True
            try:
                for event in read_session_log(self.log_path).events:
                    self.source.feed(event)
            except RoleplayError as problem:
                self.sender.report(str(problem))
        while True:
            try:
                self.source.feed(self._events.get_nowait())
            except queue.Empty:
                return self.source.statements()
