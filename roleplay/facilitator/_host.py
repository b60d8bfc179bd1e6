"""Running a hosted session: the session, the phone server, and the queue between them."""

from __future__ import annotations

import logging
import queue
import signal
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from roleplay.engine._errors import RoleplayError
from roleplay.engine._scenario import Scenario
from roleplay.facilitator._controls import HostSession
from roleplay.facilitator._network import DEFAULT_PORT, host_url, join_url, primary_lan_address
from roleplay.facilitator._protocol import Command, Reply, handle, run_host_command
from roleplay.facilitator._resume import resume_session, start_session
from roleplay.facilitator._room import RoomSettings
from roleplay.facilitator._server import JoinLimiter, PhoneServer
from roleplay.facilitator._session import ActionError
from roleplay.facilitator._timer import Clock
from roleplay.reports._live import LiveRecords, LiveStatus, LrsSettings


@dataclass
class HostOptions:
    """What ``roleplay host`` was asked to do."""

    scenario: Scenario
    bind: str | None = None
    port: int = DEFAULT_PORT
    code: str | None = None
    settings: RoomSettings = field(default_factory=RoomSettings)
    headless: bool = False
    resume: Path | None = None
    log_path: Path | None = None
    join_limit: JoinLimiter | None = field(default_factory=lambda: JoinLimiter(20, 60.0))
    lrs: LrsSettings | None = None  # send learning records as the session happens
    clock: Clock | None = None  # the timers' clock (tests move a fake one by hand)


MAX_BATCH = 500  # commands handled between two frames at most
SWITCH_INTERVAL = 0.0005


class HostRuntime:
    """The game-thread side: drains the phones' commands, ticks the timer, sends the news."""

    def __init__(
        self,
        session: HostSession,
        server: PhoneServer,
        address: str,
        records: LiveRecords | None = None,
    ) -> None:
        self.session = session
        self.server = server
        self.address = address
        self.records = records
        self.records_status: LiveStatus | None = None  # set when the session closes
        self.commands: queue.Queue[Command] = server.commands
        self.listening = [address]  # every address the server is bound to
        self._records_seen: LiveStatus | None = None
        if records is not None:
            session.records_probe = records.status

    @property
    def join_url(self) -> str:
        """The link phones open (shown as text and QR on the projector)."""
        room = self.session.room
        return join_url(self.address, self.server.port, room.code, teams=room.settings.teams)

    @property
    def short_link(self) -> str:
        """The join link to read out or type: no scheme (the team flag in team mode, as in
        the QR code)."""
        return self.join_url.removeprefix("http://")

    @property
    def host_url(self) -> str:
        """The host remote's link (never shown on the projector)."""
        return host_url(self.address, self.server.port, self.session.host_token)

    def pump(self, wait: float = 0.0) -> int:
        """Handle queued commands (waiting up to ``wait`` s for the first); returns how many."""
        batch: list[tuple[Command, Reply]] = []
        with self.session.log.group():  # one fsync for the batch, before any reply goes out
            try:
                first = self.commands.get(timeout=wait) if wait > 0 else self.commands.get_nowait()
                batch.append((first, self._handle(first)))
                while len(batch) < MAX_BATCH:
                    command = self.commands.get_nowait()
                    batch.append((command, self._handle(command)))
            except queue.Empty:
                pass
            self.session.tick()  # a vote or question whose time is up closes in the same fsync
            self._watch_records()
        answers = [(command, reply) for command, reply in batch if command.reply is not None]
        self.server.answer(answers, self.session.flush())  # one hop to the server for all
        return len(batch)

    def _watch_records(self) -> None:
        """Tell the host remote when the learning records' counts change."""
        if self.records is None:
            return
        status = self.records.status()
        if status != self._records_seen:
            self._records_seen = status
            self.session.changed()

    def _handle(self, command: Command) -> Reply:
        try:
            return handle(self.session, command)
        except Exception as exc:  # a bug must not take the room down; the phone gets an error
            logging.getLogger("roleplay.facilitator").exception("command failed")
            return Reply([{"type": "error", "code": "internal", "message": str(exc)[:200]}])

    def command(self, action: str, **fields: Any) -> str | None:
        """Run a facilitator command from the facilitator window; returns an error or None."""
        try:
            run_host_command(self.session, {"type": "command", "action": action, **fields})
        except ActionError as error:
            return str(error)
        return None

    def move_to(self, address: str) -> str | None:
        """Show another of the laptop's addresses in the join link; returns an error or None.

        The server goes on listening where it already did (same port), so phones that joined
        through an earlier address stay connected.
        """
        if address not in self.listening:
            try:
                self.server.listen_also(address)
            except OSError as error:
                return f"cannot listen on {address} ({error.strerror or error})"
            self.listening.append(address)
        self.address = address
        return None

    def close(self, reason: str = "quit") -> None:
        """End the session if it is still running, send the news, stop the server, and make one
        last attempt to send the learning records (what fails stays in the outbox)."""
        if self.session.phase != "ended":
            self.session.end(reason)
        self.server.answer([], self.session.flush())  # sent before the server stops
        self.server.stop()
        if self.records is not None and self.records_status is None:
            self.records_status = self.records.close()
        self.session.log.close()


def open_runtime(options: HostOptions) -> tuple[HostRuntime, list[str]]:
    """Start or resume the session and its server; returns it with warnings to show.

    Raises OSError when the address cannot be bound, SessionLogError on a bad log,
    RecordsSetupError when the LRS outbox cannot be prepared.
    """
    warnings: list[str] = []
    if options.resume is not None:
        session, warnings = resume_session(options.resume, options.scenario, clock=options.clock)
    else:
        session = start_session(
            options.scenario,
            code=options.code,
            settings=options.settings,
            log_path=options.log_path,
            clock=options.clock,
        )
    session.big_screen = not options.headless
    try:
        records = _start_records(options, session)
    except (RoleplayError, ValueError):
        session.log.close()
        raise
    # A vote crosses threads twice (server -> game loop -> server); with the default 5 ms GIL
    # switch interval each crossing can wait that long while the other thread is busy.
    sys.setswitchinterval(SWITCH_INTERVAL)
    address = options.bind or primary_lan_address() or "127.0.0.1"
    server = PhoneServer(queue.Queue(), join_limit=options.join_limit)
    try:
        server.start(address, options.port)
    except OSError:
        if records is not None:
            records.close(0)
        session.log.close()
        raise
    return HostRuntime(session, server, address, records), warnings


def _start_records(options: HostOptions, session: HostSession) -> LiveRecords | None:
    """The background sender of learning records, subscribed to the session log (or None)."""
    if options.lrs is None:
        return None
    records = LiveRecords(options.lrs, session.log.path, options.scenario)
    session.log.subscribe(records.event)
    records.start()
    return records


def run_headless(runtime: HostRuntime, out: TextIO = sys.stdout) -> int:
    """Serve until the session ends or the process is asked to stop (Ctrl+C, SIGTERM); the
    learning records' counts are printed as they change."""
    stop = threading.Event()
    previous = _stop_on_signals(stop)
    shown: tuple[int, int] | None = None
    try:
        while not stop.is_set() and runtime.session.phase != "ended":
            runtime.pump(0.05)
            if runtime.records is not None:
                status = runtime.records.status()
                if shown != (status.delivered, status.waiting):
                    shown = (status.delivered, status.waiting)
                    print(f"records: {status.summary()}", file=out, flush=True)
    finally:
        runtime.close("quit")
        for number, handler in previous:
            signal.signal(number, handler)
    return 0


def print_session_over(runtime: HostRuntime, out: TextIO) -> None:
    """The session is over: where its log is and how to make the report."""
    log = runtime.session.log.path
    print(f"session closed; the log is {log}", file=out)
    print(f"report: roleplay report {report_argument(log)} -o report.html", file=out, flush=True)


def report_argument(log: Path) -> str:
    """``log`` as typed on a command line (quoted when it has spaces or quotes)."""
    import shlex

    return shlex.quote(str(log))


def _stop_on_signals(stop: threading.Event) -> list[tuple[int, Any]]:
    """Make Ctrl+C and SIGTERM set ``stop``; returns the handlers to put back."""
    if threading.current_thread() is not threading.main_thread():
        return []
    numbers = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
    return [(n, signal.signal(n, lambda *_: stop.set())) for n in numbers]


def announce(runtime: HostRuntime, warnings: list[str], out: TextIO, *, headless: bool) -> None:
    """Print where phones join, and (for the facilitator's eyes) the host remote's link."""
    session = runtime.session
    print(f"room {session.room.code}: {session.scenario.title}", file=out)
    print(f"join: {runtime.join_url}", file=out)
    if headless:
        print(f"host: {runtime.host_url}", file=out)
    print(f"log: {session.log.path}", file=out)
    if runtime.records is not None:
        endpoint = runtime.records.status().endpoint
        print(f"records: to be sent to {endpoint} during the session", file=out)
    for warning in warnings:
        print(f"warning: {warning}", file=out)
    out.flush()
