"""A game being played: scenario, runner and the backlog of what was shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay import Runner, Scenario


@dataclass
class LogEntry:
    """One backlog entry: a line (speaker name or None) or a choice the player made."""

    decision: int  # how many decisions had been made when it was shown
    kind: str  # "line" | "choice"
    name: str | None
    text: str


@dataclass
class Session:
    """The scenario being played, its runner, and the history backlog."""

    scenario: Scenario
    runner: Runner
    backlog: list[LogEntry] = field(default_factory=list)
    taken_back: int = 0  # choices undone with rewind, shown in the exported debrief

    @classmethod
    def new(cls, scenario: Scenario, mode: str = "practice") -> Session:
        """Start a scenario from the beginning in a mode ("practice" | "assessment")."""
        from roleplay import Runner

        return cls(scenario, Runner(scenario, mode=mode))  # type: ignore[arg-type]

    @classmethod
    def from_save(cls, path: Path, scenario: Scenario) -> Session:
        """Resume a save; raises SaveError. The backlog is rebuilt from the decisions."""
        from roleplay import Runner, load_game

        state = load_game(path, scenario)
        session = cls(scenario, Runner(scenario, state, mode=state.mode))
        for index, step in enumerate(state.history):
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

    def log_line(self, name: str | None, text: str) -> None:
        """Add a shown line to the backlog."""
        self.backlog.append(LogEntry(self.decisions, "line", name, text))

    def log_choice(self, text: str) -> None:
        """Add a decision to the backlog (before it is applied)."""
        self.backlog.append(LogEntry(self.decisions, "choice", None, text))

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
        self.taken_back += 1
        self._trim()
        return True

    def _trim(self) -> None:
        keep = self.decisions
        self.backlog = [e for e in self.backlog if e.decision < keep]

    def replay_from(self, decision: int) -> Session:
        """Return a new practice session placed just before decision (0-based)."""
        from roleplay import Runner

        runner = Runner(self.scenario, mode="practice")
        for step in self.runner.state.history[:decision]:
            runner.advance_to_decision()
            runner.choose_id(step.choice_id)
        runner.advance_to_decision()
        session = Session(self.scenario, runner)
        for index, step in enumerate(runner.state.history):
            session.backlog.append(LogEntry(index, "choice", None, step.choice_text))
        return session
