"""Learning records sent live from solo play, when the learner (or their organisation) set an LRS.

:class:`SoloRecords` (one per app, :func:`solo_records`) keeps the background sender of the LRS
in force and follows the session being played through the runner's hooks: the engine knows
nothing of it. On each decision and at the ending a snapshot of the run is handed to the sender,
which makes the statements (``export-xapi``'s builder, the same ids) and sends them on its own
thread. The game never waits for the LRS; quitting gives the sender a moment, then leaves the
rest in the outbox for the next start.

The debrief's "Export learning record" writes the same statements as JSON Lines
(:func:`export_learning_record`). Its actor is the account set in Settings; without one, the
account in ``records.json`` in the user config folder (``{"account": {"name": ..., "homePage":
...}}``, as for ``roleplay export-xapi``); without that, an anonymous one the game makes up once
(``learner-`` and random letters) and keeps there, so every export from this computer names the
same learner and nothing personal.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from roleplay.gui import storage
from roleplay.gui.records_settings import RecordsSetup, outbox_root, records_setup

if TYPE_CHECKING:  # the reports modules are loaded only when sending is on
    from roleplay import Step
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session
    from roleplay.reports._live import LiveStatus
    from roleplay.reports._records import Account, RunRecord
    from roleplay.reports._sender import Statements, StatementSender

#: Longest wait for the last delivery when the game quits (seconds).
QUIT_FLUSH_SECONDS = 3.0
#: How long one request to the LRS may take from the game.
REQUEST_TIMEOUT = 8.0
#: The learner's account for exports when Settings name none (in the user config folder).
RECORDS_FILE = "records.json"

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

    def resend(self) -> None:
        """Hand the run followed to the sender again (after the knowledge check was answered)."""
        if self.run is not None:
            self.run.submit()

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


def learner_account(app: App) -> Account:
    """The solo learner's xAPI account: Settings', else ``records.json``'s, else one made up
    and kept (see the module)."""
    from roleplay.reports._records import DEFAULT_HOME_PAGE, Account

    setup = records_setup(app.settings.records)
    if setup.account.strip():
        return Account(setup.home_page, setup.account)

    path = storage.config_dir() / RECORDS_FILE
    data, problem = storage.read_json_checked(path)
    settings: dict[str, Any] = data if isinstance(data, dict) else {}
    stored = settings.get("account")
    account = stored if isinstance(stored, dict) else {}
    name, home = account.get("name"), account.get("homePage")
    home_page = home if isinstance(home, str) and home else DEFAULT_HOME_PAGE
    if isinstance(name, str) and name.strip():
        return Account(home_page, name)
    made_up = Account(home_page, f"learner-{uuid.uuid4().hex[:12]}")
    if (data is None and not problem) or isinstance(data, dict):  # never clobber what we can't read
        settings["account"] = {"name": made_up.name, "homePage": made_up.home_page}
        with contextlib.suppress(OSError):  # a read-only folder: this export still names someone
            storage.atomic_write_text(path, json.dumps(settings, indent=2) + "\n")
    return made_up


def session_record(session: Session, account: Account) -> RunRecord:
    """The record of the game being played (a resumed game has no times for earlier decisions)."""
    from roleplay.reports._records import run_record, run_registration

    recorder = session.recorder
    fresh = session.decisions_at_start == 0
    state, scenario = session.runner.state, session.scenario
    registration = (  # the live sender's, so an export and what was sent agree
        recorder.registration
        if state.seed is None
        else run_registration(account, scenario.id, scenario.content_hash, state.seed)
    )
    return run_record(
        scenario,
        state,
        account=account,
        registration=registration,
        started_at=recorder.started_at if fresh else None,
        ended_at=recorder.ended_at,
        times=recorder.times if fresh else None,
        taken_back=state.taken_back,
    )


def export_learning_record(app: App, session: Session) -> tuple[Path, int]:
    """Write the game's statements into the exports folder; returns (path, how many).

    Raises OSError when the file cannot be written (the folder is read-only, the disk full)."""
    from roleplay.reports._xapi import statements_for

    statements = statements_for(session_record(session, learner_account(app)))
    text = "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = storage.exports_dir() / f"{session.scenario.id}-record-{stamp}.jsonl"
    storage.atomic_write_text(path, text)
    return path, len(statements)
