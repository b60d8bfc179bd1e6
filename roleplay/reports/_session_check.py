"""The knowledge check of a hosted session, read from its log.

The host logs each question it put to the room (``check_open``: the question, its options in
the order shown, the right one, the explanations) and how the room answered (``check_close``:
answers per option). A :class:`GroupCheck` is one question in one phase ("before" or "after");
the report, the CSV and the xAPI statements are built from them. Logs written before hosted
sessions asked the check have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from roleplay.engine._session_log import Event

PHASES = ("before", "after")


@dataclass(frozen=True)
class GroupOption:
    """One answer of a question: its id (``option-N``), place as written, text and why."""

    id: str
    index: int
    text: str
    explain: str
    correct: bool


@dataclass(frozen=True)
class GroupCheck:
    """One knowledge-check question as the room answered it in one phase."""

    phase: str
    number: int  # 1-based, as written
    question: str
    options: tuple[GroupOption, ...]  # in the order written
    tally: dict[str, int]  # option id -> answers
    correct: str  # the right option's id
    voters: int
    eligible: int
    reason: str  # "revealed" or "skipped"
    at: datetime | None = None

    @property
    def right(self) -> int:
        """Answers that were right."""
        return self.tally.get(self.correct, 0)

    @property
    def answered(self) -> int:
        """Answers given."""
        return sum(self.tally.values())

    @property
    def share(self) -> float | None:
        """The share of right answers (None when nobody answered)."""
        return self.right / self.answered if self.answered else None

    def option(self, option_id: str) -> GroupOption | None:
        """The option with this id, if any."""
        return next((o for o in self.options if o.id == option_id), None)


class CheckReader:
    """Collects the questions closed in a log, the last closing of each (phase, question)."""

    def __init__(self) -> None:
        self.opened: dict[tuple[str, int], Event] = {}
        self.closed: dict[tuple[str, int], GroupCheck] = {}
        self.ended: dict[str, str] = {}  # phase -> how it ended ("done" or "skipped")

    def feed(self, event: Event) -> None:
        """Take one event into account (other types are ignored)."""
        kind = event["type"]
        try:
            if kind == "check_open":
                self.opened[_key(event)] = event
            elif kind == "check_close":
                self._close(event)
            elif kind == "check_end":
                self.ended[str(event["phase"])] = str(event["reason"])
        except (KeyError, TypeError, ValueError, AttributeError):
            return  # an event this version cannot read is left out of the report

    def _close(self, event: Event) -> None:
        key = _key(event)
        tally = {str(k): int(v) for k, v in dict(event["tally"]).items()}
        opened = self.opened.get(key, {})
        options = _options(opened.get("options"), tally, str(event["correct"]))
        self.closed[key] = GroupCheck(
            phase=key[0],
            number=key[1],
            question=str(opened.get("text") or f"Question {key[1]}"),
            options=options,
            tally=tally,
            correct=str(event["correct"]),
            voters=int(event["voters"]),
            eligible=int(event["eligible"]),
            reason=str(event["reason"]),
            at=_time(event),
        )

    def questions(self) -> tuple[GroupCheck, ...]:
        """Every question closed, "before" ones first, each phase in question order."""
        order = {phase: n for n, phase in enumerate(PHASES)}
        keys = sorted(self.closed, key=lambda k: (order.get(k[0], len(order)), k[1]))
        return tuple(self.closed[k] for k in keys)


def _key(event: Event) -> tuple[str, int]:
    phase = str(event["phase"])
    if phase not in PHASES:
        raise ValueError(f"unknown check phase {phase!r}")
    return phase, int(event["question"])


def _options(listed: Any, tally: dict[str, int], correct: str) -> tuple[GroupOption, ...]:
    """The options as written, from ``check_open`` (or, without it, from the tally's ids)."""
    if isinstance(listed, list) and listed:
        options = [
            GroupOption(
                str(o["id"]), int(o["index"]), str(o["text"]), str(o.get("explain") or ""),
                bool(o.get("correct")),
            )
            for o in listed
        ]  # fmt: skip
    else:
        options = [
            GroupOption(option_id, _index(option_id, n), option_id, "", option_id == correct)
            for n, option_id in enumerate(tally)
        ]
    return tuple(sorted(options, key=lambda o: o.index))


def _index(option_id: str, fallback: int) -> int:
    number = option_id.removeprefix("option-")
    return int(number) - 1 if number.isdigit() else fallback


def _time(event: Event) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(event["time"]))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def phase_score(checks: tuple[GroupCheck, ...], phase: str) -> tuple[int, int] | None:
    """(right answers, answers) over every question of ``phase``; None when none was closed
    with an answer."""
    asked = [c for c in checks if c.phase == phase]
    answered = sum(c.answered for c in asked)
    if not answered:
        return None
    return sum(c.right for c in asked), answered


def percent(score: tuple[int, int] | None) -> str:
    """'75 %' of (right, answered), or '–' when nobody answered."""
    if score is None or not score[1]:
        return "–"
    return f"{round(100 * score[0] / score[1])} %"
