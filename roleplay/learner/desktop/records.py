"""Learning records sent live from solo play, when the learner (or their organisation) set an LRS.

:class:`SoloRecords` (one per app, :func:`solo_records`) keeps the background sender of the LRS
in force and follows the session being played through the runner's hooks: the engine knows
nothing of it. On each decision and at the ending a snapshot of the run is handed to the sender,
which makes the statements (``export-xapi``'s builder, the same ids) and sends them on its own
thread. The game never waits for the LRS; quitting gives the sender a moment, then leaves the
rest in the outbox for the next start.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from roleplay.gui.records_settings import RecordsSetup, outbox_root, records_setup

if TYPE_CHECKING:  # the reports modules are loaded only when sending is on
    from roleplay import Step
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session
    from roleplay.reports._live import LiveStatus
    from roleplay.reports._records import Account
    from roleplay.reports._sender import Statements, StatementSender

#: Longest wait for the last delivery when the game quits (seconds).
QUIT_FLUSH_SECONDS = 3.0
#: How long one request to the LRS may take from the game.
REQUEST_TIMEOUT = 8.0

_SHARED: WeakKeyDictionary[App, SoloRecords] = WeakKeyDictionary()


def close_solo_records(app: App, timeout: float = QUIT_FLUSH_SECONDS) -> None:
    """The game is quitting: give the sender (if any) ``timeout`` seconds, then let it go."""
    records = _SHARED.pop(app, None)
    if records is not None:
        records.close(timeout)


def solo_records(app: App) -> SoloRecords:
    """The app's learning-record sender (set up from its settings on first use)."""
    records = _SHARED.get(app)
    if records is None:
        records = _SHARED[app] = SoloRecords()
        records.configure(records_setup(app.settings.records))
    return records


class LiveRun:
    """Follows one session's runner and hands the run so far to the sender after each step."""

    def __init__(
        self,
        session: Session,
        sender: StatementSender,
        account: Account,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        from roleplay.reports._records import run_registration

        runner = session.runner
        self.session = session
        self.sender = sender
        self.account = account
        self.clock = clock
        scenario, state = session.scenario, runner.state
        self.registration = (
            uuid.uuid4()
            if state.seed is None
            else run_registration(account, scenario.id, scenario.content_hash, state.seed)
        )
        self.started_at = clock()
        self.times: list[datetime | None] = [None] * len(state.history)
        self.ended_at: datetime | None = clock() if runner.is_over else None
        self.unsubscribe = runner.subscribe(
            choice_made=self._on_choice, ending_reached=self._on_ending, rewound=self._on_rewound
        )
        self.submit()

    def _on_choice(self, _step: Step) -> None:
        self.times.append(self.clock())
        self.submit()

    def _on_ending(self, _ending: str) -> None:
        self.ended_at = self.clock()
        self.submit()

    def _on_rewound(self, kept: int) -> None:
        del self.times[kept:]
        self.ended_at = None

    def submit(self) -> None:
        """Hand a snapshot of the run to the sender (the statements are made on its thread)."""
        scenario, state = self.session.scenario, self.session.runner.state.copy()
        times, started, ended = list(self.times), self.started_at, self.ended_at
        account, registration = self.account, self.registration

        def make() -> Statements:
            from roleplay.reports._records import run_record
            from roleplay.reports._sender import statements_so_far

            record = run_record(
                scenario,
                state,
                account=account,
                registration=registration,
                started_at=started,
                ended_at=ended,
                times=times,
                taken_back=state.taken_back,
            )
            return statements_so_far(record)

        self.sender.submit(make)


class SoloRecords:
    """The sender of the LRS in force (None when sending is off) and the run it follows."""

    def __init__(self) -> None:
        self.setup: RecordsSetup | None = None
        self.sender: StatementSender | None = None
        self.run: LiveRun | None = None
        self.session: Session | None = None  # the session followed (again after a change)
        self.problem = ""  # why sending could not start, in the learner's words

    def configure(self, setup: RecordsSetup) -> None:
        """Use ``setup`` from now on: a new sender when the LRS or credentials changed."""
        same = self.setup is not None and _same_target(self.setup, setup)
        self.setup = setup
        if same and self.sender is not None:
            return
        self._stop_sender(timeout=0.2)  # a slow LRS finishes its last try on its own thread
        self.problem = ""
        if not setup.ready:
            return
        from roleplay.reports._live import RecordsSetupError
        from roleplay.reports._sender import StatementSender

        try:
            self.sender = StatementSender(
                setup.endpoint, setup.user, setup.password, outbox_root(), timeout=REQUEST_TIMEOUT
            )
        except (ValueError, RecordsSetupError) as problem:
            self.problem = str(problem)
            return
        self.sender.start()
        if self.session is not None:
            self.follow(self.session)

    def follow(self, session: Session) -> None:
        """Send the learning records of ``session`` (the one now played) when sending is on."""
        self.session = session
        if self.run is not None:
            self.run.unsubscribe()
            self.run = None
        if self.sender is None or self.setup is None:
            return
        from roleplay.reports._records import Account

        account = Account(self.setup.home_page, self.setup.account)
        self.run = LiveRun(session, self.sender, account)

    def status(self) -> LiveStatus | None:
        """How sending is going (None when it is off)."""
        return self.sender.status() if self.sender is not None else None

    def summary(self) -> str:
        """One short line for the Settings screen."""
        if self.problem:
            return f"Not sending: {self.problem}"
        status = self.status()
        if status is None:
            return "Off"
        waiting = f"{status.waiting} statement{'s' if status.waiting != 1 else ''} waiting"
        if status.waiting and status.error:
            return f"On · {waiting} (the LRS cannot be reached; retrying)"
        return f"On · {status.delivered} sent, {waiting}"

    def close(self, timeout: float = QUIT_FLUSH_SECONDS) -> LiveStatus | None:
        """Stop following, give the sender at most ``timeout`` seconds to send what is left."""
        if self.run is not None:
            self.run.unsubscribe()
            self.run = None
        return self._stop_sender(timeout)

    def _stop_sender(self, timeout: float) -> LiveStatus | None:
        sender, self.sender = self.sender, None
        if sender is None:
            return None
        if self.run is not None:
            self.run.unsubscribe()
            self.run = None
        return sender.close(timeout)


def _same_target(old: RecordsSetup, new: RecordsSetup) -> bool:
    """True when the sender for ``old`` can go on serving ``new``."""
    keys = ("enabled", "endpoint", "user", "password", "account", "home_page")
    return all(getattr(old, key) == getattr(new, key) for key in keys)
