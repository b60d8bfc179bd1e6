"""The road not taken: where another choice would have led, played on a copy of the state."""

from __future__ import annotations

from dataclasses import dataclass

from roleplay.engine._runtime import Runner
from roleplay.engine._view import EndingView, Line


@dataclass(frozen=True)
class Preview:
    """What the alternative choice would have shown and where it would have led."""

    decision: int
    node: str
    choice: str
    choice_text: str
    lines: tuple[Line, ...]
    path: tuple[str, ...]
    ending: EndingView | None
    meters_after: dict[str, int]


def preview_choice(runner: Runner, choice_id: str, *, pending: bool) -> Preview:
    """Play ``choice_id`` on a copy of ``runner``'s state and stop at the next decision.

    With ``pending`` the choice belongs to the decision being voted on now; otherwise to the
    last decision taken, which the copy first rewinds (practice mode). ``runner`` is untouched.
    Raises ChoiceError when the choice is not offered there.
    """
    copy = Runner(runner.scenario, runner.state.copy())
    copy.state.mode = "practice"
    if not pending:
        copy.rewind_to(len(copy.state.history) - 1)
    decision = len(copy.state.history) + 1
    node = copy.state.node
    copy.choose_id(choice_id)
    first = len(copy.state.path) - 1
    lines = copy.view().lines
    copy.advance_to_decision()
    step = copy.state.history[-1]
    return Preview(
        decision=decision,
        node=node,
        choice=choice_id,
        choice_text=step.choice_text,
        lines=lines,
        path=tuple(copy.state.path[first:]),
        ending=copy.ending_view(),
        meters_after=dict(copy.state.meters),
    )
