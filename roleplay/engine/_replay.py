"""Replaying a list of choices from the start: playthrough files, saves-as-tests and tools.

Choices are choice ids (str) or 1-based numbers among the choices shown (int), as a player types
them in the text player. The loop itself is :func:`roleplay.engine._playback.play_choices`, which
``Runner.rewind_to`` uses too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from roleplay.engine._errors import ChoiceError
from roleplay.engine._playback import play_choices
from roleplay.engine._runtime import Runner
from roleplay.engine._saves import adapt_state
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import GameState, Mode


def replay(
    scenario: Scenario,
    choices: Sequence[str | int],
    *,
    mode: Mode = "practice",
    roundtrip: bool = False,
    settle: bool = True,
    seed: int | None = None,
    start: GameState | None = None,
) -> Runner:
    """A runner that has made ``choices`` from the start, stopped at the next decision or ending.

    Each choice is a choice id (str) or a 1-based number among the choices shown (int). With
    ``roundtrip`` the state goes through JSON and a fresh runner after every decision, as a save and
    load would. With ``settle=False`` the runner stays where the last choice led, before any
    ``next`` nodes (to show a node inside a ``next`` chain). Numbers count in the order ``seed``
    shows the choices (as written without a seed); ids do not depend on it. ``start`` is a state
    to begin from instead of the scenario's start (see :func:`roleplay.start_state`; its own
    seed then orders the choices). Raises :class:`ChoiceError` naming the decision that could
    not be made.
    """
    renew = _roundtrip if roundtrip else None
    runner = (
        Runner(scenario, mode=mode, seed=seed)
        if start is None
        else Runner(scenario, _begin(start, mode))
    )
    return play_choices(runner, choices, renew=renew, settle=settle)


def _begin(start: GameState, mode: Mode) -> GameState:
    """A copy of ``start`` in ``mode`` that rewinds to itself."""
    origin = start.copy()
    origin.origin = None
    origin.mode = mode
    state = origin.copy()
    state.origin = origin
    return state


def choice_numbers(
    scenario: Scenario, choices: Sequence[str | int], *, seed: int | None = None
) -> list[int]:
    """The 1-based numbers (as the text player shows them with ``seed``) of a run's choices.

    Raises :class:`ChoiceError` naming the decision that could not be made.
    """
    numbers: list[int] = []
    play_choices(Runner(scenario, seed=seed), choices, numbers=numbers)
    return numbers


def choice_ids(
    scenario: Scenario, choices: Sequence[str | int], *, seed: int | None = None
) -> list[str]:
    """The ids of a run's choices (given as ids or as numbers in the order ``seed`` shows).

    Raises :class:`ChoiceError` naming the decision that could not be made.
    """
    return [step.choice_id for step in replay(scenario, choices, seed=seed).state.history]


def _roundtrip(runner: Runner) -> Runner:
    """A fresh runner on the state after it went through JSON, as a save and load would."""
    state = adapt_state(json.loads(json.dumps(runner.state.to_json())), runner.scenario)
    if state is None:
        raise ChoiceError(f"the state at node '{runner.state.node}' did not survive a save")
    return Runner(runner.scenario, state)
