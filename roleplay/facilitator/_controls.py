"""The facilitator's controls: "next", settings, removal, timer, reveal, discussion, the
road not taken, rewind, the knowledge check and the end of the session. Every one of them is
logged."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from roleplay.engine._errors import ChoiceError
from roleplay.facilitator._check import CheckSession
from roleplay.facilitator._preview import preview_choice
from roleplay.facilitator._session import TIMER_ACTIONS, ActionError, Discussion
from roleplay.facilitator._timer import VoteTimer, apply_timer_action
from roleplay.reports._live import LiveStatus


class HostSession(CheckSession):
    """A hosted session with every facilitator control."""

    refused_full = 0  # joins turned away because the room was full
    records_probe: Callable[[], LiveStatus] | None = None  # the live sender's status, if any

    def refuse_full(self) -> None:
        """Count a join the cap turned away (the facilitator sees the count)."""
        self.refused_full += 1
        self.changed()

    # --- moving the story on ---------------------------------------------------------
    def start(self) -> None:
        """Leave the lobby: the knowledge check's first question, or the story, begins."""
        if self.phase != "lobby":
            return
        if self.check_pending("before"):
            self.open_check("before")
            return
        self.phase = "ending" if self.runner.is_over else "story"
        self.room.started = True
        self.changed()

    def next(self) -> None:
        """The one "next" button: start, next line, open the vote, close it, play it; in the
        knowledge check reveal and go on; after the ending, start the check's "after" phase."""
        if self.phase == "lobby":
            self.start()
        elif self.phase == "check":
            self.next_in_check()
        elif self.phase == "story":
            self._next_in_story()
        elif self.phase in ("vote", "closed"):
            self.play()
        elif self.phase == "ending" and self.check_pending("after"):
            self.end_preview()
            if self.discussion is not None:
                self.discuss()  # closes the card (logged)
            self.open_check("after")

    def _not_in_check(self, what: str) -> None:
        if self.phase == "check":
            raise ActionError("in_check", f"Finish or skip the knowledge check before {what}.")

    def _next_in_story(self) -> None:
        if not self.at_last_line:
            self.line += 1
            self.runner.set_line(self.line)
            self.changed()
        elif self.runner.is_over:
            self.phase = "ending"
            self.changed()
        elif self.view.can_advance:
            self.runner.advance()
        elif self.view.choices:
            self.open_vote()

    # --- the room, the timer and what is shown -----------------------------------------
    def remove(self, player: str, *, ban: bool) -> None:
        """Kick (or ban) a participant."""
        participant = self.room.remove(player, ban=ban)
        if participant is None:
            raise ActionError("no_player", f"there is no participant {player}")
        if ban:
            self.log.append("ban", player=player, device_hash=participant.device_hash)
        else:
            self.log.append("kick", player=player)
        reason = "banned" if ban else "kicked"
        self.send(player, {"type": "removed", "reason": reason}, close=True)
        self._after_removal(player)

    def change_settings(self, changes: Mapping[str, Any]) -> None:
        """Change room settings (logged); raises ActionError on a bad value."""
        try:
            applied = self.room.settings.update(dict(changes))
        except ValueError as error:
            raise ActionError("bad_setting", str(error)) from None
        if applied:
            self.log.append("settings", changes=applied)
            self.changed()

    def timer_action(self, action: str) -> None:
        """Pause, resume, add 30 s or end the vote (or the knowledge-check question) now
        (logged)."""
        if self.phase == "check":
            self.check_timer_action(action)
            return
        current = self.round
        if action not in TIMER_ACTIONS:
            raise ActionError("bad_action", f"unknown timer action '{action}'")
        if current is None or not current.open:
            raise ActionError("no_vote", "No vote is open.")
        timer = current.timer
        apply_timer_action(timer, action)
        self.log.append(
            "timer",
            decision=current.decision,
            action=action,
            deadline=timer.deadline_iso(),
            remaining=timer.remaining(),
        )
        if action == "end_now":
            self.close_vote("facilitator")
        self.changed()

    def reveal(self, what: str) -> None:
        """Show the tally or the knowledge check's answer on the projector, or show/hide the
        meters (a toggle)."""
        if what == "check":
            self.reveal_check()
            return
        if what == "tally":
            self._not_in_check("revealing a tally")
            if self.round is None or self.round.open:
                raise ActionError("no_tally", "Close the vote before revealing the tally.")
            self.round.revealed = shown = True
        elif what == "meters":
            self.meters_revealed = shown = not self.meters_revealed
        else:
            raise ActionError("bad_action", f"cannot reveal '{what}'")
        decision = self.round.decision if self.round is not None else None
        self.log.append("reveal", decision=decision, what=what, shown=shown)
        self.changed()

    def discuss(self, seconds: float | None = None) -> None:
        """Open the discuss card (optionally timed), or close it when it is open."""
        if seconds is not None and not 5 <= seconds <= 3600:
            raise ActionError("bad_setting", "a discussion timer is 5 to 3600 seconds")
        self._not_in_check("a discussion")
        prompt = self.view.discussion
        if self.discussion is not None:
            self.log.append(
                "discussion",
                node=self.discussion.node,
                prompt=self.discussion.prompt,
                action="end",
                seconds=None,
            )
            self.discussion = None
        elif prompt:
            timer = VoteTimer(self.clock, seconds) if seconds else None
            if timer is not None:
                timer.start()
            self.discussion = Discussion(self.view.node_id, prompt, timer)
            self.log.append(
                "discussion",
                node=self.view.node_id,
                prompt=prompt,
                action="start",
                seconds=seconds,
            )
        else:
            raise ActionError("no_prompt", "This scene has no discussion prompt.")
        self.changed()

    def show_preview(self, choice: str) -> None:
        """Preview where ``choice`` would have led (this decision, or the last one taken)."""
        self._not_in_check("a preview")
        pending = self.phase in ("vote", "closed")
        if not pending and not self.runner.state.history:
            raise ActionError("no_decision", "No decision has been taken yet.")
        try:
            self.preview = preview_choice(self.runner, choice, pending=pending)
        except ChoiceError as error:
            raise ActionError("bad_choice", str(error)) from None
        self._log_preview("start")
        self.changed()

    def end_preview(self) -> None:
        """Return from the road not taken."""
        if self.preview is not None:
            self._log_preview("end")
            self.preview = None
            self.changed()

    def _log_preview(self, action: str) -> None:
        shown = self.preview
        assert shown is not None
        self.log.append(
            "preview",
            decision=shown.decision,
            node=shown.node,
            choice=shown.choice,
            action=action,
            path=list(shown.path),
            ending=shown.ending.id if shown.ending else None,
            meters_after=shown.meters_after,
        )

    def rewind(self) -> None:
        """Take back the last decision (the story continues from that decision)."""
        self._not_in_check("taking a decision back")
        try:
            self.runner.rewind()
        except ChoiceError as error:
            raise ActionError("no_rewind", str(error)) from None

    def end(self, reason: str = "ended") -> None:
        """Close the session (logged); phones are told it is over."""
        if self.phase != "ended":
            self.phase = "ended"
            self.log.append("session_end", reason=reason)
            self.changed()
