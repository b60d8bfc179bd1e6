"""What happened in one run or session, in the shape learning records and reports need.

A :class:`RunRecord` is built from a solo run (a save file, or a live :class:`Runner` followed by a
:class:`RunRecorder`) or from a facilitator's session log, and turned into xAPI statements by
``roleplay.reports._xapi``. Nothing here knows about files other than the save it is asked to
read, or about the network.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.engine._errors import ChoiceError
from roleplay.engine._prose import unconditional
from roleplay.engine._runtime import Runner

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario
    from roleplay.engine._state import GameState, Step

#: Namespace of every uuid5 this project derives (registrations of saved runs, statement ids).
NAMESPACE = uuid.UUID("6d1f0b8e-3c1a-5b7e-9f55-2f3c9a1d7e40")
DEFAULT_HOME_PAGE = "urn:roleplay:learner"


@dataclass(frozen=True)
class Account:
    """An xAPI account: the system's home page and the (opaque) name on it."""

    home_page: str
    name: str
    display: str = ""  # a person's or team's name, sent only when names were opted in


@dataclass(frozen=True)
class ScenarioRef:
    """The scenario a record is about: id, title, version (content hash) and its goal ending."""

    id: str
    title: str
    version: str
    goal_ending: str | None
    description: str = ""

    @classmethod
    def of(cls, scenario: Scenario) -> ScenarioRef:
        """Describe a loaded scenario."""
        return cls(
            scenario.id,
            scenario.title,
            scenario.content_hash,
            goal_ending(scenario),
            scenario.summary,
        )


@dataclass(frozen=True)
class DecisionRecord:
    """One decision: the node, what was offered, what was taken and what it changed."""

    node_id: str
    prompt: str
    offered: tuple[tuple[str, str], ...]  # (choice id, choice text) in the order shown
    chosen: str
    chosen_text: str
    technique: str
    technique_label: str
    family: str
    ethical: bool
    deltas: dict[str, int]
    meters_after: dict[str, int]
    at: datetime | None = None
    seconds: float | None = None
    votes: dict[str, int] | None = None  # group play: votes per choice id
    decided_by: str = "learner"  # learner | majority | tie | override | facilitator | no-votes
    discussion: str | None = None
    feedback: str = ""
    group_size: int | None = None  # group play: participants in the room when the vote closed


@dataclass(frozen=True)
class CheckAnswer:
    """One knowledge-check question as answered before or after play.

    Options are numbered as written (``answer`` and ``correct`` are 0-based indices); a group's
    ``votes`` count the room's votes per option index, ``answer`` being the option most voted.
    """

    phase: str  # "before" | "after"
    number: int  # 1-based, as written
    question: str
    options: tuple[str, ...]
    correct: int
    answer: int | None  # None: left unanswered (or, for a group, a tie)
    votes: dict[int, int] | None = None
    at: datetime | None = None
    group_size: int | None = None  # group play: participants in the room when answers closed

    @property
    def success(self) -> bool:
        """True when the answer given is the right one."""
        return self.answer == self.correct


@dataclass(frozen=True)
class RunRecord:
    """A whole solo run or group session, ready to become statements or a report."""

    registration: uuid.UUID
    scenario: ScenarioRef
    actor: Account
    is_group: bool
    mode: str
    decisions: tuple[DecisionRecord, ...]
    ending: tuple[str, str] | None  # (ending id, title)
    started_at: datetime | None = None
    ended_at: datetime | None = None
    session_id: str | None = None
    members: tuple[Account, ...] = ()  # only when names were opted in
    taken_back: int = 0
    group_size: int | None = None
    meters_start: dict[str, int] = field(default_factory=dict)
    check: tuple[CheckAnswer, ...] = ()  # knowledge-check answers, "before" ones first

    def check_answers(self, phase: str) -> tuple[CheckAnswer, ...]:
        """The knowledge-check answers of one phase ("before" or "after")."""
        return tuple(a for a in self.check if a.phase == phase)


def goal_ending(scenario: Scenario) -> str | None:
    """The ending that counts as the goal (``Scenario.goal_endings``: the first of them)."""
    goals = scenario.goal_endings
    return goals[0] if goals else None


def _node_prompt(scenario: Scenario, node_id: str) -> str:
    node = scenario.nodes.get(node_id)
    if node is None:
        return node_id
    return node.spec.lines[-1].text


def decision_record(
    scenario: Scenario,
    step: Step,
    offered: tuple[tuple[str, str], ...],
    *,
    at: datetime | None = None,
    seconds: float | None = None,
) -> DecisionRecord:
    """Describe one taken step of ``scenario`` (technique details from the catalogue)."""
    technique = scenario.techniques.get(step.technique)
    node = scenario.nodes.get(step.node)
    choice = scenario.choice_index.get(step.choice_id)
    return DecisionRecord(
        node_id=step.node,
        prompt=_node_prompt(scenario, step.node),
        offered=offered or ((step.choice_id, step.choice_text),),
        chosen=step.choice_id,
        chosen_text=step.choice_text,
        technique=step.technique,
        technique_label=technique.label if technique else step.technique,
        family=technique.family if technique else "",
        ethical=technique.ethical if technique else True,
        deltas=dict(step.deltas),
        meters_after=dict(step.meters_after),
        at=at,
        seconds=seconds,
        discussion=node.spec.discussion if node else None,
        feedback=unconditional(choice.feedback) if choice else "",
    )


def offered_choices(scenario: Scenario, history: list[Step]) -> list[tuple[tuple[str, str], ...]]:
    """The choices shown at each decision of ``history``, found by replaying it.

    Where the scenario was edited so that the replay no longer fits, the node's choices as written
    stand in for what was shown.
    """
    runner = Runner(scenario)
    shown: list[tuple[tuple[str, str], ...]] = []
    for step in history:
        try:
            runner.advance_to_decision()
            shown.append(tuple((c.id, c.spec.text) for c, _ok in runner.visible_choices()))
            runner.choose_id(step.choice_id)
        except ChoiceError:
            break
    for step in history[len(shown) :]:
        node = scenario.nodes.get(step.node)
        written = node.choices if node else ()
        shown.append(tuple((c.id, c.spec.text) for c in written))
    return shown


def check_answers(
    scenario: Scenario, state: GameState, at: dict[str, datetime] | None = None
) -> tuple[CheckAnswer, ...]:
    """The knowledge-check answers kept in ``state`` (``at``: when each phase was answered)."""
    from roleplay.engine._knowledge import check_results

    results = check_results(scenario, state)
    if results is None:
        return ()
    answers = []
    for phase in ("before", "after"):
        if phase not in state.check:
            continue
        for number, question in enumerate(results.questions, start=1):
            answer = question.before if phase == "before" else question.after
            moment = (at or {}).get(phase)
            answers.append(
                CheckAnswer(
                    phase,
                    number,
                    question.question,
                    question.options,
                    question.correct,
                    answer,
                    at=moment,
                )
            )
    return tuple(answers)


def run_record(
    scenario: Scenario,
    state: GameState,
    *,
    account: Account,
    registration: uuid.UUID,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
    times: Sequence[datetime | None] | None = None,
    taken_back: int = 0,
) -> RunRecord:
    """The record of a solo run from its state (``times``: when each decision was taken)."""
    offered = offered_choices(scenario, state.history)
    decisions = []
    previous = started_at
    for index, step in enumerate(state.history):
        at = times[index] if times and index < len(times) else None
        seconds = (at - previous).total_seconds() if at and previous else None
        decisions.append(decision_record(scenario, step, offered[index], at=at, seconds=seconds))
        previous = at
    ending = scenario.ending(state.ending) if state.ending else None
    return RunRecord(
        registration=registration,
        scenario=ScenarioRef.of(scenario),
        actor=account,
        is_group=False,
        mode=state.mode,
        decisions=tuple(decisions),
        ending=(ending.id, ending.title) if ending else None,
        started_at=started_at,
        ended_at=ended_at,
        taken_back=taken_back,
        meters_start={k: m.initial for k, m in scenario.meters.items()},
        check=check_answers(scenario, state),
    )


def run_registration(account: Account, scenario_id: str, version: str, seed: int) -> uuid.UUID:
    """The registration of a live solo run: one playthrough (its shuffle seed) of one scenario
    version by one learner. Resuming a save, rewinding or replaying from a decision keep it."""
    key = "|".join(("run", account.home_page, account.name, scenario_id, version, str(seed)))
    return uuid.uuid5(NAMESPACE, key)


def save_registration(account: Account, scenario_id: str, version: str, saved_at: str) -> uuid.UUID:
    """A stable registration for a saved run: exporting the same save twice gives the same one."""
    key = "|".join(("save", account.home_page, account.name, scenario_id, version, saved_at))
    return uuid.uuid5(NAMESPACE, key)


def record_from_save(path: Path | str, scenario: Scenario, account: Account) -> RunRecord:
    """The record of a solo run read from a save file; raises SaveError when it cannot be read."""
    from roleplay.engine._saves import load_game, read_save_info

    info = read_save_info(path)
    state = load_game(path, scenario)
    saved = _parse_time(info.saved_at)
    registration = save_registration(account, scenario.id, scenario.content_hash, info.saved_at)
    return run_record(
        scenario,
        state,
        account=account,
        registration=registration,
        started_at=saved,
        ended_at=saved,
        times=[saved] * len(state.history) if saved else None,
    )


def _parse_time(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class RunRecorder:
    """Follows a live :class:`Runner` through its hooks: when each decision was taken, how many
    were taken back, when the run started and ended. ``record()`` gives the run so far."""

    def __init__(
        self,
        runner: Runner,
        account: Account,
        *,
        registration: uuid.UUID | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.runner = runner
        self.account = account
        self.registration = registration or uuid.uuid4()
        self._clock = clock
        self.started_at = clock()
        self.ended_at: datetime | None = None
        self.times: list[datetime] = []
        self.taken_back = 0
        self.unsubscribe = runner.subscribe(
            choice_made=self._on_choice, ending_reached=self._on_ending, rewound=self._on_rewound
        )

    def _on_choice(self, _step: Step) -> None:
        self.times.append(self._clock())

    def _on_ending(self, _ending: str) -> None:
        self.ended_at = self._clock()

    def _on_rewound(self, kept: int) -> None:
        self.taken_back += max(len(self.times) - kept, 0)
        del self.times[kept:]
        self.ended_at = None

    def record(self) -> RunRecord:
        """The run so far as a record."""
        return run_record(
            self.runner.scenario,
            self.runner.state,
            account=self.account,
            registration=self.registration,
            started_at=self.started_at,
            ended_at=self.ended_at,
            times=self.times,
            taken_back=self.taken_back,
        )
