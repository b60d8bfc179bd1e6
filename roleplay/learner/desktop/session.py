"""A game being played: scenario, runner, the backlog of what was shown and its learning record."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay import Runner, Scenario, Step
    from roleplay.engine._state import Mode
    from roleplay.reports._records import RunRecorder


@dataclass
class LogEntry:
    """One backlog entry: a line (speaker name or None) or a choice the player made."""

    decision: int  # how many decisions had been made when it was shown
    kind: str  # "line" | "choice"
    name: str | None
    text: str
    read_before: bool = False  # the line had been read in an earlier playthrough or session


@dataclass
class Session:
    """The scenario being played, its runner, and the history backlog.

    The backlog follows the runner through its hooks: every choice made is logged, and a
    rewind drops what was shown after the decisions kept. ``recorder`` follows the runner too
    (when each decision was taken, how many were taken back) for the learning record;
    ``decisions_at_start`` says how many decisions the session was resumed with.
    """

    scenario: Scenario
    runner: Runner
    backlog: list[LogEntry] = field(default_factory=list)
    recorder: RunRecorder = field(init=False, repr=False)
    decisions_at_start: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        import uuid

        from roleplay.reports._records import DEFAULT_HOME_PAGE, Account, RunRecorder

        if not self.runner.state.run_id:  # a new run, or one saved before runs had an id
            self.runner.state.run_id = uuid.uuid4().hex
        self.runner.subscribe(choice_made=self._log_step, rewound=self._trim)
        self.decisions_at_start = len(self.runner.state.history)
        # The account is the learner's, looked up when the record is exported.
        self.recorder = RunRecorder(self.runner, Account(DEFAULT_HOME_PAGE, "unset"))

    @classmethod
    def new(cls, scenario: Scenario, mode: str = "practice") -> Session:
        """Start a scenario from the beginning in a mode ("practice" | "assessment")."""
        from roleplay import Runner
        from roleplay.engine._shuffle import new_seed

        played: Mode = "assessment" if mode == "assessment" else "practice"
        return cls(scenario, Runner(scenario, mode=played, seed=new_seed()))

    @classmethod
    def from_save(cls, path: Path, scenario: Scenario) -> Session:
        """Resume a save; raises SaveError. The backlog is rebuilt from the decisions."""
        from roleplay import Runner, load_game

        state = load_game(path, scenario)
        return cls._with_choices_logged(scenario, Runner(scenario, state, mode=state.mode))

    @classmethod
    def _with_choices_logged(cls, scenario: Scenario, runner: Runner) -> Session:
        session = cls(scenario, runner)
        for index, step in enumerate(runner.state.history):
            session.backlog.append(LogEntry(index, "choice", None, step.choice_text))
        return session

    @property
    def mode(self) -> str:
        """ "practice" or "assessment"."""
        return str(self.runner.state.mode)

    @property
    def decisions(self) -> int:
        """Decisions made so far."""
        return len(self.runner.state.history)

    def check_due(self, phase: str) -> bool:
        """True when the knowledge check should be asked now: ``"before"`` a new game's first
        decision, ``"after"`` its ending; never twice, nor in a game started partway in."""
        state = self.runner.state
        if not self.scenario.spec.check or phase in state.check or state.origin is not None:
            return False
        if phase == "before":
            return not state.history
        return state.ending is not None

    def log_line(self, name: str | None, text: str, read_before: bool = False) -> None:
        """Add a shown line to the backlog."""
        self.backlog.append(LogEntry(self.decisions, "line", name, text, read_before))

    def _log_step(self, step: Step) -> None:
        self.backlog.append(LogEntry(self.decisions - 1, "choice", None, step.choice_text))

    def reload(self, scenario: Scenario) -> bool:
        """Switch to an edited scenario keeping the place; False when the node is gone."""
        if not self.runner.reload(scenario):
            return False
        self.scenario = scenario
        return True

    def rewind(self) -> bool:
        """Undo the last decision (practice only); returns False when not possible."""
        if not self.runner.can_rewind:
            return False
        self.runner.rewind()
        return True

    def _trim(self, kept: int) -> None:
        """Forget what was shown from the first decision not kept on: the lines that led up to
        it stay (the player is back at that decision, having read them)."""
        cut = next(
            (i for i, e in enumerate(self.backlog) if e.kind == "choice" and e.decision >= kept),
            len(self.backlog),
        )
        del self.backlog[cut:]

    def replay_from(self, decision: int) -> Session:
        """Return a new practice session placed just before decision (0-based)."""
        from roleplay import replay

        state = self.runner.state
        chosen = [step.choice_id for step in state.history[:decision]]
        runner = replay(self.scenario, chosen, start=state.origin, seed=state.seed)
        runner.state.taken_back = state.taken_back + len(state.history) - decision
        # The same learner trying another road: the knowledge check is not asked again.
        runner.state.check = {phase: list(answers) for phase, answers in state.check.items()}
        return self._with_choices_logged(self.scenario, runner)
