"""A hosted session: the rules of the room, the votes and the story, every event logged.

The session is touched by one thread only (the game loop). It observes the game through the
Runner's hooks: the ``decision``, ``ending`` and ``rewind`` events are written by hook callbacks.
Messages for phones and the host remote collect in an outbox that :meth:`HostSession.flush`
empties once per frame; "N of M voted" goes out at most every :data:`PROGRESS_INTERVAL`, so a
burst of votes costs one broadcast, not one per vote.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from roleplay.engine import _shuffle
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._session_log import SessionLogWriter, hash_secret
from roleplay.engine._state import Step
from roleplay.engine._view import View
from roleplay.facilitator._preview import Preview
from roleplay.facilitator._room import Participant, Room
from roleplay.facilitator._shapes import ActionError as ActionError
from roleplay.facilitator._shapes import Discussion as Discussion
from roleplay.facilitator._shapes import Outgoing as Outgoing
from roleplay.facilitator._timer import Clock, VoteTimer
from roleplay.facilitator._votes import (
    NeedsFacilitator,
    OfferedChoice,
    Settlement,
    VoteRound,
    checked_counts,
    settle,
)

if TYPE_CHECKING:
    from roleplay.facilitator._check import CheckRound

Phase = Literal["lobby", "check", "story", "vote", "closed", "ending", "ended"]
TIMER_ACTIONS = ("pause", "resume", "extend", "end_now")
PROGRESS_INTERVAL = 0.4  # seconds between "N of M voted" broadcasts during a burst


class SessionCore:
    """The state of one hosted session: participants, votes, decisions and the story.

    :class:`roleplay.facilitator._controls.HostSession` adds the facilitator's other controls.
    """

    def __init__(
        self,
        scenario: Scenario,
        room: Room,
        log: SessionLogWriter,
        *,
        session_id: str,
        clock: Clock | None = None,
        runner: Runner | None = None,
    ) -> None:
        self.scenario = scenario
        self.room = room
        self.log = log
        self.session_id = session_id
        self.clock = clock or Clock()
        self.runner = runner or Runner(scenario, mode="practice", seed=_shuffle.new_seed())
        self.phase: Phase = "lobby"
        self.line = 0
        self.round: VoteRound | None = None
        self.decided = False  # the current round's choice has been played
        self.settled: Settlement | None = None  # how the last decision was settled
        self.big_screen = True  # False with --headless: phones are told, not sent to a screen
        self.discussion: Discussion | None = None
        self.preview: Preview | None = None
        self.meters_revealed = False
        self.check_round: CheckRound | None = None  # a knowledge-check question being asked
        self.checks_done: set[str] = set()  # check phases asked (or skipped) already
        self.check_scores: dict[tuple[str, int], tuple[int, int]] = {}  # right, answered
        self.host_token = secrets.token_urlsafe(16)
        self._host_hash = hash_secret(self.host_token)
        self._outbox: list[Outgoing] = []
        self._snapshot_due = True
        self._progress_due = False
        self._progress_sent = -PROGRESS_INTERVAL
        self._pending: tuple[Settlement, dict[str, int], int] | None = None
        self._view: View | None = None
        self._present = -1  # the last "M" of "N of M voted" sent
        for participant in room.participants.values():  # resumed: back within the grace
            participant.away_since = self.clock.monotonic()
        self.unsubscribe = self._observe_runner()

    def _observe_runner(self) -> Callable[[], None]:
        return self.runner.subscribe(
            node_entered=self._on_node_entered,
            choice_made=self._on_choice_made,
            ending_reached=self._on_ending,
            rewound=self._on_rewound,
        )

    # --- what is shown ----------------------------------------------------------------
    @property
    def view(self) -> View:
        """The runner's view of the current beat (cached until the story moves)."""
        if self._view is None:
            self._view = self.runner.view()
        return self._view

    @property
    def at_last_line(self) -> bool:
        """True when the projector shows the last line of the beat."""
        return self.line >= len(self.view.lines) - 1

    def is_host(self, token: object) -> bool:
        """True when ``token`` is this session's host token."""
        return isinstance(token, str) and secrets.compare_digest(
            hash_secret(token), self._host_hash
        )

    def changed(self) -> None:
        """Ask for a full snapshot to every phone and the host at the next flush."""
        self._snapshot_due = True

    def send(self, to: str, message: dict[str, Any], *, close: bool = False) -> None:
        """Queue a message for the next flush."""
        self._outbox.append(Outgoing(to, message, close))

    def flush(self) -> list[Outgoing]:
        """The messages to send now: queued ones, then snapshots or a progress update."""
        from roleplay.facilitator._views import host_state, phone_snapshot, progress

        out, self._outbox = self._outbox, []
        now = self.clock.monotonic()
        if not self._snapshot_due and now - self._progress_sent < PROGRESS_INTERVAL:
            return out  # progress waits a little: one update for a burst of votes
        if self._snapshot_due:
            for player in self.room.participants:
                out.append(Outgoing(player, phone_snapshot(self, player)))
        elif self._progress_due and (self.round is not None or self.check_round is not None):
            out.append(Outgoing("phones", progress(self)))
        if self._snapshot_due or self._progress_due:
            out.append(Outgoing("host", host_state(self)))
            self._progress_sent = now
        self._snapshot_due = self._progress_due = False
        return out

    # --- participants -----------------------------------------------------------------
    def join(self, nickname: object, device: str | None) -> tuple[Participant, str]:
        """Admit a new participant (logged); raises JoinRefused."""
        participant, token = self.room.join(nickname, device)
        self.log.append(
            "join",
            player=participant.id,
            token_hash=participant.token_hash,
            device_hash=participant.device_hash,
            nickname=participant.nickname,
        )
        self._progress_due = True
        self.changed()
        return participant, token

    def set_connected(self, player: str, delta: int) -> None:
        """Count a phone's connections (the facilitator's list, and who "N of M" counts)."""
        participant = self.room.participants.get(player)
        if participant is not None:
            participant.connections = max(0, participant.connections + delta)
            away = participant.connections == 0
            participant.away_since = self.clock.monotonic() if away else None
            self._progress_due = True

    def eligible(self) -> int:
        """The M of "N of M voted": those here, or gone briefly, or whose vote is in."""
        asked = self.check_round if self.phase == "check" else None
        answered = asked.answers if asked else self.round.votes if self.round else {}
        return self.room.present(self.clock.monotonic(), answered)

    def leave(self, player: str) -> None:
        """A participant pressed Leave: its vote and token are dropped."""
        if self.room.remove(player) is not None:
            self.log.append("leave", player=player, reason="left")
            self._after_removal(player)

    def _after_removal(self, player: str) -> None:
        if self.round is not None and self.round.open:
            self.round.withdraw(player)
            self._maybe_all_voted()
        self._progress_due = True
        self.changed()

    # --- votes ------------------------------------------------------------------------
    def vote(self, player: str, decision: object, choice: object) -> dict[str, Any]:
        """Record a vote (a change replaces the earlier one); returns the acknowledgement.

        A vote that arrives after the deadline is refused, even before the next tick."""
        self._close_vote_on_time()
        current = self.round
        if current is None or not current.open or decision != current.decision:
            late = current is not None and current.close_reason == "timer"
            raise ActionError(
                "vote_closed",
                "Time's up: voting on this decision has closed."
                if late
                else "Voting on this decision has closed.",
            )
        if not isinstance(choice, str) or choice not in current.choice_ids:
            raise ActionError("bad_choice", "That choice is not offered in this vote.")
        if player not in self.room.participants:
            raise ActionError("not_joined", "Join the room first.")
        replaced = current.cast(player, choice)
        if replaced is not None:
            self.log.append(
                "vote", decision=current.decision, player=player, choice=choice, change=replaced
            )
            self._progress_due = True
            self._maybe_all_voted()
        return {
            "type": "vote_ack",
            "decision": current.decision,
            "choice": choice,
            "voted": len(current.votes),
            "eligible": self.eligible(),
        }

    def _maybe_all_voted(self) -> None:
        current = self.round
        eligible = self.eligible()
        if (
            current is not None
            and current.open
            and self.room.settings.auto_close
            and eligible > 0
            and len(current.votes) >= eligible
        ):
            self.close_vote("all_voted")

    def open_vote(self) -> None:
        """Open voting on the decision the story has reached."""
        if self.phase != "story" or not self.view.choices or self.runner.is_over:
            raise ActionError("no_decision", "The story is not at a decision.")
        choices = tuple(
            OfferedChoice(c.id, c.text, c.technique, c.family)
            for c in self.view.choices
            if c.available
        )
        timer = VoteTimer(self.clock, self.room.settings.timer)
        timer.start()
        self.round = VoteRound(
            len(self.runner.state.history) + 1, self.view.node_id, choices, timer
        )
        self.decided = False
        self.settled = None
        self.room.started = True
        self.phase = "vote"
        self.line = max(self.line, len(self.view.lines) - 1)
        self.log.append(
            "vote_open",
            decision=self.round.decision,
            node=self.round.node,
            choices=[c.to_json() for c in choices],
            deadline=timer.deadline_iso(),
            seconds=timer.seconds,
        )
        self.changed()

    def close_vote(self, reason: str = "facilitator") -> None:
        """Stop accepting votes (the tally stays hidden until revealed)."""
        current = self.round
        if current is None or not current.open:
            raise ActionError("no_vote", "No vote is open.")
        current.close(reason)
        self.phase = "closed"
        self.log.append(
            "vote_close",
            decision=current.decision,
            node=current.node,
            tally=current.tally(),
            voters=len(current.votes),
            eligible=len(self.room.participants),
            reason=reason,
        )
        self.changed()
        if self.room.settings.auto_advance:
            with contextlib.suppress(ActionError):
                self.play()

    def tick(self) -> None:
        """Close a vote whose time is up; recount who is here (call every frame)."""
        self._close_vote_on_time()
        if (self.round and self.round.open) or (self.check_round and self.check_round.open):
            present = self.eligible()
            if present != self._present:  # a phone came back or its grace ran out
                self._present = present
                self._progress_due = True
                self._maybe_all_voted()

    def _close_vote_on_time(self) -> None:
        current = self.round
        if current is not None and current.open and current.timer.expired():
            self.close_vote("timer")

    # --- decisions --------------------------------------------------------------------
    def play(self, pick: str | None = None, counts: Mapping[str, int] | None = None) -> None:
        """Play the majority, the facilitator's pick, or a show of hands' result.

        Raises ActionError ``needs_pick`` on a tie or no votes without ``pick``.
        """
        if self.phase == "vote" and self.round is not None:
            self.close_vote("facilitator")
            if self.decided:
                return  # auto-advance already played it
        if self.phase == "story" and self.view.choices and not self.runner.is_over:
            self.open_vote()
            self.close_vote("facilitator")
        current = self.round
        if self.phase != "closed" or current is None:
            raise ActionError("no_decision", "There is no closed vote to settle.")
        try:
            tally = current.tally() if counts is None else checked_counts(counts, current)
        except ValueError as error:
            raise ActionError("bad_count", str(error)) from None
        if pick is not None and pick not in current.choice_ids:
            raise ActionError("bad_choice", f"'{pick}' is not offered in this decision")
        try:
            settlement = settle(tally, pick, show_of_hands=counts is not None)
        except NeedsFacilitator as error:
            raise ActionError("needs_pick", str(error)) from None
        if settlement.overridden:
            self.log.append(
                "override",
                decision=current.decision,
                node=current.node,
                majority=settlement.majority,
                choice=settlement.choice,
            )
        self._pending = (settlement, tally, current.decision)
        self.runner.choose_id(settlement.choice)

    def show_of_hands(self, counts: Mapping[str, int], pick: str | None = None) -> None:
        """Settle the decision from counts the facilitator typed (closes any open vote)."""
        self.play(pick, counts)

    def _on_choice_made(self, step: Step) -> None:
        settlement, tally, decision = self._pending or (
            Settlement(step.choice_id, "facilitator", None, False),
            {},
            len(self.runner.state.history),
        )
        self._pending = None
        self.settled = settlement
        self.log.append(
            "decision",
            decision=decision,
            node=step.node,
            choice=step.choice_id,
            how=settlement.how,
            tally=tally,
            technique=step.technique,
            family=self.scenario.technique_family(step.technique),
            deltas=dict(step.deltas),
            meters_after=dict(step.meters_after),
        )
        self.decided = True

    def _on_node_entered(self, node_id: str) -> None:
        self._view = None
        self.line = 0
        self.discussion = None
        self.preview = None
        if self.phase != "lobby":
            self.phase = "story"
        self.changed()

    def _on_ending(self, ending_id: str) -> None:
        ending = self.scenario.ending(ending_id)
        self.log.append(
            "ending",
            ending=ending_id,
            title=ending.title if ending else ending_id,
            meters=dict(self.runner.state.meters),
        )

    def _on_rewound(self, decisions_kept: int) -> None:
        self.log.append("rewind", decisions_kept=decisions_kept)
        self._view = None
        self.round = None
        self.decided = False
        self.settled = None
        self.discussion = None
        self.preview = None
        self.phase = "story"
        self.line = max(0, len(self.view.lines) - 1)
        self.changed()
