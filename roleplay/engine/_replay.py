"""One way to replay a list of choices: rewind, playthrough files, saves-as-tests and tools.

Choices are choice ids (str) or 1-based numbers among the choices shown (int), as a player types
them in the text player.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from roleplay.engine._errors import ChoiceError
from roleplay.engine._runtime import Runner
from roleplay.engine._saves import adapt_state
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import Mode


def replay(
    scenario: Scenario,
    choices: Sequence[str | int],
    *,
    mode: Mode = "practice",
    roundtrip: bool = False,
) -> Runner:
    """A runner that has made ``choices`` from the start, stopped at the next decision or ending.

    Each choice is a choice id (str) or a 1-based number among the choices shown (int). With
    ``roundtrip`` the state goes through JSON and a fresh runner after every decision, as a save and
    load would. Raises :class:`ChoiceError` naming the decision that could not be made.
    """
    return _play(scenario, choices, mode, roundtrip, None)


def choice_numbers(scenario: Scenario, choices: Sequence[str | int]) -> list[int]:
    """The 1-based numbers (as the text player shows them) of the choices of a run.

    Raises :class:`ChoiceError` naming the decision that could not be made.
    """
    numbers: list[int] = []
    _play(scenario, choices, "practice", False, numbers)
    return numbers


def _play(
    scenario: Scenario,
    choices: Sequence[str | int],
    mode: Mode,
    roundtrip: bool,
    numbers: list[int] | None,
) -> Runner:
    """Make ``choices`` from the start; append each one's number to ``numbers`` when given."""
    runner = Runner(scenario, mode=mode)
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
        if roundtrip:
            runner = _roundtrip(runner)
    runner.advance_to_decision()
    return runner


def _choose(runner: Runner, choice: str | int) -> int:
    """Make one choice, given by id or 1-based number; return its 1-based number."""
    if not isinstance(choice, str):
        runner.choose(choice - 1)
        return choice
    for index, (shown, _available) in enumerate(runner.visible_choices()):
        if shown.id == choice:
            runner.choose(index)
            return index + 1
    raise ChoiceError(f"choice '{choice}' is not offered here")


def _roundtrip(runner: Runner) -> Runner:
    """A fresh runner on the state after it went through JSON, as a save and load would."""
    state = adapt_state(json.loads(json.dumps(runner.state.to_json())), runner.scenario)
    if state is None:
        raise ChoiceError(f"the state at node '{runner.state.node}' did not survive a save")
    return Runner(runner.scenario, state)
