"""One way to replay a list of choices: used by rewind, saves-as-tests, storyboards and tools."""

from __future__ import annotations

import json
from collections.abc import Sequence

from roleplay.engine._errors import ChoiceError
from roleplay.engine._runtime import Runner
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
    runner = Runner(scenario, mode=mode)
    for step, choice in enumerate(choices, start=1):
        runner.advance_to_decision()
        if runner.is_over:
            raise ChoiceError(f"decision {step}: the scenario already ended")
        try:
            if isinstance(choice, str):
                runner.choose_id(choice)
            else:
                runner.choose(choice - 1)
        except ChoiceError as error:
            raise ChoiceError(f"decision {step} at node '{runner.state.node}': {error}") from None
        if roundtrip:
            runner = _roundtrip(runner)
    runner.advance_to_decision()
    return runner


def _roundtrip(runner: Runner) -> Runner:
    from roleplay.engine._saves import adapt_state

    state = adapt_state(json.loads(json.dumps(runner.state.to_json())), runner.scenario)
    if state is None:
        raise ChoiceError(f"the state at node '{runner.state.node}' did not survive a save")
    return Runner(runner.scenario, state)
