"""The knowledge check in a hosted session, asked the Kahoot way.

When the scenario has a ``check:`` (and the room's ``check`` setting is on), the session opens
with a "before" phase and, after the ending, an "after" phase. Each question is put to the room
with the room's timer (the one votes have; none when it is null): every participant answers from
the phone (one answer each, changeable until answers close), the room sees "N of M answered" and
the time left, answers close when the time is up (as a vote does) or when the facilitator
reveals, and the projector shows the split, the right answer and its explanation. With
``auto_advance`` the answer is revealed as soon as the time is up, as a vote's majority is played.
The facilitator moves on question by question, or skips the rest of the phase.

Answers are named by option ids, ``option-1``, ``option-2``, … in the order the options are
written (the ids of the xAPI statements); the room sees them in the session's shuffled order.
Everything is logged: ``check_open``, ``check_answer``, ``check_close`` and ``check_end``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from roleplay.engine._knowledge import check_questions
from roleplay.engine._scenario import Scenario
from roleplay.facilitator._session import TIMER_ACTIONS, ActionError, SessionCore
from roleplay.facilitator._timer import VoteTimer, apply_timer_action

CHECK_PHASES = ("before", "after")
CLOSE_REASONS = ("revealed", "skipped", "timer", "facilitator", "all_answered")
#: What the projector and the facilitator see when answers closed before the reveal.
WAITING_WORDS = {"timer": "Time's up", "all_answered": "Everyone has answered"}


def option_key(index: int) -> str:
    """The id of an option by its 0-based index as written: ``option-1``, ``option-2``, …"""
    return f"option-{index + 1}"


@dataclass(frozen=True)
class CheckOption:
    """One answer as the room sees it (``index``: its place as written)."""

    id: str
    index: int
    text: str
    explain: str
    correct: bool

    def to_json(self) -> dict[str, Any]:
        """The option as a ``check_open`` event lists it."""
        return {
            "id": self.id,
            "index": self.index,
            "text": self.text,
            "explain": self.explain,
            "correct": self.correct,
        }


@dataclass
class CheckRound:
    """One question put to the room: open for answers, then closed (revealed or skipped)."""

    phase: str
    number: int  # 1-based, as written
    count: int  # questions in the check
    question: str
    options: tuple[CheckOption, ...]  # in the order shown
    answers: dict[str, str] = field(default_factory=dict)  # player id -> option id
    open: bool = True
    revealed: bool = False
    timer: VoteTimer | None = None  # None: untimed
    close_reason: str | None = None  # one of CLOSE_REASONS once closed

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The option ids in the order shown."""
        return tuple(option.id for option in self.options)

    @property
    def correct(self) -> str:
        """The id of the right answer."""
        return next(option.id for option in self.options if option.correct)

    @property
    def last(self) -> bool:
        """True for the check's last question."""
        return self.number >= self.count

    def tally(self) -> dict[str, int]:
        """Answers per option id, every option listed in the order shown."""
        counts = dict.fromkeys(self.option_ids, 0)
        for option in self.answers.values():
            counts[option] += 1
        return counts

    def cast(self, player: str, option: str) -> bool | None:
        """Record an answer; True when it replaced another, None when it was the same."""
        previous = self.answers.get(player)
        if previous == option:
            return None
        self.answers[player] = option
        return previous is not None

    @property
    def time_up(self) -> bool:
        """True when the timer closed the question and the answer is not shown yet."""
        return self.close_reason == "timer" and not self.revealed

    @property
    def all_answered(self) -> bool:
        """True when everyone's answer closed the question and the answer is not shown yet."""
        return self.close_reason == "all_answered" and not self.revealed

    @property
    def waiting_why(self) -> str | None:
        """Why answers closed while the answer waits for the facilitator ("Time's up",
        "Everyone has answered"); None while open, once revealed, or closed another way."""
        if self.revealed:
            return None
        return WAITING_WORDS.get(self.close_reason or "")

    def open_fields(self) -> dict[str, Any]:
        """The fields of this question's ``check_open`` event (``deadline`` and ``seconds`` as
        in ``vote_open``: null when untimed)."""
        return {
            "phase": self.phase,
            "question": self.number,
            "count": self.count,
            "text": self.question,
            "options": [option.to_json() for option in self.options],
            "deadline": self.timer.deadline_iso() if self.timer else None,
            "seconds": self.timer.seconds if self.timer else None,
        }

    def close_fields(self, eligible: int, reason: str) -> dict[str, Any]:
        """The fields of this question's ``check_close`` event."""
        tally = self.tally()
        return {
            "phase": self.phase,
            "question": self.number,
            "tally": tally,
            "correct": self.correct,
            "voters": len(self.answers),
            "eligible": eligible,
            "reason": reason,
        }


def score_of(closed: dict[str, Any]) -> tuple[int, int]:
    """(right answers, answers) of a ``check_close`` event's fields."""
    tally = closed["tally"]
    return int(tally.get(closed["correct"], 0)), int(sum(tally.values()))


def summarise(scores: dict[tuple[str, int], tuple[int, int]]) -> dict[str, int | None]:
    """The share of right answers per phase, as a whole percentage (None: nobody answered)."""
    summary: dict[str, int | None] = {}
    for phase in CHECK_PHASES:
        right = sum(r for (p, _), (r, _n) in scores.items() if p == phase)
        answered = sum(n for (p, _), (_r, n) in scores.items() if p == phase)
        summary[phase] = round(100 * right / answered) if answered else None
    return summary


def check_round(scenario: Scenario, seed: int | None, phase: str, number: int) -> CheckRound:
    """Question ``number`` (1-based) of the scenario's check, its options in ``seed``'s order."""
    questions = check_questions(scenario, seed)
    view = questions[number - 1]
    written = scenario.spec.check[number - 1].options
    options = tuple(
        CheckOption(
            option_key(shown.index),
            shown.index,
            shown.text,
            written[shown.index].explain,
            written[shown.index].correct,
        )
        for shown in view.options
    )
    return CheckRound(phase, number, len(questions), view.question, options)


def round_from_event(opened: dict[str, Any]) -> CheckRound:
    """Rebuild a question from its ``check_open`` event (``--resume``); raises KeyError,
    TypeError or ValueError when the event is not one."""
    options = tuple(
        CheckOption(
            str(o["id"]), int(o["index"]), str(o["text"]), str(o["explain"]), bool(o["correct"])
        )
        for o in opened["options"]
    )
    if sum(option.correct for option in options) != 1:
        raise ValueError("a check question has exactly one right answer")
    return CheckRound(
        str(opened["phase"]), int(opened["question"]), int(opened["count"]), str(opened["text"]),
        options,
    )  # fmt: skip


class CheckSession(SessionCore):
    """A session that asks the scenario's knowledge check before and after the story."""

    @property
    def has_check(self) -> bool:
        """True when the scenario has a check and the room's ``check`` setting is on."""
        return bool(self.scenario.spec.check) and self.room.settings.check

    def check_pending(self, phase: str) -> bool:
        """True when ``phase`` of the check is still to be asked."""
        return self.has_check and phase not in self.checks_done

    def open_check(self, phase: str, number: int = 1) -> None:
        """Put question ``number`` of ``phase`` to the room, with the room's timer."""
        current = check_round(self.scenario, self.runner.state.seed, phase, number)
        current.timer = VoteTimer(self.clock, self.room.settings.timer)
        current.timer.start()
        self.check_round = current
        self.phase = "check"
        self.room.started = True
        self.log.append("check_open", **current.open_fields())
        self._progress_due = True
        self.changed()

    def answer(
        self, player: str, phase: object, question: object, option: object
    ) -> dict[str, Any]:
        """Record a participant's answer (a change replaces it); returns the acknowledgement.

        An answer that arrives after the deadline is refused, even before the next tick."""
        self._close_check_on_time()
        current = self.check_round
        if current is None or (phase, question) != (current.phase, current.number):
            raise ActionError("check_closed", "That question is no longer open.")
        if not current.open:
            late = "Time's up: answers" if current.close_reason == "timer" else "Answers"
            raise ActionError("check_closed", f"{late} to this question have closed.")
        if not isinstance(option, str) or option not in current.option_ids:
            raise ActionError("bad_option", "That answer is not one of the options.")
        if player not in self.room.participants:
            raise ActionError("not_joined", "Join the room first.")
        replaced = current.cast(player, option)
        if replaced is not None:
            self.log.append(
                "check_answer",
                phase=current.phase,
                question=current.number,
                player=player,
                option=option,
                change=replaced,
            )
            self._progress_due = True
            self._maybe_all_answered(current)
        return {
            "type": "answer_ack",
            "phase": current.phase,
            "question": current.number,
            "option": option,
            "answered": len(current.answers),
            "eligible": self.eligible(),
        }

    def reveal_check(self) -> None:
        """Close the question and show the split, the right answer and its explanation."""
        current = self.check_round
        if current is None or self.phase != "check":
            raise ActionError("no_check", "No knowledge-check question is shown.")
        if current.open:
            self._close_check(current, "revealed")
        elif not current.revealed:  # closed by the timer: the reveal is an event of its own
            self.log.append(
                "reveal", decision=None, what="check", shown=True,
                phase=current.phase, question=current.number,
            )  # fmt: skip
        current.revealed = True
        self.changed()

    def next_in_check(self) -> None:
        """Next during the check: reveal, then the next question, then on with the session."""
        current = self.check_round
        if current is None:
            raise ActionError("no_check", "No knowledge-check question is shown.")
        if current.open or not current.revealed:
            self.reveal_check()
        elif not current.last and self.room.settings.check:
            self.open_check(current.phase, current.number + 1)
        else:
            self._end_check(current.phase, "done")

    def skip_check(self) -> None:
        """Stop this phase of the check now (answers to a question still open are kept)."""
        current = self.check_round
        if current is None or self.phase != "check":
            raise ActionError("no_check", "No knowledge-check question is shown.")
        if current.open:
            self._close_check(current, "skipped")
        self._end_check(current.phase, "skipped")

    def tick(self) -> None:
        """Close a vote or a knowledge-check question whose time is up (call every frame)."""
        super().tick()
        self._close_check_on_time()
        if self.check_round is not None:  # a phone's grace ran out: maybe everyone answered
            self._maybe_all_answered(self.check_round)

    def _maybe_all_answered(self, current: CheckRound) -> None:
        """With ``auto_close``, everyone's answer closes the question as it closes a vote
        (then, as after the timer, Next reveals; ``auto_advance`` reveals at once)."""
        eligible = self.eligible()
        if current.open and self.room.settings.auto_close and 0 < eligible <= len(current.answers):
            self._close_check(current, "all_answered")
            self.changed()
            if self.room.settings.auto_advance:
                self.reveal_check()

    def _close_check_on_time(self) -> None:
        """Time's up: answers close (logged with reason "timer"); with ``auto_advance`` the
        answer is revealed at once, as a vote's majority is played."""
        current = self.check_round
        if current is None or not current.open or current.timer is None:
            return
        if current.timer.expired():
            self._close_check(current, "timer")
            self.changed()
            if self.room.settings.auto_advance:
                self.reveal_check()

    def active_timer(self) -> VoteTimer | None:
        """The countdown running now: the open question's, or the open vote's (None if none)."""
        if self.phase == "check":
            asked = self.check_round
            return asked.timer if asked is not None and asked.open else None
        return self.round.timer if self.round is not None and self.round.open else None

    def check_timer_action(self, action: str) -> None:
        """Pause, resume, add 30 s to, or end now the open question's timer (logged)."""
        current = self.check_round
        if action not in TIMER_ACTIONS:
            raise ActionError("bad_action", f"unknown timer action '{action}'")
        if current is None or not current.open:
            raise ActionError("no_check", "No knowledge-check question is open.")
        timer = current.timer = current.timer or VoteTimer(self.clock, None)
        apply_timer_action(timer, action)
        self.log.append(
            "timer", decision=None, action=action, deadline=timer.deadline_iso(),
            remaining=timer.remaining(), phase=current.phase, question=current.number,
        )  # fmt: skip
        if action == "end_now":
            self._close_check(current, "facilitator")
        self.changed()

    def _close_check(self, current: CheckRound, reason: str) -> None:
        current.open = False
        current.close_reason = reason
        fields = current.close_fields(len(self.room.participants), reason)
        self.log.append("check_close", **fields)
        self.check_scores[(current.phase, current.number)] = score_of(fields)

    def check_summary(self) -> dict[str, int | None]:
        """The share of right answers (a whole percentage) per phase; None where not asked."""
        return summarise(self.check_scores)

    def _end_check(self, phase: str, reason: str) -> None:
        current = self.check_round
        asked = current.number if current is not None else 0
        self.log.append("check_end", phase=phase, reason=reason, asked=asked)
        self.checks_done.add(phase)
        self.check_round = None
        if phase == "before" and not self.runner.is_over:
            self.phase = "story"
        else:
            self.phase = "ending"
        self._progress_due = True
        self.changed()

    def _after_removal(self, player: str) -> None:
        if self.check_round is not None and self.check_round.open:
            self.check_round.answers.pop(player, None)
        super()._after_removal(player)
