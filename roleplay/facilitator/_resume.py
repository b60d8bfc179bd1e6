"""Starting a session with a new log, and rebuilding one from its log (``--resume``).

Resuming replays the log's events: the room (settings, participants with their hashed tokens,
bans), the decisions taken (rewinds included), an open vote with the votes already cast, and the
knowledge check: the phases already asked and a question still shown, with its answers.
A vote or a timed question that was open when the host stopped comes back paused, so nobody
loses time while the laptop restarts; the facilitator resumes the timer. A question logged
before questions were timed (``check_open`` without ``deadline``) comes back untimed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from roleplay.engine import _shuffle
from roleplay.engine._errors import ChoiceError
from roleplay.engine._replay import replay
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._session_log import (
    Event,
    SessionLogError,
    SessionLogWriter,
    read_session_log,
)
from roleplay.facilitator._check import CheckRound, round_from_event, score_of
from roleplay.facilitator._controls import HostSession
from roleplay.facilitator._names import new_room_code
from roleplay.facilitator._room import Room, RoomSettings
from roleplay.facilitator._timer import Clock, VoteTimer
from roleplay.facilitator._votes import OfferedChoice, VoteRound

MIN_RESUMED_SECONDS = 15.0


def sessions_dir() -> Path:
    """The folder of session logs in the user data folder (created when missing)."""
    from roleplay.gui.storage import data_dir

    path = Path(data_dir()) / "sessions"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start_session(
    scenario: Scenario,
    *,
    code: str | None = None,
    settings: RoomSettings | None = None,
    log_path: Path | None = None,
    clock: Clock | None = None,
) -> HostSession:
    """A new session in the lobby, its log started (with the seed of its choice order)."""
    code = code or new_room_code()
    settings = settings or RoomSettings()
    session_id = uuid.uuid4().hex
    seed = _shuffle.new_seed()
    if log_path is None:
        stamp = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
        log_path = sessions_dir() / f"{stamp}-{scenario.id}-{code}.jsonl"
    writer = SessionLogWriter.create(
        log_path,
        scenario,
        session_id=session_id,
        room_code=code,
        settings=settings.to_json(),
        seed=seed,
    )
    runner = Runner(scenario, mode="practice", seed=seed)
    return HostSession(
        scenario, Room(code, settings), writer, session_id=session_id, clock=clock, runner=runner
    )


@dataclass
class _Replayed:
    """What the log says, event by event."""

    settings: dict[str, Any]
    participants: dict[str, Event] = field(default_factory=dict)
    banned: set[str] = field(default_factory=set)
    choices: list[str] = field(default_factory=list)
    round: Event | None = None
    votes: dict[str, str] = field(default_factory=dict)
    closed: bool = False
    revealed: bool = False
    timer: Event | None = None
    meters_revealed: bool = False
    started: bool = False
    ended: bool = False
    check: Event | None = None  # the knowledge-check question shown (until its phase ends)
    check_answers: dict[str, str] = field(default_factory=dict)
    check_closed: Event | None = None
    check_timer: Event | None = None  # the last timer control used on the question shown
    check_revealed: bool = False  # revealed after the timer closed it
    checks_done: set[str] = field(default_factory=set)
    check_scores: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)

    def apply(self, event: Event) -> None:
        """Take one event into account."""
        kind = event["type"]
        handler = getattr(self, f"_on_{kind}", None)
        if handler is not None:
            handler(event)

    def _on_settings(self, event: Event) -> None:
        self.settings.update(event["changes"])

    def _on_join(self, event: Event) -> None:
        self.participants[event["player"]] = event

    def _on_leave(self, event: Event) -> None:
        self.participants.pop(event["player"], None)
        self.votes.pop(event["player"], None)
        if self.check_closed is None:
            self.check_answers.pop(event["player"], None)

    _on_kick = _on_leave

    def _on_ban(self, event: Event) -> None:
        self._on_leave(event)
        if event["device_hash"]:
            self.banned.add(event["device_hash"])

    def _on_vote_open(self, event: Event) -> None:
        self.round, self.votes, self.timer = event, {}, None
        self.closed = self.revealed = False
        self.started = True

    def _on_vote(self, event: Event) -> None:
        if self.round is not None and event["decision"] == self.round["decision"]:
            self.votes[event["player"]] = event["choice"]

    def _on_timer(self, event: Event) -> None:
        if event.get("phase") is not None:  # the knowledge-check question's timer
            self.check_timer = event
        else:
            self.timer = event

    def _on_vote_close(self, event: Event) -> None:
        self.closed = True

    def _on_reveal(self, event: Event) -> None:
        if event["what"] == "meters":
            self.meters_revealed = bool(event["shown"])
        elif event["what"] == "check":
            self.check_revealed = True
        else:
            self.revealed = True

    def _on_decision(self, event: Event) -> None:
        self.choices.append(event["choice"])
        self.started = True

    def _on_rewind(self, event: Event) -> None:
        del self.choices[int(event["decisions_kept"]) :]
        self.round = None

    def _on_check_open(self, event: Event) -> None:
        self.check, self.check_answers, self.check_closed = event, {}, None
        self.check_timer, self.check_revealed = None, False
        self.started = True

    def _on_check_answer(self, event: Event) -> None:
        opened = self.check
        if opened is not None and (event["phase"], event["question"]) == (
            opened["phase"], opened["question"],
        ):  # fmt: skip
            self.check_answers[event["player"]] = event["option"]

    def _on_check_close(self, event: Event) -> None:
        self.check_closed = event
        try:
            key = (str(event["phase"]), int(event["question"]))
            self.check_scores[key] = score_of(event)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a close event this version cannot read: its score is not shown live

    def _on_check_end(self, event: Event) -> None:
        self.checks_done.add(str(event["phase"]))
        self.check = self.check_closed = None

    def _on_session_end(self, event: Event) -> None:
        self.ended = event["reason"] == "ended"  # "quit": the host was stopped, resumable


def resume_session(
    path: Path | str, scenario: Scenario, *, clock: Clock | None = None
) -> tuple[HostSession, list[str]]:
    """Continue the session logged in ``path``; returns it and warnings to show.

    Raises SessionLogError when the log cannot be read or does not fit ``scenario``.
    """
    log = read_session_log(path)
    start = log.start
    warnings = list(log.warnings)
    if start["scenario_id"] != scenario.id:
        raise SessionLogError(
            f"{log.path.name}: this session played scenario '{start['scenario_id']}', "
            f"not '{scenario.id}'"
        )
    if start["scenario_hash"] != scenario.content_hash:
        warnings.append("the scenario file has changed since this session started")
    state = _Replayed(dict(start["settings"]))
    for event in log.events:
        state.apply(event)
    seed = _logged_seed(start, warnings)
    try:
        runner = replay(scenario, state.choices, mode="practice", seed=seed)
    except ChoiceError as error:
        raise SessionLogError(f"{log.path.name}: cannot replay the session ({error})") from None
    room = _room(start["room_code"], state)
    session = HostSession(
        scenario,
        room,
        SessionLogWriter.reopen(log),
        session_id=log.session_id,
        clock=clock,
        runner=runner,
    )
    _restore_phase(session, state, log.events[-1])
    return session, warnings


def _logged_seed(start: Event, warnings: list[str]) -> int | None:
    """The seed the session's choice order was shuffled with; a log written before seeds were
    logged gets a new one (and a warning: the order of choices may differ from before)."""
    if "seed" in start:
        seed = start["seed"]
        return seed if isinstance(seed, int) and not isinstance(seed, bool) else None
    warnings.append(
        "this log does not record the order the choices were shown in (it was written by an "
        "older roleplay): choices may now appear in a different order"
    )
    return _shuffle.new_seed()


def _room(code: str, state: _Replayed) -> Room:
    settings = RoomSettings()
    for name, value in state.settings.items():
        try:
            settings.update({name: value})
        except ValueError:
            continue  # a setting this version does not know
    room = Room(code, settings, started=state.started)
    room.banned_devices |= state.banned
    for player, join in state.participants.items():
        room.add(player, str(join["nickname"]), str(join["token_hash"]), join["device_hash"])
    return room


def _restore_phase(session: HostSession, state: _Replayed, last: Event) -> None:
    session.meters_revealed = state.meters_revealed
    session.phase = "story" if state.started else "lobby"
    session.checks_done = set(state.checks_done)
    session.check_scores = dict(state.check_scores)
    if state.ended:
        session.phase = "ended"
        return
    _restore_vote(session, state, last)
    if state.check is not None:
        session.check_round = _check_round(session, state)
        session.check_round.timer = _check_timer(session, state, last)
        session.phase = "check"


def _check_timer(session: HostSession, state: _Replayed, last: Event) -> VoteTimer | None:
    """The question's timer, paused with the time it had left (at least
    :data:`MIN_RESUMED_SECONDS`); None when untimed, closed, or logged before questions were
    timed."""
    assert state.check is not None
    seconds = state.check.get("seconds")
    if state.check_closed is not None or "deadline" not in state.check:
        return None
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        seconds = None
    timer = VoteTimer(session.clock, seconds)
    control = state.check_timer or {}
    if timer.timed or control.get("deadline") is not None or control.get("remaining") is not None:
        left = _left(state.check, state.check_timer, last)  # +30 s can time an untimed one
        timer.set_paused(max(left, MIN_RESUMED_SECONDS))
    return timer


def _check_round(session: HostSession, state: _Replayed) -> CheckRound:
    """The knowledge-check question that was shown, with the answers of those still here."""
    assert state.check is not None
    try:
        current = round_from_event(state.check)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SessionLogError(f"cannot resume the knowledge check ({error})") from None
    offered = set(current.option_ids)
    closed = state.check_closed is not None
    for player, option in state.check_answers.items():
        if (closed or player in session.room.participants) and option in offered:
            current.answers[player] = option
    if state.check_closed is not None:
        current.open = False
        current.close_reason = str(state.check_closed.get("reason"))
        current.revealed = current.close_reason == "revealed" or state.check_revealed
    return current


def _restore_vote(session: HostSession, state: _Replayed, last: Event) -> None:
    opened = state.round
    if opened is None:
        return
    if opened["decision"] == len(state.choices):  # already played: keep it for the reveal
        session.round = _round(session, opened, state, last)
        session.round.close("resumed")
        session.decided = True
    elif (
        opened["decision"] == len(state.choices) + 1 and opened["node"] == session.runner.state.node
    ):
        session.round = _round(session, opened, state, last)
        session.phase = "closed" if state.closed else "vote"
        if state.closed:
            session.round.close("resumed")
        session.line = max(0, len(session.view.lines) - 1)


def _round(session: HostSession, opened: Event, state: _Replayed, last: Event) -> VoteRound:
    choices = tuple(
        OfferedChoice(str(c["id"]), str(c["text"]), str(c["technique"]), str(c["family"]))
        for c in opened["choices"]
    )
    timer = VoteTimer(session.clock, opened["seconds"])
    if timer.timed:
        timer.set_paused(max(_left(opened, state.timer, last), MIN_RESUMED_SECONDS))
    current = VoteRound(int(opened["decision"]), str(opened["node"]), choices, timer)
    offered = set(current.choice_ids)
    for player, choice in state.votes.items():
        if player in session.room.participants and choice in offered:
            current.votes[player] = choice
    current.revealed = state.revealed
    return current


def _left(opened: Event, timer: Event | None, last: Event) -> float:
    """Seconds that were left on the vote when the log's last event was written."""
    source = timer or opened
    if source["deadline"] is None:
        remaining = source.get("remaining")
        return float(remaining) if isinstance(remaining, int | float) else 0.0
    try:
        deadline = datetime.fromisoformat(str(source["deadline"]))
        stopped = datetime.fromisoformat(str(last["time"]))
    except ValueError:
        return 0.0
    return max(0.0, (deadline - stopped).total_seconds())
