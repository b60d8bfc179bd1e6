"""The one loop that makes a list of choices on a runner: rewind and :func:`roleplay.replay` use it.

It knows the runner only by the few methods it calls (:class:`Playable`), so the runtime can use it
without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from roleplay.engine._errors import ChoiceError
from roleplay.engine._scenario import CompiledChoice
from roleplay.engine._state import GameState


class Playable(Protocol):
    """What the loop needs of a runner."""

    @property
    def state(self) -> GameState: ...

    @property
    def is_over(self) -> bool: ...

    def advance_to_decision(self) -> None: ...

    def visible_choices(self) -> list[tuple[CompiledChoice, bool]]: ...

    def choose(self, index: int) -> None: ...


P = TypeVar("P", bound=Playable)


def play_choices(
    runner: P,
    choices: Sequence[str | int],
    *,
    numbers: list[int] | None = None,
    renew: Callable[[P], P] | None = None,
    settle: bool = True,
) -> P:
    """Make ``choices`` on ``runner`` and stop at the next decision or ending.

    Each choice is a choice id (str) or a 1-based number among the choices shown (int); each one's
    number is appended to ``numbers`` when given. ``renew`` replaces the runner after every
    decision (a save and load). Without ``settle`` the runner stays at the node the last choice
    led to, before any ``next`` nodes. Raises :class:`ChoiceError` naming the decision that failed.
    """
    for step, choice in enumerate(choices, start=1):
        runner.advance_to_decision()
        if runner.is_over:
            raise ChoiceError(f"decision {step}: the scenario already ended")
        try:
            number = _choose(runner, choice)
        except ChoiceError as error:
            raise ChoiceError(f"decision {step} at node '{runner.state.node}': {error}") from None
        if numbers is not None:
            numbers.append(number)
        if renew is not None:
            runner = renew(runner)
    if settle:
        runner.advance_to_decision()
    return runner


def _choose(runner: Playable, choice: str | int) -> int:
    """Make one choice, given by id or 1-based number; return its 1-based number."""
    if not isinstance(choice, str):
        runner.choose(choice - 1)
        return choice
    for index, (shown, _available) in enumerate(runner.visible_choices()):
        if shown.id == choice:
            runner.choose(index)
            return index + 1
    raise ChoiceError(f"choice '{choice}' is not offered here")
